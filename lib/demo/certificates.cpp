// The enforcement certificates: each officer's case (certificate_plan.cpp) turned into issues,
// the events of seeds/certificate_events.csv and leavings, all carried out in date order;
// numbers in issue order within each year (QZ-2023-000412). Police never hold one.
#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

// One thing that happens: an issue, an action on a certificate, or an officer leaving post.
struct Step {
  enum class Kind { issue, act, leave } kind = Kind::issue;
  Date on;
  std::size_t officer = 0;
  int cert = 0;  // the officer's n-th certificate (issue, act)
  CertAction action = CertAction::issue;
  std::string reason;
  std::optional<Date> until;
};

struct Timeline {
  World& w;
  Rng& crng;
  std::vector<Step> steps;
  int expiring_seen = 0;  // officers given the expiring case so far, in officer order

  Date five_years_ago() const { return Date(date::year_month_day(w.today) - date::years(5)); }
  Date draw(Date lo, Date hi) {
    return hi <= lo ? lo : plus_days(lo, crng.below(static_cast<int>((hi - lo).count()) + 1));
  }
  // A current certificate, valid beyond the next 90 days, issued at the latest on `latest`.
  Date current(Date first, Date latest) {
    Date lo = std::max(first, plus_days(five_years_ago(), 91));
    Date hi = std::min(latest, std::max(make_date(2024, 12, 31), plus_days(lo, 365)));
    return draw(lo, std::max(lo, hi));
  }
  void issue(std::size_t i, int n, Date on) {
    steps.push_back({Step::Kind::issue, on, i, n, CertAction::issue, "", std::nullopt});
  }
  void issues(std::size_t i, Case c);
  void left_issue(std::size_t i, Case c);
  Date day(const DayRule& r, const Officer& o);
  void events(std::size_t i, Case c, int cert);
};

void Timeline::issues(std::size_t i, Case c) {
  const Date first = plus_days(w.officers[i].o.post_start, 30);
  const Date settled = plus_days(w.today, -420);  // issued well before anything happened to it
  switch (c) {
    case Case::none: break;
    case Case::normal: issue(i, 0, current(first, plus_days(w.today, -14))); break;
    case Case::renewed: {
      Date old = draw(std::max(first, make_date(2019, 1, 1)), plus_days(five_years_ago(), -30));
      issue(i, 0, old);
      issue(i, 1, plus_days(default_expiry(old), 1 + crng.below(21)));
      break;
    }
    case Case::expiring: {
      const auto& days = w.seeds.certificates.expiring_days;
      issue(i, 0, plus_days(five_years_ago(), days[static_cast<std::size_t>(expiring_seen++) % days.size()]));
      break;
    }
    case Case::expired: issue(i, 0, plus_days(five_years_ago(), -crng.between(15, 80))); break;
    case Case::left:
    case Case::left_suspended:
    case Case::left_cancelled: left_issue(i, c); break;
    default: issue(i, 0, current(first, settled)); break;
  }
}

// Issued at least 30 days (60 when it was to be suspended) before the officer left.
void Timeline::left_issue(std::size_t i, Case c) {
  const Officer& o = w.officers[i].o;
  const Date first = plus_days(o.post_start, 30);
  Date end = *o.post_end;
  Date lo = std::max(first, plus_days(Date(date::year_month_day(end) - date::years(5)), 30));
  Date hi = plus_days(end, c == Case::left_suspended ? -60 : -30);
  if (hi < lo) hi = lo = std::min(o.post_start, plus_days(end, -1));
  issue(i, 0, draw(lo, hi));
}

Date Timeline::day(const DayRule& r, const Officer& o) {
  if (r.anchor == DayRule::Anchor::day_of_year)
    return std::min(make_date(w.current_year, r.month, r.day), plus_days(w.today, -1));
  const int n = r.lo == r.hi ? r.lo : crng.between(r.lo, r.hi);
  return plus_days(r.anchor == DayRule::Anchor::today ? w.today : *o.post_end, r.sign * n);
}

