// Request targets as Api::handle reads them: the path percent-decoded (url_decode, '+' kept),
// the query split at '&' and '=' and each side decoded with '+' as a space. The split is
// written inline in Api::handle (lib/api/api.cpp), so it is copied here (split_target) until
// it has a function of its own; url_decode is the real one. Properties beyond "no crash":
//  - url_decode agrees with a reference decoder (RFC 3986 percent-encoding, '+' per HTML forms);
//  - what it decodes, percent-encoded again (every byte, or only the reserved ones), decodes
//    to the same bytes; text without '%' and '+' decodes to itself;
//  - the split sees every '&'-separated part: keys and values re-encoded and joined give a
//    query that splits to the same parameters.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "api/context.hpp"
#include "check.hpp"

namespace {

using certhours::api::url_decode;
using certhours::fuzz::show;

struct Target {
  std::optional<std::string> path;
  bool query_ok = true;
  std::multimap<std::string, std::string> query;
  std::size_t parts = 0;  // '&'-separated parts seen
};

// Api::handle's reading of req.target, line for line (lib/api/api.cpp).
Target split_target(std::string_view target) {
  Target out;
  auto q = target.find('?');
  out.path = url_decode(target.substr(0, q), false);
  if (q != std::string_view::npos) {
    std::string_view qs = target.substr(q + 1);
    while (!qs.empty()) {
      ++out.parts;
      auto amp = qs.find('&');
      std::string_view part = qs.substr(0, amp);
      auto eq = part.find('=');
      auto k = url_decode(part.substr(0, eq), true);
      auto v = url_decode(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1), true);
      if (!k || !v) out.query_ok = false;
      else if (!k->empty()) out.query.emplace(*k, *v);
      if (amp == std::string_view::npos) break;
      qs.remove_prefix(amp + 1);
    }
  }
  return out;
}

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

void check_decode(std::string_view s, bool plus_is_space) {
  auto got = url_decode(s, plus_is_space);
  auto ref = reference_decode(s, plus_is_space);
  FUZZ_CHECK_MSG(got.has_value() == ref.has_value(), show(s));
  if (!got) return;
  FUZZ_CHECK_MSG(*got == *ref, show(s) + " -> " + show(*got) + " vs " + show(*ref));
  if (s.find('%') == std::string_view::npos && (!plus_is_space || s.find('+') == std::string_view::npos))
    FUZZ_CHECK(*got == s);
  FUZZ_CHECK(got->size() <= s.size());
  auto all = url_decode(encode_all(*got), plus_is_space);
  FUZZ_CHECK(all && *all == *got);
  auto component = url_decode(encode_component(*got), plus_is_space);
  FUZZ_CHECK(component && *component == *got);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view target(reinterpret_cast<const char*>(data), size);
  check_decode(target, false);
  check_decode(target, true);

  Target t = split_target(target);
  auto q = target.find('?');
  FUZZ_CHECK(t.path.has_value() == url_decode(target.substr(0, q), false).has_value());
  if (q == std::string_view::npos) {
    FUZZ_CHECK(t.parts == 0 && t.query.empty());
    return 0;
  }
  std::string_view qs = target.substr(q + 1);
  std::size_t amps = 0;
  for (char c : qs) amps += c == '&';
  // Every '&' starts a part, except a trailing one (nothing after it).
  FUZZ_CHECK_MSG(qs.empty() ? t.parts == 0 : t.parts == amps + 1 - (qs.back() == '&'), show(qs));
  FUZZ_CHECK(t.query.size() <= t.parts);
  if (!t.query_ok) return 0;

  // Re-encoded, the parameters read back the same.
  std::string again = "/x?";
  for (const auto& [k, v] : t.query) again += encode_component(k) + "=" + encode_component(v) + "&";
  Target back = split_target(again);
  FUZZ_CHECK(back.query_ok && back.path == std::optional<std::string>("/x"));
  FUZZ_CHECK_MSG(back.query == t.query, show(target) + " -> " + show(again));
  return 0;
}
