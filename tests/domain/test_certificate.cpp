// Enforcement certificates (行政执法证): the state machine, the state on any date, the
// checks on actions and issues, and eligibility to enforce independently
// (docs/domain.md "Enforcement certificates").
#include <doctest/doctest.h>

#include "../common/domain_values.hpp"

#include <optional>
#include <string>
#include <vector>

#include "domain/certificate.hpp"
#include "domain/officer.hpp"

using namespace certhours;
using certhours::testdata::D;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

bool has_code(const Eligibility& e, const std::string& code) {
  for (const auto& c : e.reason_codes)
    if (c == code) return true;
  return false;
}

std::string all_reasons(const Eligibility& e) {
  std::string out;
  for (const auto& r : e.reasons) out += r.text(Lang::en) + "\n" + r.text(Lang::zh) + "\n";
  return out;
}

// A certificate issued on `issued` (expiring by default five years less a day later), with
// its issue event and nothing else.
Certificate issued(const char* number, const char* issued_on, std::optional<const char*> expires_on = std::nullopt) {
  Certificate c;
  c.id = 1;
  c.officer_id = 7;
  c.number = number;
  c.issued_on = D(issued_on);
  c.expires_on = expires_on ? D(*expires_on) : default_expiry(c.issued_on);
  CertEvent e;
  e.action = CertAction::issue;
  e.effective_on = c.issued_on;
  e.actor = "admin";
  e.at = std::string(issued_on) + "T09:00:00+08:00";
  c.events.push_back(e);
  return c;
}

// Appends an event by hand, without checking it.
void append(Certificate& c, CertAction a, const char* on, std::string reason = "",
            std::optional<const char*> until = std::nullopt) {
  CertEvent e;
  e.action = a;
  e.effective_on = D(on);
  e.reason = std::move(reason);
  if (until) e.until = D(*until);
  e.actor = "admin";
  e.at = std::string(on) + "T10:00:00+08:00";
  c.events.push_back(e);
}

// Appends an event only after check_action accepted it.
void apply(Certificate& c, CertAction a, const char* on, std::string reason = "",
           std::optional<const char*> until = std::nullopt) {
  std::optional<Date> u;
  if (until) u = D(*until);
  Status s = check_action(c, a, D(on), reason, u);
  REQUIRE_MESSAGE(s.is_ok(), cert_action_key(a), " on ", on, ": ", s.message());
  append(c, a, on, std::move(reason), until);
}

Officer enforcement_officer(const char* post_start = "2020-01-01", std::optional<const char*> post_end = std::nullopt) {
  Officer o;
  o.id = 7;
  o.name = "张三";
  o.unit_id = 1;
  o.kind = OfficerKind::enforcement;
  o.status = OfficerStatus::active;
  o.post_start = D(post_start);
  if (post_end) o.post_end = D(*post_end);
  return o;
}

Officer police_officer() {
  Officer o = enforcement_officer();
  o.kind = OfficerKind::police;
  return o;
}

// A certificate in each state on kProbe (2024-06-01).
const char* const kProbe = "2024-06-01";

Certificate in_state(CertState s) {
  switch (s) {
    case CertState::valid: return issued("QZ-VALID", "2023-01-01");
    case CertState::suspended: {
      Certificate c = issued("QZ-SUSP", "2023-01-01");
      append(c, CertAction::suspend, "2024-03-01", "under investigation");
      return c;
    }
    case CertState::withdrawn: {
      Certificate c = issued("QZ-WITHDRAWN", "2023-01-01");
      append(c, CertAction::withdraw, "2024-03-01", "left enforcement duties");
      return c;
    }
    case CertState::cancelled: {
      Certificate c = issued("QZ-CANCELLED", "2023-01-01");
      append(c, CertAction::cancel, "2024-03-01", "serious misconduct");
      return c;
    }
    case CertState::expired: return issued("QZ-EXPIRED", "2019-01-01");  // expires 2023-12-31
  }
  return {};
}

const CertState kStates[] = {CertState::valid, CertState::suspended, CertState::withdrawn, CertState::cancelled,
                             CertState::expired};
const CertAction kActions[] = {CertAction::suspend, CertAction::restore, CertAction::withdraw, CertAction::cancel};

// The transition table of docs/domain.md, with expired allowing only cancel.
bool allowed(CertState from, CertAction a) {
  switch (a) {
    case CertAction::suspend: return from == CertState::valid;
    case CertAction::restore: return from == CertState::suspended;
    case CertAction::withdraw: return from == CertState::valid || from == CertState::suspended;
    case CertAction::cancel:
      return from == CertState::valid || from == CertState::suspended || from == CertState::withdrawn ||
             from == CertState::expired;
    case CertAction::issue: return false;
  }
  return false;
}

std::optional<CertState> target(CertAction a) {
  switch (a) {
    case CertAction::suspend: return CertState::suspended;
    case CertAction::restore: return CertState::valid;
    case CertAction::withdraw: return CertState::withdrawn;
    case CertAction::cancel: return CertState::cancelled;
    case CertAction::issue: return CertState::valid;
  }
  return std::nullopt;
}

std::string reason_for(CertAction a) { return a == CertAction::restore ? "" : "a reason"; }
}  // namespace

// ---------------------------------------------------------------------------------------
// Keys and names

