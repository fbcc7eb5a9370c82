// certhours export compliance --db FILE --year Y [--unit ID] --format csv|xlsx -o OUT
// certhours export officers --db FILE [--unit ID] -o OUT
// certhours export attendance --db FILE [--year Y] [--unit ID] -o OUT
// The same files GET /compliance/export, /officers/export and /attendance/export serve,
// written by the command line, and recorded in the audit log (entity export, actor "cli").
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "api/clock.hpp"
#include "api/compliance_sheet.hpp"
#include "api/import_sheets.hpp"
#include "commands.hpp"
#include "store/exports.hpp"
#include "store/store.hpp"

namespace {

using namespace certhours;

// One line on stderr, exit status 2 (api.md); `certhours` alone prints the full usage.
int usage_error(const std::string& message) {
  std::cerr << "certhours export: " << message
            << " (usage: certhours export compliance|officers|attendance --db FILE [--year Y] [--unit ID] "
               "[--format csv|xlsx] -o OUT)"
            << std::endl;
  return 2;
}

// "--name value", "--name=value" and "-o value"; nullopt (after printing why) on bad usage.
std::optional<std::map<std::string, std::string>> parse_flags(int argc, char** argv, int first) {
  static const char* known[] = {"db", "year", "unit", "format", "o", "output"};
  std::map<std::string, std::string> flags;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    std::string name = s.rfind("--", 0) == 0 ? s.substr(2) : (s.size() == 2 && s[0] == '-') ? s.substr(1) : "";
    if (name.empty()) {
      usage_error("unexpected argument '" + s + "'");
      return std::nullopt;
    }
    std::string value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    if (std::find(std::begin(known), std::end(known), name) == std::end(known)) {
      usage_error("unknown option " + s);
      return std::nullopt;
    }
    if (!inline_value) {
      if (i + 1 >= argc) {
        usage_error("option " + s + " needs a value");
        return std::nullopt;
      }
      value = argv[++i];
    }
    if (name == "output") name = "o";
    if (flags.count(name)) {
      usage_error("option " + s + " given twice");
      return std::nullopt;
    }
    flags[name] = value;
  }
  return flags;
}

std::optional<long long> to_number(const std::string& s, long long min, long long max) {
  try {
    std::size_t used = 0;
    long long n = std::stoll(s, &used);
    if (used != s.size() || n < min || n > max) return std::nullopt;
    return n;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// What was written, for the audit entry and the line printed.
struct Written {
  std::int64_t rows = 0;
  std::string unit_code, unit_name, suggested_name;
};

}  // namespace

int cmd_export(int argc, char** argv) {
  const std::string what = argc >= 3 ? argv[2] : "";
  if (what != "compliance" && what != "officers" && what != "attendance")
    return usage_error(what.empty() ? "what to export? (compliance, officers or attendance)"
                                    : "unknown export '" + what + "'");
  auto flags = parse_flags(argc, argv, 3);
  if (!flags) return 2;
  std::vector<const char*> needed = {"db", "o"};
  if (what == "compliance") needed.insert(needed.end(), {"year", "format"});
  for (const char* need : needed)
    if (flags->count(need) == 0 || flags->at(need).empty())
      return usage_error(std::string("missing ") + (need[1] ? "--" : "-") + need);
  const std::string db = flags->at("db"), out = flags->at("o");
  std::optional<long long> year;
  if (flags->count("year")) {
    year = to_number(flags->at("year"), kMinYear, kMaxYear);
    if (!year)
      return usage_error("--year must be a year from " + std::to_string(kMinYear) + " to " +
                         std::to_string(kMaxYear) + ", not '" + flags->at("year") + "'");
  }
  if (what == "officers" && year) return usage_error("--year does not apply to the officers export");
  api::ExportFormat format = api::ExportFormat::csv;
  if (flags->count("format")) {
    auto parsed = api::parse_export_format(flags->at("format"));
    if (!parsed) return usage_error("--format must be csv or xlsx, not '" + flags->at("format") + "'");
    if (what != "compliance" && *parsed != api::ExportFormat::csv)
      return usage_error("the " + what + " export is in the import's format, csv only");
    format = *parsed;
  }
  std::optional<long long> unit_param;
  if (flags->count("unit")) {
    unit_param = to_number(flags->at("unit"), 1, INT64_MAX);
    if (!unit_param) return usage_error("--unit must be a unit id, not '" + flags->at("unit") + "'");
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec)) return usage_error("no such database: " + db);
  auto out_dir = std::filesystem::absolute(out, ec).parent_path();
  if (!std::filesystem::is_directory(out_dir, ec)) return usage_error("no such directory for -o: " + out_dir.string());

  std::unique_ptr<store::Store> store;
  try {
    store = std::make_unique<store::Store>(db, 2);
  } catch (const std::exception& e) {
    return usage_error(e.what());
  }
  auto tree = store->units();
  const Unit* unit = nullptr;
  if (unit_param) {
    unit = tree->find(*unit_param);
    if (!unit) return usage_error("no unit with id " + std::to_string(*unit_param));
  } else if (!tree->all().empty()) {
    unit = &tree->all().front();  // the root: the whole region
  } else {
    return usage_error("the database has no units");
  }

  Date today = api::today_in_shanghai();
  std::optional<int> year_int;
  if (year) year_int = static_cast<int>(*year);
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
            << (year ? ", " + std::to_string(*year) : std::string()) << ", to " << out << " ("
            << api::export_format_key(format) << "; suggested name " << w.suggested_name << ")" << std::endl;
  return 0;
}
