#include "store/database.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <stdexcept>

#include "store/migrations.hpp"

namespace certhours::store {

namespace {
// As much as SQLite maps (2 GiB: a country of a million officers is 1.4 GB), and nothing.
constexpr const char* kMapped = "PRAGMA mmap_size = 2147418112";
constexpr const char* kUnmapped = "PRAGMA mmap_size = 0";
}  // namespace

Database::Database(const std::string& path, int readers) : path_(path) {
  try {
    writer_ = std::make_unique<Connection>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX);
    writer_->exec("PRAGMA journal_mode = WAL");
    // These are legal records: a commit reaches the disk before it is acknowledged.
    writer_->exec("PRAGMA synchronous = FULL");
    // In place of SQLite's autocheckpoint (a wrapper of the same hook): see writer_loop().
    sqlite3_wal_hook(writer_->db().getHandle(), &Database::on_wal_commit, this);
    migrate();
    for (int i = 0; i < std::max(1, readers); ++i) {
      readers_.push_back(std::make_unique<Connection>(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX));
      readers_.back()->exec("PRAGMA query_only = ON");
      // Unmapped but for scan(). SQLite's own page cache of 2 MiB a reader (about its default):
      // it is emptied whenever another connection commits, and the kernel's cache is behind it.
      readers_.back()->exec(kUnmapped);
      readers_.back()->exec("PRAGMA cache_size = -2048");
      free_readers_.push_back(readers_.back().get());
    }
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot open database " + path + ": " + e.what());
  }
  writer_thread_ = std::thread([this] { writer_loop(); });
}

Database::~Database() {
  {
    std::lock_guard lock(jobs_mu_);
    stopping_ = true;
  }
  jobs_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
}

void Database::migrate() {
  int current = writer_->db().execAndGet("PRAGMA user_version").getInt();
  // A file a newer certhours migrated has tables and rules this one does not know: writing to
  // it could break them, so it is refused before anything reads or writes it.
  int newest = migrations().back().version;
  if (current > newest)
    throw std::runtime_error("its schema is version " + std::to_string(current) + ", newer than this certhours knows (" +
                             std::to_string(newest) + "): a newer certhours wrote it; run that one, or restore a "
                             "backup made by this one");
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    SQLite::Transaction tx(writer_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    writer_->exec(m.sql);
    writer_->exec(("PRAGMA user_version = " + std::to_string(m.version)).c_str());
    tx.commit();
  }
}

int Database::schema_version() {
  return read([](Connection& c) { return c.db().execAndGet("PRAGMA user_version").getInt(); });
}

void Database::post(std::function<void()> job) {
  {
    std::lock_guard lock(jobs_mu_);
    jobs_.push(std::move(job));
  }
  jobs_cv_.notify_one();
}

void Database::writer_loop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(jobs_mu_);
      jobs_cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and every queued write has run
      job = std::move(jobs_.front());
      jobs_.pop();
    }
    job();  // a packaged_task: its exceptions travel to the waiting caller
    // The caller has its answer: the checkpoint (copying the WAL into the file, an fsync)
    // runs beside the reply instead of inside the COMMIT it waited on — the 400k-row import
    // answered about 10% sooner (docs/performance.md). Idle: SQLite's threshold; busy, the bound.
    if (wal_frames_ < kCheckpointIdle) continue;
    bool idle;
    {
      std::lock_guard lock(jobs_mu_);
      idle = jobs_.empty();
    }
    if (idle || wal_frames_ >= kCheckpointBound) checkpoint();
  }
}

int Database::on_wal_commit(void* self, sqlite3*, const char*, int frames) {
  static_cast<Database*>(self)->wal_frames_ = frames;
  return SQLITE_OK;
}

void Database::checkpoint() {
  // PASSIVE, as the autocheckpoint: it copies what no reader still needs and waits for nobody.
  // Its errors are ignored as the autocheckpoint's are: every commit is already safe in the WAL,
  // and the next commit's count brings the next try (a full disk: once space is freed).
  sqlite3_wal_checkpoint_v2(writer_->db().getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  wal_frames_ = 0;
}

void Database::set_bulk_load(bool on) {
  std::packaged_task<void()> task([this, on] { writer_->exec(on ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = FULL"); });
  auto fut = task.get_future();
  post([&task] { task(); });
  fut.get();
}

WriteTransaction::WriteTransaction(Connection& c) : c_(c) { c_.run("BEGIN IMMEDIATE"); }

void WriteTransaction::commit() {
  c_.reset_statements();
  c_.run("COMMIT");
  committed_ = true;
}

WriteTransaction::~WriteTransaction() {
  if (committed_) return;
  c_.reset_statements();
  // A failed COMMIT (disk full) or an I/O error may have ended the transaction already.
  if (c_.db().getHandle() && sqlite3_get_autocommit(c_.db().getHandle()) == 0) {
    try {
      c_.run("ROLLBACK");
    } catch (...) {
    }
  }
}

ReadTransaction::ReadTransaction(Connection& c) : c_(c) { c_.run("BEGIN"); }

ReadTransaction::~ReadTransaction() {
  c_.reset_statements();
  // A read changes nothing, so COMMIT and ROLLBACK end it alike; if COMMIT fails, ROLLBACK, so
  // that the connection never goes back to the pool inside a transaction (its next BEGIN would fail).
  try {
    c_.run("COMMIT");
    return;
  } catch (...) {
  }
  try {
    c_.run("ROLLBACK");
  } catch (...) {
  }
}

thread_local const Database::Held* Database::held_ = nullptr;

Connection* Database::held_by_this_thread() const {
  for (const Held* h = held_; h; h = h->outer)
    if (h->db == this) return h->conn;
  return nullptr;
}

void Database::enter(Held& h) {
  h.outer = held_;
  held_ = &h;
}

void Database::leave(const Held& h) { held_ = h.outer; }

// Outside a transaction: SQLite refuses to change temp_store inside one.
Database::TempInMemory::TempInMemory(Connection& c, bool on) : conn(c), on(on) {
  if (on) conn.run("PRAGMA temp_store = MEMORY");
}

Database::TempInMemory::~TempInMemory() {
  if (!on) return;
  try {
    conn.run("PRAGMA temp_store = DEFAULT");
  } catch (...) {  // only inside a transaction, and the WriteTransaction has ended it
  }
}

// Outside a transaction: SQLite changes a connection's mapping only when no page of it is in use.
Database::Mapped::Mapped(Connection& c) : conn(c) { conn.exec(kMapped); }

Database::Mapped::~Mapped() {
  try {
    conn.exec(kUnmapped);
  } catch (...) {  // the reader stays mapped: slower point reads, the same answers
  }
}

Database::Lease::Lease(Database& d) : db(d) {
  std::unique_lock lock(d.readers_mu_);
  d.readers_cv_.wait(lock, [&] { return !d.free_readers_.empty(); });
  conn = d.free_readers_.back();
  d.free_readers_.pop_back();
}

Database::Lease::~Lease() {
  {
    std::lock_guard lock(db.readers_mu_);
    db.free_readers_.push_back(conn);
  }
  db.readers_cv_.notify_one();
}

}  // namespace certhours::store
