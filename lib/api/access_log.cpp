#include "api/access_log.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <sstream>

#include "domain/calendar.hpp"

namespace certhours::api {

namespace {

// 2026-12-02T13:15:00.123Z: the domain's RFC 3339 seconds and the milliseconds, by hand;
// date::format went through an ostringstream and its locale on every request (3-6% of the
// server's CPU on GET /officers/{id}/hours with the log on).
std::string now_utc() {
  auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  auto seconds = std::chrono::floor<std::chrono::seconds>(now);
  const int ms = static_cast<int>((now - seconds).count());
  std::string text = format_rfc3339(seconds);  // ends in "Z"
  const char fraction[] = {'.', static_cast<char>('0' + ms / 100), static_cast<char>('0' + ms / 10 % 10),
                           static_cast<char>('0' + ms % 10)};
  text.insert(text.size() - 1, fraction, sizeof fraction);
  return text;
}

// A logfmt value: bare when it is a plain word, else quoted with \" \\ \n escaped, so a
// message can never start a line or a field of its own.
void put(std::ostream& out, std::string_view key, std::string_view value) {
  out << ' ' << key << '=';
  bool bare = !value.empty();
  for (char c : value)
    if (c == ' ' || c == '"' || c == '\\' || c == '=' || static_cast<unsigned char>(c) < 0x20) bare = false;
  if (bare) {
    out << value;
    return;
  }
  out << '"';
  for (char c : value) {
    if (c == '"' || c == '\\')
      out << '\\' << c;
    else if (c == '\n')
      out << "\\n";
    else if (static_cast<unsigned char>(c) < 0x20)
      out << ' ';
    else
      out << c;
  }
  out << '"';
}

const char* level_of(int status) { return status >= 500 ? "error" : status >= 400 ? "warn" : "info"; }

}  // namespace

void log_access(const AccessEntry& e) {
  std::ostringstream line;
  line << "time=" << now_utc() << " level=" << level_of(e.status);
  put(line, "request_id", e.request_id);
  put(line, "remote", e.remote);
  if (e.user) line << " user=" << *e.user;
  put(line, "method", e.method);
  put(line, "route", e.route);
  line << " status=" << e.status << " bytes=" << e.bytes;
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.3f", e.seconds * 1000);
  line << " duration_ms=" << ms;
  if (!e.note.empty()) put(line, "note", e.note);
  line << '\n';
  std::clog << line.str() << std::flush;  // one write per line: lines from threads never mix
}

void log_failure(std::string_view request_id, std::string_view method, std::string_view target, std::string_view what) {
  std::ostringstream line;
  line << "time=" << now_utc() << " level=error";
  put(line, "request_id", request_id);
  put(line, "method", method);
  put(line, "target", target);
  put(line, "msg", what);
  line << '\n';
  std::cerr << line.str() << std::flush;
}

RequestIds::RequestIds() {
  std::random_device rd;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(rd()));
  prefix_ = buf;
}

std::string RequestIds::next(std::string_view offered) {
  bool ok = !offered.empty() && offered.size() <= 64;
  for (char c : offered)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                c == ':' || c == '-');
  if (ok) return std::string(offered);
  char buf[32];
  std::snprintf(buf, sizeof buf, "-%llx", static_cast<unsigned long long>(++counter_));
  return prefix_ + buf;
}

}  // namespace certhours::api
