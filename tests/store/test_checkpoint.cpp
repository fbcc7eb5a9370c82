// The writer's own checkpoints (Database::writer_loop): the WAL is copied into the database file
// once the writer is idle, and writes without a pause cannot grow it past the bound.
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {
constexpr std::uintmax_t kFrame = 4096 + 24;  // a page and its WAL frame header
constexpr int kBlobPages = 1200;              // one write: more than kCheckpointIdle frames

std::uintmax_t size_of(const std::string& path) {
  std::error_code ec;
  auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : n;
}

void write_blob(store::Database& d) {
  d.write([](store::Connection& c) {
    c.exec(("INSERT INTO scratch(b) VALUES (randomblob(" + std::to_string(kBlobPages * 4096) + "))").c_str());
  });
}
}  // namespace

TEST_CASE("checkpoint: an idle writer copies a large write into the database file") {
  TempDb db{"checkpoint-idle"};
  store::Store s{db.str(), 2};
  store::Database& d = database_of(s);
  d.write([](store::Connection& c) { c.exec("CREATE TABLE scratch(b BLOB)"); });
  const auto before = size_of(db.str());

  write_blob(d);  // answered before the checkpoint; nothing else is queued, so it follows
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  // Polls the file's size (the state), leaving the cores to the writer between looks.
  while (size_of(db.str()) < before + kBlobPages * 4096ull && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(size_of(db.str()) >= before + kBlobPages * 4096ull);
  CHECK(d.read([](store::Connection& c) { return c.db().execAndGet("SELECT length(b) FROM scratch").getInt(); }) ==
        kBlobPages * 4096);
}

TEST_CASE("checkpoint: writes from three threads without a pause keep the WAL within the bound") {
  TempDb db{"checkpoint-bound"};
  store::Store s{db.str(), 2};
  store::Database& d = database_of(s);
  d.write([](store::Connection& c) { c.exec("CREATE TABLE scratch(b BLOB)"); });

  // 15 writes of 1,200 pages: 18,000 frames if nothing were copied back. A complete checkpoint
  // lets the next write start the WAL over from its beginning, so the file holds at most the
  // frames written before a checkpoint (< the bound + one write) and the write after it.
  std::vector<std::thread> writers;
  for (int t = 0; t < 3; ++t)
    writers.emplace_back([&] {
      for (int i = 0; i < 5; ++i) write_blob(d);
    });
  for (auto& w : writers) w.join();

  const std::uintmax_t most = (store::Database::kCheckpointBound + 2 * (kBlobPages + 10)) * kFrame + 32;
  CHECK(size_of(db.str() + "-wal") <= most);
  CHECK(size_of(db.str() + "-wal") > 0);
  CHECK(d.read([](store::Connection& c) { return c.db().execAndGet("SELECT count(*) FROM scratch").getInt(); }) ==
        15);
}
