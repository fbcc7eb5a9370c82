// Enforcement certificates (行政执法证): the state machine of docs/domain.md, the state on any
// date derived from the events effective up to it, and eligibility to enforce alone.
// Police credentials are governed by the People's Police Law and never handled here.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"
#include "domain/id.hpp"
#include "domain/officer.hpp"
#include "domain/status.hpp"

namespace certhours {

enum class CertState { valid, suspended, withdrawn, cancelled, expired };
inline constexpr CertState kCertStates[] = {CertState::valid, CertState::suspended, CertState::withdrawn,
                                            CertState::cancelled, CertState::expired};
inline constexpr auto kCertStateNames = names_of<CertState>({{CertState::valid, "valid", "有效"},
                                                             {CertState::suspended, "suspended", "暂扣"},
                                                             {CertState::withdrawn, "withdrawn", "收回"},
                                                             {CertState::cancelled, "cancelled", "注销"},
                                                             {CertState::expired, "expired", "过期"}});
inline const char* cert_state_key(CertState s) { return kCertStateNames.key(s); }
inline const char* cert_state_name(CertState s) { return kCertStateNames.label(s); }

enum class CertAction { issue, suspend, restore, withdraw, cancel };
inline constexpr auto kCertActions = names_of<CertAction>({{CertAction::issue, "issue", "发证"},
                                                           {CertAction::suspend, "suspend", "暂扣"},
                                                           {CertAction::restore, "restore", "恢复"},
                                                           {CertAction::withdraw, "withdraw", "收回"},
                                                           {CertAction::cancel, "cancel", "注销"}});
inline const char* cert_action_key(CertAction a) { return kCertActions.key(a); }
inline std::optional<CertAction> parse_cert_action(std::string_view s) { return kCertActions.parse(s); }

struct CertEvent {
  CertAction action = CertAction::issue;
  Date effective_on;
  std::string reason;
  std::optional<Date> until;  // suspend: its last day
  std::string actor;          // username
  std::string at;             // RFC 3339 time recorded
};

struct Certificate {
  Id id = 0;
  Id officer_id = 0;
  std::string number;
  Date issued_on, expires_on;
  std::vector<CertEvent> events;  // in date order; the first is the issue
};

// The default validity: five years less a day (issued 2023-01-01 -> expires 2027-12-31).
Date default_expiry(Date issued_on);

// A certificate number: 4..40 letters, digits and '-'.
bool valid_certificate_number(std::string_view number);

// The state on `day`, or nullopt before the issue date. Events effective after `day`
// do not count; a suspension ends after its `until`; past expires_on a valid or
// suspended certificate is expired.
std::optional<CertState> state_on(const Certificate& c, Date day);

// The last day of the current suspension, when the certificate is suspended on `day`
// with an `until`; and the day the suspension began.
struct Suspension {
  Date since;
  std::optional<Date> until;
  std::string reason;
};
std::optional<Suspension> suspension_on(const Certificate& c, Date day);
// The effective date of the event that put the certificate in its state on `day`
// (withdraw, cancel), when there is one.
std::optional<CertEvent> last_event_on(const Certificate& c, Date day);

// The transition table (docs/domain.md "Enforcement certificates"): whether `a` may be taken on a
// certificate in state `s` (never issue: a new certificate is issued instead).
bool allowed_from(CertAction a, CertState s);
// The actions the table allows on `c` as it is on `day` (none before its issue date), in the
// order suspend, restore, withdraw, cancel. Note: an action dated `day` may still be refused
// for its date (before the latest event).
std::vector<CertAction> allowed_actions(const Certificate& c, Date day);

// Checks an action (not issue) against the rules: reason present (invalid), until only
// for suspend (invalid), effective_on not before the issue date nor the latest event
// (conflict), until not before effective_on (conflict), and the transition allowed from
// the state on effective_on (conflict naming both).
Status check_action(const Certificate& c, CertAction action, Date effective_on, const std::string& reason,
                    const std::optional<Date>& until);

// Whether a new certificate may be issued to `o` on `issued_on`, given their others.
Status check_issue(const Officer& o, const std::vector<Certificate>& existing, Date issued_on,
                   const std::optional<Date>& expires_on);

// May the officer enforce independently on `day`? Yes only for an enforcement officer on
// post that day holding a certificate valid that day. Reasons say why, in words.
struct Eligibility {
  bool can_enforce = false;
  std::optional<std::string> certificate_number;  // the valid one, or the most recent one
  std::vector<Message> reasons;  // in the reader's language where shown (Message::text)
  std::vector<std::string> reason_codes;  // not_on_post, police, no_certificate, suspended, …
};
Eligibility eligibility_on(const Officer& o, const std::vector<Certificate>& certs, Date day);

// Leaving post withdraws (收回) every certificate valid or suspended on `post_end`, effective on
// the latest of post_end, its issue date and its last event (events stay in date order).
struct Withdrawal {
  std::size_t index;  // into the certificates given
  Date effective_on;
  std::string reason;  // 离岗收回（<post_end> 离开执法岗位）
};
std::vector<Withdrawal> withdrawals_on_leaving(const std::vector<Certificate>& certs, Date post_end);

}  // namespace certhours
