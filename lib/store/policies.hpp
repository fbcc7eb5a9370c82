// The yearly requirement (domain/requirement.hpp) an administrator may change per year.
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

#include "domain/requirement.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"

namespace certhours::store {

class Database;

class Policies {
 public:
  explicit Policies(Database& db);
  // The stored policy of `year`, or the default (nullopt before 2023). Cached: policies
  // change only through put.
  std::optional<Policy> get(int year);
  Status put(int year, const Policy& p, const Actor& by);

 private:
  Database& db_;
  std::mutex mu_;
  std::map<int, std::optional<Policy>> cache_;
  std::uint64_t generation_ = 0;  // bumped by put: a read that raced it is not cached
};

}  // namespace certhours::store
