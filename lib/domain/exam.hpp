// Qualification exams (行政执法资格考试): scores, passing, and how long a pass counts.
// Scores are held exactly, as a count of half points, like Hours: never floating-point drift
// when a score is compared with its pass mark.
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.hpp"
#include "domain/id.hpp"
#include "domain/status.hpp"

namespace certhours {

// A score or a pass mark: 0 to 100 in steps of 0.5.
class Score {
 public:
  constexpr Score() = default;
  static constexpr Score whole(int points) { return Score(points * 2); }
  // A JSON number that is finite, in [0, 100] and a multiple of 0.5 (100.5, -1, 60.3: nullopt).
  static std::optional<Score> from_number(double value);
  // "72", "72.5", "72.50" (a CSV cell); nullopt for anything else, or above 100.
  static std::optional<Score> parse(std::string_view text);

  constexpr int halves() const { return halves_; }
  double as_double() const { return halves_ / 2.0; }
  // "72" or "72.5".
  std::string to_string() const;
  constexpr auto operator<=>(const Score&) const = default;

 private:
  constexpr explicit Score(int halves) : halves_(halves) {}
  int halves_ = 0;
};

// The pass mark of an exam created without one.
inline constexpr Score kDefaultPassScore = Score::whole(60);

// Score::from_number or ::parse, or invalid (score_invalid) about `field`, quoting the input.
Result<Score> score_from_number(double value, const std::string& field);
Result<Score> score_from_text(std::string_view text, const std::string& field);

// An officer passed when the score reaches the pass mark (a score equal to it passes).
inline bool passed(Score score, Score pass_score) { return score >= pass_score; }

// The last day a pass counts: the day before the exam's second anniversary, the anniversary of
// 29 February being 1 March (held 2024-06-15 -> 2026-06-14; 2024-02-29 -> 2026-02-28).
Date counts_until(Date held_on);
// Whether an exam held on `held_on` counts on `day`: from the exam through counts_until. An exam
// held after `day` never counts on it.
inline bool counts_on(Date held_on, Date day) { return held_on <= day && day <= counts_until(held_on); }

// An exam is recorded once held: a `held_on` after today is invalid (exam_in_future, about
// `field`), since a score cannot exist before its exam.
Status check_exam_date(Date held_on, Date today, const std::string& field = "held_on");

// An exam (行政执法资格考试) as it is recorded: a name (at most kExamNameMaxChars), the day it
// was held (never after the day it is recorded: check_exam_date) and its pass mark.
inline constexpr std::size_t kExamNameMaxChars = 100;
struct Exam {
  Id id = 0;
  std::string name;
  Date held_on;
  Score pass_score = kDefaultPassScore;
};

// One of an officer's results, as the qualification review reads it.
struct ExamResult {
  std::string name;  // the exam's name, quoted in the review's detail ("" quotes nothing)
  Date held_on;
  Score score;
  Score pass_score = kDefaultPassScore;
  bool passed() const { return certhours::passed(score, pass_score); }
};

}  // namespace certhours
