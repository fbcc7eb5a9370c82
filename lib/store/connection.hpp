// One SQLite connection with its prepared statements kept for reuse (private to the store).
#pragma once
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace certhours::store {

class Connection {
 public:
  Connection(const std::string& path, int flags);
  SQLite::Database& db() { return db_; }
  // A prepared statement for `sql`, reset and with bindings cleared; prepared once per
  // connection. REQUIRES: the previous use of the same statement is finished.
  SQLite::Statement& prepare(std::string_view sql);
  void exec(const char* sql) { db_.exec(sql); }
  // A statement that returns no rows and that every transaction runs (BEGIN, COMMIT, ROLLBACK):
  // prepared once, then stepped and reset, instead of parsed anew by sqlite3_exec each time
  // (9% of a GET /officers/{id}/hours). Kept apart from prepare()'s list: it is done when run.
  void run(const char* sql);
  // Resets every statement prepared since the last call, so that a transaction can end
  // (a statement left on a row keeps its read snapshot open).
  void reset_statements();

 private:
  SQLite::Database db_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> cache_;
  std::vector<SQLite::Statement*> used_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> control_;
};

}  // namespace certhours::store
