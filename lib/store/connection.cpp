#include "store/connection.hpp"

#include <algorithm>

namespace certhours::store {

Connection::Connection(const std::string& path, int flags) : db_(path, flags, 5000) {
  db_.exec("PRAGMA foreign_keys = ON");
}

SQLite::Statement& Connection::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) it = cache_.emplace(key, std::make_unique<SQLite::Statement>(db_, key)).first;
  SQLite::Statement& st = *it->second;
  // Once per statement per transaction: a loop preparing the same SQL per row (an import of
  // 100,000 rows) must not grow the list by a row each time.
  if (std::find(used_.begin(), used_.end(), &st) == used_.end()) used_.push_back(&st);
  st.tryReset();  // never throws: a step that failed earlier was reported then
  st.clearBindings();
  return st;
}

void Connection::run(const char* sql) {
  auto it = control_.find(sql);
  if (it == control_.end()) it = control_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
  SQLite::Statement& st = *it->second;
  try {
    st.exec();
  } catch (...) {
    st.tryReset();
    throw;
  }
  st.tryReset();
}

void Connection::reset_statements() {
  // tryReset, not reset: reset() throws again the error of a step that failed, and a rollback
  // that throws here would never run ROLLBACK, leaving the connection inside its transaction
  // (every later write: "cannot start a transaction within a transaction").
  for (SQLite::Statement* st : used_) st->tryReset();
  used_.clear();
}

}  // namespace certhours::store
