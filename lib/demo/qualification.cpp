// Qualification exams and certificate applications (docs/domain.md): three exams, each in its
// own year (one whose passes no longer count, one over a year ago, one recent), scores for officers without a valid
// certificate (some failing), for a few police officers and for the demo officer, then
// applications in every state, filed and decided through the use cases a unit and the bureau
// use (lib/app), so that each carries the review it would have carried. Those of the hr login's
// units come first, so that its pages are not empty.
#include <algorithm>

#include "app/qualification.hpp"
#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

Exam hold_exam(World& w, int days_ago) {
  Date held = plus_days(w.today, -days_ago);
  std::string name = std::to_string(static_cast<int>(year_of(held))) + "年度行政执法资格考试";
  return w.store.exams.create({0, name, held, kDefaultPassScore}, kActor);
}

// A score from lo to hi in steps of 0.5.
Score draw_score(Rng& rng, int lo, int hi) { return *Score::from_number(rng.between(lo * 2, hi * 2) / 2.0); }

bool in_hr_units(const World& w, const Officer& o) { return w.tree->contains(w.hr_unit->id, o.unit_id); }

}  // namespace

void qualify(World& w, Rng& rng) {
  const Exam expired = hold_exam(w, 900);
  const Exam last_year = hold_exam(w, 420);
  const Exam recent = hold_exam(w, 45);
  std::size_t results = 0;
  auto score = [&](const Exam& e, Id officer, Score s) {
    if (w.store.exams.put_result(e.id, officer, s, kActor)) ++results;
  };

  // Who sits the exams: enforcement officers on post without a valid certificate, those of the
  // hr login's units first; a few police officers (the record is kept); the demo officer.
  std::vector<const Officer*> candidates, police;
  for (const DemoOfficer& d : w.officers) {
    const Officer& o = d.o;
    if (o.status != OfficerStatus::active || o.post_start > w.today) continue;
    if (o.kind == OfficerKind::police) police.push_back(&o);
    else if (!w.certified_today.count(o.id)) candidates.push_back(&o);
  }
  rng.shuffle(candidates);
  std::stable_partition(candidates.begin(), candidates.end(), [&](const Officer* o) { return in_hr_units(w, *o); });
  if (candidates.size() > 40) candidates.resize(40);
  std::vector<const Officer*> passed, failed;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Officer& o = *candidates[i];
    if (i % 5 == 4) {  // passed two years ago or more: it no longer counts
      score(expired, o.id, draw_score(rng, 62, 90));
    } else if (rng.chance(25)) {
      score(recent, o.id, draw_score(rng, 35, 59));
      failed.push_back(&o);
    } else {
      score(recent, o.id, draw_score(rng, 60, 96));
      passed.push_back(&o);
    }
  }
  for (std::size_t i = 0; i < police.size() && i < 3; ++i) score(last_year, police[i]->id, draw_score(rng, 60, 95));
  score(last_year, w.officers[w.demo_officer].o.id, draw_score(rng, 70, 95));

  // Applications, through the use cases, as the bureau's administrator on the day of each step:
  // the decided ones some weeks ago (so their certificates were issued before today).
  app::RateLimiter lookups(app::kIdLookupMissesPerDay, std::chrono::hours(24));
  app::App a{w.store, lookups};
  User admin;
  admin.username = kActor.username;
  admin.role = Role::admin;
  auto bureau = [&](int days_ago) { return app::Caller{admin, plus_days(w.today, -days_ago), kActor}; };
  std::size_t filed = 0;
  auto file = [&](const Officer& o, ApplicationKind kind, int days_ago) -> std::optional<Id> {
    auto r = app::submit_application(a, bureau(days_ago), o.id, kind);
    if (!r) return std::nullopt;
    ++filed;
    return r->application.id;
  };
  // Those the review qualifies on the day: three waiting, two approved (automatic numbers), one
  // rejected, one withdrawn.
  enum class Then { wait, approve, reject, withdraw };
  const std::pair<Then, int> plan[] = {{Then::approve, 30}, {Then::approve, 29}, {Then::reject, 20},
                                       {Then::withdraw, 15}, {Then::wait, 6},    {Then::wait, 3},
                                       {Then::wait, 1}};
  std::size_t next = 0;
  for (const Officer* o : passed) {
    if (next == std::size(plan)) break;
    auto [then, days_ago] = plan[next];
    auto review = app::preview_review(a, bureau(days_ago), o->id, ApplicationKind::first, std::nullopt);
    if (!review || !review->qualified()) continue;
    auto id = file(*o, ApplicationKind::first, days_ago);
    if (!id) continue;
    ++next;
    if (then == Then::approve)
      app::decide_application(a, bureau(days_ago - 2), *id, {ApplicationAction::approve, "", std::nullopt, {}, {}});
    else if (then == Then::reject)
      app::decide_application(a, bureau(days_ago - 2),
                              *id, {ApplicationAction::reject, "材料不全：请补充岗位任命文件后重新申领"});
    else if (then == Then::withdraw)
      app::withdraw_application(a, bureau(days_ago - 1), *id, "人员调整岗位，暂不申领");
  }
  // Filed though not qualified: the bureau sees why.
  if (!failed.empty()) file(*failed.front(), ApplicationKind::first, 2);
  // Renewals of certificates about to expire.
  std::size_t renewals = 0;
  for (const DemoOfficer& d : w.officers) {
    if (renewals == 2) break;
    if (!w.certified_today.count(d.o.id) || d.o.kind != OfficerKind::enforcement) continue;
    auto review = app::preview_review(a, bureau(4), d.o.id, ApplicationKind::renewal, std::nullopt);
    if (!review || !review->check(CheckCode::certificate_slot).ok) continue;
    if (file(d.o, ApplicationKind::renewal, 4)) ++renewals;
  }
  w.log << "exams: 3, exam results: " << results << ", applications: " << filed << "\n";
}

}  // namespace certhours::demo
