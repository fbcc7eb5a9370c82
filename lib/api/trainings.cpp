// Training sessions and their attendance.
#include "api/codec.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"
#include "app/trainings.hpp"

namespace certhours::api::handlers {

namespace {
// mode: "in_person" or "online".
Result<TrainingMode> mode_field(const Fields& f) {
  auto text = f.text("mode");
  if (!text) return text.status();
  auto mode = parse_mode(*text);
  if (!mode)
    return Status::invalid("mode", rules::value_not_allowed, {{"allowed", "in_person,online"}, {"value", *text}});
  return *mode;
}

// The fields of PATCH /trainings/{id} that are present.
Result<app::TrainingPatch> training_patch(const json::object& body) {
  Fields f(body);
  if (Status s = f.only({"title", "start_date", "end_date", "hours", "rotation", "mode"}); !s) return s;
  if (body.empty()) return Status::invalid("", rules::training_nothing_to_change);
  app::TrainingPatch p;
  if (body.contains("title")) {
    auto title = f.text("title");
    if (!title) return title.status();
    p.title = *title;
  }
  for (auto [name, slot] : {std::pair{"start_date", &p.start_date}, std::pair{"end_date", &p.end_date}}) {
    if (!body.contains(name)) continue;
    auto d = f.date(name);
    if (!d) return d.status();
    *slot = *d;
  }
  if (body.contains("hours")) {
    auto hours = session_hours(body);
    if (!hours) return hours.status();
    p.hours = *hours;
  }
  if (body.contains("rotation")) {
    auto rotation = f.opt_bool("rotation");
    if (!rotation) return rotation.status();
    p.rotation = rotation->value_or(false);
  }
  if (body.contains("mode")) {
    auto mode = mode_field(f);
    if (!mode) return mode.status();
    p.mode = *mode;
  }
  return p;
}
}  // namespace

Response create_training(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  Training t;
  CH_TRY(title, f.text("title"));
  CH_TRY(organizer, f.id("organizer_unit_id"));
  CH_TRY(start, f.date("start_date"));
  CH_TRY(end, f.date("end_date"));
  CH_TRY(hours, session_hours(body));
  CH_TRY(rotation, f.opt_bool("rotation"));
  t.spec = {title, start, end, hours};
  t.organizer_unit_id = organizer;
  t.rotation = rotation.value_or(false);
  if (f.has("mode")) {
    CH_TRY(mode, mode_field(f));
    t.mode = mode;
  }
  CH_TRY(created, app::create_training(ctx.app(), ctx.caller(), t));
  return json_response(201, training_json(created));
}

Response list_trainings(Ctx& ctx) {
  store::TrainingQuery q;
  CH_TRY(paging, ctx.paging());
  q.limit = paging.limit;
  q.offset = paging.offset;
  CH_TRY(year, ctx.query_int("year", kMinYear, kMaxYear));
  if (year) q.year = static_cast<int>(*year);
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  q.unit_id = unit_id;
  CH_TRY(page, app::find_trainings(ctx.app(), q));
  json::array items;
  for (const Training& t : page.items) items.push_back(training_json(t));
  return page_response(std::move(items), page.total, app::Paging{q.limit, q.offset});
}

Response get_training(Ctx& ctx) {
  CH_TRY(t, app::training(ctx.app(), ctx.caller(), ctx.param_id(0)));
  json::object out = training_json(t.training);
  json::array attendees;
  for (const store::Attendee& a : t.attendees)
    attendees.push_back(json::object{{"officer_id", a.officer_id},
                                     {"name", a.name},
                                     {"unit_id", a.unit_id},
                                     {"hours", category_hours_value(a.hours)}});
  out["attendees"] = std::move(attendees);
  json::array actions;
  if (t.may_change) actions = {"update", "delete"};
  out["allowed_actions"] = std::move(actions);
  return json_response(200, out);
}

Response add_attendance(Ctx& ctx) {
  CH_BODY(body);
  auto it = body.find("records");
  if (it == body.end() || it->value().is_null()) return error_response(Status::invalid("records", rules::required));
  if (!it->value().is_array())
    return error_response(
        Status::invalid("records", rules::wrong_type, {{"expected", "array"}, {"got", kind_key(it->value())}}));
  const json::array& arr = it->value().get_array();
  if (arr.empty()) return error_response(Status::invalid("records", rules::records_empty));
  std::vector<store::AttendanceRecord> records;
  records.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    std::string at = "records[" + std::to_string(i) + "]";
    if (!arr[i].is_object())
      return error_response(Status::invalid(at, rules::wrong_type, {{"expected", "object"}, {"got", kind_key(arr[i])}}));
    Fields f(arr[i].get_object(), at + ".");
    CH_TRY(officer_id, f.id("officer_id"));
    store::AttendanceRecord r{officer_id, {}};
    if (f.has("hours")) {
      CH_TRY(credit, partial_credit(arr[i].get_object().at("hours"), at + ".hours"));
      r.credit = credit;
    }
    records.push_back(r);
  }
  CH_TRY(outcome, app::record_attendance(ctx.app(), ctx.caller(), ctx.param_id(0), records));
  json::array items;
  for (const auto& item : outcome.items)
    items.push_back(json::object{{"officer_id", item.officer_id},
                                 {"hours", category_hours_value(item.hours)},
                                 {"status", item.added ? "added" : "already_recorded"}});
  return json_response(200, json::object{{"added", outcome.added},
                                         {"already_recorded", outcome.already_recorded},
                                         {"items", std::move(items)}});
}

Response remove_attendance(Ctx& ctx) {
  CH_CHECK(app::remove_attendance(ctx.app(), ctx.caller(), ctx.param_id(0), ctx.param_id(1)));
  return no_content();
}

Response patch_training(Ctx& ctx) {
  CH_BODY(body);
  CH_TRY(patch, training_patch(body));
  CH_TRY(changed, app::change_training(ctx.app(), ctx.caller(), ctx.param_id(0), patch));
  return json_response(200, training_json(changed));
}

Response delete_training(Ctx& ctx) {
  CH_TRY(with_attendance, ctx.query_flag("with_attendance"));
  CH_CHECK(app::delete_training(ctx.app(), ctx.caller(), ctx.param_id(0), with_attendance));
  return no_content();
}

Response patch_attendance(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  if (Status s = f.only({"hours"}); !s) return error_response(s);
  auto it = body.find("hours");
  if (it == body.end()) return error_response(Status::invalid("hours", rules::required));
  CH_TRY(change, partial_credit(it->value(), "hours"));
  if (!change.legal && !change.business && !change.political)
    return error_response(Status::invalid("hours", rules::credit_nothing_to_change));
  CH_TRY(a, app::correct_attendance(ctx.app(), ctx.caller(), ctx.param_id(0), ctx.param_id(1), change));
  return json_response(200, json::object{{"training_id", ctx.param_id(0)},
                                         {"officer_id", a.officer_id},
                                         {"name", a.name},
                                         {"unit_id", a.unit_id},
                                         {"hours", category_hours_value(a.hours)}});
}

}  // namespace certhours::api::handlers
