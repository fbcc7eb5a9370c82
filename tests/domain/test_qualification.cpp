// Qualification exams, certificate applications and the qualification review (资格审查):
// scores, how long a pass counts, the application's states, the five checks, approval
// re-checked on the issue date, and the automatic certificate number.
#include <doctest/doctest.h>

#include "../common/domain_values.hpp"

#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/exam.hpp"
#include "domain/messages.hpp"
#include "domain/qualification.hpp"

using namespace certhours;
using certhours::testdata::D;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

Score S(double v) {
  auto s = Score::from_number(v);
  REQUIRE_MESSAGE(s.has_value(), v);
  return *s;
}

ExamResult exam(const char* held_on, double score, double pass = 60, std::string name = "") {
  return ExamResult{std::move(name), D(held_on), S(score), S(pass)};
}

Certificate issued(const char* number, const char* issued_on, std::optional<const char*> expires_on = std::nullopt) {
  Certificate c;
  c.id = 1;
  c.officer_id = 7;
  c.number = number;
  c.issued_on = D(issued_on);
  c.expires_on = expires_on ? D(*expires_on) : default_expiry(c.issued_on);
  c.events.push_back(CertEvent{CertAction::issue, c.issued_on, "", std::nullopt, "admin", ""});
  return c;
}

Certificate with_event(Certificate c, CertAction a, const char* on, std::optional<const char*> until = std::nullopt) {
  CertEvent e{a, D(on), "原因", std::nullopt, "admin", ""};
  if (until) e.until = D(*until);
  c.events.push_back(e);
  return c;
}

Officer officer(const char* post_start = "2019-05-01", std::optional<const char*> post_end = std::nullopt) {
  Officer o;
  o.id = 7;
  o.name = "张三";
  o.unit_id = 1;
  o.kind = OfficerKind::enforcement;
  o.status = post_end ? OfficerStatus::left : OfficerStatus::active;
  o.post_start = D(post_start);
  if (post_end) o.post_end = D(*post_end);
  return o;
}

// The worked example (policy 20/40, today 2025-03-10): on post since 2019, 2024 met, graded
// competent for 2024, exam held 2023-04-01 scored 72 of 60, no certificate, a first application.
QualificationInput worked_example() {
  QualificationInput in;
  in.officer = officer();
  in.exams = {exam("2023-04-01", 72, 60, "2023 年行政执法资格考试")};
  in.prior_year_status = ComplianceStatus::met;
  in.prior_year_grade = Grade::competent;
  in.kind = ApplicationKind::first;
  return in;
}

std::string failed_codes(const Review& r) {
  std::string out;
  for (CheckCode c : r.failed()) out += (out.empty() ? "" : ",") + std::string(check_code_key(c));
  return out;
}

Application app(Id id, ApplicationState s, const char* submitted_on = "2025-03-01") {
  Application a;
  a.id = id;
  a.officer_id = 7;
  a.state = s;
  a.submitted_on = D(submitted_on);
  return a;
}
}  // namespace

// --- exams ---

TEST_CASE("a score is 0 to 100 in steps of 0.5, held exactly") {
  for (double ok : {0.0, 0.5, 59.5, 60.0, 72.5, 99.5, 100.0}) {
    CAPTURE(ok);
    auto s = Score::from_number(ok);
    REQUIRE(s.has_value());
    CHECK(s->as_double() == ok);
  }
  for (double bad : {100.5, 101.0, -1.0, -0.5, 60.3, 60.25, 1e9, std::nan(""), HUGE_VAL, -HUGE_VAL}) {
    CAPTURE(bad);
    CHECK_FALSE(Score::from_number(bad).has_value());
  }
  CHECK(S(72.5).halves() == 145);
  CHECK(Score::whole(60) == S(60));
  CHECK(kDefaultPassScore == S(60));
  CHECK(S(72).to_string() == "72");
  CHECK(S(72.5).to_string() == "72.5");
  CHECK(S(0).to_string() == "0");
  CHECK(S(59.5) < S(60));
}

TEST_CASE("a score from a CSV cell: digits, a .5 or .0 fraction, at most 100") {
  CHECK(Score::parse("72") == S(72));
  CHECK(Score::parse("72.5") == S(72.5));
  CHECK(Score::parse("72.50") == S(72.5));
  CHECK(Score::parse("100") == S(100));
  CHECK(Score::parse("100.0") == S(100));
  CHECK(Score::parse("0") == S(0));
  for (const char* bad : {"100.5", "101", "-1", "60.3", "", " 72", "72 ", "72.", ".5", "abc", "1e2", "七十二", "+72"}) {
    CAPTURE(bad);
    CHECK_FALSE(Score::parse(bad).has_value());
  }
}

