// Exams, results and applications on a real SQLite file: what is written and audited, the
// approval that issues the certificate in the same transaction (a refused approval leaves nothing),
// the automatic number's per-year sequence, and the score-sheet import's all or nothing.
#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {
struct Fixture {
  TempDb file{"qualification"};
  store::Store s{file.str(), 2};
  Units u = make_units(s);
  Exam exam = s.exams.create({0, "资格考试", d(2024, 6, 15), kDefaultPassScore}, kAdmin);

  Review review_on_today(Date day, bool ok = true) {
    Review r;
    r.on = day;
    for (CheckCode c : kCheckCodes) r.checks.push_back({c, ok, "理由"});
    return r;
  }
};
}  // namespace

TEST_CASE("store exams: results replace one another, audited with before and after; paged by scope") {
  Fixture f;
  Officer a = make_officer(f.s, 1, "甲", f.u.qn01), b = make_officer(f.s, 2, "乙", f.u.qb);
  REQUIRE(f.s.exams.put_result(f.exam.id, a.id, *Score::parse("59.5"), kAdmin).is_ok());
  auto second = f.s.exams.put_result(f.exam.id, a.id, Score::whole(60), kAdmin);
  REQUIRE(second.is_ok());
  CHECK(second->passed);
  REQUIRE(f.s.exams.put_result(f.exam.id, b.id, Score::whole(40), kAdmin).is_ok());
  CHECK(rows_in(f.s, "exam_results") == 2);
  CHECK(audit_actions(f.s, "exam", "create") == 3);  // the exam, two first scores
  CHECK(audit_actions(f.s, "exam", "update") == 1);

  auto all = f.s.exams.results(f.exam.id, std::nullopt, 10, 0);
  CHECK(all.total == 2);
  auto qn = f.s.exams.results(f.exam.id, f.u.qn, 10, 0);
  REQUIRE(qn.total == 1);
  CHECK(qn.items[0].officer_id == a.id);
  CHECK(qn.items[0].score == Score::whole(60));
  CHECK(f.s.exams.results(f.exam.id, f.u.qn, 10, 1).items.empty());

  CHECK(f.s.exams.put_result(999, a.id, Score::whole(60), kAdmin).status().rule() == "exam_not_found");
  CHECK(f.s.exams.put_result(f.exam.id, 999, Score::whole(60), kAdmin).status().rule() == "officer_not_found");
  auto mine = f.s.exams.of_officer(a.id);
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].exam.name == "资格考试");
  CHECK(mine[0].exam.held_on == d(2024, 6, 15));
}

TEST_CASE("store applications: submit, one open per officer, approve issues the certificate in one transaction") {
  Fixture f;
  Officer a = make_officer(f.s, 1, "甲", f.u.qn01);
  auto sub = f.s.applications.submit(a.id, ApplicationKind::first, f.review_on_today(d(2025, 3, 10)), kAdmin);
  REQUIRE_MESSAGE(sub.is_ok(), sub.status().message());
  CHECK(sub->application.state == ApplicationState::submitted);
  CHECK(sub->application.checks.size() == 5);
  CHECK(sub->application.qualified());
  CHECK(sub->name == "甲");
  CHECK(sub->unit_id == f.u.qn01);
  auto second = f.s.applications.submit(a.id, ApplicationKind::first, f.review_on_today(d(2025, 3, 10)), kAdmin);
  CHECK(second.status().rule() == "application_open");

  // A refused approval (the number is taken) leaves the application, the certificates, the
  // sequence and the audit as they were.
  Officer other = make_officer(f.s, 2, "乙", f.u.qn01);
  REQUIRE(f.s.certificates.issue(other.id, "2025000001", d(2025, 1, 1), std::nullopt, kAdmin).is_ok());
  const auto audit_before = audit_total(f.s);
  auto taken = f.s.applications.approve(sub->application.id,
                                        {std::string("2025000001"), d(2025, 3, 10), std::nullopt, d(2025, 3, 10)}, kAdmin);
  CHECK(taken.status().rule() == "certificate_number_taken");
  CHECK(audit_total(f.s) == audit_before);
  CHECK(rows_in(f.s, "certificates") == 1);
  CHECK(f.s.applications.find(sub->application.id)->application.state == ApplicationState::submitted);

  auto ok = f.s.applications.approve(sub->application.id, {std::nullopt, d(2025, 3, 10), std::nullopt, d(2025, 3, 10)},
                                     kAdmin);
  REQUIRE_MESSAGE(ok.is_ok(), ok.status().message());
  CHECK(ok->application.state == ApplicationState::approved);
  REQUIRE(ok->certificate);
  CHECK(ok->certificate->number == "2025000002");  // 000001 was taken
  CHECK(ok->certificate->expires_on == d(2030, 3, 9));
  CHECK(ok->decided_on == d(2025, 3, 10));
  CHECK(scalar(f.s, "SELECT next FROM certificate_sequences WHERE year = 2025") == 3);
  CHECK(audit_actions(f.s, "application", "approve") == 1);
  CHECK(audit_actions(f.s, "certificate", "issue") == 2);
  auto twice = f.s.applications.approve(sub->application.id, {std::nullopt, d(2025, 3, 10), std::nullopt, d(2025, 3, 10)},
                                        kAdmin);
  CHECK(twice.status().rule() == "application_transition");

  // Close: reject needs a reason; approve never goes through close.
  auto next = f.s.applications.submit(other.id, ApplicationKind::renewal, f.review_on_today(d(2025, 3, 10), false), kAdmin);
  REQUIRE(next.is_ok());
  CHECK_FALSE(next->application.qualified());
  CHECK(f.s.applications.close(next->application.id, ApplicationAction::reject, d(2025, 3, 11), "", kAdmin)
            .status()
            .rule() == "required");
  CHECK(f.s.applications.close(next->application.id, ApplicationAction::approve, d(2025, 3, 11), "", kAdmin)
            .status()
            .rule() == "value_not_allowed");
  auto withdrawn = f.s.applications.close(next->application.id, ApplicationAction::withdraw, d(2025, 3, 11), "", kAdmin);
  REQUIRE(withdrawn.is_ok());
  CHECK(withdrawn->application.state == ApplicationState::withdrawn);

  store::ApplicationQuery q;
  q.scope = f.u.qn;
  CHECK(f.s.applications.list(q).total == 2);
  q.state = ApplicationState::approved;
  CHECK(f.s.applications.list(q).total == 1);
  q.state.reset();
  q.scope = f.u.qb;
  CHECK(f.s.applications.list(q).total == 0);
}

