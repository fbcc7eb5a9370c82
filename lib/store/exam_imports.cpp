// The score sheet (POST /imports/exam-results): Imports::exam_results, all or nothing like the
// other imports (imports.hpp), reading with their helpers (import_reading.hpp).
#include <array>
#include <map>
#include <unordered_map>

#include "domain/import_columns.hpp"
#include "store/database.hpp"
#include "store/import_reading.hpp"
#include "store/imports.hpp"
#include "store/rows.hpp"

namespace certhours::store {

using namespace import_reading;

ImportOutcome Imports::exam_results(std::string_view text, const Actor& by, const ImportLimits& limits) {
  ImportOutcome out;
  Problems problems(limits.listed_lines);
  enum { kExam, kIdNumber, kScore };  // csv::exam_result_columns() order

  // 1. Each record on its own: the exam's id, the ID number, the score. Every record that passes
  // is kept compactly (40 bytes) and checked against the database in step 2, even when the file
  // is already refused, so that the report names those lines too.
  struct Row {
    Id exam_id;
    int line;
    Score score;
    std::array<char, 18> id_number;
    std::string_view id() const { return {id_number.data(), id_number.size()}; }
  };
  std::vector<Row> rows;
  bool read = read_records(
      text, csv::exam_result_columns(), limits, problems, out, [&](const csv::Record& r, const csv::ColumnMap& cols) {
        bool bad = false;
        auto reason = [&](const Status& why) {
          problems.add(r.line, why);
          bad = true;
        };
        Row row{0, r.line, Score(), {}};
        if (auto id = id_cell("exam_id", cols.cell(r, kExam))) row.exam_id = *id;
        else reason(id.status());
        if (auto id = id_number_cell(cols.cell(r, kIdNumber)); id && id->size() == row.id_number.size())
          std::copy(id->begin(), id->end(), row.id_number.begin());
        else reason(id ? Status::invalid("id_number", rules::id_number_format) : id.status());
        std::string_view score = trim_blanks(cols.cell(r, kScore));
        if (score.empty()) reason(Status::invalid("score", rules::text_empty));
        else if (auto s = score_from_text(excerpt(score), "score")) row.score = *s;
        else reason(s.status());
        if (!bad) rows.push_back(row);
      });
  if (!read) return refused(out, problems);

  // 2. Against the file itself and the database; then, when every line is good, write in the
  // same transaction. A file already refused is checked on a read-only connection.
  const bool refused_already = !problems.empty();
  auto check = [&](Connection& c) -> ImportOutcome {
    std::unordered_map<Id, std::optional<Exam>> exams;
    std::unordered_map<std::string_view, std::optional<Id>> officers;  // ID number -> officer id
    std::map<std::pair<Id, Id>, const Row*> in_file;                   // (exam, officer) -> first line
    struct Add {
      const Exam* exam;
      Id officer_id;
      Score score;
    };
    std::vector<Add> to_add;
    for (const Row& row : rows) {
      auto e = exams.find(row.exam_id);
      if (e == exams.end()) e = exams.emplace(row.exam_id, find_exam(c, row.exam_id)).first;
      auto o = officers.find(row.id());
      if (o == officers.end()) {
        auto& st = c.prepare("SELECT id FROM officers WHERE id_number = ?");
        st.bind(1, std::string(row.id()));
        std::optional<Id> found;
        if (st.executeStep()) found = st.getColumn(0).getInt64();
        st.reset();
        o = officers.emplace(row.id(), found).first;
      }
      bool bad = false;
      if (!e->second) {
        problems.add(row.line,
                     Status::not_found(rules::exam_not_found, {{"id", std::to_string(row.exam_id)}}, "exam_id"));
        bad = true;
      }
      if (!o->second) {
        problems.add(row.line, Message{rules::id_number_unknown.name, "id_number", {}});
        bad = true;
      }
      if (bad) {
        if (!to_add.empty()) std::vector<Add>().swap(to_add);  // refused anyway: keep nothing
        continue;
      }
      const Exam& exam = *e->second;
      const Id officer_id = *o->second;
      auto [first, added] = in_file.emplace(std::pair(exam.id, officer_id), &row);
      if (!added) {
        if (first->second->score == row.score) ++out.skipped_duplicates;
        else problems.add(row.line, rules::exam_result_repeated, {{"line", std::to_string(first->second->line)}});
        continue;
      }
      if (auto before = find_exam_score(c, exam.id, officer_id)) {
        if (*before == row.score) ++out.skipped_duplicates;
        else
          problems.add(row.line, Message{rules::exam_result_differs.name, "score",
                                         {{"exam_id", std::to_string(exam.id)}, {"score", before->to_string()}}});
        continue;
      }
      if (problems.empty()) to_add.push_back({&exam, officer_id, row.score});
      else if (!to_add.empty()) std::vector<Add>().swap(to_add);
    }
    if (!problems.empty()) return refused(out, problems);
    std::string now = now_rfc3339();
    for (const Add& a : to_add) {
      put_exam_result(c, *a.exam, a.officer_id, a.score, std::nullopt, now, by);
      ++out.imported;
    }
    append_audit(c, by, "import", "import", std::nullopt, "", summary_json("exam_results", out));
    return out;
  };
  if (refused_already) return db_.read(check);
  return db_.write(check);
}

}  // namespace certhours::store
