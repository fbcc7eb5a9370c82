// The schema migrations of schema/NNNN_name.sql, compiled into the binary.
#pragma once
#include <vector>

namespace certhours::store {

struct Migration {
  int version;       // NNNN: PRAGMA user_version after it is applied
  const char* name;  // file name
  const char* sql;
};

// Every migration, in version order.
const std::vector<Migration>& migrations();

}  // namespace certhours::store
