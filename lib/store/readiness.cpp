#include "store/readiness.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace certhours::store {

std::optional<std::string> unreadable(const std::string& path) {
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY, /*busyTimeoutMs=*/1000);
    SQLite::Statement q(db, "SELECT count(*) FROM sqlite_master");
    if (!q.executeStep() || q.getColumn(0).getInt64() == 0) return "the database has no tables";
    return std::nullopt;
  } catch (const std::exception& e) {
    return std::string(e.what());
  }
}

}  // namespace certhours::store
