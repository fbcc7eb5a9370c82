#include "store/credits.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

Credits::Credits(Database& db, const Units& units) : db_(db), units_(units) {}

namespace {
// A session attended, as a credit: the same columns as kClaimCredits, so one reader reads both.
constexpr const char* kSessionCredits =
    "SELECT 'session' AS source, t.id, t.title, '' AS provider, t.start_date, t.end_date, "
    "a.legal_halves, a.business_halves, a.political_halves "
    "FROM attendance a JOIN trainings t ON t.id = a.training_id ";
// An approved external claim, as a credit.
constexpr const char* kClaimCredits =
    "SELECT 'external', id, title, provider, start_date, end_date, "
    "credited_legal_halves, credited_business_halves, credited_political_halves FROM claims ";

// The credits a statement reads, by end date, a day's sessions before its claims, then by id:
// sorted here rather than by SQL's ORDER BY, which built two temporary B-trees for twenty rows
// on every GET /officers/{id}/hours.
std::vector<Credit> credits_of(SQLite::Statement& st) {
  std::vector<Credit> out;
  while (st.executeStep()) {
    Credit cr;
    cr.source = kCreditSources.parse(st.getColumn(0).getText()).value_or(CreditSource::session);
    Id id = st.getColumn(1).getInt64();
    (cr.source == CreditSource::external ? cr.claim_id : cr.training_id) = id;
    cr.title = st.getColumn(2).getString();
    cr.provider = st.getColumn(3).getString();
    cr.start_date = column_date(st.getColumn(4));
    cr.end_date = column_date(st.getColumn(5));
    cr.hours = category_hours_at(st, 6);
    out.push_back(std::move(cr));
  }
  st.reset();
  auto key = [](const Credit& c) {
    bool claim = c.source == CreditSource::external;
    return std::tuple(c.end_date, claim, claim ? c.claim_id : c.training_id);
  };
  std::sort(out.begin(), out.end(), [&](const Credit& a, const Credit& b) { return key(a) < key(b); });
  return out;
}
}  // namespace

std::vector<Credit> Credits::of_officer(Id officer_id, int year) {
  return db_.read([&](Connection& c) {
    // One range of the attendance primary key (officer_id, year) and one of the claims' index.
    // "+state": not by the claims_queue index, which SQLite chose without statistics (every
    // approved claim of every officer read on each call), but by the officer's.
    static const std::string sql = std::string(kSessionCredits) + "WHERE a.officer_id = ?1 AND a.year = ?2 UNION ALL " +
                                   kClaimCredits + "WHERE officer_id = ?1 AND year = ?2 AND +state = 'approved'";
    auto& st = c.prepare(sql);
    st.bind(1, officer_id);
    st.bind(2, year);
    return credits_of(st);
  });
}

std::vector<Credit> Credits::of_officer(Id officer_id) {
  return db_.read([&](Connection& c) {
    static const std::string sql = std::string(kSessionCredits) + "WHERE a.officer_id = ?";
    auto& st = c.prepare(sql);
    st.bind(1, officer_id);
    return credits_of(st);
  });
}

