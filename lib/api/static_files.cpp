#include "api/static_files.hpp"
#include "domain/messages.hpp"

#include <filesystem>

#include "api/context.hpp"
#include "domain/text.hpp"

namespace certhours::api {

namespace fs = std::filesystem;

namespace {
const char* content_type(const fs::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt" || ext == ".csv") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}
}  // namespace

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  // RFC 9110 13.1.2: "*", or a list of entity tags compared weakly (W/ ignored). The gzip
  // answer of a file carries its tag with "-gz" (compression.cpp): the same file, so it matches.
  std::string_view bare = etag;
  while (!if_none_match.empty()) {
    auto comma = if_none_match.find(',');
    std::string_view tag = if_none_match.substr(0, comma);
    tag = trim_blanks(tag);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == bare) return true;
    if (tag.size() == bare.size() + 3 && tag.substr(0, bare.size() - 1) == bare.substr(0, bare.size() - 1) &&
        tag.substr(bare.size() - 1) == "-gz\"")
      return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

Response serve_static(const std::string& web_dir, const std::string& path, const std::string& if_none_match) {
  std::string rel = path == "/" ? "index.html" : path.substr(1);
  // Refuse traversal and hidden files before touching the file system.
  for (std::size_t start = 0; start <= rel.size();) {
    auto end = rel.find('/', start);
    std::string seg = rel.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (seg.empty() || seg[0] == '.' || seg.find('\\') != std::string::npos || seg.find('\0') != std::string::npos)
      return error_response(404, "not_found", rules::route_not_found, {{"path", path}});
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::error_code ec;
  fs::path root = fs::canonical(web_dir, ec);
  if (ec) return error_response(404, "not_found", rules::route_not_found, {{"path", path}});
  fs::path file = fs::canonical(root / rel, ec);
  if (ec || !fs::is_regular_file(file, ec)) return error_response(404, "not_found", rules::route_not_found, {{"path", path}});
  // Symlinks that lead out of web/ are refused too.
  auto rs = root.string() + "/";
  if (file.string().compare(0, rs.size(), rs) != 0) return error_response(404, "not_found", rules::route_not_found, {{"path", path}});

  auto size = fs::file_size(file, ec);
  auto mtime = fs::last_write_time(file, ec).time_since_epoch().count();
  std::string etag = "\"" + std::to_string(size) + "-" + std::to_string(mtime) + "\"";
  Response r;
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Cache-Control", "no-cache");
  if (etag_matches(if_none_match, etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.status = 200;
  r.content_type = content_type(file);
  r.file_path = file.string();
  return r;
}

}  // namespace certhours::api
