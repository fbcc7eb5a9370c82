// The exit review's 已处理 marks: per officer and year, what was decided, by whom, when.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "domain/exit_review.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"

namespace certhours::store {

class Database;
class Units;

struct ExitMark {
  int year = 0;
  Id officer_id = 0;
  ExitDecision decision = ExitDecision::no_action;
  std::string note;
  std::string marked_by;  // the username, as the audit log names them
  std::string marked_at;  // RFC 3339 UTC
};

class ExitMarks {
 public:
  ExitMarks(Database& db, const Units& units);
  // Records the mark, replacing the year's earlier one of the officer (audited: create or
  // update, entity exit_review, before/after).
  ExitMark put(int year, Id officer_id, ExitDecision decision, const std::string& note, const Actor& by);
  // Removes the mark (audited: delete); not_found (exit_mark_not_found) when there is none.
  Status remove(int year, Id officer_id, const Actor& by);
  std::optional<ExitMark> find(int year, Id officer_id);
  // The marks of `year` of the officers of `unit_id`'s subtree.
  std::map<Id, ExitMark> in_unit(Id unit_id, int year);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
