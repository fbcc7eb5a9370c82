#include "store/exams.hpp"

#include <boost/json.hpp>

#include "codec/qualification.hpp"
#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

namespace {
constexpr const char* kExamColumns = "e.id, e.name, e.held_on, e.pass_halves";

Score score_of(const SQLite::Column& halves) { return *Score::from_number(halves.getInt() / 2.0); }

Exam exam_from_row(SQLite::Statement& st, int first = 0) {
  Exam e;
  e.id = st.getColumn(first).getInt64();
  e.name = st.getColumn(first + 1).getString();
  e.held_on = column_date(st.getColumn(first + 2));
  e.pass_score = score_of(st.getColumn(first + 3));
  return e;
}

std::optional<Exam> load_exam(Connection& c, Id id) {
  static const std::string sql = std::string("SELECT ") + kExamColumns + " FROM exams e WHERE e.id = ?";
  auto& st = c.prepare(sql);
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  Exam e = exam_from_row(st);
  st.reset();
  return e;
}

std::optional<Score> load_score(Connection& c, Id exam_id, Id officer_id) {
  auto& st = c.prepare("SELECT halves FROM exam_results WHERE exam_id = ? AND officer_id = ?");
  st.bind(1, exam_id);
  st.bind(2, officer_id);
  std::optional<Score> s;
  if (st.executeStep()) s = score_of(st.getColumn(0));
  st.reset();
  return s;
}

std::string result_audit(const Exam& e, Id officer_id, Score s) {
  return boost::json::serialize(codec::exam_result_json(e.id, officer_id, s, passed(s, e.pass_score)));
}
}  // namespace

void put_exam_result(Connection& c, const Exam& exam, Id officer_id, Score score, const std::optional<Score>& before,
                     const std::string& now, const Actor& by) {
  auto& st = c.prepare(
      "INSERT INTO exam_results(exam_id, officer_id, halves, recorded_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(exam_id, officer_id) DO UPDATE SET halves = ?3, recorded_at = ?4");
  st.bind(1, exam.id);
  st.bind(2, officer_id);
  st.bind(3, score.halves());
  st.bind(4, now);
  st.exec();
  st.reset();
  append_audit(c, by, before ? "update" : "create", "exam", exam.id,
               before ? result_audit(exam, officer_id, *before) : "", result_audit(exam, officer_id, score));
}

std::optional<Exam> find_exam(Connection& c, Id id) { return load_exam(c, id); }
std::optional<Score> find_exam_score(Connection& c, Id exam_id, Id officer_id) {
  return load_score(c, exam_id, officer_id);
}

Exams::Exams(Database& db, const Units& units) : db_(db), units_(units) {}

Exam Exams::create(const Exam& e, const Actor& by) {
  return db_.write([&](Connection& c) {
    auto& st = c.prepare("INSERT INTO exams(name, held_on, pass_halves, created_at) VALUES (?, ?, ?, ?)");
    st.bind(1, e.name);
    st.bind(2, format_date(e.held_on));
    st.bind(3, e.pass_score.halves());
    st.bind(4, now_rfc3339());
    st.exec();
    Exam out = e;
    out.id = c.db().getLastInsertRowid();
    append_audit(c, by, "create", "exam", out.id, "", boost::json::serialize(codec::exam_json(out)));
    return out;
  });
}

std::optional<Exam> Exams::find(Id id) {
  return db_.read([&](Connection& c) { return load_exam(c, id); });
}

Page<Exam> Exams::list(int limit, int offset) {
  return db_.read([&](Connection& c) {
    Page<Exam> page;
    auto& n = c.prepare("SELECT count(*) FROM exams");
    if (n.executeStep()) page.total = n.getColumn(0).getInt64();
    n.reset();
    static const std::string sql =
        std::string("SELECT ") + kExamColumns + " FROM exams e ORDER BY e.held_on DESC, e.id DESC LIMIT ? OFFSET ?";
    auto& st = c.prepare(sql);
    st.bind(1, limit);
    st.bind(2, offset);
    while (st.executeStep()) page.items.push_back(exam_from_row(st));
    return page;
  });
}

Page<ExamScore> Exams::results(Id exam_id, std::optional<Id> scope, int limit, int offset) {
  PathRange range = scope_range(*units_.tree(), scope);
  return db_.read([&](Connection& c) {
    Page<ExamScore> page;
    auto exam = load_exam(c, exam_id);
    if (!exam) return page;
    const char* from =
        " FROM units u JOIN officers o ON o.unit_id = u.id JOIN exam_results r ON r.officer_id = o.id "
        "AND r.exam_id = ? WHERE u.path >= ? AND u.path < ?";
    auto& n = c.prepare(std::string("SELECT count(*)") + from);
    n.bind(1, exam_id);
    n.bind(2, range.lo);
    n.bind(3, range.hi);
    if (n.executeStep()) page.total = n.getColumn(0).getInt64();
    n.reset();
    auto& st = c.prepare(std::string("SELECT o.id, o.name, o.unit_id, r.halves") + from +
                         " ORDER BY u.path, o.id LIMIT ? OFFSET ?");
    st.bind(1, exam_id);
    st.bind(2, range.lo);
    st.bind(3, range.hi);
    st.bind(4, limit);
    st.bind(5, offset);
    while (st.executeStep()) {
      Score s = score_of(st.getColumn(3));
      page.items.push_back({exam_id, st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                            st.getColumn(2).getInt64(), s, passed(s, exam->pass_score)});
    }
    return page;
  });
}

Result<ExamScore> Exams::put_result(Id exam_id, Id officer_id, Score score, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<ExamScore> {
    auto exam = load_exam(c, exam_id);
    if (!exam) return Status::not_found(rules::exam_not_found, {{"id", std::to_string(exam_id)}});
    auto officer = load_officer(c, officer_id);
    if (!officer) return Status::not_found(rules::officer_not_found, {{"id", std::to_string(officer_id)}});
    put_exam_result(c, *exam, officer_id, score, load_score(c, exam_id, officer_id), now_rfc3339(), by);
    return ExamScore{exam_id, officer_id, officer->name, officer->unit_id, score, passed(score, exam->pass_score)};
  });
}

std::vector<OfficerExam> Exams::of_officer(Id officer_id) {
  return db_.read([&](Connection& c) {
    std::vector<OfficerExam> out;
    static const std::string sql = std::string("SELECT ") + kExamColumns +
                                   ", r.halves FROM exam_results r JOIN exams e ON e.id = r.exam_id "
                                   "WHERE r.officer_id = ? ORDER BY e.held_on DESC, e.id DESC";
    auto& st = c.prepare(sql);
    st.bind(1, officer_id);
    while (st.executeStep()) out.push_back({exam_from_row(st), score_of(st.getColumn(4))});
    return out;
  });
}

}  // namespace certhours::store
