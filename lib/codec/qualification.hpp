// The JSON of qualification exams, their results and the checks of a qualification review:
// the shapes of docs/api.md, which the audit log records too, and the checks as an
// application keeps them (stored with it: the review as it was on the submission date).
#pragma once
#include <boost/json.hpp>

#include "domain/exam.hpp"
#include "domain/qualification.hpp"

namespace certhours::codec {

namespace json = boost::json;

// A score: an integer when whole, else x.5.
json::value score_value(Score s);
// {id, name, held_on, pass_score}
json::object exam_json(const Exam& e);
// {exam_id, officer_id, score, passed}
json::object exam_result_json(Id exam_id, Id officer_id, Score score, bool passed);
// [{code, ok, detail}] in the order given.
json::array checks_json(const std::vector<Check>& checks);
// The checks of checks_json; entries that do not read as one are left out.
std::vector<Check> checks_from_json(const json::value& v);

}  // namespace certhours::codec
