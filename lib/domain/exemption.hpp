// Exemptions (学时减免, docs/domain.md "Exemptions"): leave that excuses days from the yearly
// requirement. An exempt day counts as a day not on post (domain/requirement.hpp, ExemptDays).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"
#include "domain/id.hpp"
#include "domain/status.hpp"

namespace certhours {

enum class ExemptionReason { maternity, illness, secondment, study, other };
inline constexpr auto kExemptionReasons = names_of<ExemptionReason>({{ExemptionReason::maternity, "maternity", "产假"},
                                                                     {ExemptionReason::illness, "illness", "病假"},
                                                                     {ExemptionReason::secondment, "secondment", "借调挂职"},
                                                                     {ExemptionReason::study, "study", "脱产学习"},
                                                                     {ExemptionReason::other, "other", "其他"}});
inline const char* exemption_reason_key(ExemptionReason r) { return kExemptionReasons.key(r); }
inline std::optional<ExemptionReason> parse_exemption_reason(std::string_view s) { return kExemptionReasons.parse(s); }

struct ExemptionSpec {
  DateRange days;
  ExemptionReason reason_code = ExemptionReason::other;
  std::string reason;  // required for `other`, optional otherwise
};

struct Exemption {
  Id id = 0;
  Id officer_id = 0;
  ExemptionSpec spec;
  std::string created_by, at;  // username (or cli), RFC 3339
};

// The values of a new exemption (invalid, 422): `to` not before `from`
// (exemption_dates_reversed, field to), both in one calendar year (exemption_crosses_year,
// field to), a reason for `other` (required, field reason).
Status check_exemption(const ExemptionSpec& e);

// Against the record (conflict, 409): `from` in the current year or the previous one, since
// older years' compliance is on record (exemption_year_closed, field from); no overlap with
// another exemption of the officer (exemption_overlaps, naming it).
Status check_exemption_fits(const ExemptionSpec& e, int current_year, const std::vector<Exemption>& officer_exemptions);

// The days of the exemptions, for the requirement (ExemptDays).
std::vector<DateRange> exempt_days(const std::vector<Exemption>& exemptions);

}  // namespace certhours