TEST_CASE("a refused score names its field and quotes the input, in both languages") {
  auto r = score_from_number(60.3, "score");
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().code() == Status::Code::invalid);
  CHECK(r.status().rule() == "score_invalid");
  CHECK(r.status().field() == "score");
  CHECK(r.status().what().param("value") == "60.3");
  CHECK(r.status().message(Lang::zh) ==
        "成绩“60.3”不正确：须为 0 至 100 之间的分数，且为 0.5 的整数倍（如 72 或 72.5）");
  CHECK(r.status().message(Lang::en) == "score '60.3' must be between 0 and 100 in steps of 0.5 (e.g. 72 or 72.5)");
  CHECK(score_from_number(100.5, "pass_score").status().message(Lang::zh).starts_with("及格分数“100.5”不正确"));
  CHECK(score_from_number(-1, "score").status().what().param("value") == "-1");
  CHECK(score_from_text("abc", "score").status().what().param("value") == "abc");
  CHECK(score_from_text("72.5", "score").value() == S(72.5));
  CHECK(score_from_number(72, "score").value() == S(72));
}

TEST_CASE("passed: a score at the pass mark passes, half a point below does not") {
  CHECK(passed(S(60), S(60)));
  CHECK_FALSE(passed(S(59.5), S(60)));
  CHECK(passed(S(60.5), S(60)));
  CHECK(passed(S(0), S(0)));  // a pass mark of 0: everyone passes
  CHECK(passed(S(100), S(100)));
  CHECK_FALSE(passed(S(99.5), S(100)));
  CHECK(exam("2024-01-01", 60).passed());
  CHECK_FALSE(exam("2024-01-01", 59.5).passed());
  CHECK(exam("2024-01-01", 75, 75).passed());
}

TEST_CASE("a pass counts through the day before the exam's second anniversary") {
  CHECK(counts_until(D("2024-06-15")) == D("2026-06-14"));
  CHECK(counts_until(D("2023-04-01")) == D("2025-03-31"));  // the worked example
  CHECK(counts_until(D("2023-01-01")) == D("2024-12-31"));
  CHECK(counts_until(D("2023-12-31")) == D("2025-12-30"));
  CHECK(counts_until(D("2023-03-01")) == D("2025-02-28"));
  CHECK(counts_until(D("2022-03-01")) == D("2024-02-29"));  // through a leap day
  // 29 February's anniversary is 1 March: counts through 28 February.
  CHECK(counts_until(D("2024-02-29")) == D("2026-02-28"));
  CHECK(counts_until(D("2020-02-29")) == D("2022-02-28"));
  // The day before the anniversary, whether or not the year of the anniversary is a leap year.
  CHECK(counts_until(D("2022-02-28")) == D("2024-02-27"));
}

TEST_CASE("counts_on: from the exam day through counts_until; never before the exam") {
  Date held = D("2024-06-15");
  CHECK_FALSE(counts_on(held, D("2024-06-14")));  // held after D: never counts on D
  CHECK(counts_on(held, D("2024-06-15")));
  CHECK(counts_on(held, D("2025-06-15")));
  CHECK(counts_on(held, D("2026-06-14")));
  CHECK_FALSE(counts_on(held, D("2026-06-15")));
  Date leap = D("2024-02-29");
  CHECK(counts_on(leap, D("2026-02-28")));
  CHECK_FALSE(counts_on(leap, D("2026-03-01")));
}

TEST_CASE("an exam held after today is refused; today and earlier are recorded") {
  CHECK(check_exam_date(D("2025-03-10"), D("2025-03-10")).is_ok());
  CHECK(check_exam_date(D("2020-01-01"), D("2025-03-10")).is_ok());
  Status s = check_exam_date(D("2025-03-11"), D("2025-03-10"));
  CHECK(s.code() == Status::Code::invalid);
  CHECK(s.rule() == "exam_in_future");
  CHECK(s.field() == "held_on");
  CHECK(s.params() == Params{{"held_on", "2025-03-11"}, {"today", "2025-03-10"}});
  CHECK(s.message(Lang::zh) == "考试日期（2025-03-11）不能晚于今天（2025-03-10）：考试举行后才能登记");
  CHECK(s.message(Lang::en) ==
        "held_on 2025-03-11 is after today (2025-03-10): an exam is recorded once it has been held");
}

