// iCalendar text (RFC 5545) for the calendar feed: all-day events, so no time zone is needed
// and a phone shows each on the day it names wherever it is.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"

namespace certhours::app::ical {

struct Event {
  std::string uid;           // stable across fetches: "training-12@certhours"
  Date first_day, last_day;  // all-day, both inclusive (DTEND is the day after)
  std::string summary, description;
  std::optional<int> alarm_days_before;  // a VALARM that many days before the first day
};

struct Calendar {
  std::string name;  // X-WR-CALNAME and NAME (RFC 7986)
  std::vector<Event> events;
};

// The VCALENDAR, every line ending in CRLF and folded at 75 octets. `stamp` is every event's
// DTSTAMP (when the feed was made).
std::string write(const Calendar& cal, std::chrono::system_clock::time_point stamp);

// A TEXT value escaped (backslash, semicolon, comma, line breaks; other control characters dropped).
std::string escape_text(std::string_view text);
// One content line, folded (RFC 5545 3.1: at most 75 octets a line, continuation lines begin
// with a space, never splitting a UTF-8 character), each line ending in CRLF.
std::string fold(std::string_view line);

}  // namespace certhours::app::ical
