// Whether the database file can be read right now (GET /readyz), asked of the file itself.
#pragma once
#include <optional>
#include <string>

namespace certhours::store {

// Opens `path` anew, read-only and never creating it, and reads its schema: what a
// connection opened now would see, not pages the running connections hold in their caches.
// nullopt when it can be read; else what went wrong (SQLite's message). Never throws.
std::optional<std::string> unreadable(const std::string& path);

}  // namespace certhours::store
