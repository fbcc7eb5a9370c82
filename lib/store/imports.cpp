#include "store/imports.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

namespace {

// Reasons per line, turned into one problem per line in line order.
class Problems {
 public:
  void add(int line, std::string message) { by_line_[line].push_back(std::move(message)); }
  bool has(int line) const { return by_line_.count(line) > 0; }
  bool empty() const { return by_line_.empty(); }
  std::vector<csv::LineError> list() const {
    std::vector<csv::LineError> out;
    out.reserve(by_line_.size());
    for (const auto& [line, reasons] : by_line_) {
      std::string m;
      for (const auto& r : reasons) m += (m.empty() ? "" : "; ") + r;
      out.push_back({line, std::move(m)});
    }
    return out;
  }

 private:
  std::map<int, std::vector<std::string>> by_line_;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "4.50702E+17": Excel turned a long digit string into a number and lost digits.
bool looks_scientific(std::string_view s) {
  return s.find_first_of("eE") != std::string_view::npos && s.find('+') != std::string_view::npos &&
         s.find_first_not_of("0123456789.eE+") == std::string_view::npos;
}

// The ID number of a cell, normalised, or a reason.
Result<std::string> id_number_cell(std::string_view raw) {
  std::string_view v = trim(raw);
  if (v.empty()) return Status::invalid("id_number", "id_number must not be empty");
  if (looks_scientific(v))
    return Status::invalid("id_number", "id_number '" + std::string(v) +
                                            "' was turned into a number by the spreadsheet (digits are lost): format "
                                            "the column as text (文本) and type the 18 characters again");
  std::string id = normalize_id_number(v);
  if (!valid_id_number(id))
    return Status::invalid("id_number", "id_number '" + std::string(v.substr(0, 40)) +
                                            "' is not a valid resident ID number (18 characters, GB 11643 check digit)");
  return id;
}

Result<Date> date_cell(const char* field, std::string_view raw) {
  std::string_view v = trim(raw);
  if (v.empty()) return Status::invalid(field, std::string(field) + " must not be empty");
  auto d = parse_date(v);
  if (!d)
    return Status::invalid(field, std::string(field) + " '" + std::string(v.substr(0, 40)) +
                                      "' is not a real calendar date YYYY-MM-DD between 1950-01-01 and 2099-12-31");
  return *d;
}

// A summary of the import for the audit log.
std::string summary_json(const char* kind, std::size_t rows, const ImportOutcome& o) {
  return std::string("{\"kind\":\"") + kind + "\",\"rows\":" + std::to_string(rows) +
         ",\"imported\":" + std::to_string(o.imported) + ",\"skipped_duplicates\":" +
         std::to_string(o.skipped_duplicates) + "}";
}

bool same_person(const Officer& a, const Officer& b) { return a.name == b.name && a.unit_id == b.unit_id; }

}  // namespace

ImportOutcome import_officers(Store& store, const csv::Table& table, std::optional<Id> scope, Date today,
                              const Actor& by) {
  ImportOutcome out;
  enum { kName, kIdNumber, kUnitCode, kKind, kPostStart, kPostEnd };
  auto cols = csv::map_columns(table.header, {{"name", true},
                                              {"id_number", true},
                                              {"unit_code", true},
                                              {"kind", true},
                                              {"post_start", true},
                                              {"post_end", false}});
  if (!cols) {
    out.problems.push_back({1, cols.status().message()});
    return out;
  }
  auto tree = store.units();

  // 1. Each record on its own (no database needed): the rules of POST /officers.
  Problems problems;
  struct Row {
    int line;
    Officer officer;
  };
  std::vector<Row> rows;
  rows.reserve(table.records.size());
  for (const csv::Record& r : table.records) {
    const int line = r.line;
    if (auto w = csv::width_error(table, r)) {
      problems.add(line, *w);
      continue;
    }
    Officer o;
    auto reason = [&](const Status& s) { problems.add(line, s.message()); };
    if (auto name = clean_text("name", cols->cell(r, kName), 50)) o.name = *name;
    else reason(name.status());
    if (auto id = id_number_cell(cols->cell(r, kIdNumber))) o.id_number = *id;
    else reason(id.status());
    std::string_view code = trim(cols->cell(r, kUnitCode));
    const Unit* unit = code.empty() ? nullptr : tree->find_code(code);
    if (code.empty()) problems.add(line, "unit_code must not be empty");
    else if (!unit || (scope && !tree->contains(*scope, unit->id)))
      problems.add(line, "unit code '" + std::string(code.substr(0, 40)) + "' not found");  // never leak existence
    else o.unit_id = unit->id;
    auto kind = parse_kind(trim(cols->cell(r, kKind)));
    if (kind) o.kind = *kind;
    else problems.add(line, "kind must be enforcement or police, not '" + std::string(trim(cols->cell(r, kKind)).substr(0, 40)) + "'");
    bool dates_ok = true;
    if (auto d = date_cell("post_start", cols->cell(r, kPostStart))) {
      o.post_start = *d;
    } else {
      reason(d.status());
      dates_ok = false;
    }
    if (!trim(cols->cell(r, kPostEnd)).empty()) {
      if (auto d = date_cell("post_end", cols->cell(r, kPostEnd))) {
        o.post_end = *d;
      } else {
        reason(d.status());
        dates_ok = false;
      }
    }
    if (dates_ok)
      if (Status s = check_post_period(o.post()); !s) reason(s);
    o.status = initial_status(o.post(), today);  // as POST /officers: a post that ended means left
    if (!problems.has(line)) rows.push_back({line, std::move(o)});
  }

  // 2. Against the file itself and the database, then write, in one transaction.
  return store.database().write([&](Connection& c) -> ImportOutcome {
    std::unordered_map<std::string, const Row*> seen;  // ID number -> first row of the file
    std::vector<const Row*> to_add;
    auto& existing = c.prepare(std::string("SELECT ") + kOfficerColumns + " FROM officers o WHERE o.id_number = ?");
    for (const Row& row : rows) {
      if (auto it = seen.find(row.officer.id_number); it != seen.end()) {
        if (same_person(it->second->officer, row.officer)) ++out.skipped_duplicates;
        else
          problems.add(row.line, "ID number " + mask_id_number(row.officer.id_number) + " is also on line " +
                                     std::to_string(it->second->line) + " with another name or unit");
        continue;
      }
      seen.emplace(row.officer.id_number, &row);
      existing.reset();
      existing.clearBindings();
      existing.bind(1, row.officer.id_number);
      if (existing.executeStep()) {
        Officer before = officer_from_row(existing);
        if (same_person(before, row.officer)) ++out.skipped_duplicates;
        else
          problems.add(row.line, "ID number " + mask_id_number(row.officer.id_number) +
                                     " is already registered with another name or unit; an import never changes an "
                                     "officer");
        continue;
      }
      to_add.push_back(&row);
    }
    existing.reset();
    if (!problems.empty()) {
      out.problems = problems.list();
      out.imported = out.skipped_duplicates = 0;
      return out;
    }
    std::string now = now_rfc3339();
    for (const Row* row : to_add) {
      auto& ins = c.prepare(
          "INSERT INTO officers(name, id_number, unit_id, kind, status, post_start, post_end, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      const Officer& o = row->officer;
      ins.bind(1, o.name);
      ins.bind(2, o.id_number);
      ins.bind(3, o.unit_id);
      ins.bind(4, kind_key(o.kind));
      ins.bind(5, officer_status_key(o.status));
      ins.bind(6, format_date(o.post_start));
      bind_opt_date(ins, 7, o.post_end);
      ins.bind(8, now);
      ins.exec();
      Officer created = o;
      created.id = c.db().getLastInsertRowid();
      append_audit(c, by, "create", "officer", created.id, "", audit_json(created));
      ++out.imported;
    }
    append_audit(c, by, "import", "import", std::nullopt, "", summary_json("officers", table.records.size(), out));
    return out;
  });
}

ImportOutcome import_attendance(Store& store, const csv::Table& table, std::optional<Id> scope, const Actor& by) {
  ImportOutcome out;
  enum { kTraining, kIdNumber, kLegal, kBusiness, kPolitical };
  auto cols = csv::map_columns(table.header, {{"training_id", true},
                                              {"id_number", true},
                                              {"legal", false},
                                              {"business", false},
                                              {"political", false}});
  if (!cols) {
    out.problems.push_back({1, cols.status().message()});
    return out;
  }
  auto tree = store.units();

  // 1. Each record on its own: ids, ID numbers, hours in steps of 0.5.
  Problems problems;
  struct Row {
    int line;
    Id training_id;
    std::string id_number;
    PartialCredit credit;
  };
  std::vector<Row> rows;
  rows.reserve(table.records.size());
  for (const csv::Record& r : table.records) {
    const int line = r.line;
    if (auto w = csv::width_error(table, r)) {
      problems.add(line, *w);
      continue;
    }
    Row row{line, 0, {}, {}};
    std::string_view tid = trim(cols->cell(r, kTraining));
    if (tid.empty()) problems.add(line, "training_id must not be empty");
    else if (tid.size() > 18 || tid.front() == '0' || tid.find_first_not_of("0123456789") != std::string_view::npos)
      problems.add(line, "training_id '" + std::string(tid.substr(0, 40)) + "' is not a positive integer");
    else row.training_id = std::stoll(std::string(tid));
    if (auto id = id_number_cell(cols->cell(r, kIdNumber))) row.id_number = *id;
    else problems.add(line, id.status().message());
    std::optional<Hours>* slots[] = {&row.credit.legal, &row.credit.business, &row.credit.political};
    int i = 0;
    for (Category cat : kCategories) {
      std::string_view v = trim(cols->cell(r, kLegal + i));
      if (!v.empty()) {
        auto h = Hours::parse(std::string(v));
        if (h) *slots[i] = *h;
        else
          problems.add(line, std::string(category_key(cat)) + " '" + std::string(v.substr(0, 40)) +
                                 "' is not a number of hours in steps of 0.5 (e.g. 2 or 2.5)");
      }
      ++i;
    }
    if (!problems.has(line)) rows.push_back(std::move(row));
  }

  // 2. Against the database, then write, in one transaction.
  return store.database().write([&](Connection& c) -> ImportOutcome {
    std::unordered_map<Id, std::optional<Training>> trainings;
    std::unordered_map<std::string, std::optional<Id>> officers;  // ID number -> officer id in scope
    struct Add {
      Id training_id, officer_id;
      int year;
      CategoryHours hours;
    };
    std::vector<Add> to_add;
    to_add.reserve(rows.size());
    std::set<std::pair<Id, Id>> in_file;  // (training, officer) already met in this file
    for (const Row& row : rows) {
      auto t = trainings.find(row.training_id);
      if (t == trainings.end()) {
        auto& st = c.prepare(
            "SELECT t.id, t.title, t.organizer_unit_id, t.start_date, t.end_date, t.legal_halves, t.business_halves, "
            "t.political_halves, t.rotation, t.mode FROM trainings t WHERE t.id = ?");
        st.bind(1, row.training_id);
        std::optional<Training> found;
        if (st.executeStep()) found = training_from_row(st);
        st.reset();
        t = trainings.emplace(row.training_id, std::move(found)).first;
      }
      auto o = officers.find(row.id_number);
      if (o == officers.end()) {
        auto& st = c.prepare("SELECT id, unit_id FROM officers WHERE id_number = ?");
        st.bind(1, row.id_number);
        std::optional<Id> found;
        if (st.executeStep() && (!scope || tree->contains(*scope, st.getColumn(1).getInt64())))
          found = st.getColumn(0).getInt64();
        st.reset();
        o = officers.emplace(row.id_number, found).first;
      }
      bool bad = false;
      if (!t->second) {
        problems.add(row.line, "training " + std::to_string(row.training_id) + " not found");
        bad = true;
      }
      if (!o->second) {
        // Unknown and out of scope read the same (api.md: never leak existence).
        problems.add(row.line, "officer with ID number " + mask_id_number(row.id_number) + " not found");
        bad = true;
      }
      if (bad) continue;
      const Training& training = *t->second;
      auto credit = credit_for(training.spec.hours, row.credit);
      if (!credit) {
        problems.add(row.line, credit.status().message());
        continue;
      }
      Id officer_id = *o->second;
      if (!in_file.emplace(training.id, officer_id).second) {
        ++out.skipped_duplicates;
        continue;
      }
      int year = counted_year(training.spec);
      auto& exists = c.prepare("SELECT 1 FROM attendance WHERE officer_id = ? AND year = ? AND training_id = ?");
      exists.bind(1, officer_id);
      exists.bind(2, year);
      exists.bind(3, training.id);
      bool recorded = exists.executeStep();
      exists.reset();
      if (recorded) {
        ++out.skipped_duplicates;
        continue;
      }
      to_add.push_back({training.id, officer_id, year, *credit});
    }
    if (!problems.empty()) {
      out.problems = problems.list();
      out.imported = out.skipped_duplicates = 0;
      return out;
    }
    std::string now = now_rfc3339();
    for (const Add& a : to_add) {
      auto& ins = c.prepare(
          "INSERT INTO attendance(officer_id, year, training_id, legal_halves, business_halves, political_halves, "
          "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      ins.bind(1, a.officer_id);
      ins.bind(2, a.year);
      ins.bind(3, a.training_id);
      ins.bind(4, a.hours.legal.halves());
      ins.bind(5, a.hours.business.halves());
      ins.bind(6, a.hours.political.halves());
      if (by.user_id) ins.bind(7, *by.user_id);
      ins.bind(8, now);
      ins.exec();
      append_audit(c, by, "create", "attendance", a.training_id, "",
                   audit_json_attendance(a.training_id, a.officer_id, a.hours));
      ++out.imported;
    }
    append_audit(c, by, "import", "import", std::nullopt, "", summary_json("attendance", table.records.size(), out));
    return out;
  });
}

}  // namespace certhours::store
