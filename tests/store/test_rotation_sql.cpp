// The rotation SQL (store::rotation_rows) against the domain's rule (lib/domain/rotation.hpp:
// must_rotate, counts_for_rotation) applied in C++ to the same officers and attendances, on
// generated data (fixed seed) that goes through every edge: a session ending on the window's
// first or last day or one day outside, a rotation session outside the window, a session that
// is not flagged, multi-day sessions straddling a bound or a new year, posts starting or ending
// around the deadline, police, leavers, transfers, removed attendance, partial and zero credits.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "store/campaigns.hpp"
#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {

struct World {
  std::vector<Id> units;                 // every unit
  std::map<Id, Officer> officers;        // as they are now
  std::map<Id, Training> trainings;
  std::set<std::pair<Id, Id>> attended;  // (officer, training), as recorded now
  std::vector<Campaign> campaigns;
};

// Edge sessions of one campaign.
struct Edges {
  Id first = 0, before = 0, last = 0, after = 0, span_out = 0, plain = 0;
};

class Generator {
 public:
  explicit Generator(store::Store& s) : s_(s), rng_(20240531) {}

  World build() {
    Units u = make_units(s_);
    w_.units = {u.qz, u.qn, u.qn01, u.qb, u.qx};
    w_.units.push_back(make_unit(s_, "QN02", "沙埠镇", u.qn, UnitLevel::town));
    w_.units.push_back(make_unit(s_, "QB01", "小董镇", u.qb, UnitLevel::town));
    w_.units.push_back(make_unit(s_, "QX01", "市司法局执法科", u.qx, UnitLevel::department));

    // The plan's campaign (migration 0001) and three more: a later one, a single day, and one
    // whose two days straddle a new year.
    auto seeded = s_.campaigns.list();
    REQUIRE(seeded.size() == 1);
    w_.campaigns.push_back(seeded[0]);
    for (auto [name, start, end] : {std::tuple{"2025 轮训", d(2024, 9, 1), d(2025, 3, 31)},
                                    std::tuple{"一日轮训", d(2024, 12, 16), d(2024, 12, 16)},
                                    std::tuple{"跨年轮训", d(2023, 12, 31), d(2024, 1, 1)}}) {
      auto c = s_.campaigns.create({0, name, start, end}, kAdmin);
      REQUIRE(c.is_ok());
      w_.campaigns.push_back(*c);
    }
    for (const Campaign& c : w_.campaigns) {
      for (int k : {-1, 0, 1}) {
        key_dates_.push_back(c.window_start + date::days(k));
        key_dates_.push_back(c.deadline + date::days(k));
      }
    }

    // Sessions: the edges of every campaign, then random ones.
    for (const Campaign& c : w_.campaigns) {
      Edges e;
      const Date ws = c.window_start, dl = c.deadline;
      const date::days one{1};
      e.first = training("首日结束 " + c.name, ws - one, ws, true);  // starts before the window
      e.before = training("前一日 " + c.name, ws - one, ws - one, true);
      e.last = training("末日 " + c.name, dl, dl, true);
      e.after = training("后一日 " + c.name, dl + one, dl + one, true);
      e.span_out = training("跨出 " + c.name, dl, dl + one, true);  // starts inside, ends after
      e.plain = training("非轮训 " + c.name, ws, ws, false);
      edges_.push_back(e);
    }
    training("跨年 轮训", d(2023, 12, 30), d(2024, 1, 2), true);
    training("跨年 非轮训", d(2023, 12, 31), d(2024, 1, 1), false);
    std::uniform_int_distribution<int> day(0, 760);  // 2023-06-01 .. 2025-06-30
    std::uniform_int_distribution<int> span(0, 2);
    for (int i = 0; i < 10; ++i) {
      Date end = d(2023, 6, 1) + date::days(day(rng_));
      training("随机 " + std::to_string(i), end - date::days(span(rng_)), end, coin(0.5));
    }

    // Officers: forced ones first (their attendance is set below), then random ones.
    for (int i = 0; i < 6 * static_cast<int>(w_.campaigns.size()); ++i) {
      int role = i % 6;
      OfficerKind kind = role == 0 ? OfficerKind::police : OfficerKind::enforcement;
      officer(kind, d(2010, 1, 1), std::nullopt);
    }
    for (int i = 0; i < 176; ++i) {
      Date start = coin(0.3) ? pick(key_dates_) : d(2008, 1, 1) + date::days(std::uniform_int_distribution<int>(0, 6400)(rng_));
      std::optional<Date> end;
      if (coin(0.45)) {
        Date e = coin(0.5) ? pick(key_dates_) : d(2015, 1, 1) + date::days(std::uniform_int_distribution<int>(0, 4000)(rng_));
        end = std::max(e, start);
      }
      officer(coin(0.25) ? OfficerKind::police : OfficerKind::enforcement, start, end);
    }

    // Forced attendance: officer 6*ci + role of campaign ci.
    std::vector<Id> ids;
    for (const auto& [id, o] : w_.officers) ids.push_back(id);
    for (std::size_t ci = 0; ci < w_.campaigns.size(); ++ci) {
      const Edges& e = edges_[ci];
      auto off = [&](int role) { return ids[6 * ci + role]; };
      attend(e.first, {off(0)});               // police, only the session ending on the first day
      attend(e.last, {off(1)});                // only the session on the last day
      attend(e.before, {off(2)});              // just outside, both sides
      attend(e.after, {off(2)});
      attend(e.plain, {off(3)});               // inside, not flagged
      attend(e.span_out, {off(4)});            // starts inside, ends after
      attend(e.last, {off(5)});                // recorded, then removed
      remove(e.last, off(5));
    }
    // Random attendance of the other officers, with partial (and zero) credits.
    std::vector<Id> random_ids(ids.begin() + 6 * static_cast<long>(w_.campaigns.size()), ids.end());
    for (const auto& [tid, t] : w_.trainings) {
      std::vector<Id> who;
      for (Id oid : random_ids)
        if (coin(0.08)) who.push_back(oid);
      if (!who.empty() && coin(0.3)) who.push_back(who.front());  // twice in one request
      attend(tid, who);
    }
    // Leavers, transfers, removals.
    for (int i = 0; i < 12; ++i) {
      Officer& o = w_.officers[pick(random_ids)];
      if (o.status == OfficerStatus::left) continue;
      store::OfficerPatch p;
      p.status = OfficerStatus::left;
      p.post_end = std::optional<Date>(std::max(pick(key_dates_), o.post_start));
      auto r = s_.officers.update(o.id, p, kAdmin);
      REQUIRE(r.is_ok());
      o = *r;
    }
    for (int i = 0; i < 12; ++i) {
      Officer& o = w_.officers[pick(random_ids)];
      store::OfficerPatch p;
      p.unit_id = pick(w_.units);
      auto r = s_.officers.update(o.id, p, kAdmin);
      REQUIRE(r.is_ok());
      o = *r;
    }
    std::vector<std::pair<Id, Id>> pairs(w_.attended.begin(), w_.attended.end());
    std::shuffle(pairs.begin(), pairs.end(), rng_);
    for (int i = 0; i < 15 && i < static_cast<int>(pairs.size()); ++i) remove(pairs[i].second, pairs[i].first);
    return w_;
  }

