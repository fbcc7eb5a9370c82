// Error answers in one place: a Status or a rule to its HTTP status and coarse code, and the
// body written in the reader's language (docs/api.md "Errors").
#include <algorithm>
#include <cctype>

#include "api/context.hpp"
#include "api/csv_upload.hpp"
#include "domain/messages.hpp"

namespace certhours::api {

namespace {

// The q-value of one Accept-Language entry ("en-GB;q=0.8" → 0.8); 1 when absent, 0 when malformed.
double quality(std::string_view params) {
  auto q = params.find("q=");
  if (q == std::string_view::npos) return 1.0;
  std::string v(params.substr(q + 2));
  try {
    return std::clamp(std::stod(v), 0.0, 1.0);
  } catch (...) {
    return 0.0;
  }
}

// Lines of an import report as the 422 body lists them.
json::array report_rows(const std::vector<csv::LineError>& rows, Lang lang) {
  json::array out;
  out.reserve(rows.size());
  for (const auto& e : rows) {
    json::array rules;
    for (const auto& m : e.reasons) rules.push_back(json::string(m.rule));
    out.push_back(json::object{{"line", e.line}, {"message", app::line_text(e, lang)}, {"rules", std::move(rules)}});
  }
  return out;
}

}  // namespace

Lang language_of(std::string_view header) {
  // The first of zh and en by preference; ties go to the one named first. Others are ignored.
  double best_q = 0;
  Lang best = Lang::zh;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view tag = item.substr(0, semi);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    std::string primary(tag.substr(0, tag.find('-')));
    for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (primary != "en" && primary != "zh") continue;
    double q = semi == std::string_view::npos ? 1.0 : quality(item.substr(semi + 1));
    if (q > best_q) {
      best_q = q;
      best = primary == "en" ? Lang::en : Lang::zh;
    }
  }
  return best;
}

Response error_response(int status, const char* code, Rule rule, Params params, std::string field) {
  Response r;
  r.status = status;
  r.error = ErrorReply{code, Message{rule.name, std::move(field), std::move(params)}, {}, std::nullopt};
  return r;
}

Response error_response(const Status& s) {
  auto reply = [&](int status, const char* code) {
    Response r;
    r.status = status;
    r.error = ErrorReply{code, s.what(), {}, std::nullopt};
    return r;
  };
  switch (s.code()) {
    case Status::Code::invalid: return reply(422, "validation_failed");
    case Status::Code::not_found: return reply(404, "not_found");
    case Status::Code::conflict: return reply(409, "conflict");
    case Status::Code::forbidden: return reply(403, "forbidden");
    case Status::Code::unauthenticated: return reply(401, "unauthenticated");
    case Status::Code::unsupported: return reply(415, "unsupported_media_type");
    case Status::Code::rate_limited: {
      Response r = reply(429, "rate_limited");
      r.headers.emplace_back("Retry-After", std::to_string(s.retry_after()));
      return r;
    }
    case Status::Code::ok: break;
  }
  return error_response(500, "internal", rules::internal_error);
}

void render_error(Response& r, Lang lang) {
  if (!r.error) return;
  const ErrorReply& e = *r.error;
  json::object err{{"code", e.code}, {"rule", e.what.rule}, {"message", e.what.text(lang)}};
  if (!e.what.field.empty()) err["field"] = e.what.field;
  if (!e.what.params.empty()) {
    json::object params;
    for (const auto& [k, v] : e.what.params) params[k] = v;
    err["params"] = std::move(params);
  }
  if (e.what.rule == rules::application_not_qualified.name) {  // the failed check codes, as a list
    json::array failed;
    const std::string all = e.what.param("failed");
    std::string_view codes = all;
    while (!codes.empty()) {
      auto comma = codes.find(',');
      failed.push_back(json::string(codes.substr(0, comma)));
      codes = comma == std::string_view::npos ? std::string_view() : codes.substr(comma + 1);
    }
    err["failed"] = std::move(failed);
  }
  json::object body{{"error", std::move(err)}};
  if (e.more_rows) {
    body["rows"] = report_rows(e.rows, lang);
    body["more_rows"] = *e.more_rows;
  }
  r.content_type = "application/json; charset=utf-8";
  r.body = to_text(body);
  r.error.reset();
}

}  // namespace certhours::api
