#include "domain/qualification.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/messages.hpp"

namespace certhours {

std::optional<ApplicationState> application_next(ApplicationState from, ApplicationAction a) {
  if (from != ApplicationState::submitted) return std::nullopt;  // decided and withdrawn are final
  switch (a) {
    case ApplicationAction::submit:
      return std::nullopt;
    case ApplicationAction::approve:
      return ApplicationState::approved;
    case ApplicationAction::reject:
      return ApplicationState::rejected;
    case ApplicationAction::withdraw:
      return ApplicationState::withdrawn;
  }
  return std::nullopt;
}

Status check_application_action(Id id, ApplicationState from, ApplicationAction a, const std::string& reason) {
  if (a == ApplicationAction::submit)
    return Status::invalid("action", rules::value_not_allowed,
                           {{"allowed", "approve,reject,withdraw"}, {"value", "submit"}});
  if (a == ApplicationAction::reject && reason.empty()) return Status::invalid("reason", rules::required);
  if (application_next(from, a)) return Status::ok();
  // Every action here is allowed from submitted alone; named as certificate_transition names its list.
  ApplicationState target = a == ApplicationAction::approve  ? ApplicationState::approved
                            : a == ApplicationAction::reject ? ApplicationState::rejected
                                                             : ApplicationState::withdrawn;
  return Status::conflict(rules::application_transition,
                          {{"action", application_action_key(a)},
                           {"id", std::to_string(id)},
                           {"state", application_state_key(from)},
                           {"target", application_state_key(target)},
                           {"allowed_from", application_state_key(ApplicationState::submitted)}},
                          "action");
}

bool Review::qualified() const {
  return std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.ok; });
}

std::vector<CheckCode> Review::failed() const {
  std::vector<CheckCode> out;
  for (const Check& c : checks)
    if (!c.ok) out.push_back(c.code);
  return out;
}

const Check& Review::check(CheckCode code) const {
  return *std::find_if(checks.begin(), checks.end(), [&](const Check& c) { return c.code == code; });
}

bool Application::qualified() const {
  return !checks.empty() && std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.ok; });
}

Check check_on_post(const PostPeriod& post, Date day) {
  const std::string d = format_date(day);
  if (day < post.start) return {CheckCode::on_post, false, d + " 不在岗：到岗日期为 " + format_date(post.start)};
  if (post.end && day > *post.end)
    return {CheckCode::on_post, false, d + " 不在岗：已于 " + format_date(*post.end) + " 离岗"};
  return {CheckCode::on_post, true, d + " 在岗（" + format_date(post.start) + " 到岗）"};
}

namespace {
// 资格考试“name”（2023-04-01）, or 资格考试（2023-04-01） without a name.
std::string exam_label(const ExamResult& e) {
  std::string out = "资格考试";
  if (!e.name.empty()) out += "“" + e.name + "”";
  return out + "（" + format_date(e.held_on) + "）";
}

// The latest of the results held by `day` that `keep` accepts, or nullptr.
template <class Keep>
const ExamResult* latest(const std::vector<ExamResult>& exams, Date day, Keep keep) {
  const ExamResult* best = nullptr;
  for (const ExamResult& e : exams)
    if (e.held_on <= day && keep(e) && (!best || e.held_on > best->held_on)) best = &e;
  return best;
}
}  // namespace

Check check_exam_passed(const std::vector<ExamResult>& exams, Date day) {
  const CheckCode code = CheckCode::exam_passed;
  // The pass that counts longest, when one counts; else say what there is: a pass that no longer
  // counts, a result below the mark, or nothing held by `day`.
  if (const ExamResult* e =
          latest(exams, day, [&](const ExamResult& r) { return r.passed() && counts_on(r.held_on, day); }))
    return {code, true,
            exam_label(*e) + "成绩 " + e->score.to_string() + " 分，合格（及格分 " + e->pass_score.to_string() +
                "），有效至 " + format_date(counts_until(e->held_on))};
  if (const ExamResult* e = latest(exams, day, [](const ExamResult& r) { return r.passed(); }))
    return {code, false,
            exam_label(*e) + "合格成绩有效至 " + format_date(counts_until(e->held_on)) + "，" + format_date(day) +
                " 已不再有效：须在两年内通过资格考试"};
  if (const ExamResult* e = latest(exams, day, [](const ExamResult&) { return true; }))
    return {code, false,
            exam_label(*e) + "成绩 " + e->score.to_string() + " 分，未达及格分 " + e->pass_score.to_string() +
                "：没有合格的资格考试成绩"};
  return {code, false, format_date(day) + " 及以前没有资格考试成绩"};
}

Check check_training_met(ComplianceStatus s, Date day) {
  const std::string y = std::to_string(year_of(day) - 1) + " 年度";
  switch (s) {
    case ComplianceStatus::met:
      return {CheckCode::training_met, true, y + "学时已达标"};
    case ComplianceStatus::exempt:
      return {CheckCode::training_met, true, y + "免于学时考核"};
    case ComplianceStatus::in_progress:
    case ComplianceStatus::not_met:
      break;
  }
  return {CheckCode::training_met, false,
          y + "学时状态为“" + kComplianceStatuses.label(s) + "”：须为“已达标”或“免于考核”"};
}

Check check_assessment_ok(const std::optional<Grade>& g, Date day) {
  const std::string y = std::to_string(year_of(day) - 1) + " 年度";
  if (!g) return {CheckCode::assessment_ok, true, y + "无考核记录"};
  if (*g == Grade::incompetent) return {CheckCode::assessment_ok, false, y + "考核为不称职"};
  return {CheckCode::assessment_ok, true, y + "考核为" + grade_name(*g)};
}

