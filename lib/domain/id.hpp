#pragma once
#include <cstdint>

namespace certhours {
// Every entity id: a positive SQLite rowid.
using Id = std::int64_t;
}  // namespace certhours
