// Request targets as the router reads them: api::parse_target (lib/api/target.cpp, Boost.URL).
// Properties beyond "no crash", against a reference reading written here from RFC 3986 and
// the HTML form encoding (the bytes of any input that starts with '/'):
//  - it is refused exactly when a '%' is not followed by two hex digits;
//  - the path is the part before the first '?', percent-decoded ('+' kept);
//  - the query is that after it, split at '&' and at each part's first '=', each side decoded
//    with '+' as a space, parts with an empty key dropped;
//  - the same target in absolute form ("http://example.com/…") reads the same;
//  - what it decodes, percent-encoded again (every byte, or as encodeURIComponent does), reads
//    back the same.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "api/target.hpp"
#include "check.hpp"

namespace {

using certhours::api::parse_target;
using certhours::api::Target;
using certhours::fuzz::show;

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> reference_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (s.size() - i < 3 || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) return std::nullopt;
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::optional<Target> reference_read(std::string_view target) {
  Target out;
  auto q = target.find('?');
  auto path = reference_decode(target.substr(0, q), false);
  if (!path) return std::nullopt;
  out.path = *path;
  if (q == std::string_view::npos) return out;
  std::string_view qs = target.substr(q + 1);
  bool ok = true;
  while (true) {
    auto amp = qs.find('&');
    std::string_view part = qs.substr(0, amp);
    auto eq = part.find('=');
    auto k = reference_decode(part.substr(0, eq), true);
    auto v = reference_decode(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1), true);
    if (!k || !v)
      ok = false;
    else if (!k->empty())
      out.query.emplace(*k, *v);
    if (amp == std::string_view::npos) break;
    qs.remove_prefix(amp + 1);
  }
  if (!ok) return std::nullopt;
  return out;
}

std::string encode_all(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// encodeURIComponent's choice: unreserved characters as they are, everything else %XX.
std::string encode_component(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool same(const std::optional<Target>& a, const std::optional<Target>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->path == b->path && a->query == b->query);
}

std::string describe(const std::optional<Target>& t) {
  if (!t) return "refused";
  std::string out = "path " + show(t->path) + " query";
  for (const auto& [k, v] : t->query) out += " " + show(k) + "=" + show(v);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string raw(reinterpret_cast<const char*>(data), size);
  // Only origin-form targets have a reference here; make one of any input.
  std::string target = raw.empty() || raw.front() != '/' ? "/" + raw : raw;
  auto got = parse_target(target);
  auto ref = reference_read(target);
  FUZZ_CHECK_MSG(same(got, ref), show(target) + ": " + describe(got) + " vs reference " + describe(ref));

  auto absolute = parse_target("http://example.com" + target);
  FUZZ_CHECK_MSG(same(absolute, got), show(target) + ": absolute form " + describe(absolute));
  if (!got) return 0;

  // Re-encoded, the path and the parameters read back the same.
  for (auto encode : {encode_all, encode_component}) {
    std::string again = encode(got->path) + "?";
    for (const auto& [k, v] : got->query) again += encode(k) + "=" + encode(v) + "&";
    if (again.front() != '/') again = "/" + again;  // encode_all turns the leading '/' into %2F
    auto back = parse_target(again);
    FUZZ_CHECK_MSG(back.has_value(), show(again));
    FUZZ_CHECK_MSG(back->query == got->query, show(target) + " -> " + show(again));
  }
  return 0;
}
