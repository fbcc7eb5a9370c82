// Who attended what. Everyone due for the full-staff rotation attends one rotation session,
// except a share of the lagging units' staff (seeds/rotation.csv). Then, year by year, most
// officers earn what they owe and about a fifth stop short by an amount of
// seeds/shortfalls.csv; in the current year some are done, most on their way, some behind.
#include <algorithm>
#include <stdexcept>

#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

// What an officer earns in a year: up to the target in each capped category.
struct Ledger {
  Id officer = 0;
  Hours target_legal, target_business;
  bool cap_legal = false, cap_business = false;
  CategoryHours earned;

  void attend(Session& s, bool maybe_partial, Rng& rng) {
    const CategoryHours& h = s.t.spec.hours;
    PartialCredit pc;
    CategoryHours got = h;
    if (cap_legal && earned.legal + h.legal > target_legal)
      got.legal = target_legal > earned.legal ? target_legal - earned.legal : Hours();
    if (cap_business && earned.business + h.business > target_business)
      got.business = target_business > earned.business ? target_business - earned.business : Hours();
    // Now and then someone leaves a long course early and is credited part of it.
    if (maybe_partial && got.business == h.business && h.business >= Hours::whole(8) && rng.chance(5))
      got.business = Hours::from_halves(h.business.halves() / 2);
    if (got.legal != h.legal) pc.legal = got.legal;
    if (got.business != h.business) pc.business = got.business;
    earned += got;
    s.records.push_back({officer, pc});
  }
};

// A year that is over: 78% met it, 8% short in legal, 8% in business, 6% in both.
void past_year_targets(Ledger& l, const Requirement& req, bool demo_officer, const Shortfalls& sf, Rng& rng) {
  int r = rng.below(100);
  if (demo_officer) r = 0;
  if (r >= 72 && r < 80)
    l.cap_legal = true;
  else if (r >= 80 && r < 88)
    l.cap_business = true;
  else if (r >= 88 && r < 94)
    l.cap_legal = l.cap_business = true;
  Hours sl = sf.legal[static_cast<std::size_t>(rng.below(static_cast<int>(sf.legal.size())))];
  Hours sb = sf.business[static_cast<std::size_t>(rng.below(static_cast<int>(sf.business.size())))];
  if (l.cap_legal) l.target_legal = sl < req.legal ? req.legal - sl : Hours();
  if (l.cap_business) l.target_business = sb < req.business ? req.business - sb : Hours();
}

// The current year: some have met it, most are on their way, some are behind.
void current_year_targets(Ledger& l, const Requirement& req, bool demo_officer, Rng& rng) {
  auto ceil_share = [](Hours h, int percent) { return Hours::from_halves((h.halves() * percent + 99) / 100); };
  int r = rng.below(100);
  int fl = 100, fb = 100;
  if (r >= 40 && r < 70)
    fl = rng.between(80, 97), fb = rng.between(80, 97);
  else if (r >= 70)
    fl = rng.between(20, 70), fb = rng.between(20, 75);
  if (demo_officer) fl = 60, fb = 45;
  l.cap_legal = fl < 100;
  l.cap_business = fb < 100;
  l.target_legal = ceil_share(req.legal, fl);
  l.target_business = ceil_share(req.business, fb);
}

bool eligible(const World& w, const Session& s, const Officer& o) {
  return o.post().on_post(s.t.spec.start_date) && o.post().on_post(s.t.spec.end_date) &&
         w.tree->contains(s.audience, o.unit_id);
}

// The rotation session an officer attended, if any: exactly `rate`% of each unit's due staff,
// spread evenly over its list; mostly their own unit's first session, otherwise a later one.
std::set<std::size_t> rotation_session(World& w, std::size_t n, std::map<std::size_t, int>& due_seen, Rng& rng) {
  std::set<std::size_t> forced;
  const DemoOfficer& d = w.officers[n];
  const Officer& o = d.o;
  bool due = o.post_start <= kRotationDeadline && (!o.post_end || *o.post_end >= kRotationDeadline);
  if (!due || w.today <= kRotationStart) return forced;
  const std::string& bcode = w.seeds.units.branch(d.branch).code;
  int rate = w.seeds.rotation_rate.count(bcode) ? w.seeds.rotation_rate.at(bcode) : 100;
  int pref = rng.below(100);
  int nth = due_seen[d.branch]++;
  bool attends = (nth + 1) * rate / 100 > nth * rate / 100;
  if (!attends && n != w.demo_officer) return forced;
  std::vector<std::size_t> options;
  for (std::size_t i = 0; i < w.sessions.size(); ++i)
    if (w.sessions[i].kind == SessionKind::rotation && eligible(w, w.sessions[i], o)) options.push_back(i);
  if (options.empty()) return forced;
  std::size_t pick = options[0];
  if (pref >= 65 && options.size() > 1)
    pick = options[1 + static_cast<std::size_t>(rng.below(static_cast<int>(options.size() - 1)))];
  forced.insert(pick);
  return forced;
}

