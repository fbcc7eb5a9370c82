// The store: everything certhours remembers, one repository per concern over one Database.
//
// Every write runs as one transaction on the writer thread and appends its audit entry
// inside that transaction; a write that returns a non-ok Status wrote nothing. Reads see a
// consistent snapshot. Every repository is thread safe. I/O failures (disk full, corrupt
// file) throw std::runtime_error / SQLite::Exception. No repository's signature names an
// SQLite type: another engine could implement the same interfaces.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "store/applications.hpp"
#include "store/assessments.hpp"
#include "store/audit.hpp"
#include "store/calendar_feeds.hpp"
#include "store/campaigns.hpp"
#include "store/certificates.hpp"
#include "store/claims.hpp"
#include "store/credits.hpp"
#include "store/exams.hpp"
#include "store/exemptions.hpp"
#include "store/exit_marks.hpp"
#include "store/imports.hpp"
#include "store/officers.hpp"
#include "store/policies.hpp"
#include "store/sessions.hpp"
#include "store/trainings.hpp"
#include "store/transfer.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace certhours::store {

class Database;
class Snapshot;
struct SnapshotHold;

class Store {
  // First: every repository below works through it.
  std::unique_ptr<Database> db_;
  // tests/store reach the Database itself, to test its transactions and inject failures.
  friend struct StoreTestAccess;
  friend class Snapshot;

 public:
  // Opens (creating and migrating) the database file. Throws std::runtime_error.
  explicit Store(const std::string& path, int readers = 4);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const;
  int schema_version();
  // Size of the database file and its WAL in bytes (for /metrics).
  std::int64_t size_bytes() const;
  // Commits stop waiting for the disk while on: only to build a new database in one go
  // (the demo), whose file is deleted if the build fails.
  void set_bulk_load(bool on);

  Units units;
  Officers officers;
  Users users;
  Sessions sessions;
  Policies policies;
  Trainings trainings;
  Credits credits;
  Certificates certificates;
  Assessments assessments;
  Campaigns campaigns;
  AuditLog audit;
  Imports imports;
  Transfer transfer;
  CalendarFeeds calendar_feeds;
  ExitMarks exit_marks;
  Exams exams;
  Applications applications;
  Claims claims;
  Exemptions exemptions;
};

// While alive, the reads this thread makes of the store see one state of it (the file's at the
// first of them), in one read transaction on one connection (Database::read joins it): an
// answer put together from several reads (an officer, their credits, their exemptions) cannot
// mix states of a write in between, and its reads cost one transaction instead of one each
// (BEGIN, COMMIT and their file locks: 12% of GET /officers/{id}/hours' CPU for its four
// reads). A Snapshot made inside another of the same store is that one. Not for reads made from
// inside a row callback (each_compliance_row): the connection's statement may be mid-step.
class Snapshot {
 public:
  explicit Snapshot(Store& store);
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

 private:
  std::unique_ptr<SnapshotHold> open_;  // empty when an outer Snapshot holds the transaction
};

}  // namespace certhours::store