 private:
  bool coin(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  T pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng_)];
  }

  Id training(const std::string& title, Date start, Date end, bool rotation) {
    int l = std::uniform_int_distribution<int>(1, 3)(rng_), b = std::uniform_int_distribution<int>(0, 3)(rng_),
        p = std::uniform_int_distribution<int>(0, 1)(rng_);
    Training t = make_training(s_, title, pick(w_.units), start, end, hours(l, b + 0.5 * coin(0.5), p), rotation);
    w_.trainings[t.id] = t;
    return t.id;
  }

  void officer(OfficerKind kind, Date start, std::optional<Date> end) {
    OfficerStatus status = end && *end < d(2025, 6, 1) ? OfficerStatus::left : OfficerStatus::active;
    int n = static_cast<int>(w_.officers.size());
    Officer o = make_officer(s_, 1000 + n, "人员" + std::to_string(n), pick(w_.units), kind, start, end, status);
    w_.officers[o.id] = o;
  }

  void attend(Id tid, const std::vector<Id>& who) {
    if (who.empty()) return;
    const Training& t = w_.trainings.at(tid);
    std::vector<store::AttendanceRecord> records;
    for (Id oid : who) {
      PartialCredit pc;
      auto part = [&](Hours session) -> std::optional<Hours> {
        if (!coin(0.3)) return std::nullopt;
        return Hours::from_halves(std::uniform_int_distribution<std::int64_t>(0, session.halves())(rng_));
      };
      pc.legal = part(t.spec.hours.legal);
      pc.business = part(t.spec.hours.business);
      pc.political = part(t.spec.hours.political);
      if (coin(0.05)) pc = {Hours(), Hours(), Hours()};  // present, credited nothing
      records.push_back({oid, pc});
    }
    auto r = s_.trainings.add_attendance(tid, records, std::nullopt, kAdmin).result;
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
    for (Id oid : who) w_.attended.emplace(oid, tid);
  }

  void remove(Id tid, Id oid) {
    REQUIRE(s_.trainings.remove_attendance(tid, oid, std::nullopt, kAdmin).is_ok());
    w_.attended.erase({oid, tid});
  }

  store::Store& s_;
  std::mt19937 rng_;
  World w_;
  std::vector<Date> key_dates_;
  std::vector<Edges> edges_;
};

