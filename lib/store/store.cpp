#include "store/store.hpp"
#include "domain/messages.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

Store::Store(const std::string& path, int readers) : db_(std::make_unique<Database>(path, readers)) {
  reload_units();
}

Store::~Store() = default;

const std::string& Store::path() const { return db_->path(); }
int Store::schema_version() { return db_->schema_version(); }
void Store::set_bulk_load(bool on) { db_->set_bulk_load(on); }

std::int64_t Store::size_bytes() const {
  std::int64_t total = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    auto n = std::filesystem::file_size(db_->path() + suffix, ec);
    if (!ec) total += static_cast<std::int64_t>(n);
  }
  return total;
}

Page<AuditEntry> Store::audit(const std::optional<std::string>& entity, std::optional<Id> entity_id, int limit,
                              int offset) {
  return db_->read([&](Connection& c) {
    Page<AuditEntry> page;
    // Only the filters given, so that SQLite can use the audit_entity index: with
    // "(?1 IS NULL OR entity = ?1)" it cannot, and a filtered page read the whole log
    // (~0.5 s at 4 M rows). At most four statements, each prepared once.
    std::string where = entity && entity_id ? " WHERE entity = ?1 AND entity_id = ?2"
                        : entity            ? " WHERE entity = ?1"
                        : entity_id         ? " WHERE entity_id = ?2"
                                            : "";
    auto bind_filters = [&](SQLite::Statement& q) {
      if (entity) q.bind(1, *entity);
      if (entity_id) q.bind(2, *entity_id);
    };
    auto& count = c.prepare("SELECT count(*) FROM audit" + where);
    bind_filters(count);
    if (count.executeStep()) page.total = count.getColumn(0).getInt64();
    auto& st = c.prepare("SELECT id, at, actor, action, entity, entity_id, before, after FROM audit" + where +
                         " ORDER BY id DESC LIMIT ?3 OFFSET ?4");
    bind_filters(st);
    st.bind(3, limit);
    st.bind(4, offset);
    while (st.executeStep()) {
      AuditEntry e;
      e.id = st.getColumn(0).getInt64();
      e.at = st.getColumn(1).getString();
      e.actor = st.getColumn(2).getString();
      e.action = st.getColumn(3).getString();
      e.entity = st.getColumn(4).getString();
      if (!st.getColumn(5).isNull()) e.entity_id = st.getColumn(5).getInt64();
      e.before = st.getColumn(6).getString();
      e.after = st.getColumn(7).getString();
      page.items.push_back(std::move(e));
    }
    return page;
  });
}

// --- units ---

std::shared_ptr<const UnitTree> Store::units() const {
  std::lock_guard lock(units_mu_);
  return units_;
}

void Store::reload_units() {
  auto units = db_->read([](Connection& c) {
    std::vector<Unit> out;
    auto& st = c.prepare("SELECT id, code, name, parent_id, level, path FROM units");
    while (st.executeStep()) {
      Unit u;
      u.id = st.getColumn(0).getInt64();
      u.code = st.getColumn(1).getString();
      u.name = st.getColumn(2).getString();
      if (!st.getColumn(3).isNull()) u.parent_id = st.getColumn(3).getInt64();
      u.level = parse_level(st.getColumn(4).getString()).value_or(UnitLevel::town);
      u.path = st.getColumn(5).getString();
      out.push_back(std::move(u));
    }
    return out;
  });
  auto tree = std::make_shared<const UnitTree>(std::move(units));
  std::lock_guard lock(units_mu_);
  units_ = std::move(tree);
}

Result<Unit> Store::create_unit(const NewUnit& n, const Actor& by) {
  auto result = db_->write([&](Connection& c) -> Result<Unit> {
    Unit u;
    u.code = n.code;
    u.name = n.name;
    u.parent_id = n.parent_id;
    u.level = n.level;
    std::string parent_path = "/";
    if (n.parent_id) {
      auto& p = c.prepare("SELECT path FROM units WHERE id = ?");
      p.bind(1, *n.parent_id);
      if (!p.executeStep())
        return Status::invalid("parent_id", rules::unit_not_found, {{"id", std::to_string(*n.parent_id)}});
      parent_path = p.getColumn(0).getString();
    } else {
      auto& roots = c.prepare("SELECT count(*) FROM units WHERE parent_id IS NULL");
      roots.executeStep();
      if (roots.getColumn(0).getInt64() > 0)
        return Status::invalid("parent_id", rules::second_root);
    }
    auto& dup = c.prepare("SELECT 1 FROM units WHERE code = ?");
    dup.bind(1, n.code);
    if (dup.executeStep()) return Status::conflict(rules::unit_code_taken, {{"code", n.code}}, "code");
    auto& ins = c.prepare("INSERT INTO units(code, name, parent_id, level, path) VALUES (?, ?, ?, ?, ?)");
    ins.bind(1, u.code);
    ins.bind(2, u.name);
    if (u.parent_id) ins.bind(3, *u.parent_id);
    ins.bind(4, level_key(u.level));
    ins.bind(5, parent_path + "pending/");  // the path needs the new id
    ins.exec();
    u.id = c.db().getLastInsertRowid();
    u.path = parent_path + unit_path_segment(u.id);
    auto& upd = c.prepare("UPDATE units SET path = ? WHERE id = ?");
    upd.bind(1, u.path);
    upd.bind(2, u.id);
    upd.exec();
    append_audit(c, by, "create", "unit", u.id, "", audit_json(u));
    return u;
  });
  if (result) reload_units();
  return result;
}

}  // namespace certhours::store
