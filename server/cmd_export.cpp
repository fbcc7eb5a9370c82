// certhours export compliance --db FILE --year Y [--unit ID] --format csv|xlsx -o OUT
// certhours export officers --db FILE [--unit ID] -o OUT
// certhours export attendance --db FILE [--year Y] [--unit ID] -o OUT
// The same files GET /compliance/export, /officers/export and /attendance/export serve,
// written by the command line, and recorded in the audit log (entity export, actor "cli").
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/clock.hpp"
#include "app/exports.hpp"
#include "commands.hpp"
#include "store/store.hpp"

namespace {

using namespace certhours;
using cli::UsageError;

struct ExportArgs {
  std::string what, db, out, format = "csv";
  int year = 0;
  Id unit = 0;
};

// CLI11 has checked `what` against the kinds the command offers.
app::ExportKind kind_of(const std::string& what) {
  return app::kExportKinds.parse(what).value_or(app::ExportKind::attendance);
}

int run_export(const ExportArgs& a, const CLI::App& cmd) {
  const std::string &db = a.db, &out = a.out;
  app::ExportRequest req{kind_of(a.what)};
  if (cmd.get_option_no_throw("--year") && cmd.count("--year")) req.year = a.year;
  if (cmd.count("--unit")) req.unit_id = a.unit;
  req.format = *app::parse_export_format(a.format);  // checked by CLI11
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec)) throw UsageError("no such database: " + db);
  auto out_dir = std::filesystem::absolute(out, ec).parent_path();
  if (!std::filesystem::is_directory(out_dir, ec)) throw UsageError("no such directory for -o: " + out_dir.string());

  std::unique_ptr<store::Store> store;
  try {
    store = std::make_unique<store::Store>(db, 2);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
  app::RateLimiter no_lookups(1, std::chrono::seconds(1));  // the command line looks nobody up
  app::App application{*store, no_lookups};
  auto caller = app::Caller::command_line(app::today_in_shanghai());
  // Written beside OUT and renamed: a reader of OUT never sees half a file.
  std::string partial = out + ".partial-" + std::to_string(::getpid());
  app::ExportedFile f;
  try {
    auto written = app::write_export(application, caller, req, partial);
    if (!written) {
      std::filesystem::remove(partial, ec);
      throw UsageError(written.status().message(Lang::en));
    }
    f = std::move(*written);
    std::filesystem::rename(partial, out);
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    std::filesystem::remove(partial, ec);
    std::cerr << "certhours export: " << e.what() << std::endl;
    return 1;
  }
  app::record_export(application, caller, f, std::filesystem::path(out).filename().string());
  const char* counted = req.kind == app::ExportKind::attendance ? " attendances" : " officers";
  std::cout << "wrote " << f.rows << counted << " of " << f.unit_name << " (" << f.unit_code << ")"
            << (req.year ? ", " + std::to_string(*req.year) : std::string()) << ", to " << out << " ("
            << app::export_format_key(f.format) << "; suggested name " << f.file_name << ")" << std::endl;
  return 0;
}

}  // namespace

void certhours::cli::add_export(CLI::App& app, Commands& commands) {
  auto* export_ = app.add_subcommand("export", "Write a sheet or CSV file (the HTTP exports; recorded in the audit log)");
  export_->require_subcommand(0, 1);
  struct Kind {
    const char *name, *description;
  };
  for (Kind k : {Kind{"compliance", "The annual compliance sheet of a unit"},
                 Kind{"officers", "The roster, in the import's columns (full ID numbers)"},
                 Kind{"attendance", "The sign-ins, in the import's columns"}}) {
    const std::string what = k.name;
    auto* cmd = export_->add_subcommand(what, k.description);
    auto a = std::make_shared<ExportArgs>();
    a->what = what;
    add_db(*cmd, a->db);
    if (what != "officers")
      add_int(*cmd, "--year", a->year, kMinYear, kMaxYear, "the year")->required(what == "compliance");
    add_int(*cmd, "--unit", a->unit, Id{1}, Id{INT64_MAX}, "a unit and the units under it (default: the whole region)")
        ->type_name("ID");
    if (what == "compliance")
      cmd->add_option("--format", a->format, "the file's format")->required()->check(CLI::IsMember({"csv", "xlsx"}));
    else
      cmd->add_option("--format", a->format, "the import's format")->check(CLI::IsMember({"csv"}))->capture_default_str();
    cmd->add_option("-o,--output", a->out, "the file written (beside it first, then renamed)")
        ->type_name("OUT")
        ->required()
        ->check(kNonEmpty);
    commands.push_back({cmd, [a, cmd] { return run_export(*a, *cmd); }});
  }
}