void Timeline::events(std::size_t i, Case c, int cert) {
  const Officer& o = w.officers[i].o;
  for (const CertEventLine& e : w.seeds.certificates.events) {
    if (e.c != c) continue;
    // The until is drawn before the day itself, as the builder always did.
    std::optional<Date> until;
    if (e.until) until = day(*e.until, o);
    Date on = day(e.on, o);
    steps.push_back({Step::Kind::act, on, i, cert, e.action, e.reason, until});
  }
  if (c == Case::left || c == Case::left_suspended || c == Case::left_cancelled)
    steps.push_back({Step::Kind::leave, *o.post_end, i, 0, CertAction::withdraw, "", std::nullopt});
}

void leave(World& w, const Officer& o) {
  store::OfficerPatch p;
  p.status = OfficerStatus::left;
  p.post_end = o.post_end;
  auto r = w.store.officers.update(o.id, p, kActor);
  if (!r) throw std::runtime_error("demo: officer " + o.name + " leaving: " + r.status().message());
}

void carry_out(World& w, const std::vector<Step>& steps, Rng& crng) {
  std::map<int, int> next_number;
  std::map<std::pair<std::size_t, int>, Id> cert_id;
  for (const Step& st : steps) {
    const Officer& o = w.officers[st.officer].o;
    if (st.kind == Step::Kind::issue) {
      int y = year_of(st.on);
      auto [it, fresh] = next_number.try_emplace(y, 0);
      it->second = fresh ? crng.between(100, 400) : it->second + crng.between(1, 6);
      char number[32];
      std::snprintf(number, sizeof number, "QZ-%04d-%06d", y, it->second);
      auto r = w.store.certificates.issue(o.id, number, st.on, std::nullopt, kActor);
      if (!r) throw std::runtime_error("demo: certificate of " + o.name + ": " + r.status().message());
      cert_id[{st.officer, st.cert}] = r->id;
    } else if (st.kind == Step::Kind::act) {
      auto r =
          w.store.certificates.act(cert_id.at({st.officer, st.cert}), st.action, st.on, st.reason, st.until, kActor);
      if (!r)
        throw std::runtime_error("demo: " + std::string(cert_action_key(st.action)) + " certificate of " + o.name +
                                 ": " + r.status().message());
    } else {
      leave(w, o);
    }
  }
}

void summarise(World& w) {
  auto certs = w.store.certificates.in_unit(w.root_id);
  std::map<CertState, int> by_state;
  int expiring = 0;
  for (const Certificate& c : certs) {
    // A renewal can be dated after an early `today` (before mid-2024): not counted.
    auto state = state_on(c, w.today);
    if (!state) continue;
    CertState s = *state;
    ++by_state[s];
    if (s == CertState::valid) {
      w.certified_today.insert(c.officer_id);
      expiring += c.expires_on <= plus_days(w.today, 90);
    }
  }
  w.certificates = certs.size();
  w.log << "certificates: " << certs.size();
  for (CertState s : kCertStates)
    w.log << (s == CertState::valid ? " (" : ", ") << cert_state_key(s) << " " << by_state[s];
  w.log << "), expiring within 90 days: " << expiring << "\n";
}

}  // namespace

void issue_certificates(World& w, Rng& crng) {
  Timeline t{w, crng, {}};
  for (const auto& [i, c] : w.cases) {
    t.issues(i, c);
    t.events(i, c, c == Case::renewed ? 1 : 0);
  }
  std::stable_sort(t.steps.begin(), t.steps.end(), [](const Step& a, const Step& b) { return a.on < b.on; });
  carry_out(w, t.steps, crng);
  // Anyone who left without an enforcement certificate (police) leaves now.
  for (std::size_t i = 0; i < w.officers.size(); ++i) {
    const Officer& o = w.officers[i].o;
    if (o.status == OfficerStatus::left && !w.cases.count(i)) leave(w, o);
  }
  summarise(w);
}

}  // namespace certhours::demo
