#include "store/store.hpp"

#include <filesystem>

#include "store/database.hpp"

namespace certhours::store {

Store::Store(const std::string& path, int readers)
    : db_(std::make_unique<Database>(path, readers)),
      units(*db_),
      officers(*db_, units),
      users(*db_),
      sessions(*db_),
      policies(*db_),
      trainings(*db_, units),
      credits(*db_, units),
      certificates(*db_, units),
      assessments(*db_, units),
      campaigns(*db_, units),
      audit(*db_),
      imports(*db_, units),
      transfer(*db_, units),
      calendar_feeds(*db_),
      exit_marks(*db_, units),
      exams(*db_, units),
      applications(*db_, units),
      claims(*db_, units),
      exemptions(*db_) {}

Store::~Store() = default;

// A reader leased for the Snapshot's life, its transaction, and its place in the thread's chain.
struct SnapshotHold {
  // A new hold of `db`'s reads on this thread; none when an outer Snapshot holds them already.
  static std::unique_ptr<SnapshotHold> of(Database& db) {
    return db.held_by_this_thread() ? nullptr : std::make_unique<SnapshotHold>(db);
  }
  explicit SnapshotHold(Database& db) : lease(db), tx(*lease.conn), held{&db, lease.conn, nullptr} {
    Database::enter(held);
  }
  ~SnapshotHold() { Database::leave(held); }
  Database::Lease lease;
  ReadTransaction tx;
  Database::Held held;
};

Snapshot::Snapshot(Store& store) : open_(SnapshotHold::of(*store.db_)) {}
Snapshot::~Snapshot() = default;

const std::string& Store::path() const { return db_->path(); }
int Store::schema_version() { return db_->schema_version(); }
void Store::set_bulk_load(bool on) { db_->set_bulk_load(on); }

std::int64_t Store::size_bytes() const {
  std::int64_t total = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    auto n = std::filesystem::file_size(db_->path() + suffix, ec);
    if (!ec) total += static_cast<std::int64_t>(n);
  }
  return total;
}

}  // namespace certhours::store
