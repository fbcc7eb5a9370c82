// certhours import officers|attendance --db FILE CSVFILE --as USERNAME
// The same rules, atomicity and report as POST /api/v1/imports/*, acting as an existing user
// (their role and units apply; the audit log names them).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/clock.hpp"
#include "app/csv_import.hpp"
#include "commands.hpp"
#include "store/store.hpp"

namespace {

using namespace certhours;
using cli::UsageError;

struct ImportArgs {
  std::string db, file, as;
};

int run_import(app::ImportKind kind, const ImportArgs& a) {
  const std::string& file = a.file;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(a.db, ec)) throw UsageError("no such database: " + a.db);
  if (!std::filesystem::is_regular_file(file, ec)) throw UsageError("no such file: " + file);
  auto size = std::filesystem::file_size(file, ec);
  if (ec) throw UsageError("cannot read " + file + ": " + ec.message());
  if (size > app::kCsvFileLimit) {
    std::cerr << "certhours: " << file << " is " << size << " bytes, over the 20 MiB limit of an import; split it"
              << std::endl;
    return 1;
  }
  std::string bytes(size, '\0');  // read once, where the import reads it (no second copy)
  std::ifstream in(file, std::ios::binary);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)) || in.gcount() != static_cast<std::streamsize>(size))
    throw UsageError("cannot read " + file);

  std::unique_ptr<store::Store> store;
  try {
    store = std::make_unique<store::Store>(a.db, 1);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
  auto creds = store->users.credentials(a.as);
  if (!creds) throw UsageError("no such user: " + a.as);
  const User& user = creds->user;
  if (user.role == Role::officer)
    throw UsageError("user " + a.as + " is an officer; only admin and hr users may import");
  if (kind == app::ImportKind::exam_results && user.role != Role::admin)
    throw UsageError("user " + a.as + " is not an admin; only admins import exam scores");
  app::RateLimiter lookups(app::kIdLookupMissesPerDay, std::chrono::hours(24));  // one run's budget
  app::App application{*store, lookups};
  app::CsvImport r = app::import_csv(application, app::Caller::of(user, app::today_in_shanghai()), kind, bytes);
  if (r.refused) {
    std::cerr << "certhours: " << file << ": " << r.message.text(Lang::en) << std::endl;
    for (const auto& e : r.rows) std::cerr << "line " << e.line << ": " << app::line_text(e, Lang::en) << "\n";
    if (r.more_rows > 0) std::cerr << "(" << r.more_rows << " more refused lines not listed)\n";
    std::cerr.flush();
    return 1;
  }
  std::cout << "imported " << r.imported << ", skipped_duplicates " << r.skipped_duplicates << " (" << file << ", "
            << r.encoding << ", " << app::import_kind_key(kind) << ")" << std::endl;
  return 0;
}

}  // namespace

void certhours::cli::add_import(CLI::App& app, Commands& commands) {
  auto* import = app.add_subcommand("import", "Import a CSV file (UTF-8 or GB18030): all of it or nothing");
  import->require_subcommand(0, 1);
  const std::pair<app::ImportKind, const char*> kinds[] = {
      {app::ImportKind::officers, "Officers: name,id_number,unit_code,kind,post_start,post_end"},
      {app::ImportKind::attendance, "Attendance: training_id,id_number,legal,business,political"},
      {app::ImportKind::exam_results, "Exam scores (admins): exam_id,id_number,score"}};
  for (const auto& [kind, columns] : kinds) {
    auto* cmd = import->add_subcommand(app::import_kind_key(kind), columns);
    auto a = std::make_shared<ImportArgs>();
    add_db(*cmd, a->db);
    cmd->add_option("CSVFILE", a->file, "the CSV file")->required();
    cmd->add_option("--as", a->as, "an admin or hr user: their units apply, the audit log names them")
        ->type_name("USERNAME")
        ->required()
        ->check(kNonEmpty);
    commands.push_back({cmd, [kind, a] { return run_import(kind, *a); }});
  }
}