const Certificate* expiring_certificate(const std::vector<Certificate>& certs, Date day) {
  const Certificate* best = nullptr;
  for (const Certificate& c : certs) {
    if (state_on(c, day) != CertState::valid) continue;
    if (!(day < c.expires_on && c.expires_on <= day + date::days(kRenewalWindowDays))) continue;
    if (!best || c.expires_on > best->expires_on) best = &c;
  }
  return best;
}

namespace {
Check first_slot(const std::vector<Certificate>& certs, Date day) {
  const std::string d = format_date(day);
  for (const Certificate& c : certs) {
    auto s = state_on(c, day);
    if (s == CertState::valid || s == CertState::suspended)
      return {CheckCode::certificate_slot, false,
              "已持有执法证 " + c.number + "（" + d + " 为“" + cert_state_name(*s) +
                  "”）：首次申领须没有有效或暂扣的执法证"};
  }
  return {CheckCode::certificate_slot, true, d + " 没有有效或暂扣的执法证"};
}

Check renewal_slot(const std::vector<Certificate>& certs, Date day) {
  const std::string d = format_date(day);
  const std::string window = std::to_string(kRenewalWindowDays);
  if (const Certificate* c = expiring_certificate(certs, day))
    return {CheckCode::certificate_slot, true,
            "执法证 " + c->number + " 有效期至 " + format_date(c->expires_on) + "，在 " + d + " 后 " + window +
                " 天内到期"};
  // Why not: a valid certificate outside the window, or the state of the latest one, or none.
  const Certificate* latest = nullptr;
  for (const Certificate& c : certs) {
    if (c.issued_on > day) continue;
    if (state_on(c, day) == CertState::valid) {
      if (c.expires_on == day)
        return {CheckCode::certificate_slot, false,
                "执法证 " + c.number + " 于 " + d + " 当天到期：换证须在到期日之前申请"};
      return {CheckCode::certificate_slot, false,
              "执法证 " + c.number + " 有效期至 " + format_date(c.expires_on) + "，距 " + d + " 超过 " + window +
                  " 天：到期前 " + window + " 天内才能换证"};
    }
    if (!latest || c.issued_on > latest->issued_on) latest = &c;
  }
  if (latest)
    return {CheckCode::certificate_slot, false,
            "执法证 " + latest->number + " 在 " + d + " 为“" + cert_state_name(*state_on(*latest, day)) +
                "”：换证须持有有效的执法证"};
  return {CheckCode::certificate_slot, false, d + " 没有执法证：换证须持有有效的执法证"};
}
}  // namespace

Check check_certificate_slot(ApplicationKind kind, const std::vector<Certificate>& certs, Date day) {
  return kind == ApplicationKind::first ? first_slot(certs, day) : renewal_slot(certs, day);
}

Result<Review> review_on(const QualificationInput& in, Date day) {
  if (in.officer.kind == OfficerKind::police)
    return Status::conflict(rules::police_credentials, {{"officer_id", std::to_string(in.officer.id)}});
  Review r;
  r.on = day;
  r.checks = {check_on_post(in.officer.post(), day), check_exam_passed(in.exams, day),
              check_training_met(in.prior_year_status, day), check_assessment_ok(in.prior_year_grade, day),
              check_certificate_slot(in.kind, in.certificates, day)};
  return r;
}

Date default_issued_on(ApplicationKind kind, const std::vector<Certificate>& certs, Date decided_on) {
  if (kind == ApplicationKind::renewal)
    if (const Certificate* c = expiring_certificate(certs, decided_on)) return c->expires_on + date::days(1);
  return decided_on;
}

Result<Review> approval_review(const QualificationInput& in, Date issued_on, Date decided_on) {
  Result<Review> r = review_on(in, issued_on);
  if (!r || in.kind != ApplicationKind::renewal) return r;
  Check& slot = r->checks.back();  // certificate_slot, last in the order of kCheckCodes
  slot = check_certificate_slot(in.kind, in.certificates, decided_on);
  return r;
}

Status check_approval(const Review& r) {
  std::string failed;
  for (CheckCode c : r.failed()) failed += (failed.empty() ? "" : ",") + std::string(check_code_key(c));
  if (failed.empty()) return Status::ok();
  return Status::conflict(rules::application_not_qualified, {{"on", format_date(r.on)}, {"failed", failed}});
}

Status check_submit(const Officer& o, const std::vector<Application>& officer_applications) {
  const std::string id = std::to_string(o.id);
  if (o.kind == OfficerKind::police) return Status::conflict(rules::police_credentials, {{"officer_id", id}});
  if (o.status != OfficerStatus::active) return Status::conflict(rules::issue_to_left_officer, {{"officer_id", id}});
  for (const Application& a : officer_applications)
    if (a.state == ApplicationState::submitted)
      return Status::conflict(rules::application_open,
                              {{"id", std::to_string(a.id)}, {"submitted_on", format_date(a.submitted_on)}});
  return Status::ok();
}

Result<CertificateNumber> next_certificate_number(int year, const std::function<bool(const std::string&)>& taken,
                                                  int from, int max_sequence) {
  char buf[16];
  for (int seq = std::max(from, 1); seq <= std::min(max_sequence, kMaxCertificateSequence); ++seq) {
    std::snprintf(buf, sizeof buf, "%04d%06d", year, seq);
    if (!taken(buf)) return CertificateNumber{buf, seq};
  }
  return Status::conflict(rules::certificate_numbers_exhausted, {{"year", std::to_string(year)}});
}

Result<std::string> next_certificate_number(int year, const std::set<std::string>& taken, int max_sequence) {
  auto n = next_certificate_number(
      year, [&](const std::string& number) { return taken.count(number) > 0; }, 1, max_sequence);
  if (!n) return n.status();
  return std::move(n->number);
}

}  // namespace certhours
