// The web UI's static files: only files inside web_dir are ever served.
#pragma once
#include <string>
#include <string_view>

#include "api/http.hpp"

namespace certhours::api {

// Serves `path` ("/" means /index.html) from `web_dir`, with its content type, an ETag and
// Cache-Control: no-cache (revalidate: there is no build step to fingerprint names).
// 404 for anything that is not a regular file inside web_dir (.., symlinks out, dot files).
Response serve_static(const std::string& web_dir, const std::string& path, const std::string& if_none_match);

// Whether an If-None-Match header names `etag` ("*", a list, weak tags; RFC 9110 13.1.2).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace certhours::api
