// What the CSV imports share (imports.cpp, exam_imports.cpp): reading a file record by record
// under its header, the bounded list of refused lines, and the cells every import reads.
// Private to lib/store.
#pragma once
#include <boost/json.hpp>

#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/csv.hpp"
#include "domain/messages.hpp"
#include "domain/text.hpp"  // trim_blanks: a cell without the blanks around it
#include "store/imports.hpp"

namespace certhours::store::import_reading {

// The refused lines of one import, bounded: the first `cap` lines (in line order) with their
// reasons, and a count of every refused line. Reasons for one line come one after another
// (a line is checked in one go); lines may come out of order (two passes), so a line listed
// early can give way to an earlier one found later.
class Problems {
 public:
  explicit Problems(std::size_t cap) : cap_(cap) {}

  void add(int line, Message reason) {
    if (line == last_) {
      if (auto it = listed_.find(line); it != listed_.end()) it->second.push_back(std::move(reason));
      return;
    }
    last_ = line;
    ++lines_;
    if (listed_.size() < cap_) {
      listed_.emplace(line, std::vector<Message>{std::move(reason)});
    } else if (cap_ > 0 && line < listed_.rbegin()->first) {
      listed_.erase(std::prev(listed_.end()));
      listed_.emplace(line, std::vector<Message>{std::move(reason)});
    }
  }
  void add(int line, const Status& s) { add(line, s.what()); }
  void add(int line, Rule rule, Params params = {}) { add(line, Message{rule.name, {}, std::move(params)}); }
  // A line that must be listed whatever came before (the record past the ceiling, the last
  // line read): when the list is full it takes the place of the last one listed.
  void add_last(int line, Message reason) {
    if (cap_ > 0 && listed_.size() >= cap_) listed_.erase(std::prev(listed_.end()));
    last_ = -1;
    add(line, std::move(reason));
  }
  bool empty() const { return lines_ == 0; }
  void report(ImportOutcome& out) const {
    out.problems.clear();
    out.problems.reserve(listed_.size());
    for (const auto& [line, reasons] : listed_) out.problems.push_back({line, reasons});
    out.more_problems = lines_ - static_cast<std::int64_t>(listed_.size());
  }

 private:
  std::size_t cap_;
  std::map<int, std::vector<Message>> listed_;
  std::int64_t lines_ = 0;
  int last_ = -1;
};

// What a message quotes of a cell: at most 40 bytes, cut between characters (the text is
// UTF-8), "…" when cut.
std::string excerpt(std::string_view v);
// The ID number of a cell, normalised, or a reason.
Result<std::string> id_number_cell(std::string_view raw);
Result<Date> date_cell(const char* field, std::string_view raw);
// A positive integer id (training_id, exam_id), or a reason about `field`.
Result<Id> id_cell(const char* field, std::string_view raw);
// A summary of the import for the audit log.
std::string summary_json(const char* kind, const ImportOutcome& o);
// A refused import: the report, nothing imported.
ImportOutcome& refused(ImportOutcome& out, const Problems& problems);

// Reads `text` record by record: the header (its columns mapped by `spec`), then each record
// below it, refusing those the reader or the header's width refuses and handing the others
// to each(record, columns). Returns false when the file as a whole is refused or reading
// stopped at the ceiling (`out` says why; nothing more is to be checked).
template <class Each>
bool read_records(std::string_view text, const std::vector<csv::ColumnSpec>& spec, const ImportLimits& limits,
                  Problems& problems, ImportOutcome& out, Each&& each) {
  csv::Reader reader(text);
  csv::Record rec;
  std::optional<Message> error;
  if (!reader.next(rec, error)) {
    out.file_error = Message{rules::file_empty.name, {}, {}};
    return false;
  }
  if (error) {  // the header row cannot be read
    problems.add(rec.line, *error);
    return false;
  }
  auto cols = csv::map_columns(rec.fields, spec);
  if (!cols) {
    problems.add(rec.line, cols.status());
    return false;
  }
  const std::size_t width = rec.fields.size();
  while (reader.next(rec, error)) {
    if (static_cast<std::size_t>(out.rows) == limits.max_records) {
      Message why{rules::file_too_many_records.name, {}, {{"max", std::to_string(limits.max_records)}}};
      problems.add_last(rec.line, why);
      why.params.emplace_back("line", std::to_string(rec.line));
      out.file_error = std::move(why);
      return false;
    }
    ++out.rows;
    if (error) problems.add(rec.line, *error);
    else if (auto w = csv::width_error(width, rec)) problems.add(rec.line, *w);
    else each(rec, *cols);
  }
  if (out.rows == 0) {
    out.file_error = Message{rules::file_no_records.name, {}, {}};
    return false;
  }
  return true;
}

}  // namespace certhours::store::import_reading