TEST_CASE("certificate states and actions have stable keys and Chinese names") {
  CHECK(std::string(cert_state_key(CertState::valid)) == "valid");
  CHECK(std::string(cert_state_key(CertState::suspended)) == "suspended");
  CHECK(std::string(cert_state_key(CertState::withdrawn)) == "withdrawn");
  CHECK(std::string(cert_state_key(CertState::cancelled)) == "cancelled");
  CHECK(std::string(cert_state_key(CertState::expired)) == "expired");
  CHECK(std::string(cert_state_name(CertState::valid)) == "有效");
  CHECK(std::string(cert_state_name(CertState::suspended)) == "暂扣");
  CHECK(std::string(cert_state_name(CertState::withdrawn)) == "收回");
  CHECK(std::string(cert_state_name(CertState::cancelled)) == "注销");
  CHECK(std::string(cert_state_name(CertState::expired)) == "过期");
  for (CertAction a : {CertAction::issue, CertAction::suspend, CertAction::restore, CertAction::withdraw,
                       CertAction::cancel}) {
    CAPTURE(cert_action_key(a));
    CHECK(parse_cert_action(cert_action_key(a)) == a);
  }
  CHECK_FALSE(parse_cert_action("").has_value());
  CHECK_FALSE(parse_cert_action("Suspend").has_value());
  CHECK_FALSE(parse_cert_action("revoke").has_value());
}

// ---------------------------------------------------------------------------------------
// The transition table

TEST_CASE("the certificate fixtures are in the state they claim on the probe day") {
  for (CertState s : kStates) {
    CAPTURE(cert_state_key(s));
    CHECK(state_on(in_state(s), D(kProbe)) == s);
  }
}

TEST_CASE("every certificate transition cell is allowed or refused as the table says") {
  int allowed_cells = 0, refused_cells = 0;
  for (CertState from : kStates) {
    for (CertAction a : kActions) {
      Certificate c = in_state(from);
      CAPTURE(cert_state_key(from));
      CAPTURE(cert_action_key(a));
      Status s = check_action(c, a, D(kProbe), reason_for(a), std::nullopt);
      if (allowed(from, a)) {
        ++allowed_cells;
        CHECK(s.is_ok());
        // And once recorded, the certificate is in the target state from that day.
        append(c, a, kProbe, reason_for(a));
        CHECK(state_on(c, D(kProbe)) == target(a));
      } else {
        ++refused_cells;
        CHECK(s.code() == Status::Code::conflict);
        CHECK(contains(s.message(), cert_state_key(from)));
        CHECK(contains(s.message(), cert_action_key(a)));
        // The state it would have gone to is named too ("names both states").
        CHECK(contains(s.message(), cert_state_key(*target(a))));
        CHECK(contains(s.message(), c.number));
        CHECK(contains(s.message(), kProbe));
      }
    }
  }
  CHECK(allowed_cells == 8);
  CHECK(refused_cells == 12);
}

TEST_CASE("a valid certificate may be suspended, withdrawn or cancelled, but not restored") {
  Certificate c = in_state(CertState::valid);
  CHECK(check_action(c, CertAction::suspend, D(kProbe), "r", std::nullopt).is_ok());
  CHECK(check_action(c, CertAction::suspend, D(kProbe), "r", D("2024-06-30")).is_ok());
  CHECK(check_action(c, CertAction::withdraw, D(kProbe), "r", std::nullopt).is_ok());
  CHECK(check_action(c, CertAction::cancel, D(kProbe), "r", std::nullopt).is_ok());
  Status s = check_action(c, CertAction::restore, D(kProbe), "", std::nullopt);
  CHECK(s.code() == Status::Code::conflict);
  CHECK(s.field() == "action");
  CHECK(contains(s.message(), "valid"));
  CHECK(contains(s.message(), "restore"));
}

TEST_CASE("a suspended certificate may be restored, withdrawn or cancelled, but not suspended again") {
  Certificate c = in_state(CertState::suspended);
  CHECK(check_action(c, CertAction::restore, D(kProbe), "", std::nullopt).is_ok());
  CHECK(check_action(c, CertAction::restore, D(kProbe), "investigation closed", std::nullopt).is_ok());
  CHECK(check_action(c, CertAction::withdraw, D(kProbe), "r", std::nullopt).is_ok());
  CHECK(check_action(c, CertAction::cancel, D(kProbe), "r", std::nullopt).is_ok());
  Status s = check_action(c, CertAction::suspend, D(kProbe), "r", std::nullopt);
  CHECK(s.code() == Status::Code::conflict);
  CHECK(contains(s.message(), "suspended"));
  CHECK(contains(s.message(), "suspend"));
}

TEST_CASE("a withdrawn certificate may only be cancelled, never restored") {
  Certificate c = in_state(CertState::withdrawn);
  CHECK(check_action(c, CertAction::cancel, D(kProbe), "r", std::nullopt).is_ok());
  for (CertAction a : {CertAction::suspend, CertAction::restore, CertAction::withdraw}) {
    CAPTURE(cert_action_key(a));
    Status s = check_action(c, a, D(kProbe), reason_for(a), std::nullopt);
    CHECK(s.code() == Status::Code::conflict);
    CHECK(contains(s.message(), "withdrawn"));
    CHECK(contains(s.message(), cert_action_key(a)));
  }
}

TEST_CASE("a cancelled certificate is final: every action is refused") {
  Certificate c = in_state(CertState::cancelled);
  for (CertAction a : kActions) {
    CAPTURE(cert_action_key(a));
    Status s = check_action(c, a, D(kProbe), reason_for(a), std::nullopt);
    CHECK(s.code() == Status::Code::conflict);
    CHECK(contains(s.message(), "cancelled"));
    CHECK(contains(s.message(), cert_action_key(a)));
  }
  // Still final years later.
  for (CertAction a : kActions) CHECK_FALSE(check_action(c, a, D("2035-01-01"), reason_for(a), std::nullopt).is_ok());
}

TEST_CASE("an expired certificate may only be cancelled") {
  Certificate c = in_state(CertState::expired);
  CHECK(check_action(c, CertAction::cancel, D(kProbe), "expired, not renewed", std::nullopt).is_ok());
  for (CertAction a : {CertAction::suspend, CertAction::restore, CertAction::withdraw}) {
    CAPTURE(cert_action_key(a));
    Status s = check_action(c, a, D(kProbe), reason_for(a), std::nullopt);
    CHECK(s.code() == Status::Code::conflict);
    CHECK(contains(s.message(), "expired"));
    CHECK(contains(s.message(), cert_action_key(a)));
  }
  apply(c, CertAction::cancel, kProbe, "expired, not renewed");
  CHECK(state_on(c, D(kProbe)) == CertState::cancelled);
  CHECK(state_on(c, D("2024-05-31")) == CertState::expired);
}

