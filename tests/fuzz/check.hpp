// What the fuzz targets share: a property check that stops the run (libFuzzer saves the input
// as crash-<sha1>) with the property and the values that broke it.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace certhours::fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s:%d: property broken: %s\n", file, line, what);
  if (!detail.empty()) std::fprintf(stderr, "  %s\n", detail.c_str());
  std::abort();
}

// Printable form of bytes for failure messages: "a\x00b" style.
inline std::string show(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out + "\"";
}

}  // namespace certhours::fuzz

#define FUZZ_CHECK(cond) \
  do {                   \
    if (!(cond)) ::certhours::fuzz::fail(__FILE__, __LINE__, #cond, {}); \
  } while (0)
#define FUZZ_CHECK_MSG(cond, detail) \
  do {                               \
    if (!(cond)) ::certhours::fuzz::fail(__FILE__, __LINE__, #cond, (detail)); \
  } while (0)
