#include "api/context.hpp"

#include "app/rate_limit.hpp"
#include "domain/messages.hpp"

#include <cctype>
#include <charconv>

namespace certhours::api {

std::optional<std::string> Ctx::query_text(const char* name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Result<std::optional<std::int64_t>> Ctx::query_int(const char* name, std::int64_t min, std::int64_t max) const {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::optional<std::int64_t>();
  const std::string& s = it->second;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    return Status::invalid(name, rules::integer_invalid, {{"value", s}});
  if (v < min || v > max)
    return Status::invalid(name, rules::out_of_range, {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
  return std::optional<std::int64_t>(v);
}

Result<bool> Ctx::query_flag(const char* name) const {
  auto it = query.find(name);
  if (it == query.end() || it->second == "false") return false;
  if (it->second == "true") return true;
  return Status::invalid(name, rules::value_not_allowed, {{"allowed", "true,false"}, {"value", it->second}});
}

Result<StatusFilter> Ctx::query_statuses(const char* name) const {
  StatusFilter out;
  auto it = query.find(name);
  if (it == query.end()) return out;
  if (auto bad = parse_statuses(it->second, out))
    return Status::invalid(name, rules::value_not_allowed,
                           {{"allowed", "met,in_progress,not_met,exempt"}, {"value", std::string(*bad)}});
  return out;
}

Result<std::optional<Date>> Ctx::query_date(const char* name) const {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::optional<Date>();
  auto d = parse_date(it->second);
  if (!d)
    return Status::invalid(name, rules::date_invalid, {{"value", it->second}});
  return std::optional<Date>(*d);
}

Result<Paging> Ctx::paging() const {
  Paging p;
  auto limit = query_int("limit", 1, 1000);
  if (!limit) return limit.status();
  auto offset = query_int("offset", 0, 1'000'000'000);
  if (!offset) return offset.status();
  if (*limit) p.limit = static_cast<int>(**limit);
  if (*offset) p.offset = static_cast<int>(**offset);
  return p;
}

Response Ctx::list(json::array items, json::object extra) const {
  auto total = static_cast<std::int64_t>(items.size());
  auto p = paging();
  if (!p) return error_response(p.status());
  json::array page;
  for (std::int64_t i = p->offset; i < total && i < static_cast<std::int64_t>(p->offset) + p->limit; ++i)
    page.push_back(std::move(items[static_cast<std::size_t>(i)]));
  return page_response(std::move(page), total, *p, std::move(extra));
}

std::variant<json::object, Response> Ctx::body() const {
  std::string_view ct = req.content_type;
  auto semi = ct.find(';');
  std::string_view media = ct.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  std::string lower(media);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower != "application/json")
    return error_response(415, "unsupported_media_type", rules::media_type_json, {{"value", std::string(media)}});
  boost::system::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec) return error_response(400, "invalid_json", rules::invalid_json, {{"detail", ec.message()}});
  if (!v.is_object()) return error_response(400, "invalid_json", rules::body_not_object);
  return std::move(v.get_object());
}

std::string token_of(const Request& req) {
  std::string_view a = req.authorization;
  if (a.size() > 7 && (a.substr(0, 7) == "Bearer " || a.substr(0, 7) == "bearer ")) {
    a.remove_prefix(7);
    while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
    while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
    return std::string(a);
  }
  // Cookie: a=b; certhours_session=TOKEN; c=d
  std::string_view c = req.cookie;
  while (!c.empty()) {
    auto semi = c.find(';');
    std::string_view part = c.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    constexpr std::string_view kName = "certhours_session=";
    if (part.substr(0, kName.size()) == kName) return std::string(part.substr(kName.size()));
    if (semi == std::string_view::npos) break;
    c.remove_prefix(semi + 1);
  }
  return {};
}


Response json_response(int status, const json::value& v) { return json_text_response(status, to_text(v)); }

Response json_text_response(int status, std::string text) {
  Response r;
  r.status = status;
  r.body = std::move(text);
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response page_response(json::array items, std::int64_t total, const Paging& p, json::object extra) {
  extra["items"] = std::move(items);
  extra["total"] = total;
  extra["limit"] = p.limit;
  extra["offset"] = p.offset;
  return json_response(200, extra);
}

}  // namespace certhours::api
