#include "api/target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace certhours::api {

namespace {

// unreserved, sub-delims, ':' '@' '/' '?', and '%' (an escape, checked by the parser).
bool allowed(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '-':
    case '.':
    case '_':
    case '~':
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
    case ':':
    case '@':
    case '/':
    case '?':
    case '%':
      return true;
    default:
      return false;
  }
}

// `s` with every byte outside allowed() percent-encoded.
std::string escape_stray(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (allowed(c)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::optional<Target> parse_target(std::string_view raw) {
  if (raw.empty()) return std::nullopt;
  std::string target;
  boost::urls::result<boost::urls::url_view> url;
  if (raw.front() == '/') {
    target = escape_stray(raw);
    url = boost::urls::parse_origin_form(target);
  } else {
    // absolute-form: the authority as sent (an IPv6 literal has brackets), the rest escaped.
    auto authority = raw.find("://");
    if (authority == std::string_view::npos) return std::nullopt;
    auto rest = raw.find_first_of("/?", authority + 3);
    if (rest == std::string_view::npos) rest = raw.size();
    target = std::string(raw.substr(0, rest)) + escape_stray(raw.substr(rest));
    url = boost::urls::parse_absolute_uri(target);
    if (url && url->scheme_id() != boost::urls::scheme::http && url->scheme_id() != boost::urls::scheme::https)
      return std::nullopt;
  }
  if (!url) return std::nullopt;
  Target out;
  out.path = url->encoded_path().decode();
  if (out.path.empty()) out.path = "/";  // "http://host" and "http://host?x" name the root
  if (out.path.front() != '/') return std::nullopt;
  for (const auto& p : url->params(boost::urls::encoding_opts(/*space_as_plus=*/true)))
    if (!p.key.empty()) out.query.emplace(p.key, p.value);
  return out;
}

}  // namespace certhours::api