// --- the application's states ---

TEST_CASE("the application's names: keys for the API, Chinese labels for people") {
  CHECK(std::string(kApplicationKinds.label(ApplicationKind::first)) == "首次申领");
  CHECK(std::string(kApplicationKinds.label(ApplicationKind::renewal)) == "换证");
  CHECK(parse_application_kind("renewal") == ApplicationKind::renewal);
  CHECK_FALSE(parse_application_kind("renew").has_value());
  CHECK(std::string(kApplicationStateNames.label(ApplicationState::submitted)) == "待审核");
  CHECK(std::string(kApplicationStateNames.label(ApplicationState::approved)) == "已批准");
  CHECK(std::string(kApplicationStateNames.label(ApplicationState::rejected)) == "已驳回");
  CHECK(std::string(kApplicationStateNames.label(ApplicationState::withdrawn)) == "已撤回");
  CHECK(parse_application_state("withdrawn") == ApplicationState::withdrawn);
  CHECK(std::string(application_action_key(ApplicationAction::approve)) == "approve");
  CHECK(std::string(check_code_key(CheckCode::certificate_slot)) == "certificate_slot");
  CHECK(kCheckCodeNames.keys() ==
        std::vector<std::string>{"on_post", "exam_passed", "training_met", "assessment_ok", "certificate_slot"});
}

TEST_CASE("the transition table: only a submitted application is decided or withdrawn") {
  using S_ = ApplicationState;
  using A = ApplicationAction;
  CHECK(application_next(S_::submitted, A::approve) == S_::approved);
  CHECK(application_next(S_::submitted, A::reject) == S_::rejected);
  CHECK(application_next(S_::submitted, A::withdraw) == S_::withdrawn);
  for (S_ s : kApplicationStates) {
    CAPTURE(application_state_key(s));
    CHECK_FALSE(application_next(s, A::submit).has_value());  // a new application instead
    if (s == S_::submitted) continue;
    for (A a : {A::approve, A::reject, A::withdraw}) {
      CAPTURE(application_action_key(a));
      CHECK_FALSE(application_next(s, a).has_value());  // final
    }
  }
}

TEST_CASE("check_application_action: the allowed pass; a final state is a conflict naming both states") {
  CHECK(check_application_action(5, ApplicationState::submitted, ApplicationAction::approve, "").is_ok());
  CHECK(check_application_action(5, ApplicationState::submitted, ApplicationAction::reject, "材料不全").is_ok());
  CHECK(check_application_action(5, ApplicationState::submitted, ApplicationAction::withdraw, "").is_ok());

  Status s = check_application_action(5, ApplicationState::rejected, ApplicationAction::approve, "");
  CHECK(s.code() == Status::Code::conflict);
  CHECK(s.rule() == "application_transition");
  CHECK(s.field() == "action");
  CHECK(s.params() == Params{{"action", "approve"},
                             {"id", "5"},
                             {"state", "rejected"},
                             {"target", "approved"},
                             {"allowed_from", "submitted"}});
  CHECK(s.message(Lang::zh) == "申领 5 为“已驳回”状态，不能批准（改为“已批准”）：只有“待审核”状态的申领才能批准");
  CHECK(s.message(Lang::en) ==
        "cannot approve application 5: it is rejected, and approve (to approved) is allowed only from submitted");
  // An application's withdraw reads 撤回 (a certificate's reads 收回).
  Status w = check_application_action(6, ApplicationState::withdrawn, ApplicationAction::withdraw, "");
  CHECK(w.message(Lang::zh) == "申领 6 为“已撤回”状态，不能撤回（改为“已撤回”）：只有“待审核”状态的申领才能撤回");
  Status a = check_application_action(7, ApplicationState::approved, ApplicationAction::reject, "重复申领");
  CHECK(a.params()[3] == std::pair<std::string, std::string>{"target", "rejected"});
  CHECK(contains(a.message(Lang::zh), "“已批准”状态，不能驳回"));
}