TEST_CASE("issue is not an action on an existing certificate (invalid, in any state)") {
  for (CertState from : kStates) {
    CAPTURE(cert_state_key(from));
    Status s = check_action(in_state(from), CertAction::issue, D(kProbe), "a reason", std::nullopt);
    CHECK(s.code() == Status::Code::invalid);
    CHECK(s.field() == "action");
  }
}

// ---------------------------------------------------------------------------------------
// Reasons, until and dates of actions

TEST_CASE("a certificate suspension, withdrawal or cancellation requires a reason") {
  Certificate c = in_state(CertState::valid);
  for (CertAction a : {CertAction::suspend, CertAction::withdraw, CertAction::cancel}) {
    CAPTURE(cert_action_key(a));
    Status s = check_action(c, a, D(kProbe), "", std::nullopt);
    CHECK(s.code() == Status::Code::invalid);
    CHECK(s.field() == "reason");
    CHECK(contains(s.message(), cert_action_key(a)));
    CHECK(check_action(c, a, D(kProbe), "一个理由", std::nullopt).is_ok());
  }
}

TEST_CASE("a certificate restore needs no reason, but may have one") {
  Certificate c = in_state(CertState::suspended);
  CHECK(check_action(c, CertAction::restore, D(kProbe), "", std::nullopt).is_ok());
  CHECK(check_action(c, CertAction::restore, D(kProbe), "cleared", std::nullopt).is_ok());
}

TEST_CASE("until applies only to a certificate suspension") {
  Certificate valid = in_state(CertState::valid);
  Certificate suspended = in_state(CertState::suspended);
  CHECK(check_action(valid, CertAction::suspend, D(kProbe), "r", D("2024-06-30")).is_ok());
  for (CertAction a : {CertAction::withdraw, CertAction::cancel}) {
    CAPTURE(cert_action_key(a));
    Status s = check_action(valid, a, D(kProbe), "r", D("2024-06-30"));
    CHECK(s.code() == Status::Code::invalid);
    CHECK(s.field() == "until");
  }
  Status s = check_action(suspended, CertAction::restore, D(kProbe), "", D("2024-06-30"));
  CHECK(s.code() == Status::Code::invalid);
  CHECK(s.field() == "until");
}

TEST_CASE("a certificate suspension's until may not be before its effective_on") {
  Certificate c = in_state(CertState::valid);
  Status s = check_action(c, CertAction::suspend, D(kProbe), "r", D("2024-05-31"));
  CHECK(s.code() == Status::Code::invalid);  // a reversed range is a wrong value (422), not a state
  CHECK(s.field() == "until");
  CHECK(contains(s.message(), "2024-05-31"));
  CHECK(contains(s.message(), kProbe));
  // until == effective_on is a one-day suspension.
  CHECK(check_action(c, CertAction::suspend, D(kProbe), "r", D(kProbe)).is_ok());
}

TEST_CASE("a certificate action may not take effect before the issue date") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  for (CertAction a : {CertAction::suspend, CertAction::withdraw, CertAction::cancel}) {
    CAPTURE(cert_action_key(a));
    Status s = check_action(c, a, D("2022-12-31"), "r", std::nullopt);
    CHECK(s.code() == Status::Code::conflict);
    CHECK(s.field() == "effective_on");
    CHECK(contains(s.message(), "2022-12-31"));
    CHECK(contains(s.message(), "2023-01-01"));
    // On the issue day itself it is allowed.
    CHECK(check_action(c, a, D("2023-01-01"), "r", std::nullopt).is_ok());
  }
}

TEST_CASE("certificate events are recorded in date order: none before the latest event") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-03-01", "investigation");
  Status s = check_action(c, CertAction::restore, D("2024-02-29"), "", std::nullopt);
  CHECK(s.code() == Status::Code::conflict);
  CHECK(s.field() == "effective_on");
  CHECK(contains(s.message(), "2024-02-29"));
  CHECK(contains(s.message(), "2024-03-01"));
  CHECK(contains(s.message(), "suspend"));
  // Even an action the state would allow on that earlier day (the certificate was valid).
  Status w = check_action(c, CertAction::withdraw, D("2024-02-01"), "r", std::nullopt);
  CHECK(w.code() == Status::Code::conflict);
  CHECK(w.field() == "effective_on");
  CHECK(check_action(c, CertAction::restore, D("2024-03-02"), "", std::nullopt).is_ok());
}

TEST_CASE("certificate events on the same day are allowed and apply in order") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2023-01-01", "issued in error, pending review");  // on the issue day
  CHECK(state_on(c, D("2023-01-01")) == CertState::suspended);
  apply(c, CertAction::restore, "2023-01-01");
  CHECK(state_on(c, D("2023-01-01")) == CertState::valid);
  apply(c, CertAction::suspend, "2023-01-01", "again");
  apply(c, CertAction::withdraw, "2023-01-01", "withdrawn");
  apply(c, CertAction::cancel, "2023-01-01", "cancelled");
  CHECK(state_on(c, D("2023-01-01")) == CertState::cancelled);
  CHECK(state_on(c, D("2023-01-02")) == CertState::cancelled);
  CHECK(check_action(c, CertAction::cancel, D("2023-01-01"), "r", std::nullopt).code() == Status::Code::conflict);
}

// ---------------------------------------------------------------------------------------
// The state on any date