// What the domain says, officer by officer, for unit `root` (with its subtree).
std::vector<store::RotationRow> expected_rows(const World& w, const UnitTree& tree, Id root, const Campaign& c,
                                             Date as_of) {
  std::vector<store::RotationRow> out;
  if (!tree.find(root)) return out;
  for (const auto& [id, o] : w.officers) {
    if (!tree.contains(root, o.unit_id) || !must_rotate(c, o.post())) continue;
    store::RotationRow r;
    r.officer_id = id;
    r.name = o.name;
    r.unit_id = o.unit_id;
    r.kind = o.kind;
    r.post = o.post();
    for (auto it = w.attended.lower_bound({id, 0}); it != w.attended.end() && it->first == id; ++it) {
      const Training& t = w.trainings.at(it->second);
      if (counts_for_rotation(c, t.rotation, t.spec.end_date, as_of)) r.rotated = true;
    }
    out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [&](const store::RotationRow& a, const store::RotationRow& b) {
    return std::tie(tree.find(a.unit_id)->path, a.officer_id) < std::tie(tree.find(b.unit_id)->path, b.officer_id);
  });
  return out;
}

std::string describe(const store::RotationRow& r) {
  return std::to_string(r.officer_id) + " unit " + std::to_string(r.unit_id) + " post " + format_date(r.post.start) +
         ".." + (r.post.end ? format_date(*r.post.end) : std::string("")) + (r.rotated ? " rotated" : " pending");
}

}  // namespace

