// Which enforcement officer's certificates end up in which state: seeds/certificate_cases.csv
// and seeds/certificate_events.csv read and checked, and every enforcement officer given a
// case (the particular ones first, then valid, renewed or none).
#include <stdexcept>

#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

const std::string kCases = "certificate_cases.csv", kEvents = "certificate_events.csv";

const std::map<std::string, Case>& case_names() {
  static const std::map<std::string, Case> names = {
      {"none", Case::none},
      {"normal", Case::normal},
      {"renewed", Case::renewed},
      {"expiring", Case::expiring},
      {"expired", Case::expired},
      {"suspended_until", Case::suspended_until},
      {"suspended_open", Case::suspended_open},
      {"restored", Case::restored},
      {"lapsed", Case::lapsed},
      {"transferred", Case::transferred},
      {"cancelled", Case::cancelled},
      {"graded_out", Case::graded_out},
      {"left", Case::left},
      {"left_suspended", Case::left_suspended},
      {"left_cancelled", Case::left_cancelled},
  };
  return names;
}

bool left_case(Case c) { return c == Case::left || c == Case::left_suspended || c == Case::left_cancelled; }

Case case_field(const std::string& file, const Row& r) {
  auto it = case_names().find(r.f[0]);
  if (it == case_names().end()) fail(file, r.line, "unknown case '" + r.f[0] + "'");
  return it->second;
}

void read_case(const Row& r, CertificatePlan& plan) {
  const Case c = case_field(kCases, r);
  const int officers = whole_number(kCases, r.line, "officers", r.f[1], 0, 1000);
  const bool expiring = c == Case::expiring;
  if (!expiring && !r.f[5].empty()) fail(kCases, r.line, "issued_days are for the expiring case only");
  if (c == Case::left_suspended || c == Case::left_cancelled) {
    if (!r.f[2].empty() || !r.f[3].empty() || !r.f[4].empty())
      fail(kCases, r.line, "officers who left: only the column officers applies");
    (c == Case::left_suspended ? plan.left_suspended : plan.left_cancelled) = officers;
    return;
  }
  if (c == Case::none || c == Case::normal || c == Case::renewed || c == Case::left)
    fail(kCases, r.line, "the builder gives the case " + r.f[0] + " itself");
  plan.special.push_back({c, officers, whole_number(kCases, r.line, "hr_unit_first", r.f[2], 0, officers),
                          whole_number(kCases, r.line, "on_post_years", r.f[3], 0, 50),
                          whole_number(kCases, r.line, "on_post_days", r.f[4], 0, 20000)});
  if (!expiring) return;
  for (const std::string& d : words(r.f[5]))
    plan.expiring_days.push_back(whole_number(kCases, r.line, "issued_days", d, 0, 365));
  if (plan.expiring_days.empty()) fail(kCases, r.line, "the expiring case needs issued_days");
}

// "today-N", "today+N", "today-N..M" (N..M drawn), "left-N", "left+N" or "MM-DD".
DayRule day_rule(const Row& r, const std::string& what, const std::string& text) {
  DayRule d;
  const std::string anchors[] = {"today", "left"};
  for (int a = 0; a < 2; ++a) {
    if (text.rfind(anchors[a], 0) != 0) continue;
    d.anchor = a == 0 ? DayRule::Anchor::today : DayRule::Anchor::left;
    std::string rest = text.substr(anchors[a].size());
    if (rest.empty()) return d;
    if (rest[0] != '+' && rest[0] != '-') fail(kEvents, r.line, what + ": expected + or - after " + anchors[a]);
    d.sign = rest[0] == '-' ? -1 : 1;
    const std::size_t dots = rest.find("..");
    d.lo = whole_number(kEvents, r.line, what, rest.substr(1, dots == std::string::npos ? std::string::npos : dots - 1),
                        0, 20000);
    d.hi = dots == std::string::npos ? d.lo : whole_number(kEvents, r.line, what, rest.substr(dots + 2), d.lo, 20000);
    return d;
  }
  if (text.size() != 5 || text[2] != '-') fail(kEvents, r.line, what + ": expected today±N[..M], left±N or MM-DD");
  d.anchor = DayRule::Anchor::day_of_year;
  d.month = static_cast<unsigned>(whole_number(kEvents, r.line, what + " month", text.substr(0, 2), 1, 12));
  d.day = static_cast<unsigned>(whole_number(kEvents, r.line, what + " day", text.substr(3), 1, 31));
  return d;
}

