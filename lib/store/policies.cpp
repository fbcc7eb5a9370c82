#include "store/policies.hpp"

#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

namespace {
std::optional<Policy> load_policy(Connection& c, int year) {
  auto& st = c.prepare("SELECT legal_halves, business_halves, proration FROM policies WHERE year = ?");
  st.bind(1, year);
  if (!st.executeStep()) return default_policy(year);
  return Policy{Hours::from_halves(st.getColumn(0).getInt64()), Hours::from_halves(st.getColumn(1).getInt64()),
                parse_proration(st.getColumn(2).getString()).value_or(Proration::monthly)};
}
}  // namespace

Policies::Policies(Database& db) : db_(db) {}

std::optional<Policy> Policies::get(int year) {
  std::uint64_t gen = 0;
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(year); it != cache_.end()) return it->second;
    gen = generation_;
  }
  auto p = db_.read([&](Connection& c) { return load_policy(c, year); });
  std::lock_guard lock(mu_);
  if (gen == generation_) cache_[year] = p;
  return p;
}

Status Policies::put(int year, const Policy& p, const Actor& by) {
  Status s = db_.write([&](Connection& c) -> Status {
    auto before = load_policy(c, year);
    auto& st = c.prepare(
        "INSERT INTO policies(year, legal_halves, business_halves, proration) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(year) DO UPDATE SET legal_halves = excluded.legal_halves, "
        "business_halves = excluded.business_halves, proration = excluded.proration");
    st.bind(1, year);
    st.bind(2, p.legal.halves());
    st.bind(3, p.business.halves());
    st.bind(4, proration_key(p.proration));
    st.exec();
    append_audit(c, by, "update", "policy", year, before ? audit_json(year, *before) : "", audit_json(year, p));
    return Status::ok();
  });
  if (s) {
    std::lock_guard lock(mu_);
    ++generation_;
    cache_.erase(year);
  }
  return s;
}

}  // namespace certhours::store
