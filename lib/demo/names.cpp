// Officers' names: seeds/surnames.txt (weighted) and seeds/given.txt (character pools by
// sex) read and checked, and a plausible name drawn from them.
#include <algorithm>
#include <stdexcept>

#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

void read_surnames(const std::string& dir, Names& n) {
  for (const Line& l : read_lines(dir, "surnames.txt")) {
    auto w = words(l.text);
    if (w.empty() || w.size() > 2) fail("surnames.txt", l.number, "expected: surname [weight]");
    auto chars = utf8_chars(w[0], "surnames.txt", l.number);
    if (chars.size() > 2) fail("surnames.txt", l.number, "a surname has one or two characters");
    int weight = 1;
    if (w.size() == 2) {
      try {
        std::size_t used = 0;
        weight = std::stoi(w[1], &used);
        if (used != w[1].size() || weight < 1 || weight > 1000) throw std::invalid_argument("weight");
      } catch (const std::exception&) {
        fail("surnames.txt", l.number, "weight must be a whole number 1..1000");
      }
    }
    n.surnames.push_back(w[0]);
    n.weights.push_back(weight);
    n.total_weight += weight;
  }
  if (n.surnames.empty()) throw std::runtime_error("seeds/surnames.txt: no surnames");
}

void read_given(const std::string& dir, Names& n) {
  for (const Line& l : read_lines(dir, "given.txt")) {
    auto w = words(l.text);
    if (w.size() != 2 || (w[0] != "m" && w[0] != "f" && w[0] != "u"))
      fail("given.txt", l.number, "expected: m|f|u characters");
    for (auto& ch : utf8_chars(w[1], "given.txt", l.number)) {
      if (w[0] != "f" && std::find(n.male.begin(), n.male.end(), ch) == n.male.end()) n.male.push_back(ch);
      if (w[0] != "m" && std::find(n.female.begin(), n.female.end(), ch) == n.female.end()) n.female.push_back(ch);
    }
  }
  if (n.male.empty() || n.female.empty())
    throw std::runtime_error("seeds/given.txt: needs characters for both male and female names");
}

}  // namespace

Names read_names(const std::string& dir) {
  Names n;
  read_surnames(dir, n);
  read_given(dir, n);
  return n;
}

// A weighted surname and one or two given-name characters; a name already used is drawn
// again, up to 50 times.
std::string draw_name(const Names& names, bool male, std::set<std::string>& used, Rng& rng) {
  const auto& pool = male ? names.male : names.female;
  const int pool_size = static_cast<int>(pool.size());
  for (int attempt = 0;; ++attempt) {
    int pick = rng.below(names.total_weight);
    std::size_t s = 0;
    while (pick >= names.weights[s]) pick -= names.weights[s++];
    std::string name = names.surnames[s] + pool[static_cast<std::size_t>(rng.below(pool_size))];
    if (rng.chance(78)) name += pool[static_cast<std::size_t>(rng.below(pool_size))];
    if (!used.count(name) || attempt >= 50) {
      used.insert(name);
      return name;
    }
  }
}

}  // namespace certhours::demo
