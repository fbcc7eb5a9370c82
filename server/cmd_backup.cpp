// certhours backup --db FILE -o OUT [--force]
// A consistent copy of a live database with SQLite's online backup API, checked with
// PRAGMA integrity_check before it takes the name OUT.
//
// The source is opened read-only and one read transaction is held for the whole copy: in
// WAL mode (the store's mode) a reader never blocks the server's writer, and the pages
// copied step by step all come from that one snapshot, so a busy server neither stalls nor
// makes the backup restart. Writes committed after the snapshot began are not in the copy.
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "commands.hpp"

namespace {

using certhours::cli::UsageError;

struct BackupArgs {
  std::string db, out;
  bool force = false;
};

void remove_quietly(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
}

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

int run_backup(const BackupArgs& a) {
  const std::string &db = a.db, &out = a.out;
  const bool force = a.force;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec)) throw UsageError("no such database: " + db);
  if (std::filesystem::exists(out, ec) && !force) throw UsageError(out + " already exists (--force replaces it)");
  auto out_dir = std::filesystem::absolute(out, ec).parent_path();
  if (!std::filesystem::is_directory(out_dir, ec)) throw UsageError("no such directory for -o: " + out_dir.string());
  if (std::filesystem::exists(out, ec) && std::filesystem::equivalent(db, out, ec))
    throw UsageError("-o must not be the database itself");

  const std::string partial = out + ".partial-" + std::to_string(::getpid());
  remove_quietly(partial);
  auto started = std::chrono::steady_clock::now();
  std::int64_t pages = 0;
  try {
    SQLite::Database src(db, SQLite::OPEN_READONLY, 5000);
    try {
      src.exec("BEGIN");
      // Reading starts the transaction; its snapshot is what the backup copies.
      SQLite::Statement(src, "SELECT count(*) FROM sqlite_schema").executeStep();
    } catch (const std::exception& e) {
      throw UsageError(db + " is not a readable SQLite database: " + e.what());
    }
    {
      SQLite::Database dst(partial, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000);
      // The partial file is deleted on any failure, so its steps need not wait for the disk;
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
    sync_file(partial);
    if (force) remove_quietly(out);
    std::filesystem::rename(partial, out);
  } catch (const UsageError&) {
    remove_quietly(partial);
    throw;
  } catch (const std::exception& e) {
    remove_quietly(partial);
    std::cerr << "certhours backup: " << e.what() << std::endl;
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto bytes = std::filesystem::file_size(out, ec);
  std::cout << "ok: " << out << " " << bytes << " bytes (" << pages << " pages, integrity_check ok, " << seconds
            << " s)" << std::endl;
  return 0;
}

}  // namespace

void certhours::cli::add_backup(CLI::App& app, Commands& commands) {
  auto* cmd = app.add_subcommand("backup", "A consistent copy of a live database, checked with integrity_check");
  auto a = std::make_shared<BackupArgs>();
  add_db(*cmd, a->db, "the database to copy (a server may be running on it)");
  cmd->add_option("-o,--output", a->out, "the copy (written beside it first, then renamed)")
      ->type_name("OUT")
      ->required()
      ->check(kNonEmpty);
  cmd->add_flag("--force", a->force, "replace OUT if it exists");
  commands.push_back({cmd, [a] { return run_backup(*a); }});
}
