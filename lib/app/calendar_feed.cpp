#include "app/calendar_feed.hpp"

#include <algorithm>

#include "app/auth.hpp"
#include "app/certificates.hpp"
#include "domain/certificate.hpp"
#include "domain/messages.hpp"

namespace certhours::app {

namespace {
// The secret is 64 hex digits (Auth::new_token); anything else names nothing and is not looked up.
bool well_formed(std::string_view secret) {
  return secret.size() == 64 &&
         std::all_of(secret.begin(), secret.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// "公共法律知识 4 学时，业务知识和行政执法技能 8 学时" (categories with hours only).
std::string hours_text(const CategoryHours& h) {
  std::string out;
  for (Category c : kCategories) {
    if (h[c] == Hours()) continue;
    out += (out.empty() ? "" : "，") + std::string(kCategoryNames.label(c)) + " " + h[c].to_string() + " 学时";
  }
  return out;
}

ical::Event training_event(Id id, const std::string& title, Date first, Date last, std::string description) {
  return {"training-" + std::to_string(id) + "@certhours", first, last, "培训：" + title, std::move(description), {}};
}

ical::Event expiry_event(const Certificate& c, std::string summary, std::string description) {
  return {"certificate-" + std::to_string(c.id) + "-expiry@certhours",
          c.expires_on,
          c.expires_on,
          std::move(summary),
          std::move(description),
          kFeedAlarmDays};
}

void officer_events(App& app, const Caller& caller, ical::Calendar& cal) {
  if (!caller.user.officer_id) return;
  for (const Certificate& c : app.store.certificates.of_officer(*caller.user.officer_id)) {
    auto s = state_on(c, caller.today);
    if (s != CertState::valid && s != CertState::suspended) continue;
    cal.events.push_back(expiry_event(c, "我的执法证到期（" + c.number + "）",
                                      "证号 " + c.number + " 的有效期到今天为止。请在到期前通过所在单位申请换证。"));
  }
  auto credits = app.store.credits.of_officer(*caller.user.officer_id);  // oldest first
  std::size_t from = credits.size() > kFeedTrainings ? credits.size() - kFeedTrainings : 0;
  for (std::size_t i = from; i < credits.size(); ++i) {
    const store::Credit& cr = credits[i];
    cal.events.push_back(
        training_event(cr.training_id, cr.title, cr.start_date, cr.end_date, "计入学时：" + hours_text(cr.hours)));
  }
}

void units_events(App& app, const Caller& caller, ical::Calendar& cal) {
  date::year_month_day in_a_year = date::year_month_day{caller.today} + date::years(1);
  if (!in_a_year.ok()) in_a_year = in_a_year.year() / in_a_year.month() / date::last;  // 29 February
  int days = static_cast<int>((date::sys_days{in_a_year} - caller.today).count());
  if (auto expiring = expiring_certificates(app, caller, std::nullopt, days)) {
    std::size_t n = std::min(expiring->items.size(), kFeedCertificates);
    for (std::size_t i = 0; i < n; ++i) {
      const ExpiringCertificate& e = expiring->items[i];
      cal.events.push_back(expiry_event(
          e.certificate, "执法证到期：" + e.officer.name + "（" + e.unit_name + "）",
          "证号 " + e.certificate.number + "，" + e.officer.name + "，" + e.unit_name + "。到期前请为其申请换证。"));
    }
  }
  store::TrainingQuery q;
  q.unit_id = caller.scope();
  q.limit = static_cast<int>(kFeedTrainings);
  auto tree = app.store.units.tree();
  for (const Training& t : app.store.trainings.search(q).items) {  // the most recent first
    const Unit* organiser = tree->find(t.organizer_unit_id);
    std::string description = "学时：" + hours_text(t.spec.hours);
    if (organiser) description += "。组织单位：" + organiser->name;
    cal.events.push_back(training_event(t.id, t.spec.title, t.spec.start_date, t.spec.end_date, description));
  }
}
}  // namespace

std::string calendar_secret(App& app, const Caller& caller) {
  return app.store.calendar_feeds.token(caller.user.id, Auth::new_token());
}

std::string reset_calendar_secret(App& app, const Caller& caller) {
  std::string fresh = Auth::new_token();
  app.store.calendar_feeds.reset(caller.user.id, fresh, caller.actor);
  return fresh;
}

Result<ical::Calendar> calendar_feed(App& app, std::string_view secret, Date today) {
  std::optional<User> user;
  if (well_formed(secret)) user = app.store.calendar_feeds.user_of(std::string(secret));
  if (!user) return Status::not_found(rules::calendar_feed_not_found);
  Caller caller = Caller::of(*user, today);
  ical::Calendar cal{"执法证与培训 · " + user->username, {}};
  if (caller.is(Role::officer))
    officer_events(app, caller, cal);
  else
    units_events(app, caller, cal);
  return cal;
}

}  // namespace certhours::app
