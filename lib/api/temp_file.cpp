#include "api/temp_file.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace certhours::api {

std::string new_temp_file(const char* prefix) {
  std::string path = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file");
  ::close(fd);
  return path;
}

std::string temp_file_holding(std::string_view bytes, const char* prefix) {
  std::string path = new_temp_file(prefix);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (out) return path;
  }
  std::filesystem::remove(path);
  throw std::runtime_error("cannot write a temporary file");
}

}  // namespace certhours::api
