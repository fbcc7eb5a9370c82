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

#include "api/clock.hpp"
#include "api/compliance_sheet.hpp"
#include "api/import_sheets.hpp"
#include "commands.hpp"
#include "store/exports.hpp"
#include "store/store.hpp"

namespace {

using namespace certhours;
using cli::UsageError;

struct ExportArgs {
  std::string what, db, out, format = "csv";
  int year = 0;
  Id unit = 0;
};

// What was written, for the audit entry and the line printed.
struct Written {
  std::int64_t rows = 0;
  std::string unit_code, unit_name, suggested_name;
};

int run_export(const ExportArgs& a, const CLI::App& cmd) {
  const std::string &what = a.what, &db = a.db, &out = a.out;
  std::optional<int> year_int;
  if (cmd.get_option_no_throw("--year") && cmd.count("--year")) year_int = a.year;
  api::ExportFormat format = *api::parse_export_format(a.format);  // checked by CLI11
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
  auto tree = store->units();
  const Unit* unit = nullptr;
  if (cmd.count("--unit")) {
    unit = tree->find(a.unit);
    if (!unit) throw UsageError("no unit with id " + std::to_string(a.unit));
  } else if (!tree->all().empty()) {
    unit = &tree->all().front();  // the root: the whole region
  } else {
    throw UsageError("the database has no units");
  }

  Date today = api::today_in_shanghai();
  // Written beside OUT and renamed: a reader of OUT never sees half a file.
  std::string partial = out + ".partial-" + std::to_string(::getpid());
  Written w{0, unit->code, unit->name, ""};
  try {
    if (what == "compliance") {
      auto sheet = api::write_compliance_sheet(*store, {unit->id, *year_int, today, "cli", api::shanghai_time_text()},
                                               format, partial);
      w.rows = sheet.rows;
      w.suggested_name = api::export_file_name(unit->code, *year_int, today, format);
    } else if (what == "officers") {
      w.rows = api::write_roster_csv(*store, unit->id, partial);
      w.suggested_name = api::roster_file_name(unit->code, today);
    } else {
      w.rows = api::write_attendance_csv(*store, unit->id, year_int, partial);
      w.suggested_name = api::attendance_file_name(unit->code, year_int, today);
    }
    std::filesystem::rename(partial, out);
  } catch (const std::exception& e) {
    std::filesystem::remove(partial, ec);
    std::cerr << "certhours export: " << e.what() << std::endl;
    return 1;
  }
  store::record_export(*store,
                       {what, unit->id, unit->code, year_int, std::nullopt, api::export_format_key(format), w.rows,
                        std::filesystem::path(out).filename().string()},
                       {std::nullopt, "cli"});
  const char* counted = what == "attendance" ? " attendances" : " officers";
  std::cout << "wrote " << w.rows << counted << " of " << w.unit_name << " (" << w.unit_code << ")"
            << (year_int ? ", " + std::to_string(*year_int) : std::string()) << ", to " << out << " ("
            << api::export_format_key(format) << "; suggested name " << w.suggested_name << ")" << std::endl;
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
