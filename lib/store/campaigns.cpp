#include "store/campaigns.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "codec/entities.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

namespace {
namespace json = boost::json;

Campaign campaign_from_row(SQLite::Statement& st) {
  Campaign c;
  c.id = st.getColumn(0).getInt64();
  c.name = st.getColumn(1).getString();
  c.window_start = column_date(st.getColumn(2));
  c.deadline = column_date(st.getColumn(3));
  return c;
}

std::string audit_json(const Campaign& c) { return json::serialize(codec::campaign_json(c)); }
}  // namespace

Campaigns::Campaigns(Database& db, const Units& units) : db_(db), units_(units) {}

std::vector<Campaign> Campaigns::list() {
  return db_.read([](Connection& c) {
    std::vector<Campaign> out;
    auto& st = c.prepare("SELECT id, name, window_start, deadline FROM campaigns ORDER BY window_start, id");
    while (st.executeStep()) out.push_back(campaign_from_row(st));
    return out;
  });
}

std::optional<Campaign> Campaigns::find(Id id) {
  return db_.read([&](Connection& c) -> std::optional<Campaign> {
    auto& st = c.prepare("SELECT id, name, window_start, deadline FROM campaigns WHERE id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return std::nullopt;
    return campaign_from_row(st);
  });
}

Result<Campaign> Campaigns::create(const Campaign& in, const Actor& by) {
  if (Status s = check_campaign(in.window_start, in.deadline); !s) return s;
  return db_.write([&](Connection& c) -> Result<Campaign> {
    auto& ins = c.prepare("INSERT INTO campaigns(name, window_start, deadline, created_at) VALUES (?, ?, ?, ?)");
    ins.bind(1, in.name);
    ins.bind(2, format_date(in.window_start));
    ins.bind(3, format_date(in.deadline));
    ins.bind(4, now_rfc3339());
    ins.exec();
    Campaign out = in;
    out.id = c.db().getLastInsertRowid();
    append_audit(c, by, "create", "campaign", out.id, "", audit_json(out));
    return out;
  });
}

std::vector<RotationRow> Campaigns::rotation_rows(Id unit_id, const Campaign& campaign, Date as_of) {
  auto range = subtree_of(*units_.tree(), unit_id);
  if (!range) return {};
  auto [lo, hi] = *range;
  return db_.scan([&](Connection& c) {
    std::vector<RotationRow> out;
    // The SQL narrows with the same rules the domain states (must_rotate on post_start/
    // post_end, counts_for_rotation on the flag and end date: inside the window and ended by
    // as_of, so ?7 = min(deadline, as_of)); EXISTS counts an officer who attended several
    // qualifying sessions once. attendance.year is the year of the session's end date, so the
    // window's years bound the key range.
    auto& st = c.prepare(
        "SELECT o.id, o.name, o.unit_id, o.kind, o.post_start, o.post_end, "
        "EXISTS (SELECT 1 FROM attendance a JOIN trainings t ON t.id = a.training_id "
        "        WHERE a.officer_id = o.id AND a.year >= ?4 AND a.year <= ?5 AND t.rotation = 1 "
        "          AND t.end_date >= ?6 AND t.end_date <= ?7) "
        "FROM units u JOIN officers o ON o.unit_id = u.id "
        "WHERE u.path >= ?1 AND u.path < ?2 AND o.post_start <= ?3 AND (o.post_end IS NULL OR o.post_end >= ?3) "
        "ORDER BY u.path, o.id");
    st.bind(1, lo);
    st.bind(2, hi);
    st.bind(3, format_date(campaign.deadline));
    st.bind(4, year_of(campaign.window_start));
    st.bind(5, year_of(campaign.deadline));
    st.bind(6, format_date(campaign.window_start));
    st.bind(7, format_date(std::min(campaign.deadline, as_of)));
    while (st.executeStep()) {
      RotationRow r;
      r.officer_id = st.getColumn(0).getInt64();
      r.name = st.getColumn(1).getString();
      r.unit_id = st.getColumn(2).getInt64();
      r.kind = parse_kind(st.getColumn(3).getString()).value_or(OfficerKind::enforcement);
      r.post = {column_date(st.getColumn(4)), column_opt_date(st.getColumn(5))};
      r.rotated = st.getColumn(6).getInt() != 0;
      if (!must_rotate(campaign, r.post)) continue;  // the domain has the last word
      out.push_back(std::move(r));
    }
    return out;
  });
}

}  // namespace certhours::store
