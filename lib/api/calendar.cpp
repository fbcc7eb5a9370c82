// The calendar feed: the caller's private URL (GET /me/calendar, POST /me/calendar/reset) and
// the feed itself (GET /calendar/{secret}.ics), public: the secret is the credential.
#include <algorithm>
#include <chrono>

#include "api/handlers.hpp"
#include "app/calendar_feed.hpp"

namespace certhours::api::handlers {

namespace {
// A Host header worth repeating in a URL: a name or address and an optional port, nothing else.
bool usable_host(std::string_view host) {
  return !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
}

// The feed's URL as the caller reached this server (Host; https when a proxy says so with
// X-Forwarded-Proto), or only its path when the request named no usable host.
json::object feed_address(const Ctx& ctx, const std::string& secret) {
  std::string path = "/api/v1/calendar/" + secret + ".ics";
  std::string url = path;
  if (usable_host(ctx.req.host))
    url = std::string(ctx.req.forwarded_proto == "https" ? "https" : "http") + "://" + ctx.req.host + path;
  return {{"url", std::move(url)}, {"path", std::move(path)}};
}
}  // namespace

Response me_calendar(Ctx& ctx) {
  return json_response(200, feed_address(ctx, app::calendar_secret(ctx.app(), ctx.caller())));
}

Response reset_me_calendar(Ctx& ctx) {
  // Nothing to send; a body, when there is one, is read like every other (415, 400).
  if (!ctx.req.body.empty()) {
    CH_BODY(body);
    (void)body;
  }
  return json_response(200, feed_address(ctx, app::reset_calendar_secret(ctx.app(), ctx.caller())));
}

Response calendar_feed(Ctx& ctx) {
  CH_TRY(cal, app::calendar_feed(ctx.app(), ctx.params.at(0), ctx.today));
  Response r;
  r.content_type = "text/calendar; charset=utf-8";
  r.body = app::ical::write(cal, std::chrono::system_clock::now());
  // Names and certificate numbers: kept by no shared cache.
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

}  // namespace certhours::api::handlers
