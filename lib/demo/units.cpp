// The unit tree: seeds/units.csv read and checked, its branches (the units directly under
// the root), and the units written to the store in file order (a parent before its children).
#include <cctype>
#include <stdexcept>

#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

const std::string kFile = "units.csv";

SeedUnit unit_of(const Row& r, const std::set<std::string>& codes, bool first) {
  SeedUnit u;
  u.line = r.line;
  u.code = r.f[0];
  u.parent_code = r.f[2];
  if (u.code.empty() || u.code.size() > 32) fail(kFile, r.line, "code must be 1..32 characters");
  for (char ch : u.code)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_'))
      fail(kFile, r.line, "code '" + u.code + "' may hold only ASCII letters, digits, - and _");
  if (codes.count(u.code)) fail(kFile, r.line, "duplicate code " + u.code);
  auto name = clean_text("name", r.f[1], 100);
  if (!name) fail(kFile, r.line, "name: " + name.status().message());
  u.name = *name;
  auto level = parse_level(r.f[3]);
  if (!level) fail(kFile, r.line, "unknown level '" + r.f[3] + "' (city, county, department or town)");
  u.level = *level;
  if (first) {
    if (!u.parent_code.empty()) fail(kFile, r.line, "the first unit is the root: its parent_code must be empty");
  } else {
    if (u.parent_code.empty()) fail(kFile, r.line, "only the first unit may lack a parent_code");
    if (!codes.count(u.parent_code))
      fail(kFile, r.line, "parent_code " + u.parent_code + " is not defined on an earlier line");
  }
  return u;
}

}  // namespace

bool UnitLayout::known(const std::string& code) const { return code == root().code || branch_of.count(code); }

bool UnitLayout::is_branch(const std::string& code) const {
  for (std::size_t b : branches)
    if (units[b].code == code) return true;
  return false;
}

std::vector<SeedUnit> read_units(const std::string& dir) {
  std::vector<SeedUnit> out;
  std::set<std::string> codes;
  for (const Row& r : read_table(dir, kFile, "code,name,parent_code,level")) {
    out.push_back(unit_of(r, codes, out.empty()));
    codes.insert(out.back().code);
  }
  if (out.empty()) throw std::runtime_error("seeds/units.csv: no units");
  return out;
}

UnitLayout lay_out(std::vector<SeedUnit> units) {
  UnitLayout l;
  l.units = std::move(units);
  for (std::size_t i = 1; i < l.units.size(); ++i) {
    const SeedUnit& u = l.units[i];
    l.has_children.insert(u.parent_code);
    if (u.parent_code == l.root().code) {
      l.branch_of[u.code] = l.branches.size();
      l.branches.push_back(i);
    } else {
      l.branch_of[u.code] = l.branch_of.at(u.parent_code);
    }
  }
  if (l.branches.empty()) throw std::runtime_error("seeds/units.csv: the root has no units below it");
  return l;
}

void create_units(World& w) {
  const UnitLayout& l = w.seeds.units;
  for (const SeedUnit& u : l.units) {
    store::NewUnit nu{u.code, u.name, std::nullopt, u.level};
    if (!u.parent_code.empty()) nu.parent_id = w.unit_id.at(u.parent_code);
    auto r = w.store.units.create(nu, kActor);
    if (!r) fail(kFile, u.line, r.status().message());
    w.unit_id[u.code] = r->id;
  }
  w.tree = w.store.units.tree();
  w.root_id = w.unit_id.at(l.root().code);
  w.log << "units: " << l.units.size() << "\n";
}

}  // namespace certhours::demo
