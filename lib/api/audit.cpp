// The audit log (admin): filterable by entity and id, newest first, paged.
#include "api/handlers.hpp"
#include "app/administration.hpp"
#include "domain/messages.hpp"

namespace certhours::api::handlers {

namespace {
json::value parse_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value(text) : v;
}
}  // namespace

Response audit(Ctx& ctx) {
  CH_TRY(paging, ctx.paging());
  std::optional<std::string> entity = ctx.query_text("entity");
  if (entity && entity->empty()) entity.reset();
  if (entity) {
    bool known = false;
    std::string allowed;
    for (const char* e : app::kAuditEntities) {
      known = known || *entity == e;
      allowed += (allowed.empty() ? "" : ",") + std::string(e);
    }
    if (!known)
      return error_response(
          Status::invalid("entity", rules::value_not_allowed, {{"allowed", allowed}, {"value", *entity}}));
  }
  CH_TRY(entity_id, ctx.query_int("entity_id", 1, INT64_MAX));
  auto page = app::audit(ctx.app(), entity, entity_id, paging);
  json::array items;
  for (const store::AuditEntry& e : page.items)
    items.push_back(json::object{{"id", e.id},
                                 {"at", e.at},
                                 {"actor", e.actor},
                                 {"action", e.action},
                                 {"entity", e.entity},
                                 {"entity_id", e.entity_id ? json::value(*e.entity_id) : json::value()},
                                 {"before", parse_or_null(e.before)},
                                 {"after", parse_or_null(e.after)}});
  return page_response(std::move(items), page.total, paging);
}

}  // namespace certhours::api::handlers