TEST_CASE("check_application_action: a reject needs a reason, checked before the state; submit is no action here") {
  for (ApplicationState s : kApplicationStates) {
    CAPTURE(application_state_key(s));
    Status r = check_application_action(5, s, ApplicationAction::reject, "");
    CHECK(r.code() == Status::Code::invalid);
    CHECK(r.rule() == "required");
    CHECK(r.field() == "reason");
  }
  // withdraw takes an optional reason.
  CHECK(check_application_action(5, ApplicationState::submitted, ApplicationAction::withdraw, "").is_ok());
  Status sub = check_application_action(5, ApplicationState::submitted, ApplicationAction::submit, "");
  CHECK(sub.code() == Status::Code::invalid);
  CHECK(sub.rule() == "value_not_allowed");
}

TEST_CASE("check_submit: police, an officer who left, and a second open application are refused, in that order") {
  Officer o = officer();
  CHECK(check_submit(o, {}).is_ok());
  // Decided and withdrawn applications do not block a new one.
  CHECK(check_submit(o, {app(1, ApplicationState::rejected), app(2, ApplicationState::withdrawn),
                         app(3, ApplicationState::approved)})
            .is_ok());

  Status open =
      check_submit(o, {app(1, ApplicationState::rejected), app(4, ApplicationState::submitted, "2025-03-02")});
  CHECK(open.code() == Status::Code::conflict);
  CHECK(open.rule() == "application_open");
  CHECK(open.params() == Params{{"id", "4"}, {"submitted_on", "2025-03-02"}});
  CHECK(open.message(Lang::zh) == "此人已有待审核的申领 4（2025-03-02 提交）：须先审核或撤回，才能再次申领");

  Officer left = officer("2019-05-01", "2024-12-31");
  Status l = check_submit(left, {app(4, ApplicationState::submitted)});
  CHECK(l.code() == Status::Code::conflict);
  CHECK(l.rule() == "issue_to_left_officer");

  Officer police = left;
  police.kind = OfficerKind::police;
  Status p = check_submit(police, {app(4, ApplicationState::submitted)});
  CHECK(p.code() == Status::Code::conflict);
  CHECK(p.rule() == "police_credentials");
  CHECK(p.params() == Params{{"officer_id", "7"}});
}

// --- the five checks ---

TEST_CASE("on_post: from post_start through post_end") {
  PostPeriod post{D("2019-05-01"), D("2025-06-30")};
  CHECK_FALSE(check_on_post(post, D("2019-04-30")).ok);
  CHECK(check_on_post(post, D("2019-04-30")).detail == "2019-04-30 不在岗：到岗日期为 2019-05-01");
  CHECK(check_on_post(post, D("2019-05-01")).ok);
  CHECK(check_on_post(post, D("2025-06-30")).ok);
  CHECK(check_on_post(post, D("2025-06-30")).detail == "2025-06-30 在岗（2019-05-01 到岗）");
  Check after = check_on_post(post, D("2025-07-01"));
  CHECK(after.code == CheckCode::on_post);
  CHECK_FALSE(after.ok);
  CHECK(after.detail == "2025-07-01 不在岗：已于 2025-06-30 离岗");
  CHECK(check_on_post(PostPeriod{D("2019-05-01"), std::nullopt}, D("2099-12-31")).ok);
}

TEST_CASE("exam_passed: a pass that counts on D; an exam after D, a fail or an old pass does not") {
  Date d = D("2025-03-10");
  Check none = check_exam_passed({}, d);
  CHECK(none.code == CheckCode::exam_passed);
  CHECK_FALSE(none.ok);
  CHECK(none.detail == "2025-03-10 及以前没有资格考试成绩");

  // Held after D: never counts on D (the same as no exam).
  CHECK_FALSE(check_exam_passed({exam("2025-03-11", 90)}, d).ok);
  CHECK(check_exam_passed({exam("2025-03-11", 90)}, d).detail == none.detail);
  // Held on D itself counts.
  CHECK(check_exam_passed({exam("2025-03-10", 90)}, d).ok);

  // Exactly at the pass mark passes; half a point below fails.
  CHECK(check_exam_passed({exam("2024-09-01", 60, 60)}, d).ok);
  Check below = check_exam_passed({exam("2024-09-01", 59.5, 60, "2024 年秋季考试")}, d);
  CHECK_FALSE(below.ok);
  CHECK(below.detail == "资格考试“2024 年秋季考试”（2024-09-01）成绩 59.5 分，未达及格分 60：没有合格的资格考试成绩");
  // A pass mark of the exam's own: 72 fails an exam whose mark is 75.
  CHECK_FALSE(check_exam_passed({exam("2024-09-01", 72, 75)}, d).ok);

  // A pass two years old no longer counts.
  Check old = check_exam_passed({exam("2023-03-10", 90)}, d);
  CHECK_FALSE(old.ok);
  CHECK(old.detail == "资格考试（2023-03-10）合格成绩有效至 2025-03-09，2025-03-10 已不再有效：须在两年内通过资格考试");
  CHECK(check_exam_passed({exam("2023-03-11", 90)}, d).ok);  // its last day

  // Of several, the pass counting longest is named; a later fail takes nothing away.
  Check many = check_exam_passed({exam("2023-04-01", 72, 60, "甲"), exam("2024-04-01", 80, 60, "乙"),
                                  exam("2025-01-01", 30, 60, "丙"), exam("2025-06-01", 99, 60, "丁")},
                                 d);
  CHECK(many.ok);
  CHECK(many.detail == "资格考试“乙”（2024-04-01）成绩 80 分，合格（及格分 60），有效至 2026-03-31");
}

