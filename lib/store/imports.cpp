#include "store/imports.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <tuple>
#include <unordered_map>

#include "codec/records.hpp"
#include "domain/import_columns.hpp"
#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/import_reading.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

using namespace import_reading;

namespace {

bool same_person(const Officer& a, const Officer& b) { return a.name == b.name && a.unit_id == b.unit_id; }

}  // namespace

Imports::Imports(Database& db, const Units& units) : db_(db), units_(units) {}

ImportOutcome Imports::officers(std::string_view text, std::optional<Id> scope, Date today, const Actor& by,
                                const ImportLimits& limits) {
  ImportOutcome out;
  Problems problems(limits.listed_lines);
  enum { kName, kIdNumber, kUnitCode, kKind, kPostStart, kPostEnd };  // csv::officer_columns() order
  auto tree = units_.tree();

  // 1. Each record on its own (no database needed): the rules of POST /officers. The good
  // records are kept (bounded by the ceiling): step 2 checks them against the database even
  // when the file is already refused, so that the report names those lines too.
  struct Row {
    int line;
    Officer officer;
  };
  std::vector<Row> rows;
  bool read = read_records(
      text, csv::officer_columns(), limits, problems, out, [&](const csv::Record& r, const csv::ColumnMap& cols) {
        const int line = r.line;
        bool bad = false;
        auto reason = [&](const Status& why) {
          problems.add(line, why);
          bad = true;
        };
        Officer o;
        if (auto name = clean_text("name", cols.cell(r, kName), 50)) o.name = *name;
        else reason(name.status());
        if (auto id = id_number_cell(cols.cell(r, kIdNumber))) o.id_number = *id;
        else reason(id.status());
        std::string_view code = trim_blanks(cols.cell(r, kUnitCode));
        const Unit* unit = code.empty() ? nullptr : tree->find_code(code);
        if (code.empty()) reason(Status::invalid("unit_code", rules::text_empty));
        else if (!unit || (scope && !tree->contains(*scope, unit->id)))  // never leak existence
          reason(Status::invalid("unit_code", rules::unit_code_unknown, {{"value", excerpt(code)}}));
        else o.unit_id = unit->id;
        std::string_view kind_text = trim_blanks(cols.cell(r, kKind));
        if (auto kind = kOfficerKinds.parse_key_or_label(kind_text)) o.kind = *kind;
        else
          reason(Status::invalid("kind", rules::value_not_allowed,
                                 {{"allowed", "enforcement,police"}, {"value", excerpt(kind_text)}}));
        bool dates_ok = true;
        if (auto d = date_cell("post_start", cols.cell(r, kPostStart))) {
          o.post_start = *d;
        } else {
          reason(d.status());
          dates_ok = false;
        }
        if (!trim_blanks(cols.cell(r, kPostEnd)).empty()) {
          if (auto d = date_cell("post_end", cols.cell(r, kPostEnd))) {
            o.post_end = *d;
          } else {
            reason(d.status());
            dates_ok = false;
          }
        }
        if (dates_ok)
          if (Status s = check_post_period(o.post()); !s) reason(s);
        o.status = initial_status(o.post(), today);  // as POST /officers: a post that ended means left
        if (!bad) rows.push_back({line, std::move(o)});
      });
  if (!read) return refused(out, problems);

  // 2. Against the file itself and the database; then, when every line is good, write, in
  // the same transaction. A file already refused is checked on a read-only connection: its
  // report only.
  const bool refused_already = !problems.empty();
  auto check = [&](Connection& c) -> ImportOutcome {
    std::unordered_map<std::string, const Row*> seen;  // ID number -> first row of the file
    std::vector<const Row*> to_add;
    auto& existing = c.prepare(std::string("SELECT ") + kOfficerColumns + " FROM officers o WHERE o.id_number = ?");
    for (const Row& row : rows) {
      if (auto it = seen.find(row.officer.id_number); it != seen.end()) {
        if (same_person(it->second->officer, row.officer)) ++out.skipped_duplicates;
        else
          problems.add(row.line, rules::id_number_repeated,
                       {{"id_number", mask_id_number(row.officer.id_number)}, {"line", std::to_string(it->second->line)}});
        continue;
      }
      seen.emplace(row.officer.id_number, &row);
      existing.reset();
      existing.clearBindings();
      existing.bind(1, row.officer.id_number);
      if (existing.executeStep()) {
        Officer before = officer_from_row(existing);
        // The same words whoever the officer is (in the importer's units or not): an hr user
        // may not see them. (An officer outside the scope never matches: the row's unit is in it.)
        if (same_person(before, row.officer)) ++out.skipped_duplicates;
        else
          problems.add(row.line, rules::id_number_registered_otherwise,
                       {{"id_number", mask_id_number(row.officer.id_number)}});
        continue;
      }
      if (problems.empty()) to_add.push_back(&row);
      else to_add.clear();
    }
    existing.reset();
    if (!problems.empty()) return refused(out, problems);
    std::string now = now_rfc3339();
    for (const Row* row : to_add) {
      insert_officer(c, row->officer, now, by);
      ++out.imported;
    }
    append_audit(c, by, "import", "import", std::nullopt, "", summary_json("officers", out));
    return out;
  };
  if (refused_already) return db_.read(check);
  return db_.write(check);
}

