#include "store/claims.hpp"

#include <boost/json.hpp>

#include "codec/claims.hpp"
#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

namespace {
constexpr const char* kColumns =
    "c.id, c.officer_id, c.title, c.provider, c.start_date, c.end_date, c.legal_halves, c.business_halves, "
    "c.political_halves, c.state, c.credited_legal_halves, c.credited_business_halves, c.credited_political_halves, "
    "c.created_by, c.created_at, c.submitted_at, c.decided_by, c.decided_at, c.reason, e.type, e.bytes, e.sha256, "
    "o.name, o.unit_id";
constexpr const char* kFrom =
    " FROM claims c JOIN officers o ON o.id = c.officer_id LEFT JOIN claim_evidence e ON e.claim_id = c.id";

std::string text_or_empty(const SQLite::Column& col) { return col.isNull() ? std::string() : col.getString(); }

ClaimRecord record_from_row(SQLite::Statement& st) {
  ClaimRecord r;
  Claim& c = r.claim;
  c.id = st.getColumn(0).getInt64();
  c.officer_id = st.getColumn(1).getInt64();
  c.spec.title = st.getColumn(2).getString();
  c.spec.provider = st.getColumn(3).getString();
  c.spec.start_date = column_date(st.getColumn(4));
  c.spec.end_date = column_date(st.getColumn(5));
  c.spec.hours = category_hours_at(st, 6);
  c.state = parse_claim_state(st.getColumn(9).getString()).value_or(kNewClaim);
  if (!st.getColumn(10).isNull()) c.credited = category_hours_at(st, 10);
  c.created_by = st.getColumn(13).getString();
  c.created_at = st.getColumn(14).getString();
  c.submitted_at = text_or_empty(st.getColumn(15));
  c.decided_by = text_or_empty(st.getColumn(16));
  c.decided_at = text_or_empty(st.getColumn(17));
  c.reason = st.getColumn(18).getString();
  if (!st.getColumn(19).isNull())
    c.evidence = Evidence{parse_evidence_type(st.getColumn(19).getString()).value_or(EvidenceType::pdf),
                          st.getColumn(20).getInt64(), st.getColumn(21).getString()};
  r.name = st.getColumn(22).getString();
  r.unit_id = st.getColumn(23).getInt64();
  return r;
}

std::optional<ClaimRecord> load(Connection& c, Id id) {
  static const std::string sql = std::string("SELECT ") + kColumns + kFrom + " WHERE c.id = ?";
  auto& st = c.prepare(sql);
  st.bind(1, id);
  std::optional<ClaimRecord> r;
  if (st.executeStep()) r = record_from_row(st);
  st.reset();
  return r;
}

std::string audit_json(const ClaimRecord& r) { return boost::json::serialize(codec::claim_json(r.claim)); }

Status not_found(Id id) { return Status::not_found(rules::claim_not_found, {{"id", std::to_string(id)}}); }
}  // namespace

Claims::Claims(Database& db, const Units& units) : db_(db), units_(units) {}

Result<ClaimRecord> Claims::create(Id officer_id, const ClaimSpec& spec, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<ClaimRecord> {
    if (!load_officer(c, officer_id))
      return Status::not_found(rules::officer_not_found, {{"id", std::to_string(officer_id)}});
    auto& open = c.prepare(
        "SELECT count(*) FROM claims WHERE officer_id = ? AND state IN ('awaiting_evidence', 'submitted')");
    open.bind(1, officer_id);
    std::int64_t n = open.executeStep() ? open.getColumn(0).getInt64() : 0;
    open.reset();
    if (n >= kMaxOpenClaims)
      return Status::conflict(rules::claim_open_limit, {{"max", std::to_string(kMaxOpenClaims)}});
    auto& st = c.prepare(
        "INSERT INTO claims(officer_id, title, provider, start_date, end_date, year, legal_halves, business_halves, "
        "political_halves, state, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, officer_id);
    st.bind(2, spec.title);
    st.bind(3, spec.provider);
    st.bind(4, format_date(spec.start_date));
    st.bind(5, format_date(spec.end_date));
    st.bind(6, counted_year(spec));
    st.bind(7, spec.hours.legal.halves());
    st.bind(8, spec.hours.business.halves());
    st.bind(9, spec.hours.political.halves());
    st.bind(10, claim_state_key(kNewClaim));
    st.bind(11, by.username);
    st.bind(12, now_rfc3339());
    st.exec();
    st.reset();
    auto r = load(c, c.db().getLastInsertRowid());
    append_audit(c, by, claim_action_key(ClaimAction::create), "claim", r->claim.id, "", audit_json(*r));
    return std::move(*r);
  });
}

std::optional<ClaimRecord> Claims::find(Id id) {
  return db_.read([&](Connection& c) { return load(c, id); });
}

