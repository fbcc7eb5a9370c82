// Every enum's one table of names: each value has one key, found again by parse(); keys are
// distinct; the labels people read are there; unknown words parse to nothing.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "domain/assessment.hpp"
#include "domain/certificate.hpp"
#include "domain/enum_names.hpp"
#include "domain/exit_review.hpp"
#include "domain/hours.hpp"
#include "domain/officer.hpp"
#include "domain/qualification.hpp"
#include "domain/requirement.hpp"
#include "domain/rotation.hpp"
#include "domain/training.hpp"

using namespace certhours;

namespace {
template <class E, std::size_t N>
void check_table(const EnumNames<E, N>& t, bool labelled) {
  std::set<std::string> keys, labels;
  for (const auto& n : t.names) {
    CAPTURE(n.key);
    CHECK(std::string(n.key) != "");
    CHECK(t.key(n.value) == std::string(n.key));
    CHECK(t.parse(n.key) == n.value);
    CHECK(keys.insert(n.key).second);  // one key per value
    if (labelled) {
      CHECK(std::string(t.label(n.value)) != "");
      CHECK(labels.insert(n.label).second);  // people can tell the values apart
    }
  }
  CHECK(t.keys().size() == N);
  CHECK_FALSE(t.parse("").has_value());
  CHECK_FALSE(t.parse("no_such_value").has_value());
  CHECK_FALSE(t.parse(std::string(t.names[0].key) + " ").has_value());  // exact words only
}
}  // namespace

TEST_CASE("every enum's table: keys round-trip, distinct, labelled where people read them") {
  check_table(kUnitLevels, false);
  check_table(kOfficerKinds, true);
  check_table(kOfficerStatuses, false);
  check_table(kRoles, true);
  check_table(kCertStateNames, true);
  check_table(kCertActions, true);
  check_table(kGrades, true);
  check_table(kCategoryNames, true);
  check_table(kProrations, false);
  check_table(kComplianceStatuses, true);
  check_table(kRotationStatuses, true);
  check_table(kTrainingModes, false);
  check_table(kExitReasons, false);
  check_table(kApplicationKinds, true);
  check_table(kApplicationStateNames, true);
  check_table(kApplicationActions, true);
  check_table(kCheckCodeNames, true);
}

TEST_CASE("the words the API and the database use stay as they were") {
  CHECK(std::string(role_key(Role::hr)) == "hr");
  CHECK(parse_role("officer") == Role::officer);
  CHECK(std::string(cert_state_key(CertState::cancelled)) == "cancelled");
  CHECK(std::string(cert_state_name(CertState::suspended)) == "暂扣");
  CHECK(std::string(cert_action_key(CertAction::restore)) == "restore");
  CHECK(std::string(kCertActions.label(CertAction::withdraw)) == "收回");
  CHECK(std::string(grade_key(Grade::basically_competent)) == "basically_competent");
  CHECK(std::string(grade_name(Grade::incompetent)) == "不称职");
  CHECK(std::string(category_key(Category::political)) == "political");
  CHECK(std::string(status_key(ComplianceStatus::in_progress)) == "in_progress");
  CHECK(std::string(kComplianceStatuses.label(ComplianceStatus::exempt)) == "免于考核");
  CHECK(std::string(rotation_status_key(RotationStatus::overdue)) == "overdue");
  CHECK(std::string(kOfficerKinds.label(OfficerKind::police)) == "人民警察");
  CHECK(parse_kind("police") == OfficerKind::police);
  CHECK(parse_officer_status("left") == OfficerStatus::left);
  CHECK(parse_level("department") == UnitLevel::department);
  CHECK(parse_proration("none") == Proration::none);
  CHECK(parse_mode("online") == TrainingMode::online);
  CHECK(std::string(exit_reason_key(ExitReason::incompetent)) == "incompetent");
}