ImportOutcome Imports::attendance(std::string_view text, std::optional<Id> scope, const Actor& by,
                                  const ImportLimits& limits) {
  ImportOutcome out;
  Problems problems(limits.listed_lines);
  enum { kTraining, kIdNumber, kLegal, kBusiness, kPolitical };  // csv::attendance_columns() order
  auto tree = units_.tree();

  // 1. Each record on its own: ids, ID numbers, hours in steps of 0.5. Every record that
  // passes is kept, compactly (48 bytes): its training and officer are checked against the
  // database in step 2 even when the file is already refused, so that the report names those
  // lines too.
  struct Row {
    Id training_id;
    int line;
    std::array<std::int32_t, 3> halves;  // per category; -1: the cell was empty
    std::array<char, 18> id_number;
    std::string_view id() const { return {id_number.data(), id_number.size()}; }
    PartialCredit credit() const {
      auto h = [](std::int32_t v) { return v < 0 ? std::nullopt : std::optional<Hours>(Hours::from_halves(v)); };
      return {h(halves[0]), h(halves[1]), h(halves[2])};
    }
  };
  std::vector<Row> rows;
  bool read = read_records(
      text, csv::attendance_columns(), limits, problems, out, [&](const csv::Record& r, const csv::ColumnMap& cols) {
        const int line = r.line;
        bool bad = false;
        auto reason = [&](const Status& why) {
          problems.add(line, why);
          bad = true;
        };
        Row row{0, line, {-1, -1, -1}, {}};
        if (auto tid = id_cell("training_id", cols.cell(r, kTraining))) row.training_id = *tid;
        else reason(tid.status());
        if (auto id = id_number_cell(cols.cell(r, kIdNumber)); id && id->size() == row.id_number.size())
          std::copy(id->begin(), id->end(), row.id_number.begin());
        else reason(id ? Status::invalid("id_number", rules::id_number_format) : id.status());
        int i = 0;
        for (Category cat : kCategories) {
          std::string_view v = trim_blanks(cols.cell(r, kLegal + i));
          if (!v.empty()) {
            auto h = Hours::parse(std::string(v));
            if (h) row.halves[i] = static_cast<std::int32_t>(h->halves());  // at most 200,000
            else reason(Status::invalid(category_key(cat), rules::hours_half_step, {{"value", excerpt(v)}}));
          }
          ++i;
        }
        if (!bad) rows.push_back(std::move(row));
      });
  if (!read) return refused(out, problems);

  // 2. Against the database; then, when every line is good, write, in the same transaction.
  // A file already refused is checked on a read-only connection (its report only).
  const bool refused_already = !problems.empty();
  auto check = [&](Connection& c) -> ImportOutcome {
    std::unordered_map<Id, std::optional<Training>> trainings;
    std::unordered_map<std::string_view, std::optional<Id>> officers;  // ID number -> officer id in scope
    std::vector<NewAttendance> to_add;
    std::size_t unknown_ids = 0;
    for (const Row& row : rows) {
      auto t = trainings.find(row.training_id);
      if (t == trainings.end()) {
        t = trainings.emplace(row.training_id, load_training(c, row.training_id)).first;
      }
      auto o = officers.find(row.id());
      if (o == officers.end()) {
        auto& st = c.prepare("SELECT id, unit_id FROM officers WHERE id_number = ?");
        st.bind(1, std::string(row.id()));
        std::optional<Id> found;
        if (st.executeStep() && (!scope || tree->contains(*scope, st.getColumn(1).getInt64())))
          found = st.getColumn(0).getInt64();
        st.reset();
        o = officers.emplace(row.id(), found).first;
      }
      // The reasons that do not depend on the officer first, whether or not the officer exists.
      std::optional<CategoryHours> credit;
      bool bad = false;
      if (!t->second) {
        problems.add(row.line, Status::not_found(rules::training_not_found, {{"id", std::to_string(row.training_id)}},
                                                 "training_id"));
        bad = true;
      } else if (auto cr = credit_for(t->second->spec.hours, row.credit())) {
        credit = *cr;
      } else {
        problems.add(row.line, cr.status());
        bad = true;
      }
      if (!o->second) {
        // Unknown and out of scope read the same (docs/api.md: never leak existence); past the
        // first few in a file, an hr user's lines are no longer named (see imports.hpp).
        if (!scope) problems.add(row.line, Message{rules::id_number_unknown.name, "id_number", {}});
        else if (unknown_ids < limits.named_unknown_ids) {
          problems.add(row.line, Message{rules::id_number_unknown_in_units.name, "id_number", {}});
          ++out.named_unknown_ids;
        } else {
          out.unlisted_unknown_ids = true;
        }
        ++unknown_ids;
        bad = true;
      }
      if (bad || !problems.empty() || out.unlisted_unknown_ids) {
        if (!to_add.empty()) std::vector<NewAttendance>().swap(to_add);  // refused anyway: keep nothing
        continue;
      }
      const Training& training = *t->second;
      to_add.push_back({training.id, counted_year(training.spec), *o->second, *credit});
    }
    if (!problems.empty() || out.unlisted_unknown_ids) return refused(out, problems);
    // Written in the order of the attendance key (officer, year, session), so that the inserts,
    // the year totals' triggers and their pages go through the B-trees once, in order, instead
    // of at random: the file's order is kept among a pair's lines (the first one counts). A
    // second line of a pair, or a pair recorded before, is a skipped duplicate.
    std::stable_sort(to_add.begin(), to_add.end(),
                     [](const NewAttendance& a, const NewAttendance& b) { return a.key() < b.key(); });
    const std::size_t lines = to_add.size();
    to_add.erase(std::unique(to_add.begin(), to_add.end(),
                             [](const NewAttendance& a, const NewAttendance& b) { return a.key() == b.key(); }),
                 to_add.end());
    out.imported = static_cast<int>(insert_attendances(c, to_add, now_rfc3339(), by));
    out.skipped_duplicates += static_cast<int>(lines) - out.imported;
    append_audit(c, by, "import", "import", std::nullopt, "", summary_json("attendance", out));
    return out;
  };
  if (refused_already) return db_.read(check);
  return db_.bulk_write(check);
}

}  // namespace certhours::store