TEST_CASE("a certificate's state on the day before, on and after each event") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-03-01", "under investigation", "2024-03-31");
  apply(c, CertAction::restore, "2024-03-15", "investigation closed early");
  apply(c, CertAction::withdraw, "2024-06-01", "transferred to a non-enforcement post");
  apply(c, CertAction::cancel, "2024-09-01", "retired");

  CHECK_FALSE(state_on(c, D("2022-12-31")).has_value());  // before issue
  CHECK_FALSE(state_on(c, D("1990-01-01")).has_value());
  CHECK(state_on(c, D("2023-01-01")) == CertState::valid);  // issue
  CHECK(state_on(c, D("2023-01-02")) == CertState::valid);

  CHECK(state_on(c, D("2024-02-29")) == CertState::valid);  // suspend
  CHECK(state_on(c, D("2024-03-01")) == CertState::suspended);
  CHECK(state_on(c, D("2024-03-02")) == CertState::suspended);

  CHECK(state_on(c, D("2024-03-14")) == CertState::suspended);  // restore, early
  CHECK(state_on(c, D("2024-03-15")) == CertState::valid);
  CHECK(state_on(c, D("2024-03-16")) == CertState::valid);
  CHECK(state_on(c, D("2024-03-31")) == CertState::valid);  // the until no longer matters
  CHECK(state_on(c, D("2024-04-01")) == CertState::valid);

  CHECK(state_on(c, D("2024-05-31")) == CertState::valid);  // withdraw
  CHECK(state_on(c, D("2024-06-01")) == CertState::withdrawn);
  CHECK(state_on(c, D("2024-06-02")) == CertState::withdrawn);

  CHECK(state_on(c, D("2024-08-31")) == CertState::withdrawn);  // cancel
  CHECK(state_on(c, D("2024-09-01")) == CertState::cancelled);
  CHECK(state_on(c, D("2024-09-02")) == CertState::cancelled);

  // Cancelled is final, also past the expiry date.
  CHECK(state_on(c, D("2027-12-31")) == CertState::cancelled);
  CHECK(state_on(c, D("2030-01-01")) == CertState::cancelled);
}

TEST_CASE("the last certificate event on a day is the latest one effective up to it") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-03-01", "under investigation", "2024-03-31");
  apply(c, CertAction::restore, "2024-03-15");
  apply(c, CertAction::withdraw, "2024-06-01", "transferred");
  CHECK_FALSE(last_event_on(c, D("2022-12-31")).has_value());
  REQUIRE(last_event_on(c, D("2023-06-01")).has_value());
  CHECK(last_event_on(c, D("2023-06-01"))->action == CertAction::issue);
  CHECK(last_event_on(c, D("2024-03-01"))->action == CertAction::suspend);
  CHECK(last_event_on(c, D("2024-03-14"))->action == CertAction::suspend);
  CHECK(last_event_on(c, D("2024-03-15"))->action == CertAction::restore);
  auto w = last_event_on(c, D("2025-01-01"));
  REQUIRE(w.has_value());
  CHECK(w->action == CertAction::withdraw);
  CHECK(w->effective_on == D("2024-06-01"));
  CHECK(w->reason == "transferred");
}

TEST_CASE("a certificate suspension with until is suspended on its until day and valid the next without a restore") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-03-01", "under investigation", "2024-03-31");
  CHECK(state_on(c, D("2024-02-29")) == CertState::valid);
  CHECK(state_on(c, D("2024-03-01")) == CertState::suspended);
  CHECK(state_on(c, D("2024-03-30")) == CertState::suspended);
  CHECK(state_on(c, D("2024-03-31")) == CertState::suspended);
  CHECK(state_on(c, D("2024-04-01")) == CertState::valid);
  CHECK(state_on(c, D("2025-01-01")) == CertState::valid);

  auto sus = suspension_on(c, D("2024-03-31"));
  REQUIRE(sus.has_value());
  CHECK(sus->since == D("2024-03-01"));
  REQUIRE(sus->until.has_value());
  CHECK(*sus->until == D("2024-03-31"));
  CHECK(sus->reason == "under investigation");
  CHECK_FALSE(suspension_on(c, D("2024-04-01")).has_value());
  CHECK_FALSE(suspension_on(c, D("2024-02-29")).has_value());
}

TEST_CASE("a certificate suspension without until lasts until a restore") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-03-01", "open-ended");
  CHECK(state_on(c, D("2024-12-31")) == CertState::suspended);
  auto sus = suspension_on(c, D("2024-12-31"));
  REQUIRE(sus.has_value());
  CHECK(sus->since == D("2024-03-01"));
  CHECK_FALSE(sus->until.has_value());
  apply(c, CertAction::restore, "2025-01-01");
  CHECK(state_on(c, D("2024-12-31")) == CertState::suspended);
  CHECK(state_on(c, D("2025-01-01")) == CertState::valid);
}

TEST_CASE("a one-day certificate suspension (until == effective_on) ends the next day") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-03-01", "one day", "2024-03-01");
  CHECK(state_on(c, D("2024-02-29")) == CertState::valid);
  CHECK(state_on(c, D("2024-03-01")) == CertState::suspended);
  CHECK(state_on(c, D("2024-03-02")) == CertState::valid);
}

TEST_CASE("a certificate restore before until ends the suspension early; on the until day too") {
  Certificate early = issued("QZ-2023-000001", "2023-01-01");
  apply(early, CertAction::suspend, "2024-03-01", "r", "2024-03-31");
  apply(early, CertAction::restore, "2024-03-10");
  CHECK(state_on(early, D("2024-03-09")) == CertState::suspended);
  CHECK(state_on(early, D("2024-03-10")) == CertState::valid);
  CHECK(state_on(early, D("2024-03-20")) == CertState::valid);
  CHECK_FALSE(suspension_on(early, D("2024-03-20")).has_value());

  Certificate last_day = issued("QZ-2023-000002", "2023-01-01");
  apply(last_day, CertAction::suspend, "2024-03-01", "r", "2024-03-31");
  CHECK(check_action(last_day, CertAction::restore, D("2024-03-31"), "", std::nullopt).is_ok());
}