TEST_CASE("training_met: the status of the year before D's year is met or exempt") {
  Date d = D("2025-03-10");
  CHECK(check_training_met(ComplianceStatus::met, d).ok);
  CHECK(check_training_met(ComplianceStatus::met, d).detail == "2024 年度学时已达标");
  CHECK(check_training_met(ComplianceStatus::exempt, d).ok);
  CHECK(check_training_met(ComplianceStatus::exempt, d).detail == "2024 年度免于学时考核");
  Check nm = check_training_met(ComplianceStatus::not_met, d);
  CHECK(nm.code == CheckCode::training_met);
  CHECK_FALSE(nm.ok);
  CHECK(nm.detail == "2024 年度学时状态为“未达标”：须为“已达标”或“免于考核”");
  CHECK_FALSE(check_training_met(ComplianceStatus::in_progress, d).ok);
  // On 1 January the year before is the one just ended.
  CHECK(check_training_met(ComplianceStatus::met, D("2026-01-01")).detail == "2025 年度学时已达标");
}

TEST_CASE("assessment_ok: no 不称职 grade for the year before D's year") {
  Date d = D("2025-03-10");
  Check inc = check_assessment_ok(Grade::incompetent, d);
  CHECK(inc.code == CheckCode::assessment_ok);
  CHECK_FALSE(inc.ok);
  CHECK(inc.detail == "2024 年度考核为不称职");
  CHECK(check_assessment_ok(Grade::basically_competent, d).ok);
  CHECK(check_assessment_ok(Grade::basically_competent, d).detail == "2024 年度考核为基本称职");
  CHECK(check_assessment_ok(Grade::competent, d).ok);
  CHECK(check_assessment_ok(Grade::excellent, d).ok);
  CHECK(check_assessment_ok(std::nullopt, d).ok);  // not graded: nothing against
  CHECK(check_assessment_ok(std::nullopt, d).detail == "2024 年度无考核记录");
}

TEST_CASE("certificate_slot, first: no certificate valid or suspended on D") {
  Date d = D("2025-03-10");
  auto first = [&](std::vector<Certificate> certs) { return check_certificate_slot(ApplicationKind::first, certs, d); };
  CHECK(first({}).ok);
  CHECK(first({}).detail == "2025-03-10 没有有效或暂扣的执法证");
  Check valid = first({issued("QZ-1", "2023-01-01")});
  CHECK(valid.code == CheckCode::certificate_slot);
  CHECK_FALSE(valid.ok);
  CHECK(valid.detail == "已持有执法证 QZ-1（2025-03-10 为“有效”）：首次申领须没有有效或暂扣的执法证");
  Check susp = first({with_event(issued("QZ-2", "2023-01-01"), CertAction::suspend, "2025-01-01")});
  CHECK_FALSE(susp.ok);
  CHECK(contains(susp.detail, "为“暂扣”"));
  // Withdrawn, cancelled or expired on D: a first certificate may be applied for again.
  CHECK(first({with_event(issued("QZ-3", "2023-01-01"), CertAction::withdraw, "2025-01-01")}).ok);
  CHECK(first({with_event(issued("QZ-4", "2023-01-01"), CertAction::cancel, "2025-01-01")}).ok);
  CHECK(first({issued("QZ-5", "2019-01-01")}).ok);  // expired 2023-12-31
  // A suspension that lapsed before D leaves the certificate valid.
  CHECK_FALSE(first({with_event(issued("QZ-6", "2023-01-01"), CertAction::suspend, "2024-01-01", "2024-06-30")}).ok);
  // A certificate not yet issued on D is no obstacle on D (direct issue checks its own order).
  CHECK(first({issued("QZ-7", "2025-03-11")}).ok);
}

