#include "api/temp_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace certhours::api {

namespace {
// The errno of what failed, so that a full disk is told apart (app::is_disk_full: 507).
[[noreturn]] void fail(int err, const char* what) { throw std::system_error(err, std::generic_category(), what); }
}  // namespace

std::string new_temp_file(const char* prefix) {
  std::string path = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) fail(errno, "cannot create a temporary file");
  ::close(fd);
  return path;
}

std::string temp_file_holding(std::string_view bytes, const char* prefix) {
  std::string path = new_temp_file(prefix);
  int err = 0;
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) {
    err = errno;
  } else {
    while (!bytes.empty()) {
      ssize_t n = ::write(fd, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        err = n < 0 ? errno : EIO;
        break;
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    if (::close(fd) != 0 && err == 0) err = errno;
  }
  if (err == 0) return path;
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  fail(err, "cannot write a temporary file");
}

}  // namespace certhours::api
