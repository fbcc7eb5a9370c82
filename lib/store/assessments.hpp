// Annual assessment grades (年度考核), which the exit review reads.
#pragma once
#include <map>
#include <utility>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"

namespace certhours::store {

class Database;
class Units;

class Assessments {
 public:
  Assessments(Database& db, const Units& units);
  // Not found when the officer does not exist. Replaces an earlier grade of the year.
  Status put(Id officer_id, int year, Grade grade, const Actor& by);
  // Every grade of the officer, oldest year first.
  std::vector<std::pair<int, Grade>> of_officer(Id officer_id);
  // The grades of `year` of the officers of `unit_id`'s subtree.
  std::map<Id, Grade> in_unit(Id unit_id, int year);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
