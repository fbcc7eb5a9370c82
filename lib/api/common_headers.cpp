#include <strings.h>

#include "api/http.hpp"

namespace certhours::api {

bool Response::has_header(const char* name) const {
  for (const auto& [k, v] : headers)
    if (strcasecmp(k.c_str(), name) == 0) return true;
  return false;
}

namespace {
// The web UI loads its own scripts and styles only (no inline code), so everything else is
// refused; data: is the empty favicon of index.html, blob: an image shown before upload.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

void set_default(Response& r, const char* name, const char* value) {
  if (!r.has_header(name)) r.headers.emplace_back(name, value);
}
}  // namespace

void add_common_headers(Response& r) {
  set_default(r, "Content-Security-Policy", kContentSecurityPolicy);
  set_default(r, "X-Content-Type-Options", "nosniff");
  set_default(r, "Referrer-Policy", "no-referrer");
  set_default(r, "Cache-Control", "no-store");
}

}  // namespace certhours::api
