#include "api/compression.hpp"

#include <strings.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "domain/text.hpp"

namespace certhours::api {

namespace fs = std::filesystem;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Text compresses 5–10×; images, zip files (XLSX) and fonts are compressed already.
bool compressible(std::string_view content_type) {
  auto semi = content_type.find(';');
  std::string_view type = trim_blanks(content_type.substr(0, semi));
  return type.starts_with("text/") || iequals(type, "application/json") || iequals(type, "image/svg+xml") ||
         iequals(type, "application/javascript");
}

// Streams `from` into `to` through gzip, 64 KiB at a time; false on any error.
bool gzip_file(const std::string& from, const std::string& to) {
  std::ifstream in(from, std::ios::binary);
  if (!in) return false;
  gzFile out = gzopen(to.c_str(), "wb1");  // exports are big and read once: the fast level
  if (!out) return false;
  std::string chunk(64 * 1024, '\0');
  bool ok = true;
  while (ok && in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    auto n = static_cast<unsigned>(in.gcount());
    if (n > 0 && gzwrite(out, chunk.data(), n) != static_cast<int>(n)) ok = false;
  }
  if (in.bad()) ok = false;
  if (gzclose(out) != Z_OK) ok = false;
  return ok;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    auto comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    auto semi = item.find(';');
    std::string_view coding = trim_blanks(item.substr(0, semi));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip") || coding == "*") {
      if (semi == std::string_view::npos) return true;
      std::string_view param = trim_blanks(item.substr(semi + 1));
      if (!(param.starts_with("q=") || param.starts_with("Q="))) return true;
      // q=0, q=0.0, q=0.000: refused; any other weight accepts.
      std::string_view q = param.substr(2);
      bool zero = !q.empty() && q.front() == '0';
      for (char c : q.substr(std::min<std::size_t>(1, q.size()))) zero = zero && (c == '0' || c == '.');
      return !zero;
    }
    if (comma == std::string_view::npos) break;
    accept_encoding.remove_prefix(comma + 1);
  }
  return false;
}

std::string gzip(std::string_view data, int level) {
  z_stream zs{};
  // 15 + 16: a 32 KiB window with a gzip header and trailer (not raw zlib).
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  return out;
}

std::shared_ptr<const std::string> Compressor::cached(const std::string& path) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec || size > kMaxCachedFile) return nullptr;
  auto mtime = static_cast<std::int64_t>(fs::last_write_time(path, ec).time_since_epoch().count());
  if (ec) return nullptr;
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(path);
    if (it != cache_.end() && it->second.size == size && it->second.mtime == mtime) return it->second.gz;
  }
  std::ifstream in(path, std::ios::binary);
  std::string data(size, '\0');
  if (!in.read(data.data(), static_cast<std::streamsize>(size))) return nullptr;
  auto gz = std::make_shared<const std::string>(gzip(data, 9));  // once per file: the best level
  std::lock_guard lock(mu_);
  auto& slot = cache_[path];
  if (slot.gz) cached_bytes_ -= slot.gz->size();
  if (cached_bytes_ + gz->size() > kMaxCached) {
    cache_.erase(path);
    return gz;  // served, not kept
  }
  slot = {size, mtime, gz};
  cached_bytes_ += gz->size();
  return gz;
}

void Compressor::apply(Response& r, std::string_view accept_encoding, bool static_file) {
  if (r.status == 204 || r.status == 304 || !compressible(r.content_type) || r.has_header("Content-Encoding")) return;
  r.headers.emplace_back("Vary", "Accept-Encoding");
  if (!accepts_gzip(accept_encoding)) return;
  if (!r.file_path.empty()) {
    if (static_file && !r.delete_file_after) {
      auto gz = cached(r.file_path);
      if (!gz) return;
      r.body = *gz;
      r.file_path.clear();
      for (auto& [k, v] : r.headers)
        if (strcasecmp(k.c_str(), "ETag") == 0 && v.size() >= 2 && v.back() == '"') v.insert(v.size() - 1, "-gz");
    } else if (r.delete_file_after) {
      std::error_code ec;
      if (fs::file_size(r.file_path, ec) < kMinBytes || ec) return;
      std::string gz_path = r.file_path + ".gz";
      if (!gzip_file(r.file_path, gz_path)) {
        fs::remove(gz_path, ec);
        return;  // sent as it is
      }
      fs::remove(r.file_path, ec);
      r.file_path = gz_path;
    } else {
      return;
    }
  } else {
    if (r.body.size() < kMinBytes) return;
    r.body = gzip(r.body, 6);
  }
  r.headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace certhours::api
