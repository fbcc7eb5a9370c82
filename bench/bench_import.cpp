// Benchmark of the CSV imports (lib/app/csv_import.hpp -> lib/store/imports.hpp) on a real
// SQLite file with the server's settings (WAL, synchronous=FULL):
//   1. a roster of N officers (default 10,000) imported as one CSV;
//   2. a sign-in sheet of R attendance rows (default 100,000: every officer at R/N sessions),
//      decoded, parsed, validated and written in one transaction, with its audit rows;
//   3. the same sheet again (every row a skipped duplicate);
//   4. the same sheet encoded as GB18030 with one bad line at the end (converted, fully
//      validated, refused: nothing written).
// Prints figures; asserts nothing. Usage: bench_import [--officers 10000] [--rows 100000] [--db FILE]
#include <iconv.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "api/csv_upload.hpp"
#include "domain/officer.hpp"
#include "store/store.hpp"

using Clock = std::chrono::steady_clock;
using namespace certhours;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Distinct valid ID numbers for n < 336,000: birth year, month and day vary with n / 1000.
std::string id_number(int n) {
  char first17[18];
  int k = n / 1000;
  std::snprintf(first17, sizeof first17, "450702%04d%02d%02d%03d", 1960 + k % 40, 1 + k / 40 % 12, 1 + k / 480 % 28,
                n % 1000);
  std::string s(first17);
  return s + id_check_digit(s);
}

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(utf8.data());
  std::size_t src_left = utf8.size(), dst_left = out.size();
  char* dst = out.data();
  iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

void report(const char* what, const api::CsvImport& r, std::size_t rows, double s) {
  std::printf("%-44s %8zu rows  %7.3f s  %9.0f rows/s  imported %d, skipped %d%s\n", what, rows, s, rows / s,
              r.imported, r.skipped_duplicates, r.refused ? ("  REFUSED: " + r.message.text(Lang::en)).c_str() : "");
}

}  // namespace

int main(int argc, char** argv) {
  int officers = 10000, rows = 100000;
  std::string path = (std::filesystem::temp_directory_path() / "certhours-bench-import.db").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--officers")) officers = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--rows")) rows = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--db")) path = argv[i + 1];
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  store::Store store(path, 2);
  store::Actor by{std::nullopt, "bench"};
  Date today = make_date(2024, 11, 1);

  auto city = store.units.create({"QZ", "钦州市", std::nullopt, UnitLevel::city}, by);
  std::vector<std::string> codes;
  for (int i = 0; i < 10; ++i) {
    auto u = store.units.create({"C" + std::to_string(i), "县区" + std::to_string(i), city->id, UnitLevel::county}, by);
    codes.push_back(u->code);
  }

  std::string roster = "name,id_number,unit_code,kind,post_start,post_end\r\n";
  for (int i = 0; i < officers; ++i)
    roster += "执法人员" + std::to_string(i) + "," + id_number(i) + "," + codes[i % codes.size()] + ",enforcement,2016-01-01,\r\n";
  auto t0 = Clock::now();
  auto r = app::run_csv_import(store, app::ImportKind::officers, roster, city->id, today, by);
  report("officers roster", r, officers, seconds_since(t0));

  int sessions = (rows + officers - 1) / officers;
  std::vector<Id> trainings;
  for (int k = 0; k < sessions; ++k) {
    Training t;
    t.spec = {"培训" + std::to_string(k), make_date(2024, 3, 1 + k % 28), make_date(2024, 3, 1 + k % 28),
              {Hours::whole(2), Hours::whole(6), Hours::whole(1)}};
    t.organizer_unit_id = city->id;
    trainings.push_back(store.trainings.create(t, by)->id);
  }
  std::string sheet = "training_id,id_number,legal,business,political\r\n";
  sheet.reserve(static_cast<std::size_t>(rows) * 40);
  for (int i = 0; i < rows; ++i)
    sheet += std::to_string(trainings[i / officers]) + "," + id_number(i % officers) + (i % 10 == 0 ? ",1,,\r\n" : ",,,\r\n");
  std::printf("attendance CSV: %d rows, %.1f MiB, %d sessions\n", rows, sheet.size() / 1048576.0, sessions);

  t0 = Clock::now();
  r = app::run_csv_import(store, app::ImportKind::attendance, sheet, city->id, today, by);
  report("attendance sheet (new rows)", r, rows, seconds_since(t0));

  t0 = Clock::now();
  r = app::run_csv_import(store, app::ImportKind::attendance, sheet, city->id, today, by);
  report("attendance sheet again (all duplicates)", r, rows, seconds_since(t0));

  std::string bad = to_gb18030(sheet + "999999," + id_number(0) + ",0.3,,\r\n");
  t0 = Clock::now();
  r = app::run_csv_import(store, app::ImportKind::attendance, bad, city->id, today, by);
  report("GB18030 sheet with one bad line (refused)", r, rows + 1, seconds_since(t0));
  std::printf("database: %s (%.1f MiB)\n", path.c_str(), store.size_bytes() / 1048576.0);
  return 0;
}
