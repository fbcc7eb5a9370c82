// Who performs a write, as the audit log names them.
#pragma once
#include <optional>
#include <string>

#include "domain/id.hpp"

namespace certhours::store {

struct Actor {
  std::optional<Id> user_id;  // empty for the command line
  std::string username;
};

}  // namespace certhours::store
