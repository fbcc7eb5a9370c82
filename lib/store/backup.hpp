// A consistent copy of a live database (certhours backup; docs/backup.md), with SQLite's
// online backup API.
//
// The source is opened read-only and one read transaction is held for the whole copy: in
// WAL mode (the store's mode) a reader never blocks the server's writer, and the pages
// copied step by step all come from that one snapshot, so a busy server neither stalls nor
// makes the backup restart. Writes committed after the snapshot began are not in the copy.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace certhours::store {

// `db` could not be read as an SQLite database at all.
struct NotADatabase : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Copies `db` into the new file `copy` (256 pages, 1 MiB, a step; waiting up to ~10 s in
// all for a busy source), as a plain rollback-journal file, checks it with PRAGMA
// integrity_check, and syncs it to the disk. Returns its pages. Throws NotADatabase, or
// std::runtime_error for any other failure (the caller deletes `copy`).
std::int64_t backup_copy(const std::string& db, const std::string& copy);

// Whether an exception thrown by the store means the disk is full (SQLITE_FULL, or the WAL
// index could not grow): the api answers 507 and nothing was written.
bool is_disk_full(const std::exception& e);

}  // namespace certhours::store