namespace {
// Per officer of the subtree, the hours of `year`'s sessions (and approved claims) that end
// after `as_of`: those the year's totals hold but that have not happened on `as_of`. Few once
// the year is over (none), the whole year early in it; one pass over the year's later sessions
// and their attendees.
std::unordered_map<Id, CategoryHours> not_yet_ended(Connection& c, const std::string& lo, const std::string& hi,
                                                    int year, Date as_of) {
  std::unordered_map<Id, CategoryHours> out;
  auto& st = c.prepare(
      "SELECT a.officer_id, a.legal_halves, a.business_halves, a.political_halves "
      "FROM trainings t JOIN attendance a ON a.training_id = t.id "
      "JOIN officers o ON o.id = a.officer_id JOIN units u ON u.id = o.unit_id "
      "WHERE t.year = ?1 AND t.end_date > ?2 AND u.path >= ?3 AND u.path < ?4 "
      "UNION ALL "
      "SELECT c.officer_id, c.credited_legal_halves, c.credited_business_halves, c.credited_political_halves "
      "FROM claims c JOIN officers o ON o.id = c.officer_id JOIN units u ON u.id = o.unit_id "
      "WHERE c.year = ?1 AND c.state = 'approved' AND c.end_date > ?2 AND u.path >= ?3 AND u.path < ?4");
  st.bind(1, year);
  st.bind(2, format_date(as_of));
  st.bind(3, lo);
  st.bind(4, hi);
  while (st.executeStep()) out[st.getColumn(0).getInt64()] += category_hours_at(st, 1);
  st.reset();
  return out;
}

// Per officer of the subtree, their exemptions of `year`, oldest first.
std::unordered_map<Id, std::vector<Exemption>> exemptions_of_year(Connection& c, const std::string& lo,
                                                                   const std::string& hi, int year) {
  std::unordered_map<Id, std::vector<Exemption>> out;
  static const std::string sql = std::string("SELECT ") + kExemptionColumns +
                                 " FROM exemptions e JOIN officers o ON o.id = e.officer_id "
                                 "JOIN units u ON u.id = o.unit_id "
                                 "WHERE e.year = ?1 AND u.path >= ?2 AND u.path < ?3 ORDER BY e.officer_id, e.from_date";
  auto& st = c.prepare(sql);
  st.bind(1, year);
  st.bind(2, lo);
  st.bind(3, hi);
  while (st.executeStep()) {
    Exemption e = exemption_from_row(st);
    out[e.officer_id].push_back(std::move(e));
  }
  st.reset();
  return out;
}
}  // namespace

namespace {
// The columns of a compliance row, and how the officers, their units and their year's totals
// are joined: ?1, ?2 the subtree's path range, ?3 the year, ?4 and ?5 its last and first day.
constexpr const char* kComplianceColumns =
    "SELECT o.id, o.name, o.id_number, o.unit_id, o.kind, o.post_start, o.post_end, o.status, "
    "h.legal_halves, h.business_halves, h.political_halves FROM ";
constexpr const char* kComplianceJoin =
    " LEFT JOIN officer_year_hours h ON h.officer_id = o.id AND h.year = ?3 "
    "WHERE u.path >= ?1 AND u.path < ?2 AND o.post_start <= ?4 AND (o.post_end IS NULL OR o.post_end >= ?5)";

// Units of the subtree in path order, their officers (officers_unit), and each officer's
// totals of the year (one primary-key lookup in officer_year_hours).
const std::string& compliance_by_unit() {
  static const std::string sql = std::string(kComplianceColumns) + "units u JOIN officers o ON o.unit_id = u.id" +
                                 kComplianceJoin + " ORDER BY u.path, o.id";
  return sql;
}

// What every compliance read of a subtree and year shares: the statements' parameters, and
// the hours and exemptions each row is completed with.
struct ComplianceRead {
  ComplianceRead(Connection& c, const PathRange& range, int year, Date as_of)
      : range(range), year(year), exempt(exemptions_of_year(c, range.lo, range.hi, year)) {
    // Sessions that end after as_of have not happened yet: their hours come off the totals.
    if (as_of < last_day(year)) later = not_yet_ended(c, range.lo, range.hi, year, as_of);
  }
  void bind(SQLite::Statement& st) const {
    st.bind(1, range.lo);
    st.bind(2, range.hi);
    st.bind(3, year);
    st.bind(4, format_date(last_day(year)));
    st.bind(5, format_date(first_day(year)));
  }
  ComplianceRow row(SQLite::Statement& st) const {
    ComplianceRow r;
    r.officer_id = st.getColumn(0).getInt64();
    r.name = st.getColumn(1).getString();
    r.id_number = st.getColumn(2).getString();
    r.unit_id = st.getColumn(3).getInt64();
    r.kind = parse_kind(st.getColumn(4).getString()).value_or(OfficerKind::enforcement);
    r.post = {column_date(st.getColumn(5)), column_opt_date(st.getColumn(6))};
    r.status = parse_officer_status(st.getColumn(7).getString()).value_or(OfficerStatus::active);
    if (!st.getColumn(8).isNull()) r.earned = category_hours_at(st, 8);
    if (auto it = later.find(r.officer_id); it != later.end()) r.earned -= it->second;
    if (auto it = exempt.find(r.officer_id); it != exempt.end()) r.exemptions = it->second;
    return r;
  }
  const PathRange& range;
  const int year;
  std::unordered_map<Id, CategoryHours> later;
  std::unordered_map<Id, std::vector<Exemption>> exempt;
};

}  // namespace