CertEventLine event_of(const Row& r) {
  CertEventLine e;
  e.c = case_field(kEvents, r);
  if (e.c == Case::none) fail(kEvents, r.line, "the case none has no certificate");
  auto action = parse_cert_action(r.f[1]);
  if (!action || *action == CertAction::issue)
    fail(kEvents, r.line, "action must be suspend, restore, withdraw or cancel");
  e.action = *action;
  e.on = day_rule(r, "on", r.f[2]);
  if (!r.f[3].empty()) {
    if (e.action != CertAction::suspend) fail(kEvents, r.line, "only a suspension has an until");
    e.until = day_rule(r, "until", r.f[3]);
  }
  for (const DayRule& d : {e.on, e.until.value_or(e.on)})
    if (d.anchor == DayRule::Anchor::left && !left_case(e.c))
      fail(kEvents, r.line, "left is the day the officer left post: for the left cases only");
  e.reason = r.f[4];
  if (e.reason.empty()) fail(kEvents, r.line, "reason is empty");
  return e;
}

}  // namespace

CertificatePlan read_certificate_plan(const std::string& dir) {
  CertificatePlan plan;
  std::set<std::string> seen;
  for (const Row& r : read_table(dir, kCases, "case,officers,hr_unit_first,on_post_years,on_post_days,issued_days")) {
    if (!seen.insert(r.f[0]).second) fail(kCases, r.line, "a second line for " + r.f[0]);
    read_case(r, plan);
  }
  for (const Row& r : read_table(dir, kEvents, "case,action,on,until,reason")) plan.events.push_back(event_of(r));
  return plan;
}

namespace {

// Particular cases go to long-serving active officers (the HR unit's subtree first when asked).
void assign_particular(World& w, const std::vector<std::size_t>& order) {
  auto take = [&](Case c, bool hr_first, Date started_before) {
    for (int pass = hr_first ? 0 : 1; pass < 2; ++pass)
      for (std::size_t i : order) {
        const Officer& o = w.officers[i].o;
        if (w.cases.count(i) || i == w.demo_officer || o.status != OfficerStatus::active ||
            o.post_start >= started_before || (pass == 0 && !w.tree->contains(w.hr_unit->id, o.unit_id)))
          continue;
        w.cases[i] = c;
        return;
      }
  };
  for (const SpecialCase& sc : w.seeds.certificates.special) {
    // Only once a year has been graded can anyone be suspended for their grade.
    if (sc.c == Case::graded_out && w.current_year - 1 < kFirstGradedYear) continue;
    Date before = plus_days(Date(date::year_month_day(w.today) - date::years(sc.on_post_years)), -sc.on_post_days);
    for (int k = 0; k < sc.officers; ++k) take(sc.c, k < sc.hr_unit_first, before);
  }
}

// Those who left: each held a certificate when they left.
void assign_left(World& w, const std::vector<std::size_t>& order) {
  const CertificatePlan& plan = w.seeds.certificates;
  int left_suspended = 0, left_cancelled = 0;
  for (std::size_t i : order) {
    const Officer& o = w.officers[i].o;
    if (o.status != OfficerStatus::left) continue;
    Case c = Case::left;
    if (left_suspended < plan.left_suspended && (*o.post_end - o.post_start).count() >= 120) {
      c = Case::left_suspended;
      ++left_suspended;
    } else if (left_cancelled < plan.left_cancelled && plus_days(*o.post_end, 30) < w.today) {
      c = Case::left_cancelled;
      ++left_cancelled;
    }
    w.cases[i] = c;
  }
}

// Everybody else: valid today, some renewed after an older certificate expired, a few never
// certified, and recent hires still waiting for the exam.
void assign_rest(World& w, const std::vector<std::size_t>& enforcement, Rng& crng) {
  const Date five_years_ago = Date(date::year_month_day(w.today) - date::years(5));
  const Date renew_before = plus_days(five_years_ago, -30);
  for (std::size_t i : enforcement) {
    if (w.cases.count(i)) continue;
    const Officer& o = w.officers[i].o;
    if (plus_days(o.post_start, 30) > plus_days(w.today, -14) || (i != w.demo_officer && crng.chance(4)))
      w.cases[i] = Case::none;
    else if (i != w.demo_officer && o.post_start < make_date(2019, 6, 1) && make_date(2019, 1, 1) < renew_before &&
             crng.chance(25))
      w.cases[i] = Case::renewed;
    else
      w.cases[i] = Case::normal;
  }
}

}  // namespace

void plan_certificates(World& w, Rng& crng) {
  std::vector<std::size_t> enforcement;
  for (std::size_t i = 0; i < w.officers.size(); ++i)
    if (w.officers[i].o.kind == OfficerKind::enforcement) enforcement.push_back(i);
  std::vector<std::size_t> order = enforcement;
  crng.shuffle(order);
  assign_particular(w, order);
  assign_left(w, order);
  assign_rest(w, enforcement, crng);
}

}  // namespace certhours::demo
