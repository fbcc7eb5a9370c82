// certhours export compliance --db FILE --year Y [--unit ID] --format csv|xlsx -o OUT
// The same file GET /compliance/export serves, written by the command line, and recorded in
// the audit log (entity export, actor "cli").
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include "api/clock.hpp"
#include "api/compliance_sheet.hpp"
#include "commands.hpp"
#include "store/exports.hpp"
#include "store/store.hpp"

namespace {

using namespace certhours;

constexpr const char* kUsage =
    "usage: certhours export compliance --db FILE --year Y [--unit ID] --format csv|xlsx -o OUT";

int usage_error(const std::string& message) {
  std::cerr << "certhours export: " << message << "\n" << kUsage << std::endl;
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

}  // namespace

int cmd_export(int argc, char** argv) {
  if (argc < 3 || std::string(argv[2]) != "compliance")
    return usage_error(argc < 3 ? "what to export? (compliance)" : "unknown export '" + std::string(argv[2]) + "'");
  auto flags = parse_flags(argc, argv, 3);
  if (!flags) return 2;
  for (const char* need : {"db", "year", "format", "o"})
    if (flags->count(need) == 0 || flags->at(need).empty())
      return usage_error(std::string("missing ") + (need[1] ? "--" : "-") + need);
  const std::string db = flags->at("db"), out = flags->at("o");
  auto year = to_number(flags->at("year"), kMinYear, kMaxYear);
  if (!year)
    return usage_error("--year must be a year from " + std::to_string(kMinYear) + " to " + std::to_string(kMaxYear) +
                       ", not '" + flags->at("year") + "'");
  auto format = api::parse_export_format(flags->at("format"));
  if (!format) return usage_error("--format must be csv or xlsx, not '" + flags->at("format") + "'");
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
  Id unit_id = 0;
  if (unit_param) {
    if (!tree->find(*unit_param)) return usage_error("no unit with id " + std::to_string(*unit_param));
    unit_id = *unit_param;
  } else if (!tree->all().empty()) {
    unit_id = tree->all().front().id;  // the root: the whole region
  } else {
    return usage_error("the database has no units");
  }

  Date today = api::today_in_shanghai();
  // Written beside OUT and renamed: a reader of OUT never sees half a file.
  std::string partial = out + ".partial-" + std::to_string(::getpid());
  api::SheetResult sheet;
  try {
    sheet = api::write_compliance_sheet(*store, {unit_id, static_cast<int>(*year), today, "cli", api::shanghai_time_text()},
                                        *format, partial);
    std::filesystem::rename(partial, out);
  } catch (const std::exception& e) {
    std::filesystem::remove(partial, ec);
    std::cerr << "certhours export: " << e.what() << std::endl;
    return 1;
  }
  store::record_export(*store,
                       {unit_id, sheet.unit_code, static_cast<int>(*year), api::export_format_key(*format), sheet.rows,
                        std::filesystem::path(out).filename().string()},
                       {std::nullopt, "cli"});
  std::cout << "wrote " << sheet.rows << " officers of " << sheet.unit_name << " (" << sheet.unit_code << "), "
            << *year << ", to " << out << " (" << api::export_format_key(*format) << "; suggested name "
            << api::export_file_name(sheet.unit_code, static_cast<int>(*year), today, *format) << ")" << std::endl;
  return 0;
}