TEST_CASE("a certificate restore after the suspension's until has passed is refused: it is already valid") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-03-01", "r", "2024-03-31");
  for (const char* day : {"2024-04-01", "2024-05-15"}) {
    CAPTURE(day);
    Status s = check_action(c, CertAction::restore, D(day), "", std::nullopt);
    CHECK(s.code() == Status::Code::conflict);
    CHECK(contains(s.message(), "valid"));
    CHECK(contains(s.message(), "restore"));
  }
}

TEST_CASE("a certificate withdrawal during a lapsed suspension works from valid") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-03-01", "r", "2024-03-31");
  apply(c, CertAction::withdraw, "2024-04-10", "transferred");
  CHECK(state_on(c, D("2024-03-31")) == CertState::suspended);
  CHECK(state_on(c, D("2024-04-05")) == CertState::valid);
  CHECK(state_on(c, D("2024-04-09")) == CertState::valid);
  CHECK(state_on(c, D("2024-04-10")) == CertState::withdrawn);
  CHECK(state_on(c, D("2025-01-01")) == CertState::withdrawn);
}

TEST_CASE("a certificate withdrawn during its suspension is not valid again after until") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-03-01", "r", "2024-03-31");
  apply(c, CertAction::withdraw, "2024-03-15", "withdrawn meanwhile");
  CHECK(state_on(c, D("2024-03-15")) == CertState::withdrawn);
  CHECK(state_on(c, D("2024-03-31")) == CertState::withdrawn);
  CHECK(state_on(c, D("2024-04-01")) == CertState::withdrawn);
  CHECK(state_on(c, D("2025-04-01")) == CertState::withdrawn);
  CHECK(check_action(c, CertAction::restore, D("2024-04-01"), "", std::nullopt).code() == Status::Code::conflict);

  Certificate k = issued("QZ-2023-000002", "2023-01-01");
  apply(k, CertAction::suspend, "2024-03-01", "r", "2024-03-31");
  apply(k, CertAction::cancel, "2024-03-15", "cancelled meanwhile");
  CHECK(state_on(k, D("2024-04-01")) == CertState::cancelled);
}

TEST_CASE("a certificate may be suspended again after a lapsed suspension") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-03-01", "first", "2024-03-31");
  apply(c, CertAction::suspend, "2024-05-01", "second", "2024-05-10");
  CHECK(state_on(c, D("2024-04-15")) == CertState::valid);
  CHECK(state_on(c, D("2024-05-05")) == CertState::suspended);
  auto sus = suspension_on(c, D("2024-05-05"));
  REQUIRE(sus.has_value());
  CHECK(sus->since == D("2024-05-01"));
  CHECK(sus->reason == "second");
  CHECK(state_on(c, D("2024-05-11")) == CertState::valid);
}

// ---------------------------------------------------------------------------------------
// Expiry

TEST_CASE("a certificate's default expiry is five years less a day after issue") {
  CHECK(default_expiry(D("2023-01-01")) == D("2027-12-31"));
  CHECK(default_expiry(D("2024-06-15")) == D("2029-06-14"));
  CHECK(default_expiry(D("2024-12-31")) == D("2029-12-30"));
  CHECK(default_expiry(D("2023-03-01")) == D("2028-02-29"));  // the day before lands in a leap February
  CHECK(default_expiry(D("2024-03-01")) == D("2029-02-28"));
}

TEST_CASE("a certificate issued on 29 February expires on 28 February five years later") {
  CHECK(default_expiry(D("2024-02-29")) == D("2029-02-28"));
  CHECK(default_expiry(D("2028-02-29")) == D("2033-02-28"));
}

TEST_CASE("a certificate is valid on its expires_on and expired the day after") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  REQUIRE(c.expires_on == D("2027-12-31"));
  CHECK(state_on(c, D("2027-12-30")) == CertState::valid);
  CHECK(state_on(c, D("2027-12-31")) == CertState::valid);
  CHECK(state_on(c, D("2028-01-01")) == CertState::expired);
  CHECK(state_on(c, D("2040-01-01")) == CertState::expired);
}

TEST_CASE("a certificate with an explicit expires_on follows it, not the default") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01", "2024-06-30");
  CHECK(state_on(c, D("2024-06-30")) == CertState::valid);
  CHECK(state_on(c, D("2024-07-01")) == CertState::expired);
  Certificate one_day = issued("QZ-2023-000002", "2023-01-01", "2023-01-01");
  CHECK(state_on(one_day, D("2023-01-01")) == CertState::valid);
  CHECK(state_on(one_day, D("2023-01-02")) == CertState::expired);
}

TEST_CASE("a suspended certificate past its expires_on is expired") {
  Certificate open = issued("QZ-2023-000001", "2023-01-01");
  apply(open, CertAction::suspend, "2027-06-01", "open-ended");
  CHECK(state_on(open, D("2027-12-31")) == CertState::suspended);
  CHECK(state_on(open, D("2028-01-01")) == CertState::expired);
  CHECK_FALSE(suspension_on(open, D("2028-01-01")).has_value());

  Certificate until = issued("QZ-2023-000002", "2023-01-01");
  apply(until, CertAction::suspend, "2027-12-01", "until beyond expiry", "2028-03-31");
  CHECK(state_on(until, D("2027-12-31")) == CertState::suspended);
  CHECK(state_on(until, D("2028-01-01")) == CertState::expired);
  CHECK(state_on(until, D("2028-04-01")) == CertState::expired);  // the lapse does not revive it
}

TEST_CASE("an expired certificate (also one expired while suspended) may only be cancelled") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2027-06-01", "open-ended");
  Date after = D("2028-02-01");
  CHECK(check_action(c, CertAction::restore, after, "", std::nullopt).code() == Status::Code::conflict);
  CHECK(check_action(c, CertAction::withdraw, after, "r", std::nullopt).code() == Status::Code::conflict);
  CHECK(check_action(c, CertAction::suspend, after, "r", std::nullopt).code() == Status::Code::conflict);
  CHECK(check_action(c, CertAction::cancel, after, "r", std::nullopt).is_ok());
  // On its expires_on it is still suspended, and may be restored.
  CHECK(check_action(c, CertAction::restore, D("2027-12-31"), "", std::nullopt).is_ok());
}