TEST_CASE("certificate_slot, renewal: valid on D and expiring within 180 days after D") {
  Date d = D("2025-03-10");
  auto renewal = [&](std::vector<Certificate> certs, Date on) {
    return check_certificate_slot(ApplicationKind::renewal, certs, on);
  };
  Certificate c = issued("QZ-1", "2020-09-07", "2025-09-06");  // D + 180 = 2025-09-06
  Check at180 = renewal({c}, d);
  CHECK(at180.ok);
  CHECK(at180.detail == "执法证 QZ-1 有效期至 2025-09-06，在 2025-03-10 后 180 天内到期");
  // 181 days before expiry: not yet.
  Check at181 = renewal({c}, D("2025-03-09"));
  CHECK_FALSE(at181.ok);
  CHECK(at181.detail == "执法证 QZ-1 有效期至 2025-09-06，距 2025-03-09 超过 180 天：到期前 180 天内才能换证");
  CHECK(renewal({c}, D("2025-09-05")).ok);  // the day before expiry
  // On the expiry day itself: D < expires_on fails.
  Check last = renewal({c}, D("2025-09-06"));
  CHECK_FALSE(last.ok);
  CHECK(last.detail == "执法证 QZ-1 于 2025-09-06 当天到期：换证须在到期日之前申请");
  // Expired, suspended or withdrawn on D: not a valid certificate to renew.
  Check expired = renewal({c}, D("2025-09-07"));
  CHECK_FALSE(expired.ok);
  CHECK(expired.detail == "执法证 QZ-1 在 2025-09-07 为“过期”：换证须持有有效的执法证");
  Check susp = renewal({with_event(c, CertAction::suspend, "2025-03-01")}, d);
  CHECK_FALSE(susp.ok);
  CHECK(contains(susp.detail, "为“暂扣”"));
  CHECK_FALSE(renewal({with_event(c, CertAction::withdraw, "2025-03-01")}, d).ok);
  Check none = renewal({}, d);
  CHECK_FALSE(none.ok);
  CHECK(none.detail == "2025-03-10 没有执法证：换证须持有有效的执法证");
  // The expiring certificate is the one in the window.
  CHECK(expiring_certificate({c}, d) != nullptr);
  CHECK(expiring_certificate({c}, D("2025-03-09")) == nullptr);
  CHECK(expiring_certificate({}, d) == nullptr);
}

// --- the review and approval ---

TEST_CASE("the worked example: qualified on 2025-03-10, all five ok, in the order of the codes") {
  Result<Review> r = review_on(worked_example(), D("2025-03-10"));
  REQUIRE(r.is_ok());
  CHECK(r->qualified());
  CHECK(r->failed().empty());
  CHECK(r->on == D("2025-03-10"));
  REQUIRE(r->checks.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(r->checks[i].code == kCheckCodes[i]);
    CHECK(r->checks[i].ok);
    CHECK_FALSE(r->checks[i].detail.empty());
  }
  CHECK(r->check(CheckCode::exam_passed).detail ==
        "资格考试“2023 年行政执法资格考试”（2023-04-01）成绩 72 分，合格（及格分 60），有效至 2025-03-31");
  CHECK(check_approval(*r).is_ok());
  // Approved the same day without a number: issued then, expiring five years less a day later.
  Date issued_on = default_issued_on(ApplicationKind::first, {}, D("2025-03-10"));
  CHECK(issued_on == D("2025-03-10"));
  CHECK(default_expiry(issued_on) == D("2030-03-09"));
  CHECK(next_certificate_number(year_of(issued_on), std::set<std::string>{}).value() == "2025000001");
}

TEST_CASE("the worked example approved on 2025-04-02: the exam no longer counts, 409 listing exam_passed") {
  Result<Review> r = approval_review(worked_example(), D("2025-04-02"), D("2025-04-02"));
  REQUIRE(r.is_ok());
  CHECK_FALSE(r->qualified());
  CHECK(failed_codes(*r) == "exam_passed");
  Status s = check_approval(*r);
  CHECK(s.code() == Status::Code::conflict);
  CHECK(s.rule() == "application_not_qualified");
  CHECK(s.params() == Params{{"on", "2025-04-02"}, {"failed", "exam_passed"}});
  CHECK(s.message(Lang::zh) == "2025-04-02 的资格审查未通过（资格考试合格），不能批准");
  CHECK(s.message(Lang::en) == "cannot approve: the qualification review on 2025-04-02 fails exam_passed");
  // The last day the pass counts, approval still goes through.
  CHECK(check_approval(*approval_review(worked_example(), D("2025-03-31"), D("2025-03-31"))).is_ok());
}

