// The iCalendar text of the feed (RFC 5545): CRLF lines of at most 75 octets, folded without
// splitting a UTF-8 character, TEXT escaped, all-day dates with DTEND the day after.
#include <doctest/doctest.h>

#include "app/ical_writer.hpp"
#include "app_fixture.hpp"

using namespace certhours;
using namespace certhours::app;
using namespace certhours::apptest;

namespace {
std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    auto eol = text.find("\r\n", at);
    REQUIRE_MESSAGE(eol != std::string::npos, "every line ends in CRLF");
    out.push_back(text.substr(at, eol - at));
    at = eol + 2;
  }
  return out;
}

// Unfolds as a reader does: CRLF followed by one space joins the lines.
std::string unfold(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

bool valid_utf8_start(const std::string& line) {
  return line.empty() || (static_cast<unsigned char>(line[0]) & 0xC0) != 0x80;
}
}  // namespace

TEST_CASE("ical: TEXT values are escaped, control characters dropped") {
  CHECK(ical::escape_text("a,b;c\\d") == "a\\,b\\;c\\\\d");
  CHECK(ical::escape_text("一\r\n二\n三") == "一\\n二\\n三");
  CHECK(ical::escape_text(std::string("x\ty\x01z\x7F", 6)) == "xyz");
}

TEST_CASE("ical: lines fold at 75 octets, never inside a UTF-8 character, and unfold to the original") {
  for (std::size_t n : {1u, 60u, 74u, 75u, 76u, 150u, 400u}) {
    for (const std::string& unit : {std::string("a"), std::string("执"), std::string("ab执")}) {
      std::string line = "SUMMARY:";
      while (line.size() < n) line += unit;
      CAPTURE(n);
      CAPTURE(unit);
      std::string folded = ical::fold(line);
      for (const std::string& l : physical_lines(folded)) {
        CHECK(l.size() <= 75);
        CHECK(valid_utf8_start(l.substr(l.empty() || l[0] != ' ' ? 0 : 1)));
      }
      CHECK(unfold(folded) == line + "\r\n");
    }
  }
}

TEST_CASE("ical: a calendar of all-day events with UID, DTSTAMP, DTSTART and DTEND the day after") {
  ical::Calendar cal{"执法证与培训 · hr", {}};
  cal.events.push_back(
      {"training-7@certhours", d(2024, 2, 28), d(2024, 2, 29), "培训：法治, 第一期", "学时：公共法律知识 10 学时", {}});
  cal.events.push_back({"certificate-3-expiry@certhours", d(2024, 12, 31), d(2024, 12, 31), "执法证到期", "", 30});
  auto stamp = std::chrono::sys_days{d(2024, 10, 15)} + std::chrono::hours(3) + std::chrono::minutes(4) +
               std::chrono::seconds(5);
  std::string text = ical::write(cal, stamp);
  auto lines = physical_lines(text);
  REQUIRE(lines.size() > 4);
  CHECK(lines.front() == "BEGIN:VCALENDAR");
  CHECK(lines[1] == "VERSION:2.0");
  CHECK(lines.back() == "END:VCALENDAR");
  std::string all = unfold(text);
  CHECK(contains(all,
                 "BEGIN:VEVENT\r\nUID:training-7@certhours\r\nDTSTAMP:20241015T030405Z\r\n"
                 "DTSTART;VALUE=DATE:20240228\r\nDTEND;VALUE=DATE:20240301\r\nSUMMARY:培训：法治\\, 第一期\r\n"));
  CHECK(contains(all, "DTSTART;VALUE=DATE:20241231\r\nDTEND;VALUE=DATE:20250101\r\n"));
  CHECK(contains(all, "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:执法证到期\r\nTRIGGER:-P30D\r\nEND:VALARM\r\n"));
  CHECK(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT") == 2);
  CHECK(std::count(lines.begin(), lines.end(), "END:VEVENT") == 2);
}
