#include "store/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <thread>

namespace certhours::store {

namespace {
// Copies `src` (inside its open read transaction) into `dst`, 256 pages (1 MiB) a step.
void copy_pages(SQLite::Database& src, SQLite::Database& dst) {
  sqlite3_backup* b = sqlite3_backup_init(dst.getHandle(), "main", src.getHandle(), "main");
  if (!b) throw std::runtime_error(std::string("backup: ") + sqlite3_errmsg(dst.getHandle()));
  int rc = SQLITE_OK;
  int busy = 0;
  while (true) {
    rc = sqlite3_backup_step(b, 256);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) continue;
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy < 200) {  // up to ~10 s
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    break;
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw std::runtime_error(std::string("backup: ") + sqlite3_errstr(rc));
}

void sync_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot sync " + path);
  }
  ::close(fd);
}

}  // namespace

std::int64_t backup_copy(const std::string& db, const std::string& copy) {
  std::int64_t pages = 0;
  SQLite::Database src(db, SQLite::OPEN_READONLY, 5000);
  try {
    src.exec("BEGIN");
    // Reading starts the transaction; its snapshot is what the backup copies.
    SQLite::Statement(src, "SELECT count(*) FROM sqlite_schema").executeStep();
  } catch (const std::exception& e) {
    throw NotADatabase(db + " is not a readable SQLite database: " + e.what());
  }
  {
    SQLite::Database dst(copy, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000);
    // The copy file is deleted on any failure, so its steps need not wait for the disk;
    // it is synced once, whole, before it takes the name OUT.
    dst.exec("PRAGMA synchronous = OFF");
    copy_pages(src, dst);
    src.exec("COMMIT");
    // The copy is a plain rollback-journal file: one file to move around; the server
    // switches a restored copy back to WAL when it opens it.
    dst.exec("PRAGMA journal_mode = DELETE");
    dst.exec("PRAGMA cache_size = -65536");  // 64 MiB: integrity_check is ~2.5x faster on large files
    SQLite::Statement check(dst, "PRAGMA integrity_check");
    std::string verdict;
    while (check.executeStep()) verdict += (verdict.empty() ? "" : "; ") + check.getColumn(0).getString();
    if (verdict != "ok") throw std::runtime_error("the copy failed PRAGMA integrity_check: " + verdict);
    SQLite::Statement count(dst, "PRAGMA page_count");
    if (count.executeStep()) pages = count.getColumn(0).getInt64();
  }
  sync_file(copy);
  return pages;
}

bool is_disk_full(const std::exception& e) {
  // SQLITE_FULL, or SQLITE_IOERR_SHMSIZE when the WAL index could not grow.
  auto* sqlite_error = dynamic_cast<const SQLite::Exception*>(&e);
  return sqlite_error && ((sqlite_error->getErrorCode() & 0xff) == SQLITE_FULL ||
                          sqlite_error->getExtendedErrorCode() == SQLITE_IOERR_SHMSIZE);
}

}  // namespace certhours::store
