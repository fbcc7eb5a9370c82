// Temporary files for answers the server streams from disk and deletes once sent
// (Response::file_path with delete_file_after): exports, and evidence files, so that a slow
// reader holds a socket buffer rather than the whole body in memory (docs/limits.md).
#pragma once
#include <string>
#include <string_view>

namespace certhours::api {

// A new empty file in the temporary directory (mkstemp); throws std::system_error (errno) when
// none can be made.
std::string new_temp_file(const char* prefix = "certhours-export-");
// A new temporary file holding `bytes`; throws std::system_error (errno: ENOSPC when the disk is
// full) and leaves no file when it cannot be written.
std::string temp_file_holding(std::string_view bytes, const char* prefix);

}  // namespace certhours::api
