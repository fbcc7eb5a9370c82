#include "app/reminders.hpp"

#include <algorithm>
#include <tuple>

#include "app/certificates.hpp"
#include "app/hours.hpp"
#include "domain/certificate.hpp"

namespace certhours::app {

namespace {
// 2025年1月14日, as the web shows dates.
std::string zh_date(Date d) {
  date::year_month_day ymd{d};
  return std::to_string(static_cast<int>(ymd.year())) + "年" + std::to_string(static_cast<unsigned>(ymd.month())) +
         "月" + std::to_string(static_cast<unsigned>(ymd.day())) + "日";
}

Severity severity_in(std::int64_t days_left) {
  return days_left <= 30 ? Severity::urgent : days_left <= 60 ? Severity::warning : Severity::info;
}

// What follows a year that ends short (docs/domain.md "The exit mechanism").
constexpr const char* kShortYearFollows =
    "年底仍未达标的，年度学时记为未达标，列入年度执法资格退出审查，可能被暂扣或收回执法证。";

void own_certificate(App& app, const Caller& caller, const Officer& me, std::vector<Reminder>& out) {
  for (const Certificate& c : app.store.certificates.of_officer(me.id)) {
    auto s = state_on(c, caller.today);
    if (s != CertState::valid && s != CertState::suspended) continue;
    std::int64_t left = (c.expires_on - caller.today).count();
    if (left > kExpiryWindowDays) continue;
    out.push_back({ReminderKind::certificate_expiring, severity_in(left),
                   "您的执法证将于" + zh_date(c.expires_on) + "到期",
                   "证号 " + c.number + "，还有 " + std::to_string(left) + " 天。请及时通过所在单位申请换证。", "#/me",
                   c.expires_on});
  }
}

void own_pace(App& app, const Caller& caller, const Officer& me, std::vector<Reminder>& out) {
  auto h = officer_hours(app, caller, me.id, {});
  if (!h || (!h->status.legal.behind_pace && !h->status.business.behind_pace)) return;
  std::string detail = "按全年进度，到今天应完成";
  bool first = true;
  for (auto [label, p] : {std::pair{"公共法律知识", &h->status.legal}, std::pair{"业务知识", &h->status.business}}) {
    if (!p->behind_pace) continue;
    detail += std::string(first ? "" : "、") + label + " " + p->expected.to_string() + " 学时（已完成 " +
              p->earned.to_string() + "，全年须 " + p->required.to_string() + "）";
    first = false;
  }
  detail += "。";
  detail += kShortYearFollows;
  out.push_back(
      {ReminderKind::behind_pace, Severity::warning, "您的学时进度落后", std::move(detail), "#/me", last_day(h->year)});
}

void units_certificates(App& app, const Caller& caller, std::vector<Reminder>& out) {
  auto list = expiring_certificates(app, caller, std::nullopt, kExpiryWindowDays);
  if (!list) return;
  std::size_t listed = 0;
  for (const ExpiringCertificate& e : list->items) {
    if (listed == kListedCertificates) break;
    ++listed;
    out.push_back(
        {ReminderKind::certificate_expiring, severity_in(e.days_left),
         e.officer.name + "的执法证将于" + zh_date(e.certificate.expires_on) + "到期",
         "证号 " + e.certificate.number + "，" + e.unit_name + "，还有 " + std::to_string(e.days_left) + " 天",
         "#/officers/" + std::to_string(e.officer.id), e.certificate.expires_on});
  }
  if (list->items.size() <= listed) return;
  const ExpiringCertificate& next = list->items[listed];
  std::size_t more = list->items.size() - listed;
  out.push_back({ReminderKind::certificates_expiring, severity_in(next.days_left),
                 "另有 " + std::to_string(more) + " 本执法证将在 " + std::to_string(kExpiryWindowDays) + " 天内到期",
                 "其中最早的于" + zh_date(next.certificate.expires_on) + "到期",
                 caller.is(Role::admin) ? "#/certs?tab=expiring" : "#/unit", next.certificate.expires_on});
}

void units_pace(App& app, const Caller& caller, std::vector<Reminder>& out) {
  auto unit = report_unit(app, caller, std::nullopt);
  if (!unit || *unit == 0) return;
  const int year = year_of(caller.today);
  auto policy = app.store.policies.get(year);
  std::int64_t behind = 0, legal = 0, business = 0;
  app.store.credits.each_compliance_row(*unit, year, caller.today, [&](const store::ComplianceRow& row) {
    YearStatus s = evaluate_year(policy, row.post, year, caller.today, row.earned, exempt_days(row.exemptions));
    if (!row.post.on_post(caller.today) || (!s.legal.behind_pace && !s.business.behind_pace)) return;
    ++behind;
    legal += s.legal.behind_pace;
    business += s.business.behind_pace;
  });
  if (behind == 0) return;
  out.push_back({ReminderKind::behind_pace, Severity::warning, std::to_string(behind) + " 名人员学时进度落后",
                 "到今天未达到全年进度：公共法律知识 " + std::to_string(legal) + " 人，业务知识 " +
                     std::to_string(business) + " 人。" + kShortYearFollows,
                 "#/unit", last_day(year)});
}
}  // namespace

std::vector<Reminder> reminders(App& app, const Caller& caller) {
  std::vector<Reminder> out;
  if (caller.is(Role::officer)) {
    if (!caller.user.officer_id) return out;
    auto me = app.store.officers.find(*caller.user.officer_id);
    if (!me || me->status == OfficerStatus::left) return out;
    own_certificate(app, caller, *me, out);
    own_pace(app, caller, *me, out);
  } else {
    units_certificates(app, caller, out);
    units_pace(app, caller, out);
  }
  // Most urgent first, then the soonest due; the order within is kept.
  std::stable_sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) {
    return std::tie(a.severity, a.due_on) < std::tie(b.severity, b.due_on);
  });
  return out;
}

}  // namespace certhours::app