TEST_CASE("approval lists every failed code, in the order of the checks") {
  QualificationInput in = worked_example();
  in.officer = officer("2019-05-01", "2025-03-31");
  in.exams.clear();
  in.prior_year_status = ComplianceStatus::not_met;
  in.prior_year_grade = Grade::incompetent;
  in.certificates = {issued("QZ-1", "2023-01-01")};
  Result<Review> r = approval_review(in, D("2025-04-01"), D("2025-04-01"));
  REQUIRE(r.is_ok());
  CHECK(failed_codes(*r) == "on_post,exam_passed,training_met,assessment_ok,certificate_slot");
  Status s = check_approval(*r);
  CHECK(s.what().param("failed") == "on_post,exam_passed,training_met,assessment_ok,certificate_slot");
  CHECK(s.message(Lang::zh) ==
        "2025-04-01 的资格审查未通过（在岗、资格考试合格、上年度学时达标、上年度考核、持证情况），不能批准");
  CHECK(s.message(Lang::en) ==
        "cannot approve: the qualification review on 2025-04-01 fails on_post, exam_passed, training_met, "
        "assessment_ok, certificate_slot");
}

TEST_CASE("the review: a left officer fails on_post; 不称职 last year fails assessment_ok; police are refused") {
  QualificationInput left = worked_example();
  left.officer = officer("2019-05-01", "2025-01-31");
  Result<Review> l = review_on(left, D("2025-03-10"));
  REQUIRE(l.is_ok());
  CHECK(failed_codes(*l) == "on_post");
  CHECK(l->check(CheckCode::on_post).detail == "2025-03-10 不在岗：已于 2025-01-31 离岗");

  QualificationInput graded = worked_example();
  graded.prior_year_grade = Grade::incompetent;
  CHECK(failed_codes(*review_on(graded, D("2025-03-10"))) == "assessment_ok");

  QualificationInput late = worked_example();
  late.exams = {exam("2025-03-11", 95)};  // held after D
  CHECK(failed_codes(*review_on(late, D("2025-03-10"))) == "exam_passed");

  QualificationInput police = worked_example();
  police.officer.kind = OfficerKind::police;
  Result<Review> p = review_on(police, D("2025-03-10"));
  REQUIRE_FALSE(p.is_ok());
  CHECK(p.status().code() == Status::Code::conflict);
  CHECK(p.status().rule() == "police_credentials");
  CHECK_FALSE(approval_review(police, D("2025-03-10"), D("2025-03-10")).is_ok());
}

TEST_CASE("a renewal: issued the day after the old certificate expires, its slot checked on the decision date") {
  QualificationInput in = worked_example();
  in.kind = ApplicationKind::renewal;
  in.exams = {exam("2025-01-15", 88)};
  in.certificates = {issued("QZ-OLD", "2020-06-01")};  // expires 2025-05-31
  Date decided = D("2025-03-10");
  CHECK(review_on(in, decided)->qualified());  // on submission, 82 days before expiry

  Date issued_on = default_issued_on(ApplicationKind::renewal, in.certificates, decided);
  CHECK(issued_on == D("2025-06-01"));
  // On issued_on the old certificate has expired: the renewal's slot is judged on the decision date.
  CHECK_FALSE(check_certificate_slot(ApplicationKind::renewal, in.certificates, issued_on).ok);
  Result<Review> r = approval_review(in, issued_on, decided);
  REQUIRE(r.is_ok());
  CHECK(r->on == issued_on);
  CHECK(r->qualified());
  CHECK(r->check(CheckCode::certificate_slot).detail ==
        "执法证 QZ-OLD 有效期至 2025-05-31，在 2025-03-10 后 180 天内到期");
  CHECK(check_approval(*r).is_ok());
  // The other checks are on issued_on: leaving post before it fails on_post.
  in.officer.post_end = D("2025-05-31");
  CHECK(failed_codes(*approval_review(in, issued_on, decided)) == "on_post");
}

