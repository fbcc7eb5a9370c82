// certhours export compliance --db FILE --year Y [--unit ID] [--status S,…] --format csv|xlsx -o OUT
// certhours export officers --db FILE [--unit ID] -o OUT
// certhours export attendance --db FILE [--year Y] [--unit ID] -o OUT
// certhours export rotation|progress --db FILE [--unit ID] [--campaign ID] [--as-of DATE] [--format csv|xlsx] -o OUT
// certhours export exit-review --db FILE [--year Y] [--unit ID] [--format csv|xlsx] -o OUT
// The same files the GET …/export routes serve, written by the command line (for a scheduled
// report, say), and recorded in the audit log (entity export, actor "cli").
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
  app::ExportKind kind = app::ExportKind::compliance;
  std::string db, out, format = "csv", as_of, statuses;
  int year = 0;
  Id unit = 0, campaign = 0;
};

// A day as YYYY-MM-DD, as the API's as_of takes it.
const CLI::Validator kDate(
    [](std::string& s) { return parse_date(s) ? std::string() : "'" + s + "' is not a date (YYYY-MM-DD)"; }, "DATE",
    "DATE");

// Statuses as ?status= takes them, in one option (a list CLI11 split would be "given twice").
const CLI::Validator kStatuses(
    [](std::string& s) {
      StatusFilter ignored;
      auto bad = parse_statuses(s, ignored);
      return bad ? "'" + std::string(*bad) + "' is none of met, in_progress, not_met, exempt" : std::string();
    },
    "", "STATUSES");

// What a file's rows are.
const char* rows_of(app::ExportKind k) {
  switch (k) {
    case app::ExportKind::attendance: return " attendances";
    case app::ExportKind::progress: return " units";
    default: return " officers";
  }
}

int run_export(const ExportArgs& a, const CLI::App& cmd) {
  const std::string &db = a.db, &out = a.out;
  app::ExportRequest req{a.kind};
  // Each option is there only for the kinds that take it; CLI11 has checked every value.
  auto given = [&](const char* name) { return cmd.get_option_no_throw(name) && cmd.count(name) > 0; };
  if (given("--year")) req.year = a.year;
  if (given("--unit")) req.unit_id = a.unit;
  if (given("--campaign")) req.campaign_id = a.campaign;
  if (given("--as-of")) req.as_of = parse_date(a.as_of);
  parse_statuses(a.statuses, req.only);
  req.format = *app::parse_export_format(a.format);
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
  std::cout << "wrote " << f.rows << rows_of(req.kind) << " of " << f.unit_name << " (" << f.unit_code << ")"
            << (req.year ? ", " + std::to_string(*req.year) : std::string()) << ", to " << out << " ("
            << app::export_format_key(f.format) << "; suggested name " << f.file_name << ")" << std::endl;
  return 0;
}

}  // namespace

void certhours::cli::add_export(CLI::App& app, Commands& commands) {
  auto* export_ = app.add_subcommand("export", "Write a sheet or CSV file (the HTTP exports; recorded in the audit log)");
  export_->require_subcommand(0, 1);
  using K = app::ExportKind;
  struct Kind {
    const char* name;  // the subcommand
    K kind;
    const char* description;
  };
  for (Kind k : {Kind{"compliance", K::compliance, "The annual compliance sheet of a unit"},
                 Kind{"officers", K::officers, "The roster, in the import's columns (full ID numbers)"},
                 Kind{"attendance", K::attendance, "The sign-ins, in the import's columns"},
                 Kind{"rotation", K::rotation, "The rotation's pending list (GET /rotation/export)"},
                 Kind{"exit-review", K::exit_review, "The exit review of a year (GET /reviews/exit/export)"},
                 Kind{"progress", K::progress, "The rotation's progress report (GET /reports/progress/export)"}}) {
    auto* cmd = export_->add_subcommand(k.name, k.description);
    auto a = std::make_shared<ExportArgs>();
    a->kind = k.kind;
    add_db(*cmd, a->db);
    if (k.kind == K::compliance || k.kind == K::attendance || k.kind == K::exit_review)
      add_int(*cmd, "--year", a->year, kMinYear, kMaxYear,
              k.kind == K::exit_review ? "the year reviewed (default: last year)" : "the year")
          ->required(k.kind == K::compliance);
    add_int(*cmd, "--unit", a->unit, Id{1}, Id{INT64_MAX}, "a unit and the units under it (default: the whole region)")
        ->type_name("ID");
    if (k.kind == K::rotation || k.kind == K::progress) {
      add_int(*cmd, "--campaign", a->campaign, Id{1}, Id{INT64_MAX}, "the rotation campaign (default: that of --as-of)")
          ->type_name("ID");
      cmd->add_option("--as-of", a->as_of, "the day counted to (default: today)")->check(kDate);
    }
    if (k.kind == K::compliance)
      cmd->add_option("--status", a->statuses, "list only officers of these statuses (the rest still counted)")
          ->type_name("STATUS[,STATUS…]")
          ->check(kStatuses);
    if (k.kind == K::officers || k.kind == K::attendance)
      cmd->add_option("--format", a->format, "the import's format")->check(CLI::IsMember({"csv"}))->capture_default_str();
    else if (k.kind == K::compliance)
      cmd->add_option("--format", a->format, "the file's format")->required()->check(CLI::IsMember({"csv", "xlsx"}));
    else
      cmd->add_option("--format", a->format, "the file's format")->check(CLI::IsMember({"csv", "xlsx"}))->capture_default_str();
    cmd->add_option("-o,--output", a->out, "the file written (beside it first, then renamed)")
        ->type_name("OUT")
        ->required()
        ->check(kNonEmpty);
    commands.push_back({cmd, [a, cmd] { return run_export(*a, *cmd); }});
  }
}
