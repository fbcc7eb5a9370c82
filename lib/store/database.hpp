// The database file: one writer connection on one thread, a pool of read-only connections.
//
// Debian 12's SQLite 3.40 can corrupt a WAL database when two connections write or
// checkpoint at once, so every write is a job run on the single writer thread, inside
// one IMMEDIATE transaction. Reads run on the caller's thread with a read-only connection.
#pragma once
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "domain/status.hpp"
#include "store/connection.hpp"

struct sqlite3;

namespace certhours::store {

struct SnapshotHold;

// One write transaction on the writer connection: BEGIN IMMEDIATE when made; commit() is the
// last thing a write that succeeded does, and every other way out (an error returned, an
// exception) rolls back in the destructor.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& c);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Connection& c_;
  bool committed_ = false;
};

// One read transaction (a consistent snapshot) on a read-only connection, ended in the
// destructor, after every statement used in it is reset.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& c);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Connection& c_;
};

class Database {
 public:
  // Opens `path`, creating it and applying every pending migration of schema/.
  // Throws std::runtime_error (with the file and the reason) when it cannot.
  Database(const std::string& path, int readers);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs fn(Connection&) on the writer thread inside one transaction (WriteTransaction) and
  // returns its result. The transaction commits only when fn returns an ok Status/Result (or
  // any other value, or nothing) and rolls back when it returns an error or throws;
  // exceptions are rethrown to the caller.
  template <class F>
  auto write(F&& fn) -> std::invoke_result_t<F, Connection&> {
    return write_job(fn, false);
  }

  // As write(), for one transaction of many multi-row statements (the attendance import). A
  // statement that may fail midway inside a transaction keeps the pages it changes as they
  // were, to undo itself alone (SQLite's statement journal); past 64 KiB SQLite writes that to
  // a temporary file, a pwrite a page: 19% of a 400,000-row import. Here it stays in memory
  // (PRAGMA temp_store = MEMORY for this transaction only), which holds what one statement
  // changes: only for statements of a bounded number of rows (kMultiRows, rows.hpp).
  template <class F>
  auto bulk_write(F&& fn) -> std::invoke_result_t<F, Connection&> {
    return write_job(fn, true);
  }

  // Runs fn(Connection&) with a read-only connection (a consistent snapshot). Inside a
  // store::Snapshot of this database on this thread, fn runs in the Snapshot's transaction.
  template <class F>
  auto read(F&& fn) -> std::invoke_result_t<F, Connection&> {
    if (Connection* held = held_by_this_thread()) return fn(*held);
    Lease lease(*this);
    ReadTransaction tx(*lease.conn);
    return fn(*lease.conn);
  }

  // Runs fn like read(), for a read that walks a unit's whole subtree (compliance and
  // rotation rows, the roster and sign-in exports): the reader maps the file while fn runs,
  // and unmaps it after. Point reads (read()) copy pages with read(2) instead: SQLite drops a
  // reader's mapping whenever another connection has committed, and at a million officers the
  // page faults of mapping a 1.4 GB file again, five readers each, cost more than the copies
  // (docs/performance.md). Inside a store::Snapshot, fn runs in its transaction, unmapped.
  template <class F>
  auto scan(F&& fn) -> std::invoke_result_t<F, Connection&> {
    if (Connection* held = held_by_this_thread()) return fn(*held);
    Lease lease(*this);
    Mapped mapped(*lease.conn);
    ReadTransaction tx(*lease.conn);
    return fn(*lease.conn);
  }

  // For building a new database in one go (demo, benchmarks): commits stop waiting for
  // the disk. Only for a file that is thrown away when the build fails.
  void set_bulk_load(bool on);

  const std::string& path() const { return path_; }
  int schema_version();

  // The writer checkpoints the WAL into the file itself, after a write's answer instead of
  // inside its COMMIT (SQLite's autocheckpoint): when its queue is empty and the WAL holds at
  // least kCheckpointIdle frames (SQLite's own threshold), and after any write that leaves at
  // least kCheckpointBound, so that writes without a pause cannot grow the WAL without end.
  static constexpr int kCheckpointIdle = 1000;
  static constexpr int kCheckpointBound = 4096;  // 16 MiB of 4 KiB pages

 private:
  friend struct SnapshotHold;  // store::Snapshot's: a Lease, its ReadTransaction, a place in held_
  struct Lease {
    explicit Lease(Database& d);
    ~Lease();
    Database& db;
    Connection* conn;
  };
  struct Mapped {  // the file mapped by this reader from construction to destruction
    explicit Mapped(Connection& c);
    ~Mapped();
    Connection& conn;
  };
  template <class F>
  auto write_job(F& fn, bool bulk) -> std::invoke_result_t<F, Connection&> {
    using R = std::invoke_result_t<F, Connection&>;
    std::packaged_task<R()> task([this, &fn, bulk]() -> R {
      TempInMemory temp(*writer_, bulk);  // made before the transaction, undone after it
      WriteTransaction tx(*writer_);
      if constexpr (std::is_void_v<R>) {
        fn(*writer_);
        tx.commit();
      } else {
        R r = fn(*writer_);
        if (committable(r)) tx.commit();
        return r;
      }
    });
    auto fut = task.get_future();
    post([&task] { task(); });
    return fut.get();
  }
  struct TempInMemory {  // PRAGMA temp_store = MEMORY while it lives, when `on`
    TempInMemory(Connection& c, bool on);
    ~TempInMemory();
    Connection& conn;
    bool on;
  };
  template <class R>
  static bool committable(const R& r) {
    if constexpr (std::is_same_v<R, Status>) return r.is_ok();
    else if constexpr (requires { r.is_ok(); }) return r.is_ok();
    else return true;
  }
  // The store::Snapshots open on this thread, innermost first (of different databases: a
  // Snapshot of a database already held is that one).
  struct Held {
    const Database* db;
    Connection* conn;
    const Held* outer;
  };
  // Touched only in database.cpp, where it is defined: read through an inline function in
  // other translation units, GCC's thread_local wrapper made UBSan report a null load.
  static thread_local const Held* held_;
  Connection* held_by_this_thread() const;
  static void enter(Held& h);       // h becomes the innermost (h.outer: the one before)
  static void leave(const Held& h);  // the one before h is again

  void post(std::function<void()> job);
  void writer_loop();
  void checkpoint();  // on the writer thread
  static int on_wal_commit(void* self, sqlite3* db, const char* name, int frames);
  void migrate();

  const std::string path_;
  std::unique_ptr<Connection> writer_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> free_readers_;
  std::mutex readers_mu_;
  std::condition_variable readers_cv_;

  std::mutex jobs_mu_;
  std::condition_variable jobs_cv_;
  std::queue<std::function<void()>> jobs_;
  bool stopping_ = false;
  int wal_frames_ = 0;  // in the WAL after the last commit (sqlite3_wal_hook); the writer thread's
  std::thread writer_thread_;
};

}  // namespace certhours::store