TEST_CASE("a renewal decided outside the window fails certificate_slot; default issued_on falls back") {
  std::vector<Certificate> certs = {issued("QZ-OLD", "2020-09-07", "2025-09-06")};
  // 181 days before expiry: no expiring certificate, so issued_on falls back to the decision date.
  CHECK(default_issued_on(ApplicationKind::renewal, certs, D("2025-03-09")) == D("2025-03-09"));
  CHECK(default_issued_on(ApplicationKind::renewal, certs, D("2025-03-10")) == D("2025-09-07"));
  CHECK(default_issued_on(ApplicationKind::renewal, {}, D("2025-03-10")) == D("2025-03-10"));
  CHECK(default_issued_on(ApplicationKind::first, certs, D("2025-03-10")) == D("2025-03-10"));

  QualificationInput in = worked_example();
  in.kind = ApplicationKind::renewal;
  in.exams = {exam("2025-01-15", 88)};
  in.certificates = certs;
  Result<Review> r = approval_review(in, D("2025-03-09"), D("2025-03-09"));
  CHECK(failed_codes(*r) == "certificate_slot");
  CHECK(check_approval(*r).what().param("failed") == "certificate_slot");
}

TEST_CASE("a first application is re-checked on issued_on: a certificate valid then fails the slot") {
  QualificationInput in = worked_example();
  in.certificates = {issued("QZ-OLD", "2020-03-20")};  // valid through 2025-03-19
  CHECK(failed_codes(*review_on(in, D("2025-03-10"))) == "certificate_slot");
  CHECK(approval_review(in, D("2025-03-20"), D("2025-03-10"))->qualified());  // checked on issued_on
}

TEST_CASE("Application::qualified: every stored check ok, and there are checks") {
  Application a = app(1, ApplicationState::submitted);
  CHECK_FALSE(a.qualified());
  a.checks = review_on(worked_example(), D("2025-03-10"))->checks;
  CHECK(a.qualified());
  a.checks[2].ok = false;
  CHECK_FALSE(a.qualified());
}

// --- the automatic certificate number ---

TEST_CASE("next_certificate_number: YYYY and six digits from 000001, skipping taken numbers, per year") {
  CHECK(next_certificate_number(2025, std::set<std::string>{}).value() == "2025000001");
  CHECK(next_certificate_number(2025, {"2025000001", "2025000002"}).value() == "2025000003");
  // The first gap: a number given by hand leaves the sequence's holes to fill.
  CHECK(next_certificate_number(2025, {"2025000001", "2025000003"}).value() == "2025000002");
  CHECK(next_certificate_number(2025, {"2025000002"}).value() == "2025000001");
  // Each year restarts at 000001; numbers of other years and other forms are no obstacle.
  std::set<std::string> taken = {"2025000001", "2025000002", "QZ-2026-0001", "2026000001x", "202600001"};
  CHECK(next_certificate_number(2026, taken).value() == "2026000001");
  CHECK(next_certificate_number(2025, taken).value() == "2025000003");
  CHECK(valid_certificate_number(next_certificate_number(2099, std::set<std::string>{}).value()));
  // All taken: a conflict asking for a number.
  auto full = next_certificate_number(2025, {"2025000001", "2025000002", "2025000003"}, 3);
  REQUIRE_FALSE(full.is_ok());
  CHECK(full.status().code() == Status::Code::conflict);
  CHECK(full.status().rule() == "certificate_numbers_exhausted");
  CHECK(full.status().message(Lang::zh) == "2025 年度的自动证号已用完：请填写证号");
  CHECK(next_certificate_number(2025, {"2025000001", "2025000002"}, 3).value() == "2025000003");
}

TEST_CASE("next_certificate_number: from a sequence known taken below it, each number asked about once") {
  std::set<std::string> taken = {"2025000001", "2025000002", "2025000003", "2025000005"};
  std::vector<std::string> asked;
  auto is_taken = [&](const std::string& n) {
    asked.push_back(n);
    return taken.count(n) > 0;
  };
  auto n = next_certificate_number(2025, is_taken, 3);
  REQUIRE(n.is_ok());
  CHECK(n->number == "2025000004");
  CHECK(n->sequence == 4);
  CHECK(asked == std::vector<std::string>{"2025000003", "2025000004"});  // nothing below `from`
  CHECK(next_certificate_number(2025, is_taken, 5)->number == "2025000006");
  CHECK(next_certificate_number(2025, is_taken, 0)->number == "2025000004");  // below 1 reads as 1
  CHECK(next_certificate_number(2025, is_taken, 6, 5).status().rule() == "certificate_numbers_exhausted");
}
