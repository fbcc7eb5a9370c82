// The annual grades of the years from 2024 that are over, drawn by seeds/grades.csv; those on
// post less than a quarter of the year, or who left during it, get none. A few certified
// officers are graded incompetent on purpose (seeds/exit_review.csv) for the exit review.
#include <algorithm>
#include <stdexcept>

#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

// Certified officers of year y graded incompetent: some who met their hours, some who did not,
// so that the exit review shows both reasons.
std::set<Id> exit_review_picks(World& w, int y, Rng& crng) {
  std::set<Id> incompetent;
  auto it = w.seeds.assessments.exit_review.find(y);
  if (it == w.seeds.assessments.exit_review.end()) return incompetent;
  auto policy = w.store.policies.get(y);
  int met = 0, missed = 0;
  std::vector<store::ComplianceRow> rows = w.store.credits.compliance_rows(w.root_id, y, last_day(y));
  std::vector<std::size_t> idx(rows.size());
  for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = k;
  crng.shuffle(idx);
  for (std::size_t k : idx) {
    const auto& row = rows[k];
    if (row.officer_id == w.officers[w.demo_officer].o.id || !w.certified_today.count(row.officer_id) ||
        row.post.start > make_date(y, 10, 1))
      continue;
    auto st = evaluate_year(policy, row.post, y, w.today, row.earned, exempt_days(row.exemptions)).status;
    if (st == ComplianceStatus::met && met < it->second.met) ++met, incompetent.insert(row.officer_id);
    if (st == ComplianceStatus::not_met && missed < it->second.not_met) ++missed, incompetent.insert(row.officer_id);
  }
  return incompetent;
}

Grade draw_grade(const AssessmentPlan& plan, Rng& crng) {
  int r = crng.below(plan.total);
  for (const auto& [grade, per_mille] : plan.per_mille) {
    if (r < per_mille) return grade;
    r -= per_mille;
  }
  return plan.per_mille.back().first;
}

void grade_year(World& w, int y, Rng& crng) {
  std::map<Grade, int> grades;
  const std::set<Id> incompetent = exit_review_picks(w, y, crng);
  const Date year_end = make_date(y, 12, 31), late = make_date(y, 10, 1);
  for (std::size_t i = 0; i < w.officers.size(); ++i) {
    const Officer& o = w.officers[i].o;
    if (o.post_start > late || !o.post().on_post(year_end)) continue;
    const bool graded_out = y == w.current_year - 1 && w.cases.count(i) && w.cases.at(i) == Case::graded_out;
    const bool demo_officer = i == w.demo_officer;
    const bool fixed = demo_officer || incompetent.count(o.id) || graded_out;
    if (crng.chance(3) && !fixed) continue;  // a grade not entered (yet)
    Grade g = draw_grade(w.seeds.assessments, crng);
    if (demo_officer) g = Grade::competent;
    if (incompetent.count(o.id) || graded_out) g = Grade::incompetent;
    if (Status s = w.store.assessments.put(o.id, y, g, kActor); !s)
      throw std::runtime_error("demo: assessment of " + o.name + ": " + s.message());
    ++grades[g];
    ++w.assessments;
  }
  w.log << "assessments " << y << ":";
  for (Grade g : {Grade::excellent, Grade::competent, Grade::basically_competent, Grade::incompetent})
    w.log << " " << grade_key(g) << " " << grades[g];
  w.log << "\n";
}

}  // namespace

AssessmentPlan read_assessment_plan(const std::string& dir) {
  AssessmentPlan plan;
  for (const Row& r : read_table(dir, "grades.csv", "grade,per_mille")) {
    auto g = parse_grade(r.f[0]);
    if (!g) fail("grades.csv", r.line, "grade must be excellent, competent, basically_competent or incompetent");
    plan.per_mille.emplace_back(*g, whole_number("grades.csv", r.line, "per_mille", r.f[1], 0, 1000));
    plan.total += plan.per_mille.back().second;
  }
  if (plan.total != 1000) throw std::runtime_error("seeds/grades.csv: the shares must add up to 1000");
  for (const Row& r : read_table(dir, "exit_review.csv", "year,met,not_met")) {
    int y = whole_number("exit_review.csv", r.line, "year", r.f[0], kFirstGradedYear, 2100);
    ExitReview e{whole_number("exit_review.csv", r.line, "met", r.f[1], 0, 1000),
                 whole_number("exit_review.csv", r.line, "not_met", r.f[2], 0, 1000)};
    if (!plan.exit_review.emplace(y, e).second) fail("exit_review.csv", r.line, "a second line for " + r.f[0]);
  }
  return plan;
}

void grade_years(World& w, Rng& crng) {
  for (int y = kFirstGradedYear; y < w.current_year; ++y) grade_year(w, y, crng);
}

}  // namespace certhours::demo
