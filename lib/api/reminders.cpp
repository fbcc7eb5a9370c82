// GET /me/reminders: what needs the caller's attention, computed on every request.
#include "api/handlers.hpp"
#include "app/reminders.hpp"

namespace certhours::api::handlers {

Response me_reminders(Ctx& ctx) {
  json::array items;
  for (const app::Reminder& r : app::reminders(ctx.app(), ctx.caller())) {
    json::object item{{"kind", app::kReminderKinds.key(r.kind)},
                      {"severity", app::kSeverities.key(r.severity)},
                      {"title", r.title},
                      {"detail", r.detail},
                      {"link", r.link}};
    if (r.due_on) item["due_on"] = format_date(*r.due_on);
    items.push_back(std::move(item));
  }
  return json_response(200, json::object{{"items", std::move(items)}});
}

}  // namespace certhours::api::handlers
