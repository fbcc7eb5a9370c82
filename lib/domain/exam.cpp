#include "domain/exam.hpp"

#include <charconv>
#include <cmath>

#include "domain/hours.hpp"
#include "domain/messages.hpp"

namespace certhours {

namespace {
constexpr int kMaxHalves = 200;  // 100 points

// A double as a person typed it, for the message (shortest form that reads back the same).
std::string number_text(double v) {
  if (!std::isfinite(v)) return std::isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity");
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}
}  // namespace

// Both read as Hours (the same half steps, non-negative), then the ceiling of 100.
std::optional<Score> Score::from_number(double value) {
  auto h = Hours::from_number(value);
  if (!h || h->halves() > kMaxHalves) return std::nullopt;
  return Score(static_cast<int>(h->halves()));
}

std::optional<Score> Score::parse(std::string_view text) {
  auto h = Hours::parse(std::string(text));
  if (!h || h->halves() > kMaxHalves) return std::nullopt;
  return Score(static_cast<int>(h->halves()));
}

std::string Score::to_string() const { return Hours::from_halves(halves_).to_string(); }

Result<Score> score_from_number(double value, const std::string& field) {
  if (auto s = Score::from_number(value)) return *s;
  return Status::invalid(field, rules::score_invalid, {{"value", number_text(value)}});
}

Result<Score> score_from_text(std::string_view text, const std::string& field) {
  if (auto s = Score::parse(text)) return *s;
  return Status::invalid(field, rules::score_invalid, {{"value", std::string(text)}});
}

Date counts_until(Date held_on) {
  date::year_month_day later = date::year_month_day(held_on) + date::years(2);
  // 29 February + 2 years is no date: sys_days normalises it to 1 March (as default_expiry does).
  return Date(later) - date::days(1);
}

Status check_exam_date(Date held_on, Date today, const std::string& field) {
  if (held_on <= today) return Status::ok();
  return Status::invalid(field, rules::exam_in_future,
                         {{"held_on", format_date(held_on)}, {"today", format_date(today)}});
}

}  // namespace certhours