TEST_CASE("store applications: police and left officers are refused inside the write") {
  Fixture f;
  Officer p = make_officer(f.s, 1, "警", f.u.qn01, OfficerKind::police);
  Officer l = make_officer(f.s, 2, "离", f.u.qn01, OfficerKind::enforcement, make_date(2015, 3, 1), d(2024, 12, 31),
                           OfficerStatus::left);
  CHECK(f.s.applications.submit(p.id, ApplicationKind::first, f.review_on_today(d(2025, 3, 10)), kAdmin)
            .status()
            .rule() == "police_credentials");
  CHECK(f.s.applications.submit(l.id, ApplicationKind::first, f.review_on_today(d(2025, 3, 10)), kAdmin)
            .status()
            .rule() == "issue_to_left_officer");
  CHECK(rows_in(f.s, "applications") == 0);
}

TEST_CASE("store imports: the score sheet, all or nothing; duplicates skipped, another score refused") {
  Fixture f;
  Officer a = make_officer(f.s, 1, "甲", f.u.qn01);
  make_officer(f.s, 2, "乙", f.u.qb);
  const std::string e = std::to_string(f.exam.id);
  std::string csv = "exam_id,id_number,score\n" + e + "," + id_number(1) + ",72\n" + e + "," + id_number(2) + ",58\n" +
                    e + "," + id_number(1) + ",72\n";  // the same again in the file: skipped
  auto r = f.s.imports.exam_results(csv, kAdmin);
  REQUIRE(r.is_ok());
  CHECK(r.imported == 2);
  CHECK(r.skipped_duplicates == 1);
  CHECK(audit_actions(f.s, "import", "import") == 1);

  auto bad = f.s.imports.exam_results("exam_id,id_number,score\n" + e + "," + id_number(1) + ",73\n" + e + "," +
                                          id_number(2) + ",58\n" + e + "," + id_number(1) + ",71\n",
                                      kAdmin);
  CHECK_FALSE(bad.is_ok());
  REQUIRE(bad.problems.size() == 2);
  CHECK(bad.problems[0].line == 2);
  CHECK(bad.problems[0].reasons[0].rule == "exam_result_differs");
  CHECK(bad.problems[1].line == 4);  // line 2's officer and exam again, another score
  CHECK(bad.problems[1].reasons[0].rule == "exam_result_repeated");
  CHECK(rows_in(f.s, "exam_results") == 2);
  CHECK(f.s.exams.of_officer(a.id)[0].score == Score::whole(72));

  auto repeated = f.s.imports.exam_results(
      "exam_id,id_number,score\n" + e + "," + id_number(3) + ",x\n" + "0," + id_number(1) + ",50\n", kAdmin);
  REQUIRE(repeated.problems.size() == 2);
  CHECK(repeated.problems[0].reasons[0].rule == "score_invalid");
  CHECK(repeated.problems[1].reasons[0].rule == "id_invalid");
}
