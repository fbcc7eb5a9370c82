// certhours backup --db FILE -o OUT [--force]
// A consistent copy of a live database (store/backup.hpp), checked with PRAGMA
// integrity_check before it takes the name OUT.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "commands.hpp"
#include "store/backup.hpp"

namespace {

using namespace certhours;
using cli::UsageError;

struct BackupArgs {
  std::string db, out;
  bool force = false;
};

void remove_quietly(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
}

int run_backup(const BackupArgs& a) {
  const std::string &db = a.db, &out = a.out;
  const bool force = a.force;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec)) throw UsageError("no such database: " + db);
  if (std::filesystem::exists(out, ec) && !force) throw UsageError(out + " already exists (--force replaces it)");
  auto out_dir = std::filesystem::absolute(out, ec).parent_path();
  if (!std::filesystem::is_directory(out_dir, ec)) throw UsageError("no such directory for -o: " + out_dir.string());
  if (std::filesystem::exists(out, ec) && std::filesystem::equivalent(db, out, ec))
    throw UsageError("-o must not be the database itself");

  const std::string partial = out + ".partial-" + std::to_string(::getpid());
  remove_quietly(partial);
  auto started = std::chrono::steady_clock::now();
  std::int64_t pages = 0;
  try {
    pages = store::backup_copy(db, partial);
    if (force) remove_quietly(out);
    std::filesystem::rename(partial, out);
  } catch (const store::NotADatabase& e) {
    remove_quietly(partial);
    throw UsageError(e.what());
  } catch (const std::exception& e) {
    remove_quietly(partial);
    std::cerr << "certhours backup: " << e.what() << std::endl;
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto bytes = std::filesystem::file_size(out, ec);
  std::cout << "ok: " << out << " " << bytes << " bytes (" << pages << " pages, integrity_check ok, " << seconds
            << " s)" << std::endl;
  return 0;
}

}  // namespace

void certhours::cli::add_backup(CLI::App& app, Commands& commands) {
  auto* cmd = app.add_subcommand("backup", "A consistent copy of a live database, checked with integrity_check");
  auto a = std::make_shared<BackupArgs>();
  add_db(*cmd, a->db, "the database to copy (a server may be running on it)");
  cmd->add_option("-o,--output", a->out, "the copy (written beside it first, then renamed)")
      ->type_name("OUT")
      ->required()
      ->check(kNonEmpty);
  cmd->add_flag("--force", a->force, "replace OUT if it exists");
  commands.push_back({cmd, [a] { return run_backup(*a); }});
}
