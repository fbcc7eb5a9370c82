// store::Snapshot: the reads a thread makes while one is alive see one state of the file, in one
// read transaction; other threads' reads and writes go on as before.
#include <future>

#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {
// No assertion here: it also runs on other threads, where doctest's assertions are not at home.
std::string name_of(store::Store& s, Id officer) {
  auto o = s.officers.find(officer);
  return o ? o->name : "(not found)";
}
void rename(store::Store& s, Id officer, const std::string& name) {
  store::OfficerPatch p;
  p.name = name;
  REQUIRE(s.officers.update(officer, p, kAdmin).is_ok());
}
std::string name_on_another_thread(store::Store& s, Id officer) {
  return std::async(std::launch::async, [&] { return name_of(s, officer); }).get();
}
}  // namespace

TEST_CASE("a Snapshot: one state for its thread's reads, until it ends") {
  TempDb db("snapshot");
  store::Store s(db.str(), 2);
  Units u = make_units(s);
  Officer o = make_officer(s, 1, "甲", u.qn);
  auto connection = [&] { return database_of(s).read([](store::Connection& c) { return &c; }); };

  std::optional<store::Snapshot> snapshot(std::in_place, s);
  CHECK(name_of(s, o.id) == "甲");  // the state it keeps: the file's at its first read
  store::Connection* held = connection();
  rename(s, o.id, "乙");  // committed by the writer meanwhile
  CHECK(name_of(s, o.id) == "甲");
  CHECK(connection() == held);  // every read joins the one transaction
  SUBCASE("another thread reads the file as it is now, on another connection") {
    CHECK(name_on_another_thread(s, o.id) == "乙");
    auto other = std::async(std::launch::async, connection).get();
    CHECK(other != held);
  }
  SUBCASE("a Snapshot inside it is the same one, and ending it ends nothing") {
    { store::Snapshot inner(s); CHECK(name_of(s, o.id) == "甲"); }
    CHECK(name_of(s, o.id) == "甲");
    CHECK(connection() == held);
  }
  SUBCASE("a Snapshot of another store inside it: each store keeps its own") {
    TempDb db2("snapshot-other");
    store::Store s2(db2.str(), 2);  // two: a read that failed to join would wait, not hang
    Units u2 = make_units(s2);
    Officer o2 = make_officer(s2, 2, "丙", u2.qn);
    {
      store::Snapshot other(s2);
      CHECK(name_of(s2, o2.id) == "丙");  // its state: as of its first read
      rename(s2, o2.id, "丁");
      CHECK(name_of(s2, o2.id) == "丙");
      CHECK(name_of(s, o.id) == "甲");
    }
    CHECK(name_of(s2, o2.id) == "丁");
    CHECK(name_of(s, o.id) == "甲");  // the first store's Snapshot still holds
    CHECK(connection() == held);
  }
  snapshot.reset();
  CHECK(name_of(s, o.id) == "乙");
  // Its connection went back to the pool, outside any transaction: both readers serve again.
  std::promise<void> first_in;
  std::promise<void> release;
  auto holder = std::async(std::launch::async, [&] {
    store::Snapshot busy(s);
    std::string seen = name_of(s, o.id);
    first_in.set_value();
    release.get_future().wait();
    return seen;
  });
  first_in.get_future().wait();
  rename(s, o.id, "戊");
  CHECK(name_of(s, o.id) == "戊");  // the second reader, while the first is held
  release.set_value();
  CHECK(holder.get() == "乙");
}
