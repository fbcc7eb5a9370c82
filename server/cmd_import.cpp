// certhours import officers|attendance --db FILE CSVFILE --as USERNAME
// The same rules, atomicity and report as POST /api/v1/imports/*, acting as an existing user
// (their role and units apply; the audit log names them).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/clock.hpp"
#include "api/csv_upload.hpp"
#include "api/http.hpp"
#include "commands.hpp"
#include "store/store.hpp"

namespace {

using namespace certhours;

constexpr const char* kUsage = "usage: certhours import officers|attendance --db FILE CSVFILE --as USERNAME";

int usage_error(const std::string& message) {
  std::cerr << "certhours: " << message << " (" << kUsage << ")" << std::endl;
  return 2;
}

}  // namespace

int cmd_import(int argc, char** argv) {
  if (argc < 3) return usage_error("import needs a kind: officers or attendance");
  auto kind = api::parse_import_kind(argv[2]);
  if (!kind) return usage_error("unknown import kind '" + std::string(argv[2]) + "' (officers or attendance)");
  std::string db, as;
  std::vector<std::string> files;
  for (int i = 3; i < argc; ++i) {
    std::string s = argv[i];
    std::string* target = nullptr;
    std::string name = s.substr(0, s.find('='));
    if (name == "--db") target = &db;
    else if (name == "--as") target = &as;
    else if (s.size() > 1 && s[0] == '-') return usage_error("unknown option " + s);
    else {
      files.push_back(s);
      continue;
    }
    if (!target->empty()) return usage_error("option " + name + " given twice");
    if (s.find('=') != std::string::npos) *target = s.substr(s.find('=') + 1);
    else if (i + 1 < argc) *target = argv[++i];
    else return usage_error("option " + s + " needs a value");
  }
  if (db.empty()) return usage_error("missing --db");
  if (as.empty()) return usage_error("missing --as");
  if (files.size() != 1) return usage_error("give exactly one CSV file");
  const std::string& file = files.front();

  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec)) return usage_error("no such database: " + db);
  if (!std::filesystem::is_regular_file(file, ec)) return usage_error("no such file: " + file);
  auto size = std::filesystem::file_size(file, ec);
  if (ec) return usage_error("cannot read " + file + ": " + ec.message());
  if (size > api::kCsvBodyLimit) {
    std::cerr << "certhours: " << file << " is " << size << " bytes, over the 20 MiB limit of an import; split it"
              << std::endl;
    return 1;
  }
  std::string bytes(size, '\0');  // read once, where the import reads it (no second copy)
  std::ifstream in(file, std::ios::binary);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)) || in.gcount() != static_cast<std::streamsize>(size))
    return usage_error("cannot read " + file);

  std::unique_ptr<store::Store> store;
  try {
    store = std::make_unique<store::Store>(db, 1);
  } catch (const std::exception& e) {
    return usage_error(e.what());
  }
  auto creds = store->credentials(as);
  if (!creds) return usage_error("no such user: " + as);
  const User& user = creds->user;
  if (user.role == Role::officer)
    return usage_error("user " + as + " is an officer; only admin and hr users may import");
  std::optional<Id> scope = user.role == Role::hr ? user.unit_id : std::nullopt;

  api::CsvImport r =
      api::run_csv_import(*store, *kind, bytes, scope, api::today_in_shanghai(), {user.id, user.username});
  if (r.refused) {
    std::cerr << "certhours: " << file << ": " << r.message << std::endl;
    for (const auto& e : r.rows) std::cerr << "line " << e.line << ": " << e.message << "\n";
    if (r.more_rows > 0) std::cerr << "(" << r.more_rows << " more refused lines not listed)\n";
    std::cerr.flush();
    return 1;
  }
  std::cout << "imported " << r.imported << ", skipped_duplicates " << r.skipped_duplicates << " (" << file << ", "
            << r.encoding << ", " << api::import_kind_key(*kind) << ")" << std::endl;
  return 0;
}
