// Placeholder until the demo seeding lands: the tree builds, `certhours demo` says so.
#include "demo.hpp"

#include <stdexcept>

namespace certhours::demo {
const std::vector<Login>& logins() {
  static const std::vector<Login> l;
  return l;
}
void build(store::Store&, const std::string&, Date, const std::function<std::string(const std::string&)>&,
           std::ostream&) {
  throw std::runtime_error("the demo data is not in this build yet");
}
}  // namespace certhours::demo
