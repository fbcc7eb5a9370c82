#include "domain/exemption.hpp"

#include "domain/messages.hpp"

namespace certhours {

Status check_exemption(const ExemptionSpec& e) {
  if (e.days.to < e.days.from)
    return Status::invalid("to", rules::exemption_dates_reversed,
                           {{"from", format_date(e.days.from)}, {"to", format_date(e.days.to)}});
  if (year_of(e.days.to) != year_of(e.days.from))
    return Status::invalid("to", rules::exemption_crosses_year,
                           {{"from", format_date(e.days.from)}, {"to", format_date(e.days.to)}});
  if (e.reason_code == ExemptionReason::other && e.reason.empty()) return Status::invalid("reason", rules::required);
  return Status::ok();
}

Status check_exemption_fits(const ExemptionSpec& e, int current_year, const std::vector<Exemption>& officer_exemptions) {
  int year = year_of(e.days.from);
  if (year < current_year - 1 || year > current_year)
    return Status::conflict(rules::exemption_year_closed,
                            {{"year", std::to_string(year)},
                             {"current", std::to_string(current_year)},
                             {"previous", std::to_string(current_year - 1)}},
                            "from");
  for (const Exemption& other : officer_exemptions)
    if (other.spec.days.overlaps(e.days))
      return Status::conflict(rules::exemption_overlaps,
                              {{"id", std::to_string(other.id)},
                               {"from", format_date(other.spec.days.from)},
                               {"to", format_date(other.spec.days.to)}},
                              "from");
  return Status::ok();
}

std::vector<DateRange> exempt_days(const std::vector<Exemption>& exemptions) {
  std::vector<DateRange> out;
  out.reserve(exemptions.size());
  for (const Exemption& e : exemptions) out.push_back(e.spec.days);
  return out;
}

}  // namespace certhours
