// A request target as the router reads it (RFC 9112 3.2), parsed by Boost.URL: origin-form
// ("/path?query", what browsers send) or absolute-form ("http://host/path?query", what a
// client sends through a forward proxy; the path and query are what count).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace certhours::api {

struct Target {
  std::string path;                               // percent-decoded; '+' is a plus
  std::multimap<std::string, std::string> query;  // decoded, '+' as a space; empty keys dropped
};

// nullopt when the target is neither form, or holds a malformed %-escape (400 bad_target).
// Bytes RFC 3986 does not allow in a path or query (a raw space, UTF-8 typed into curl, "|")
// are taken as if percent-encoded, as browsers do.
std::optional<Target> parse_target(std::string_view target);

}  // namespace certhours::api
