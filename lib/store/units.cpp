#include "store/units.hpp"

#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

Units::Units(Database& db) : db_(db) { reload(); }

std::shared_ptr<const UnitTree> Units::tree() const {
  std::lock_guard lock(mu_);
  return tree_;
}

void Units::reload() {
  auto units = db_.read([](Connection& c) {
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
  std::lock_guard lock(mu_);
  tree_ = std::move(tree);
}

Result<Unit> Units::create(const NewUnit& n, const Actor& by) {
  auto result = db_.write([&](Connection& c) -> Result<Unit> {
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
      if (roots.getColumn(0).getInt64() > 0) return Status::invalid("parent_id", rules::second_root);
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
  if (result) reload();
  return result;
}

}  // namespace certhours::store
