// Database::scan: a read that walks much of the file maps it while it runs; every reader goes
// back to the pool unmapped, for the point reads that copy pages instead (docs/performance.md).
#include <future>

#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {
std::int64_t mmap_size(store::Connection& c) { return c.db().execAndGet("PRAGMA mmap_size").getInt64(); }

// One officer in a store of two readers, and their name as one connection reads it.
struct OneOfficer {
  TempDb db{"scan"};
  store::Store s{db.str(), 2};
  Units u = make_units(s);
  Officer o = make_officer(s, 1, "甲", u.qn);
  store::Database& d = database_of(s);
  std::string name_on(store::Connection& c) const {
    SQLite::Statement st(c.db(), "SELECT name FROM officers WHERE id = ?");
    st.bind(1, o.id);
    st.executeStep();
    return st.getColumn(0).getString();
  }
};
}  // namespace

TEST_CASE("scan: the reader maps the file while it walks, and reads as read() does") {
  OneOfficer f;
  store::Database& d = f.d;
  auto name = [&](store::Connection& c) { return f.name_on(c); };

  CHECK(d.read([&](store::Connection& c) { return mmap_size(c); }) == 0);
  CHECK(d.scan([&](store::Connection& c) { return mmap_size(c); }) > 0);
  CHECK(d.scan(name) == "甲");
  CHECK(d.scan(name) == d.read(name));

  // Both readers, held at once: each is unmapped again after its scans.
  d.read([&](store::Connection& a) {
    d.scan([&](store::Connection& b) { CHECK(&b != &a); });  // no Snapshot: another reader
    return 0;
  });
  std::promise<void> first_in;
  std::promise<void> release;
  auto holder = std::async(std::launch::async, [&] {
    return d.read([&](store::Connection& c) {
      first_in.set_value();
      release.get_future().wait();
      return mmap_size(c);
    });
  });
  first_in.get_future().wait();
  std::int64_t other = d.read([&](store::Connection& c) { return mmap_size(c); });
  release.set_value();
  CHECK(other == 0);
  CHECK(holder.get() == 0);
}

TEST_CASE("scan inside a Snapshot: the Snapshot's transaction and state, its reader unmapped") {
  OneOfficer f;
  store::Database& d = f.d;
  auto name = [&](store::Connection& c) { return f.name_on(c); };
  store::Snapshot snapshot(f.s);
  CHECK(d.read(name) == "甲");
  store::OfficerPatch p;
  p.name = "乙";
  REQUIRE(f.s.officers.update(f.o.id, p, kAdmin).is_ok());
  CHECK(d.scan(name) == "甲");
  CHECK(d.scan([&](store::Connection& c) { return mmap_size(c); }) == 0);
  CHECK(d.scan([](store::Connection& c) { return &c; }) == d.read([](store::Connection& c) { return &c; }));
}