TEST_CASE("a withdrawn or cancelled certificate is never valid again, also past expiry") {
  for (CertState s : {CertState::withdrawn, CertState::cancelled}) {
    CAPTURE(cert_state_key(s));
    Certificate c = in_state(s);
    for (const char* day : {"2024-03-01", "2027-12-31", "2028-01-01", "2035-06-01"}) {
      CAPTURE(day);
      auto st = state_on(c, D(day));
      REQUIRE(st.has_value());
      CHECK(*st != CertState::valid);
      CHECK(*st != CertState::suspended);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Issuing

TEST_CASE("a certificate is issued to an active enforcement officer with no other certificate") {
  CHECK(check_issue(enforcement_officer(), {}, D("2024-01-01"), std::nullopt).is_ok());
  CHECK(check_issue(enforcement_officer(), {}, D("2024-01-01"), D("2028-12-31")).is_ok());
  CHECK(check_issue(enforcement_officer(), {}, D("2024-01-01"), D("2024-01-01")).is_ok());
}

TEST_CASE("no certificate is issued to a police officer (人民警察法)") {
  Status s = check_issue(police_officer(), {}, D("2024-01-01"), std::nullopt);
  CHECK(s.code() == Status::Code::conflict);
  CHECK(contains(s.message(), "人民警察法"));
}

TEST_CASE("no certificate is issued to an officer who has left") {
  Officer o = enforcement_officer("2020-01-01", "2023-12-31");
  o.status = OfficerStatus::left;
  Status s = check_issue(o, {}, D("2024-01-01"), std::nullopt);
  CHECK(s.code() == Status::Code::conflict);
  CHECK(contains(s.message(), "left"));
}

TEST_CASE("no second certificate is issued while another is valid or suspended on the new issue date") {
  Officer o = enforcement_officer();
  Certificate valid = issued("QZ-2023-000001", "2023-01-01");
  Status s = check_issue(o, {valid}, D("2024-06-01"), std::nullopt);
  CHECK(s.code() == Status::Code::conflict);
  CHECK(contains(s.message(), "QZ-2023-000001"));
  CHECK(contains(s.message(), "valid"));

  Certificate suspended = issued("QZ-2023-000002", "2023-01-01");
  apply(suspended, CertAction::suspend, "2024-03-01", "r");
  Status t = check_issue(o, {suspended}, D("2024-06-01"), std::nullopt);
  CHECK(t.code() == Status::Code::conflict);
  CHECK(contains(t.message(), "QZ-2023-000002"));
  CHECK(contains(t.message(), "suspended"));

  // On the other's issue day and on its expires_on it blocks too.
  CHECK(check_issue(o, {valid}, D("2023-01-01"), std::nullopt).code() == Status::Code::conflict);
  CHECK(check_issue(o, {valid}, D("2027-12-31"), std::nullopt).code() == Status::Code::conflict);
  // A suspension that has lapsed leaves it valid: it still blocks.
  Certificate lapsed = issued("QZ-2023-000003", "2023-01-01");
  apply(lapsed, CertAction::suspend, "2024-03-01", "r", "2024-03-31");
  CHECK(check_issue(o, {lapsed}, D("2024-04-01"), std::nullopt).code() == Status::Code::conflict);
  // One blocking certificate among harmless ones is enough.
  CHECK(check_issue(o, {in_state(CertState::withdrawn), valid}, D(kProbe), std::nullopt).code() ==
        Status::Code::conflict);
}

TEST_CASE("a withdrawn, cancelled or expired earlier certificate does not block a new one") {
  Officer o = enforcement_officer();
  for (CertState s : {CertState::withdrawn, CertState::cancelled, CertState::expired}) {
    CAPTURE(cert_state_key(s));
    CHECK(check_issue(o, {in_state(s)}, D(kProbe), std::nullopt).is_ok());
  }
  CHECK(check_issue(o, {in_state(CertState::withdrawn), in_state(CertState::cancelled), in_state(CertState::expired)},
                    D(kProbe), std::nullopt)
            .is_ok());
  // The day after the other's expires_on (renewal).
  CHECK(check_issue(o, {issued("QZ-2023-000001", "2023-01-01")}, D("2028-01-01"), std::nullopt).is_ok());
}

TEST_CASE("a certificate's expires_on may not be before its issued_on") {
  Status s = check_issue(enforcement_officer(), {}, D("2024-01-01"), D("2023-12-31"));
  CHECK(s.code() == Status::Code::invalid);
  CHECK(s.field() == "expires_on");
  CHECK(contains(s.message(), "2023-12-31"));
  CHECK(contains(s.message(), "2024-01-01"));
}

// ---------------------------------------------------------------------------------------
// May the officer enforce independently on a day?

TEST_CASE("an enforcement officer on post with a valid certificate can enforce (certificate_valid)") {
  Officer o = enforcement_officer();
  Certificate c = issued("QZ-2024-000123", "2023-01-01");
  Eligibility e = eligibility_on(o, {c}, D(kProbe));
  CHECK(e.can_enforce);
  REQUIRE(e.certificate_number.has_value());
  CHECK(*e.certificate_number == "QZ-2024-000123");
  CHECK(has_code(e, "certificate_valid"));
  CHECK(e.reason_codes.size() == 1);
  CHECK(e.reasons.size() == e.reason_codes.size());
  CHECK(contains(all_reasons(e), "QZ-2024-000123"));
  CHECK(contains(all_reasons(e), kProbe));
}

TEST_CASE("certificate eligibility: valid on the issue day and on expires_on, not the day after") {
  Officer o = enforcement_officer();
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  CHECK_FALSE(eligibility_on(o, {c}, D("2022-12-31")).can_enforce);
  CHECK(eligibility_on(o, {c}, D("2023-01-01")).can_enforce);
  CHECK(eligibility_on(o, {c}, D("2027-12-31")).can_enforce);
  Eligibility after = eligibility_on(o, {c}, D("2028-01-01"));
  CHECK_FALSE(after.can_enforce);
  CHECK(has_code(after, "expired"));
}

TEST_CASE("certificate eligibility: not on post before post_start, even with a valid certificate") {
  Officer o = enforcement_officer("2024-07-01");
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  Eligibility e = eligibility_on(o, {c}, D(kProbe));
  CHECK_FALSE(e.can_enforce);
  CHECK(has_code(e, "not_on_post"));
  CHECK(has_code(e, "certificate_valid"));  // the certificate itself is fine
  CHECK(contains(all_reasons(e), "2024-07-01"));
  CHECK(e.reasons.size() == e.reason_codes.size());
  // From post_start on, the officer can.
  CHECK(eligibility_on(o, {c}, D("2024-07-01")).can_enforce);
}

TEST_CASE("certificate eligibility: not on post after post_end, even with a valid certificate") {
  Officer o = enforcement_officer("2020-01-01", "2024-05-31");
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  CHECK(eligibility_on(o, {c}, D("2024-05-31")).can_enforce);  // the last day on post
  Eligibility e = eligibility_on(o, {c}, D(kProbe));
  CHECK_FALSE(e.can_enforce);
  CHECK(has_code(e, "not_on_post"));
  CHECK(contains(all_reasons(e), "2024-05-31"));
}

TEST_CASE("certificate eligibility: a police officer cannot enforce under this system") {
  Eligibility none = eligibility_on(police_officer(), {}, D(kProbe));
  CHECK_FALSE(none.can_enforce);
  CHECK(has_code(none, "police"));
  CHECK(contains(all_reasons(none), "人民警察法"));
  // Even holding a (wrongly recorded) valid certificate.
  Eligibility with = eligibility_on(police_officer(), {issued("QZ-2023-000001", "2023-01-01")}, D(kProbe));
  CHECK_FALSE(with.can_enforce);
  CHECK(has_code(with, "police"));
}

TEST_CASE("certificate eligibility: no_certificate when none was issued") {
  Eligibility e = eligibility_on(enforcement_officer(), {}, D(kProbe));
  CHECK_FALSE(e.can_enforce);
  CHECK(has_code(e, "no_certificate"));
  CHECK_FALSE(e.certificate_number.has_value());
  CHECK(contains(all_reasons(e), kProbe));
}

TEST_CASE("certificate eligibility: no_certificate when the only one was issued after the day") {
  Certificate later = issued("QZ-2024-000200", "2024-07-01");
  Eligibility e = eligibility_on(enforcement_officer(), {later}, D(kProbe));
  CHECK_FALSE(e.can_enforce);
  CHECK(has_code(e, "no_certificate"));
  CHECK_FALSE(has_code(e, "certificate_valid"));
  CHECK_FALSE(e.certificate_number.has_value());
  CHECK(eligibility_on(enforcement_officer(), {later}, D("2024-07-01")).can_enforce);
}

TEST_CASE("certificate eligibility: suspended, with the since date, until and reason") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::suspend, "2024-05-20", "under investigation", "2024-06-30");
  Eligibility e = eligibility_on(enforcement_officer(), {c}, D(kProbe));
  CHECK_FALSE(e.can_enforce);
  CHECK(has_code(e, "suspended"));
  REQUIRE(e.certificate_number.has_value());
  CHECK(*e.certificate_number == "QZ-2023-000001");
  std::string r = all_reasons(e);
  CHECK(contains(r, "2024-05-20"));
  CHECK(contains(r, "2024-06-30"));
  CHECK(contains(r, "under investigation"));
  // The day after until, it can again.
  Eligibility back = eligibility_on(enforcement_officer(), {c}, D("2024-07-01"));
  CHECK(back.can_enforce);
  CHECK(has_code(back, "certificate_valid"));
}

TEST_CASE("certificate eligibility: withdrawn, with the date") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::withdraw, "2024-05-20", "transferred");
  Eligibility e = eligibility_on(enforcement_officer(), {c}, D(kProbe));
  CHECK_FALSE(e.can_enforce);
  CHECK(has_code(e, "withdrawn"));
  REQUIRE(e.certificate_number.has_value());
  CHECK(*e.certificate_number == "QZ-2023-000001");
  CHECK(contains(all_reasons(e), "2024-05-20"));
  CHECK(contains(all_reasons(e), "transferred"));
  // The day before the withdrawal it could.
  CHECK(eligibility_on(enforcement_officer(), {c}, D("2024-05-19")).can_enforce);
}