// One officer's sessions of one year (`idx`: the sessions counted in it).
void attend_year(World& w, std::size_t n, const std::vector<std::size_t>& idx, const std::set<std::size_t>& forced,
                 Ledger& l, Rng& rng) {
  const Officer& o = w.officers[n].o;
  // Rotation sessions first (they were attended regardless of the hours owed).
  for (std::size_t i : idx)
    if (forced.count(i)) l.attend(w.sessions[i], false, rng);
  std::vector<std::size_t> candidates;
  for (std::size_t i : idx) {
    const Session& s = w.sessions[i];
    if (forced.count(i) || s.kind == SessionKind::rotation || !eligible(w, s, o)) continue;
    if (s.kind == SessionKind::political) {
      if (rng.chance(70)) l.attend(w.sessions[i], false, rng);
    } else {
      candidates.push_back(i);
    }
  }
  rng.shuffle(candidates);
  std::stable_partition(candidates.begin(), candidates.end(),
                        [&](std::size_t i) { return w.sessions[i].kind != SessionKind::catch_up; });
  for (std::size_t i : candidates) {
    const CategoryHours& h = w.sessions[i].t.spec.hours;
    bool need_legal = l.earned.legal < l.target_legal && h.legal > Hours();
    bool need_business = l.earned.business < l.target_business && h.business > Hours();
    if (!need_legal && !need_business) continue;
    l.attend(w.sessions[i], n != w.demo_officer, rng);
  }
}

void attend_all(World& w, std::size_t n, const std::map<int, std::vector<std::size_t>>& by_year,
                std::map<std::size_t, int>& due_seen, Rng& rng) {
  const Officer& o = w.officers[n].o;
  const bool demo_officer = n == w.demo_officer;
  const std::set<std::size_t> forced = rotation_session(w, n, due_seen, rng);
  for (const auto& [year, idx] : by_year) {
    if (!o.post().overlaps(year)) continue;
    auto policy = w.store.policies.get(year);
    if (!policy) continue;
    Requirement req = required_for(*policy, o.post(), year);
    Ledger l{o.id, req.legal, req.business, false, false, {}};
    if (year < w.current_year)
      past_year_targets(l, req, demo_officer, w.seeds.shortfalls, rng);
    else
      current_year_targets(l, req, demo_officer, rng);
    attend_year(w, n, idx, forced, l, rng);
  }
}

}  // namespace

std::map<std::string, int> read_rotation(const std::string& dir, const UnitLayout& units) {
  const std::string file = "rotation.csv";
  std::map<std::string, int> out;
  for (const Row& r : read_table(dir, file, "unit,percent")) {
    if (!units.is_branch(r.f[0])) fail(file, r.line, r.f[0] + " is no unit directly under the root of units.csv");
    if (!out.emplace(r.f[0], whole_number(file, r.line, "percent", r.f[1], 0, 100)).second)
      fail(file, r.line, "a second line for " + r.f[0]);
  }
  return out;
}

Shortfalls read_shortfalls(const std::string& dir) {
  const std::string file = "shortfalls.csv";
  Shortfalls out;
  for (const Row& r : read_table(dir, file, "category,hours")) {
    Hours h = hours_field(file, r.line, "hours", r.f[1]);
    if (h == Hours()) fail(file, r.line, "hours must be more than 0");
    if (r.f[0] == "legal") out.legal.push_back(h);
    else if (r.f[0] == "business") out.business.push_back(h);
    else fail(file, r.line, "category must be legal or business");
  }
  if (out.legal.empty() || out.business.empty())
    throw std::runtime_error("seeds/" + file + ": needs amounts for both legal and business");
  return out;
}

void plan_attendance(World& w, Rng& rng) {
  // Sessions by the year they count in.
  std::map<int, std::vector<std::size_t>> by_year;
  for (std::size_t i = 0; i < w.sessions.size(); ++i) by_year[counted_year(w.sessions[i].t.spec)].push_back(i);
  std::map<std::size_t, int> due_seen;  // per branch: officers due for the rotation so far
  for (std::size_t n = 0; n < w.officers.size(); ++n) attend_all(w, n, by_year, due_seen, rng);
}

}  // namespace certhours::demo
