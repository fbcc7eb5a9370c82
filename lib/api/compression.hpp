// gzip (zlib) for the answers a client accepts it for: JSON, CSV, text, and the web's files
// (compressed once and kept in memory). Bounds: docs/limits.md, "Compression".
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "api/http.hpp"

namespace certhours::api {

// Whether Accept-Encoding allows gzip ("gzip", "x-gzip" or "*", with a q-value above 0).
bool accepts_gzip(std::string_view accept_encoding);

// The whole of `data`, gzip-compressed at `level` (1 fast … 9 small).
std::string gzip(std::string_view data, int level);

class Compressor {
 public:
  // Answers below this many bytes are sent as they are: the gzip header and the client's
  // work cost more than they save.
  static constexpr std::size_t kMinBytes = 1024;
  // The web's files are kept compressed up to this size each and this much in all; a
  // bigger one is compressed again for each request (there is none in web/).
  static constexpr std::size_t kMaxCachedFile = 4 << 20;
  static constexpr std::size_t kMaxCached = 32 << 20;

  // Compresses `r` when the client accepts gzip and its type gains from it: the body in
  // memory; a temporary file (an export) into another temporary file, in constant memory; a
  // static file (`static_file`) from the cache. Adds Content-Encoding and, on every answer of
  // a compressible type, Vary: Accept-Encoding. A static file's ETag gets a "-gz" suffix.
  void apply(Response& r, std::string_view accept_encoding, bool static_file);

 private:
  struct Cached {
    std::uintmax_t size = 0;
    std::int64_t mtime = 0;
    std::shared_ptr<const std::string> gz;
  };
  std::shared_ptr<const std::string> cached(const std::string& path);

  std::mutex mu_;
  std::map<std::string, Cached> cache_;
  std::size_t cached_bytes_ = 0;
};

}  // namespace certhours::api