TEST_CASE("certificate eligibility: cancelled, with the date") {
  Certificate c = issued("QZ-2023-000001", "2023-01-01");
  apply(c, CertAction::cancel, "2024-05-20", "misconduct");
  Eligibility e = eligibility_on(enforcement_officer(), {c}, D(kProbe));
  CHECK_FALSE(e.can_enforce);
  CHECK(has_code(e, "cancelled"));
  CHECK(contains(all_reasons(e), "2024-05-20"));
  CHECK(contains(all_reasons(e), "QZ-2023-000001"));
}

TEST_CASE("certificate eligibility: expired, mentioning the expiry") {
  Certificate c = issued("QZ-2019-000001", "2019-01-01");  // expires 2023-12-31
  Eligibility e = eligibility_on(enforcement_officer(), {c}, D(kProbe));
  CHECK_FALSE(e.can_enforce);
  CHECK(has_code(e, "expired"));
  REQUIRE(e.certificate_number.has_value());
  CHECK(*e.certificate_number == "QZ-2019-000001");
  CHECK(contains(all_reasons(e), "2023-12-31"));
}

TEST_CASE("certificate eligibility: a newer valid certificate wins over an older withdrawn or expired one") {
  Certificate old = issued("QZ-2019-000001", "2019-01-01");  // expired 2024-01-01
  Certificate gone = issued("QZ-2023-000001", "2023-01-01");
  apply(gone, CertAction::withdraw, "2023-06-01", "r");
  Certificate now = issued("QZ-2024-000123", "2024-02-01");
  for (auto certs : {std::vector<Certificate>{old, now}, std::vector<Certificate>{now, old},
                     std::vector<Certificate>{gone, now}, std::vector<Certificate>{now, gone, old}}) {
    Eligibility e = eligibility_on(enforcement_officer(), certs, D(kProbe));
    CHECK(e.can_enforce);
    REQUIRE(e.certificate_number.has_value());
    CHECK(*e.certificate_number == "QZ-2024-000123");
    CHECK(has_code(e, "certificate_valid"));
  }
}

