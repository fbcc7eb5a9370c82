// One page of a list and the size of the whole list.
#pragma once
#include <cstdint>
#include <vector>

namespace certhours::store {

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

}  // namespace certhours::store
