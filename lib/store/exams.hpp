// Qualification exams (资格考试) and their results: one score per officer per exam, a second
// score replacing the first. Every change is audited (entity exam: the exam's creation, and each
// result, with the exam's id). The score-sheet import is Imports::exam_results.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/exam.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"
#include "store/page.hpp"

namespace certhours::store {

class Database;
class Units;

// One officer's score in an exam, with what a list of results shows of the officer.
struct ExamScore {
  Id exam_id = 0;
  Id officer_id = 0;
  std::string name;  // the officer's
  Id unit_id = 0;
  Score score;
  bool passed = false;
};

// One of an officer's results with its exam.
struct OfficerExam {
  Exam exam;
  Score score;
};

class Exams {
 public:
  Exams(Database& db, const Units& units);
  // Records an exam (its id ignored); returns it with its id. The caller checked its values.
  Exam create(const Exam& e, const Actor& by);
  std::optional<Exam> find(Id id);
  // Newest held_on first (then newest id).
  Page<Exam> list(int limit, int offset);
  // The exam's results of officers of `scope`'s subtree (nullopt: everyone), by unit path
  // then officer id.
  Page<ExamScore> results(Id exam_id, std::optional<Id> scope, int limit, int offset);
  // Records or replaces the officer's score (not_found: exam_not_found, officer_not_found).
  // Audited create or update with before/after.
  Result<ExamScore> put_result(Id exam_id, Id officer_id, Score score, const Actor& by);
  // Every result of the officer, newest exam first.
  std::vector<OfficerExam> of_officer(Id officer_id);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