TEST_CASE("certificate eligibility: without a valid one, the most recent certificate explains why") {
  Certificate old = issued("QZ-2019-000001", "2019-01-01");  // expired 2024-01-01
  Certificate newer = issued("QZ-2024-000123", "2024-02-01");
  apply(newer, CertAction::suspend, "2024-05-01", "r");
  Eligibility e = eligibility_on(enforcement_officer(), {old, newer}, D(kProbe));
  CHECK_FALSE(e.can_enforce);
  REQUIRE(e.certificate_number.has_value());
  CHECK(*e.certificate_number == "QZ-2024-000123");
  CHECK(has_code(e, "suspended"));
  CHECK_FALSE(has_code(e, "expired"));
}

TEST_CASE("certificate eligibility: an officer not on post and without a certificate gets both reasons") {
  Officer o = enforcement_officer("2025-01-01");
  Eligibility e = eligibility_on(o, {}, D(kProbe));
  CHECK_FALSE(e.can_enforce);
  CHECK(has_code(e, "not_on_post"));
  CHECK(has_code(e, "no_certificate"));
  CHECK(e.reasons.size() == 2);
}

// ---------------------------------------------------------------------------------------
// Certificate numbers

TEST_CASE("a certificate number is 4 to 40 letters, digits and hyphens") {
  CHECK(valid_certificate_number("QZ-2024-000123"));
  CHECK(valid_certificate_number("abcd"));
  CHECK(valid_certificate_number("1234"));
  CHECK(valid_certificate_number(std::string(40, 'A')));
  CHECK_FALSE(valid_certificate_number(""));
  CHECK_FALSE(valid_certificate_number("abc"));
  CHECK_FALSE(valid_certificate_number(std::string(41, 'A')));
  CHECK_FALSE(valid_certificate_number("QZ 2024 000123"));
  CHECK_FALSE(valid_certificate_number(" QZ-2024-000123"));
  CHECK_FALSE(valid_certificate_number("QZ-2024-000123 "));
  CHECK_FALSE(valid_certificate_number("执法证-2024-0001"));
  CHECK_FALSE(valid_certificate_number("执法证号码"));
  CHECK_FALSE(valid_certificate_number("QZ_2024_000123"));
  CHECK_FALSE(valid_certificate_number("QZ/2024/000123"));
  CHECK_FALSE(valid_certificate_number("QZ-2024-\t0001"));
  CHECK_FALSE(valid_certificate_number(std::string("QZ-\0-2024", 9)));
  CHECK_FALSE(valid_certificate_number("ＱＺ-2024"));  // full-width letters
}

TEST_CASE("certificate issue: a new certificate cannot be backdated before a later one of the same officer") {
  using namespace certhours;
  Officer o;
  o.id = 1;
  o.post_start = *parse_date("2010-01-01");
  Certificate later;
  later.number = "NEW-2024";
  later.issued_on = *parse_date("2024-01-01");
  later.expires_on = default_expiry(later.issued_on);
  later.events.push_back({CertAction::issue, later.issued_on, "", std::nullopt, "admin", ""});
  later.events.push_back({CertAction::withdraw, *parse_date("2024-06-01"), "x", std::nullopt, "admin", ""});
  Status s = check_issue(o, {later}, *parse_date("2020-01-01"), std::nullopt);
  CHECK(s.code() == Status::Code::conflict);
  CHECK(s.message().find("NEW-2024") != std::string::npos);
  CHECK(check_issue(o, {later}, *parse_date("2024-06-02"), std::nullopt).is_ok());
}

TEST_CASE("leaving post withdraws what is valid or suspended on post_end, never before its last event") {
  std::vector<Certificate> certs;
  for (CertState s : kStates) certs.push_back(in_state(s));
  Certificate later = issued("QZ-LATER", "2024-07-01");  // issued after the post ended
  certs.push_back(later);
  Certificate busy = issued("QZ-BUSY", "2023-01-01");
  append(busy, CertAction::suspend, "2024-06-20", "under investigation");  // after post_end
  certs.push_back(busy);

  auto w = withdrawals_on_leaving(certs, D(kProbe));
  // valid (0), suspended (1); the later one (5) on its issue date; busy (6) on its last event's date.
  REQUIRE(w.size() == 4);
  CHECK(w[0].index == 0);
  CHECK(w[0].effective_on == D(kProbe));
  CHECK(w[1].index == 1);
  CHECK(w[2].index == 5);
  CHECK(w[2].effective_on == D("2024-07-01"));
  CHECK(w[3].index == 6);
  CHECK(w[3].effective_on == D("2024-06-20"));
  CHECK(w[0].reason == "离岗收回（2024-06-01 离开执法岗位）");
  // Each withdrawal is an allowed action on that day.
  for (const Withdrawal& x : w)
    CHECK(check_action(certs[x.index], CertAction::withdraw, x.effective_on, x.reason, std::nullopt).is_ok());
}