Page<ClaimRecord> Claims::list(const ClaimQuery& q) {
  PathRange range = scope_range(*units_.tree(), q.scope);
  return db_.read([&](Connection& c) {
    Page<ClaimRecord> page;
    std::string where = " JOIN units u ON u.id = o.unit_id WHERE u.path >= ?1 AND u.path < ?2";
    if (q.state) where += " AND c.state = ?3";
    if (q.year) where += " AND c.year = ?4";
    auto bind = [&](SQLite::Statement& st) {
      st.bind(1, range.lo);
      st.bind(2, range.hi);
      if (q.state) st.bind(3, claim_state_key(*q.state));
      if (q.year) st.bind(4, *q.year);
    };
    auto& n = c.prepare(std::string("SELECT count(*)") + kFrom + where);
    bind(n);
    if (n.executeStep()) page.total = n.getColumn(0).getInt64();
    n.reset();
    // Oldest submitted first (by the latest evidence: a new file is a new submission); claims
    // never submitted (no evidence yet) after them.
    auto& st = c.prepare(std::string("SELECT ") + kColumns + kFrom + where +
                         " ORDER BY c.queue_seq IS NULL, c.queue_seq, c.id LIMIT ?5 OFFSET ?6");
    bind(st);
    st.bind(5, q.limit);
    st.bind(6, q.offset);
    while (st.executeStep()) page.items.push_back(record_from_row(st));
    st.reset();
    return page;
  });
}

std::vector<ClaimRecord> Claims::of_officer(Id officer_id) {
  return db_.read([&](Connection& c) {
    static const std::string sql =
        std::string("SELECT ") + kColumns + kFrom + " WHERE c.officer_id = ? ORDER BY c.id DESC";
    auto& st = c.prepare(sql);
    st.bind(1, officer_id);
    std::vector<ClaimRecord> out;
    while (st.executeStep()) out.push_back(record_from_row(st));
    st.reset();
    return out;
  });
}

Result<ClaimRecord> Claims::attach(Id id, const Evidence& e, std::string_view content, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<ClaimRecord> {
    auto before = load(c, id);
    if (!before) return not_found(id);
    if (Status s = check_claim_action(id, before->claim.state, ClaimAction::evidence, ""); !s) return s;
    auto& put = c.prepare(
        "INSERT INTO claim_evidence(claim_id, type, bytes, sha256, content) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(claim_id) DO UPDATE SET type = excluded.type, bytes = excluded.bytes, "
        "sha256 = excluded.sha256, content = excluded.content");
    put.bind(1, id);
    put.bind(2, evidence_media_type(e.type));
    put.bind(3, e.bytes);
    put.bind(4, e.sha256);
    put.bindNoCopy(5, content.data(), static_cast<int>(content.size()));
    put.exec();
    put.reset();
    auto& st = c.prepare(
        "UPDATE claims SET state = ?, submitted_at = ?, "
        "queue_seq = (SELECT coalesce(max(queue_seq), 0) + 1 FROM claims) WHERE id = ?");
    st.bind(1, claim_state_key(ClaimState::submitted));
    st.bind(2, now_rfc3339());
    st.bind(3, id);
    st.exec();
    st.reset();
    auto after = load(c, id);
    append_audit(c, by, claim_action_key(ClaimAction::evidence), "claim", id, audit_json(*before), audit_json(*after));
    return std::move(*after);
  });
}

std::optional<EvidenceFile> Claims::evidence(Id id) {
  return db_.read([&](Connection& c) {
    auto& st = c.prepare("SELECT type, content FROM claim_evidence WHERE claim_id = ?");
    st.bind(1, id);
    std::optional<EvidenceFile> out;
    if (st.executeStep()) {
      const SQLite::Column blob = st.getColumn(1);
      out = EvidenceFile{parse_evidence_type(st.getColumn(0).getString()).value_or(EvidenceType::pdf),
                         std::string(static_cast<const char*>(blob.getBlob()), static_cast<std::size_t>(blob.getBytes()))};
    }
    st.reset();
    return out;
  });
}

Result<ClaimRecord> Claims::act(Id id, ClaimAction action, const ClaimDecision& d, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<ClaimRecord> {
    if (action == ClaimAction::create || action == ClaimAction::evidence)  // create() and attach()
      return Status::invalid("action", rules::value_not_allowed,
                             {{"allowed", "withdraw,approve,reject,revoke"}, {"value", claim_action_key(action)}});
    auto before = load(c, id);
    if (!before) return not_found(id);
    const Claim& claim = before->claim;
    if (Status s = check_claim_action(id, claim.state, action, d.reason); !s) return s;
    std::optional<CategoryHours> credited = claim.credited;
    if (action == ClaimAction::approve) {
      auto hours = credited_for(claim.spec.hours, d.hours);
      if (!hours) return hours.status();
      credited = *hours;
    }
    bool decision = action != ClaimAction::withdraw;
    auto& st = c.prepare(
        "UPDATE claims SET state = ?1, credited_legal_halves = ?2, credited_business_halves = ?3, "
        "credited_political_halves = ?4, decided_by = coalesce(?5, decided_by), decided_at = coalesce(?6, decided_at), "
        "reason = ?7 WHERE id = ?8");
    st.bind(1, claim_state_key(*claim_next(claim.state, action)));
    if (credited) {
      st.bind(2, credited->legal.halves());
      st.bind(3, credited->business.halves());
      st.bind(4, credited->political.halves());
    }
    if (decision) {
      st.bind(5, by.username);
      st.bind(6, now_rfc3339());
    }
    st.bind(7, decision ? d.reason : claim.reason);
    st.bind(8, id);
    st.exec();
    st.reset();
    if (action == ClaimAction::withdraw) {  // nobody will review it: its file goes
      auto& drop = c.prepare("DELETE FROM claim_evidence WHERE claim_id = ?");
      drop.bind(1, id);
      drop.exec();
      drop.reset();
    }
    auto after = load(c, id);
    append_audit(c, by, claim_action_key(action), "claim", id, audit_json(*before), audit_json(*after));
    return std::move(*after);
  });
}

}  // namespace certhours::store