TEST_CASE("rotation_rows (SQL) agrees with must_rotate and counts_for_rotation for every officer") {
  TempDb db("rotation-sql");
  store::Store s(db.str(), 2);
  s.set_bulk_load(true);  // hundreds of small writes; durability is not what is tested here
  World w = Generator(s).build();
  s.set_bulk_load(false);
  auto tree = s.units.tree();
  REQUIRE(w.officers.size() == 200);
  REQUIRE(w.trainings.size() >= 30);
  MESSAGE("officers " << w.officers.size() << ", trainings " << w.trainings.size() << ", attendance "
                      << w.attended.size());

  // The generator's record of who attended what is what the file holds.
  CHECK(rows_in(s, "attendance") == static_cast<std::int64_t>(w.attended.size()));
  for (const auto& [id, o] : w.officers) {
    std::set<Id> stored, generated;
    for (int y = 2022; y <= 2026; ++y)
      for (const auto& cr : s.credits.of_officer(id, y)) stored.insert(cr.training_id);
    for (auto it = w.attended.lower_bound({id, 0}); it != w.attended.end() && it->first == id; ++it)
      generated.insert(it->second);
    CHECK(stored == generated);
    auto now = s.officers.find(id);
    REQUIRE(now.has_value());
    CHECK(now->unit_id == o.unit_id);
    CHECK(now->post_end == o.post_end);
  }

  std::vector<Id> roots = w.units;
  roots.push_back(987654);  // no such unit: no rows
  const date::days one{1};
  for (const Campaign& c : w.campaigns) {
    CAPTURE(c.name);
    // As of dates around the window's edges: a session counts only once it has ended.
    const Date mid = c.window_start + (c.deadline - c.window_start) / 2;
    for (Date as_of : {c.window_start - one, c.window_start, mid, c.deadline - one, c.deadline, c.deadline + one})
    for (Id root : roots) {
      CAPTURE(root);
      CAPTURE(format_date(as_of));
      auto got = s.campaigns.rotation_rows(root, c, as_of);
      auto want = expected_rows(w, *tree, root, c, as_of);
      REQUIRE(got.size() == want.size());
      for (std::size_t i = 0; i < got.size(); ++i) {
        CAPTURE(describe(want[i]));
        CHECK(got[i].officer_id == want[i].officer_id);
        CHECK(got[i].rotated == want[i].rotated);
        CHECK(got[i].name == want[i].name);
        CHECK(got[i].unit_id == want[i].unit_id);
        CHECK(got[i].kind == want[i].kind);
        CHECK(got[i].post.start == want[i].post.start);
        CHECK(got[i].post.end == want[i].post.end);
      }
    }
  }

  // The data went through each edge (counted on the domain's side, per campaign).
  for (const Campaign& c : w.campaigns) {
    CAPTURE(c.name);
    int rotated = 0, pending = 0, police = 0, left = 0, on_first_day = 0, on_last_day = 0, outside_only = 0,
        unflagged_only = 0, ends_on_deadline = 0, starts_on_deadline = 0, not_required_ends_before = 0,
        not_required_starts_after = 0, no_attendance = 0;
    for (const auto& [id, o] : w.officers) {
      const PostPeriod p = o.post();
      if (!must_rotate(c, p)) {
        not_required_ends_before += p.end && *p.end == c.deadline - one;
        not_required_starts_after += p.start == c.deadline + one;
        continue;
      }
      police += o.kind == OfficerKind::police;
      left += o.status == OfficerStatus::left;
      ends_on_deadline += p.end == c.deadline;
      starts_on_deadline += p.start == c.deadline;
      bool counts = false, any = false, any_rotation_flag = false;
      std::set<Date> counted_ends;
      for (auto it = w.attended.lower_bound({id, 0}); it != w.attended.end() && it->first == id; ++it) {
        const Training& t = w.trainings.at(it->second);
        any = true;
        any_rotation_flag |= t.rotation;
        if (counts_for_rotation(c, t.rotation, t.spec.end_date, c.deadline)) {
          counts = true;
          counted_ends.insert(t.spec.end_date);
        }
      }
      counts ? ++rotated : ++pending;
      on_first_day += counted_ends == std::set<Date>{c.window_start};
      on_last_day += counted_ends == std::set<Date>{c.deadline};
      outside_only += !counts && any_rotation_flag;
      unflagged_only += !counts && any && !any_rotation_flag;
      no_attendance += !any;
    }
    CHECK(rotated > 0);
    CHECK(pending > 0);
    CHECK(police > 0);
    CHECK(left > 0);
    CHECK(on_first_day > 0);
    CHECK(on_last_day > 0);
    CHECK(outside_only > 0);
    CHECK(unflagged_only > 0);
    CHECK(no_attendance > 0);
    if (c.id == w.campaigns[0].id) {
      CHECK(ends_on_deadline > 0);
      CHECK(starts_on_deadline > 0);
      CHECK(not_required_ends_before > 0);
      CHECK(not_required_starts_after > 0);
    }
  }
}