void Credits::each_compliance_row(Id unit_id, int year, Date as_of, const std::function<void(ComplianceRow&)>& fn) {
  auto range = subtree_of(*units_.tree(), unit_id);
  if (!range) return;
  db_.scan([&](Connection& c) {
    ComplianceRead read(c, *range, year, as_of);
    auto& st = c.prepare(compliance_by_unit());
    read.bind(st);
    while (st.executeStep()) {
      ComplianceRow r = read.row(st);
      fn(r);
    }
  });
}

std::optional<Id> Credits::compliance_page(Id unit_id, int year, Date as_of,
                                           const std::function<bool(const ComplianceRow&)>& listed,
                                           std::int64_t offset, std::int64_t limit,
                                           const std::function<void(ComplianceRow&)>& page) {
  auto tree = units_.tree();
  auto range = subtree_of(*tree, unit_id);
  if (!range) return std::nullopt;
  return db_.scan([&](Connection& c) -> std::optional<Id> {
    ComplianceRead read(c, *range, year, as_of);
    // 1. Every row once, for `listed`. Most of the region: the officers in the file's order,
    // each one's unit and totals looked up in id order (pages the lookups have just read): a
    // third of the time of path order at a million officers (docs/performance.md). A smaller
    // subtree: through its units, as each_compliance_row reads.
    bool most = tree->subtree(unit_id).size() * 2 > tree->all().size();
    static const std::string by_file = std::string(kComplianceColumns) +
                                       "officers o CROSS JOIN units u ON u.id = o.unit_id" + kComplianceJoin;
    std::vector<bool> chosen;  // by officer id, a bit each (a million officers: 125 KB)
    auto& all = c.prepare(most ? by_file : compliance_by_unit());
    read.bind(all);
    while (all.executeStep()) {
      ComplianceRow r = read.row(all);
      if (!listed(r)) continue;
      auto id = static_cast<std::size_t>(r.officer_id);
      if (id >= chosen.size()) chosen.resize(id + 1);
      chosen[id] = true;
    }
    all.reset();
    // 2. The listed officers in path order (the units' path index and officers_unit alone),
    // as far as the page goes.
    std::optional<Id> first;
    std::vector<Id> on_page;
    auto& order = c.prepare(
        "SELECT o.id FROM units u JOIN officers o ON o.unit_id = u.id "
        "WHERE u.path >= ?1 AND u.path < ?2 ORDER BY u.path, o.id");
    order.bind(1, range->lo);
    order.bind(2, range->hi);
    for (std::int64_t position = 0; position < offset + limit && order.executeStep();) {
      Id id = order.getColumn(0).getInt64();
      if (auto bit = static_cast<std::size_t>(id); bit >= chosen.size() || !chosen[bit]) continue;
      if (!first) first = id;
      if (position++ >= offset) on_page.push_back(id);
    }
    order.reset();
    // 3. Their rows, in that order.
    static const std::string one = std::string(kComplianceColumns) +
                                   "officers o JOIN units u ON u.id = o.unit_id" + kComplianceJoin + " AND o.id = ?6";
    auto& st = c.prepare(one);
    for (Id id : on_page) {
      read.bind(st);
      st.bind(6, id);
      if (st.executeStep()) {
        ComplianceRow r = read.row(st);
        page(r);
      }
      st.reset();
    }
    return first;
  });
}

std::vector<ComplianceRow> Credits::compliance_rows(Id unit_id, int year, Date as_of) {
  std::vector<ComplianceRow> out;
  each_compliance_row(unit_id, year, as_of, [&](ComplianceRow& r) { out.push_back(std::move(r)); });
  return out;
}

}  // namespace certhours::store
