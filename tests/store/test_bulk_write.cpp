// Database::bulk_write: statement journals (and SQLite's other temporary data) in memory for
// that one transaction, and every other write as before.
#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {
int temp_store(store::Connection& c) { return c.db().execAndGet("PRAGMA temp_store").getInt(); }

// 2,000 rows of 3 KB: about 2,000 pages, 8 MB.
void fill(store::Database& d) {
  d.write([](store::Connection& c) {
    c.exec("CREATE TABLE scratch(x INTEGER NOT NULL CHECK (x >= 0), pad BLOB)");
    c.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
           "INSERT INTO scratch SELECT i, randomblob(3000) FROM n");
  });
}

// A statement that may fail midway (a CHECK on each row) and changes every page of the table,
// after another statement of the same transaction: SQLite journals all 8 MB of it.
int update_all(store::Connection& c) {
  c.exec("UPDATE scratch SET x = x WHERE rowid = 1");
  c.exec("UPDATE scratch SET x = x + 1");
  return c.db().execAndGet("SELECT sum(x) FROM scratch").getInt();
}
}  // namespace

TEST_CASE("bulk_write: temp_store is MEMORY for its transaction only") {
  TempDb db{"bulk-write"};
  store::Store s{db.str(), 1};
  store::Database& d = database_of(s);
  CHECK(d.write(temp_store) == 0);  // DEFAULT: SQLite's compiled-in choice, files
  CHECK(d.bulk_write(temp_store) == 2);
  CHECK(d.write(temp_store) == 0);
  // Also after a bulk write that failed.
  CHECK_THROWS(d.bulk_write([](store::Connection& c) -> int { c.exec("SELECT * FROM no_such_table"); return 0; }));
  CHECK(d.write(temp_store) == 0);
}

TEST_CASE("bulk_write and write: a statement that journals 8 MB commits (in memory and in a file)") {
  TempDb db{"bulk-write-large"};
  store::Store s{db.str(), 1};
  store::Database& d = database_of(s);
  fill(d);
  const int sum = 2000 * 2001 / 2;
  CHECK(d.write(update_all) == sum + 2000);      // the journal spilled to a temporary file
  CHECK(d.bulk_write(update_all) == sum + 4000);  // the journal in memory
  CHECK(d.read([](store::Connection& c) { return c.db().execAndGet("SELECT sum(x) FROM scratch").getInt(); }) ==
        sum + 4000);
}
