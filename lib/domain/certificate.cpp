#include "domain/certificate.hpp"

#include "domain/messages.hpp"

#include <algorithm>

namespace certhours {

Date default_expiry(Date issued_on) {
  date::year_month_day ymd(issued_on);
  date::year_month_day later = ymd + date::years(5);
  // 29 February + 5 years is no date: sys_days normalises it to 1 March, the day after 28 February.
  return Date(later) - date::days(1);
}

bool valid_certificate_number(std::string_view n) {
  if (n.size() < 4 || n.size() > 40) return false;
  for (char c : n)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-')) return false;
  return true;
}

namespace {
// Replays the events effective on or before `day`. Returns the state before expiry is
// applied, the suspension in force, and the last event applied.
struct Replay {
  CertState state = CertState::valid;
  std::optional<Suspension> suspension;
  const CertEvent* last = nullptr;
};

Replay replay(const Certificate& c, Date day) {
  Replay r;
  auto lapse = [&](Date at) {
    // A suspension's `until` is its last day: from the next day the certificate is valid again.
    if (r.state == CertState::suspended && r.suspension && r.suspension->until && at > *r.suspension->until) {
      r.state = CertState::valid;
      r.suspension.reset();
    }
  };
  for (const CertEvent& e : c.events) {
    if (e.effective_on > day) break;
    lapse(e.effective_on);
    switch (e.action) {
      case CertAction::issue: r.state = CertState::valid; break;
      case CertAction::suspend:
        r.state = CertState::suspended;
        r.suspension = Suspension{e.effective_on, e.until, e.reason};
        break;
      case CertAction::restore:
        r.state = CertState::valid;
        r.suspension.reset();
        break;
      case CertAction::withdraw: r.state = CertState::withdrawn; break;
      case CertAction::cancel: r.state = CertState::cancelled; break;
    }
    r.last = &e;
  }
  lapse(day);
  return r;
}

}  // namespace

namespace {
// The state an action leads to.
const char* target_state(CertAction a) {
  switch (a) {
    case CertAction::suspend: return "suspended";
    case CertAction::restore:
    case CertAction::issue: return "valid";
    case CertAction::withdraw: return "withdrawn";
    case CertAction::cancel: return "cancelled";
  }
  return "";
}
}  // namespace

bool allowed_from(CertAction a, CertState s) {
  switch (a) {
    case CertAction::issue: return false;
    case CertAction::suspend: return s == CertState::valid;
    case CertAction::restore: return s == CertState::suspended;
    case CertAction::withdraw: return s == CertState::valid || s == CertState::suspended;
    case CertAction::cancel: return s != CertState::cancelled;
  }
  return false;
}

std::vector<CertAction> allowed_actions(const Certificate& c, Date day) {
  std::vector<CertAction> out;
  auto s = state_on(c, day);
  if (!s) return out;
  for (CertAction a : {CertAction::suspend, CertAction::restore, CertAction::withdraw, CertAction::cancel})
    if (allowed_from(a, *s)) out.push_back(a);
  return out;
}

std::optional<CertState> state_on(const Certificate& c, Date day) {
  if (day < c.issued_on) return std::nullopt;
  Replay r = replay(c, day);
  if ((r.state == CertState::valid || r.state == CertState::suspended) && day > c.expires_on) return CertState::expired;
  return r.state;
}

std::optional<Suspension> suspension_on(const Certificate& c, Date day) {
  if (state_on(c, day) != CertState::suspended) return std::nullopt;
  return replay(c, day).suspension;
}

std::optional<CertEvent> last_event_on(const Certificate& c, Date day) {
  Replay r = replay(c, day);
  if (!r.last) return std::nullopt;
  return *r.last;
}

Status check_action(const Certificate& c, CertAction action, Date effective_on, const std::string& reason,
                    const std::optional<Date>& until) {
  if (action == CertAction::issue)
    return Status::invalid("action", rules::value_not_allowed,
                           {{"allowed", "suspend,restore,withdraw,cancel"}, {"value", "issue"}});
  if (reason.empty() && action != CertAction::restore)
    return Status::invalid("reason", rules::certificate_reason_required, {{"action", cert_action_key(action)}});
  if (until && action != CertAction::suspend) return Status::invalid("until", rules::certificate_until_only_suspend);
  if (effective_on < c.issued_on)
    return Status::conflict(rules::certificate_before_issue,
                            {{"effective_on", format_date(effective_on)}, {"issued_on", format_date(c.issued_on)}},
                            "effective_on");
  if (!c.events.empty() && effective_on < c.events.back().effective_on)
    return Status::conflict(rules::certificate_events_order,
                            {{"effective_on", format_date(effective_on)},
                             {"last_action", cert_action_key(c.events.back().action)},
                             {"last_on", format_date(c.events.back().effective_on)}},
                            "effective_on");
  // A wrong value whatever the certificate's state: 422, like any reversed date range.
  if (until && *until < effective_on)
    return Status::invalid("until", rules::suspension_dates_reversed,
                           {{"end", format_date(*until)}, {"start", format_date(effective_on)}});
  CertState s = *state_on(c, effective_on);
  if (!allowed_from(action, s)) {
    std::string from;
    for (CertState f : kCertStates)
      if (allowed_from(action, f)) from += (from.empty() ? "" : ",") + std::string(cert_state_key(f));
    return Status::conflict(rules::certificate_transition,
                            {{"action", cert_action_key(action)},
                             {"number", c.number},
                             {"state", cert_state_key(s)},
                             {"on", format_date(effective_on)},
                             {"target", target_state(action)},
                             {"allowed_from", from}},
                            "action");
  }
  return Status::ok();
}

Status check_issue(const Officer& o, const std::vector<Certificate>& existing, Date issued_on,
                   const std::optional<Date>& expires_on) {
  const std::string id = std::to_string(o.id);
  if (o.kind == OfficerKind::police) return Status::conflict(rules::police_credentials, {{"officer_id", id}});
  if (o.status != OfficerStatus::active) return Status::conflict(rules::issue_to_left_officer, {{"officer_id", id}});
  if (expires_on && *expires_on < issued_on)
    return Status::invalid("expires_on", rules::certificate_dates_reversed,
                           {{"end", format_date(*expires_on)}, {"start", format_date(issued_on)}});
  for (const Certificate& c : existing) {
    // A certificate dated before a later one would overlap it: history is appended in order.
    if (c.issued_on > issued_on)
      return Status::conflict(rules::issue_before_existing,
                              {{"officer_id", id}, {"number", c.number}, {"issued_on", format_date(c.issued_on)}},
                              "issued_on");
    auto s = state_on(c, issued_on);
    if (s == CertState::valid || s == CertState::suspended)
      return Status::conflict(rules::certificate_already_held, {{"officer_id", id},
                                                                {"number", c.number},
                                                                {"state", cert_state_key(*s)},
                                                                {"on", format_date(issued_on)}});
  }
  return Status::ok();
}

Eligibility eligibility_on(const Officer& o, const std::vector<Certificate>& certs, Date day) {
  Eligibility e;
  std::string d = format_date(day);
  auto reason = [&](const char* code, Rule rule, Params params) {
    e.reason_codes.push_back(code);
    e.reasons.push_back(Message{rule.name, {}, std::move(params)});
  };
  bool on_post = o.post().on_post(day);
  if (!on_post) {
    if (day < o.post_start)
      reason("not_on_post", rules::eligibility_post_not_started, {{"on", d}, {"post_start", format_date(o.post_start)}});
    else
      reason("not_on_post", rules::eligibility_post_ended, {{"on", d}, {"post_end", format_date(*o.post_end)}});
  }
  if (o.kind == OfficerKind::police) reason("police", rules::eligibility_police, {});
  const Certificate* valid = nullptr;
  const Certificate* latest = nullptr;
  for (const Certificate& c : certs) {
    if (c.issued_on > day) continue;
    if (!latest || c.issued_on > latest->issued_on) latest = &c;
    if (state_on(c, day) == CertState::valid) valid = &c;
  }
  if (valid) {
    e.certificate_number = valid->number;
    reason("certificate_valid", rules::eligibility_valid,
           {{"number", valid->number}, {"on", d}, {"expires_on", format_date(valid->expires_on)}});
  } else if (!latest) {
    if (o.kind != OfficerKind::police) reason("no_certificate", rules::eligibility_no_certificate, {{"on", d}});
  } else {
    e.certificate_number = latest->number;
    CertState s = *state_on(*latest, day);
    auto last = last_event_on(*latest, day);
    const char* code = cert_state_key(s);
    switch (s) {
      case CertState::suspended: {
        auto sus = suspension_on(*latest, day);
        reason(code, rules::eligibility_suspended,
               {{"number", latest->number},
                {"since", format_date(sus->since)},
                {"until", sus->until ? format_date(*sus->until) : std::string()},
                {"reason", sus->reason}});
        break;
      }
      case CertState::withdrawn:
        reason(code, rules::eligibility_withdrawn,
               {{"number", latest->number}, {"on", format_date(last->effective_on)}, {"reason", last->reason}});
        break;
      case CertState::cancelled:
        reason(code, rules::eligibility_cancelled,
               {{"number", latest->number}, {"on", format_date(last->effective_on)}, {"reason", last->reason}});
        break;
      case CertState::expired:
        reason(code, rules::eligibility_expired,
               {{"number", latest->number},
                {"on", format_date(latest->expires_on + date::days(1))},
                {"valid_until", format_date(latest->expires_on)}});
        break;
      case CertState::valid: break;
    }
  }
  e.can_enforce = on_post && o.kind == OfficerKind::enforcement && valid;
  return e;
}

std::vector<Withdrawal> withdrawals_on_leaving(const std::vector<Certificate>& certs, Date post_end) {
  std::vector<Withdrawal> out;
  for (std::size_t i = 0; i < certs.size(); ++i) {
    const Certificate& c = certs[i];
    Date on = std::max(post_end, c.issued_on);
    if (!c.events.empty()) on = std::max(on, c.events.back().effective_on);
    auto s = state_on(c, on);
    if (s != CertState::valid && s != CertState::suspended) continue;
    out.push_back({i, on, "离岗收回（" + format_date(post_end) + " 离开执法岗位）"});
  }
  return out;
}

}  // namespace certhours
