// Lookups by a whole ID number (docs/security.md): an hr user sees ID numbers masked, and the
// masked digits are a birth date, so each lookup that finds nobody spends a daily budget
// (kIdLookupMissesPerDay), and every such lookup is audited (entity officer, id_lookup).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "app/app.hpp"

namespace certhours::app {

// rate_limited (id_lookup_budget, field q) when `q` is a whole ID number asked by an hr user
// whose budget is spent; ok otherwise (any other search, any other role).
Status id_lookup_allowed(App& app, const Caller& caller, const std::string& q);
// After the search ran: a miss spends the budget, and the lookup is audited either way.
void id_lookup_done(App& app, const Caller& caller, const std::string& q, std::int64_t found,
                    std::optional<Id> first_officer);

}  // namespace certhours::app
