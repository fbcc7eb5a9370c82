// The demo logins (seeds/logins.csv, also compiled in for logins()): the officer the officer
// login stands for, and one user per line, created in file order.
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "demo/internal.hpp"

namespace certhours::demo {

std::string_view logins_csv_text();  // generated from seeds/logins.csv (lib/demo/CMakeLists.txt)

namespace {

const std::string kFile = "logins.csv";

std::mutex g_logins_mu;

// The logins as last built, else as compiled in.
std::vector<Login>& logins_storage() {
  static std::vector<Login> all = [] {
    std::istringstream in{std::string(logins_csv_text())};
    std::vector<Login> out;
    for (const LoginLine& l : parse_logins(lines_of(in))) out.push_back(l.login);
    return out;
  }();
  return all;
}

LoginLine login_of(const Row& r) {
  LoginLine l;
  l.line = r.line;
  auto role = parse_role(r.f[2]);
  if (!role) fail(kFile, r.line, "role must be admin, hr or officer");
  l.role = *role;
  l.login = {r.f[0], r.f[1], role_key(l.role), r.f[4]};
  if (l.login.username.empty() || l.login.password.empty() || l.login.description.empty())
    fail(kFile, r.line, "username, password and description are required");
  l.unit = r.f[3];
  if (l.role == Role::admin && !l.unit.empty()) fail(kFile, r.line, "an admin login has no unit");
  if (l.role != Role::admin && l.unit.empty()) fail(kFile, r.line, "an hr or officer login needs a unit");
  return l;
}

const LoginLine& only(const World& w, Role role) {
  for (const LoginLine& l : w.seeds.logins)
    if (l.role == role) return l;
  throw std::logic_error("demo: no login of that role");  // read_logins() made sure of one
}

}  // namespace

std::vector<Login> logins() {
  std::lock_guard lock(g_logins_mu);
  return logins_storage();  // a copy: a later build() may replace them
}

std::vector<LoginLine> parse_logins(const std::vector<Line>& lines) {
  std::vector<LoginLine> out;
  int hr = 0, officer = 0;
  for (const Row& r : table_of(lines, kFile, "username,password,role,unit,description")) {
    out.push_back(login_of(r));
    hr += out.back().role == Role::hr;
    officer += out.back().role == Role::officer;
  }
  if (hr != 1 || officer != 1)
    throw std::runtime_error("seeds/" + kFile + ": needs exactly one hr login and one officer login");
  return out;
}

std::vector<LoginLine> read_logins(const std::string& dir, const UnitLayout& units) {
  auto out = parse_logins(read_lines(dir, kFile));
  for (const LoginLine& l : out)
    if (!l.unit.empty() && !units.known(l.unit)) fail(kFile, l.line, "unit " + l.unit + " is not in units.csv");
  return out;
}

// The officer login's: an enforcement officer of a town below its unit, on post for years.
void find_demo_officer(World& w) {
  w.hr_unit = w.tree->find_code(only(w, Role::hr).unit);
  w.officer_unit = w.tree->find_code(only(w, Role::officer).unit);
  for (std::size_t i = 0; i < w.officers.size(); ++i) {
    const Officer& o = w.officers[i].o;
    const Unit* u = w.tree->find(o.unit_id);
    if (u->level == UnitLevel::town && w.tree->contains(w.officer_unit->id, u->id) &&
        o.kind == OfficerKind::enforcement && o.status == OfficerStatus::active &&
        o.post_start < make_date(2023, 1, 1)) {
      w.demo_officer = i;
      return;
    }
  }
  throw std::runtime_error("demo: no enforcement officer in a town of " + w.officer_unit->name);
}

void create_users(World& w, const std::function<std::string(const std::string&)>& hash_password) {
  const Officer& me = w.officers[w.demo_officer].o;
  std::vector<Login> built;
  for (const LoginLine& l : w.seeds.logins) {
    std::optional<Id> unit, officer;
    if (l.role == Role::hr) unit = w.tree->find_code(l.unit)->id;
    if (l.role == Role::officer) officer = me.id;
    auto r = w.store.users.create({l.login.username, hash_password(l.login.password), l.role, unit, officer}, kActor);
    if (!r) throw std::runtime_error("demo: user " + l.login.username + ": " + r.status().message());
    built.push_back(l.login);
    // Who it is, now that the officer is known.
    if (l.role == Role::officer)
      built.back().description = w.officer_unit->name + w.tree->find(me.unit_id)->name + "执法人员 " + me.name;
  }
  std::lock_guard lock(g_logins_mu);
  logins_storage() = std::move(built);
}

}  // namespace certhours::demo
