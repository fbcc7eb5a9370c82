// The demo database: the Qinzhou unit tree, demo officers, trainings with attendance,
// certificates in every state, annual assessments and one user per role, built from the
// files in seeds/ (seeds/README.md) and a fixed-seed generator.
#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "store/store.hpp"

namespace certhours::demo {

// A demo login, printed by `certhours demo` and the README's first command.
struct Login {
  std::string username, password, role, description;
};

// The demo logins, in the order they are printed: those of the last build(), else those of
// seeds/logins.csv as it was when certhours was compiled (so no seeds directory is needed).
// Throws std::runtime_error naming the line when that file is malformed.
std::vector<Login> logins();

// Fills an empty, migrated store from `seeds_dir`. Deterministic for a given `today`
// (the current year's trainings are dated before it). `hash_password` turns a password
// into a libsodium hash string. Writes progress lines to `log`.
// Throws std::runtime_error naming the seed file and line when a seed is malformed.
void build(store::Store& store, const std::string& seeds_dir, Date today,
           const std::function<std::string(const std::string&)>& hash_password, std::ostream& log);

}  // namespace certhours::demo
