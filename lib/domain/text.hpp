// Text helpers every layer uses.
#pragma once
#include <string_view>

namespace certhours {

// `s` without the spaces and tabs around it: a CSV cell as a clerk typed it, and an HTTP
// header's optional white space (RFC 9110 5.6.3: OWS is SP / HTAB). CR and LF stay.
constexpr std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace certhours
