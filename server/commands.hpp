// The command line of the certhours binary, parsed by CLI11 (docs/api.md "Command line").
// Each command is one function that declares its subcommand and options on the CLI::App and
// records, as a Command, what runs it once parsed; main() parses, then runs the one parsed.
// Exit status: 0 done, 1 refused (nothing changed), 2 bad usage / missing file: one line on
// stderr, never a stack trace.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace certhours::store {
class Store;
}

namespace certhours::cli {

// Bad usage found once the options are parsed (a bad value, a missing file): main prints
// "certhours: <what>" on one line and exits with status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A (sub)command as CLI11 parsed it, and what runs it then; run returns the exit status.
struct Command {
  const CLI::App* app;
  std::function<int()> run;
};
using Commands = std::vector<Command>;

// An empty value ("--db=" or "--db ''") is a missing one.
inline const CLI::Validator kNonEmpty(
    [](std::string& s) { return s.empty() ? std::string("a value is needed") : std::string(); }, "", "NONEMPTY");

// Integers are decimal: "010" is ten, as std::stoi read it (CLI11 alone would read octal or
// hex); anything but an optional '-' and digits is refused.
inline const CLI::Validator kDecimal(
    [](std::string& s) {
      std::size_t sign = !s.empty() && s[0] == '-' ? 1 : 0;
      if (s.size() == sign || s.find_first_not_of("0123456789", sign) != std::string::npos)
        return "'" + s + "' is not a whole number";
      auto first = s.find_first_not_of('0', sign);
      s.erase(sign, (first == std::string::npos ? s.size() - 1 : first) - sign);
      return std::string();
    },
    "", "DECIMAL");

// --db FILE, required.
inline CLI::Option* add_db(CLI::App& cmd, std::string& db, const std::string& help = "the SQLite database") {
  return cmd.add_option("--db", db, help)->type_name("FILE")->required()->check(kNonEmpty);
}

// A decimal integer option from min to max (the help says "from MIN", or "MIN to MAX").
template <class T>
CLI::Option* add_int(CLI::App& cmd, const std::string& name, T& value, std::type_identity_t<T> min,
                     std::type_identity_t<T> max, const std::string& help) {
  std::string range = max >= INT32_MAX ? "from " + std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
  return cmd.add_option(name, value, help)->transform(kDecimal)->check(CLI::Range(min, max).description(range));
}

// main.cpp: the database of a command, opened (and migrated) with `readers` read connections; a
// usage error when it cannot be. existing_store: only a file that exists (a typo must not create one).
std::unique_ptr<store::Store> open_store(const std::string& db, int readers);
std::unique_ptr<store::Store> existing_store(const std::string& db);
// One line of password on standard input (a trailing CR from Windows dropped).
std::string password_from_stdin(const std::string& what);

// cmd_user.cpp: certhours user add|list|password|disable|enable --db FILE …
void add_user(CLI::App& app, Commands& commands);

// cmd_import.cpp: certhours import officers|attendance --db FILE CSVFILE --as USERNAME
void add_import(CLI::App& app, Commands& commands);

// cmd_export.cpp: certhours export compliance|officers|attendance|rotation|exit-review|progress --db FILE
// … -o OUT: the files of the GET …/export routes
void add_export(CLI::App& app, Commands& commands);

// cmd_backup.cpp: certhours backup --db FILE -o OUT [--force]
void add_backup(CLI::App& app, Commands& commands);

}  // namespace certhours::cli
