#include "app/ical_writer.hpp"

#include <date/date.h>

namespace certhours::app::ical {

namespace {
constexpr std::size_t kMaxOctets = 75;

std::string basic_date(Date d) { return date::format("%Y%m%d", d); }

std::string utc_stamp(std::chrono::system_clock::time_point t) {
  return date::format("%Y%m%dT%H%M%SZ", date::floor<std::chrono::seconds>(t));
}

bool continuation_byte(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
    }
  }
  return out;
}

std::string fold(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 60 * 3 + 2);
  std::size_t room = kMaxOctets;  // octets the current physical line may still take
  while (line.size() > room) {
    std::size_t cut = room;
    while (cut > 0 && continuation_byte(static_cast<unsigned char>(line[cut]))) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    room = kMaxOctets - 1;  // the leading space counts
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string write(const Calendar& cal, std::chrono::system_clock::time_point stamp) {
  std::string out;
  auto line = [&](std::string_view name, std::string_view value) {
    out += fold(std::string(name) + ":" + std::string(value));
  };
  const std::string dtstamp = utc_stamp(stamp);
  line("BEGIN", "VCALENDAR");
  line("VERSION", "2.0");
  line("PRODID", "-//certhours//行政执法人员培训学时管理//ZH");
  line("CALSCALE", "GREGORIAN");
  line("METHOD", "PUBLISH");
  line("NAME", escape_text(cal.name));
  line("X-WR-CALNAME", escape_text(cal.name));
  line("X-WR-TIMEZONE", "Asia/Shanghai");
  // Calendar apps fetch again at most this often (RFC 7986; X-PUBLISHED-TTL for older ones).
  line("REFRESH-INTERVAL;VALUE=DURATION", "PT6H");
  line("X-PUBLISHED-TTL", "PT6H");
  for (const Event& e : cal.events) {
    line("BEGIN", "VEVENT");
    line("UID", escape_text(e.uid));
    line("DTSTAMP", dtstamp);
    line("DTSTART;VALUE=DATE", basic_date(e.first_day));
    line("DTEND;VALUE=DATE", basic_date(e.last_day + date::days(1)));
    line("SUMMARY", escape_text(e.summary));
    if (!e.description.empty()) line("DESCRIPTION", escape_text(e.description));
    line("TRANSP", "TRANSPARENT");  // a reminder, not a busy day
    if (e.alarm_days_before) {
      line("BEGIN", "VALARM");
      line("ACTION", "DISPLAY");
      line("DESCRIPTION", escape_text(e.summary));
      line("TRIGGER", "-P" + std::to_string(*e.alarm_days_before) + "D");
      line("END", "VALARM");
    }
    line("END", "VEVENT");
  }
  line("END", "VCALENDAR");
  return out;
}

}  // namespace certhours::app::ical
