// The demo database (see demo.hpp): the Qinzhou unit tree from seeds/units.csv, a few
// hundred generated officers, the trainings of 2023 to the current year with their
// attendance, enforcement certificates in every state (dated relative to `today`, so that
// some always expire within 90 days and some suspensions always run past today), the
// annual grades of the years since 2024 that are over, and one login per role.
//
// Everything is drawn from std::mt19937 generators with fixed seeds, reduced with our own modulo
// (never std::uniform_int_distribution, whose output differs between standard libraries),
// so the same seeds and the same `today` give the same database everywhere.
//
// The officers are fictitious. Their names are random combinations of common surnames and
// given-name characters (seeds/surnames.txt, seeds/given.txt). Their ID numbers are
// generated: a Qinzhou region code (4507xx), a birth date, a sequence number that always
// begins with 9 and a valid GB 11643 check digit; they belong to nobody.
#include "demo.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

namespace certhours::demo {

namespace {

const store::Actor kActor{std::nullopt, "demo"};

// The issue date of 钦政办〔2024〕11号.
constexpr std::uint32_t kSeed = 20240402;

// The full-staff rotation campaign (docs/domain.md): sessions ending in this window count.
const Date kRotationStart = make_date(2023, 8, 9);
const Date kRotationDeadline = make_date(2024, 5, 31);

// ---------------------------------------------------------------------------------------
// Randomness that is identical on every platform.

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : g_(seed) {}
  // 0 .. n-1. REQUIRES: n > 0.
  int below(int n) { return static_cast<int>(g_() % static_cast<std::uint32_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i)
      std::swap(v[i - 1], v[static_cast<std::size_t>(below(static_cast<int>(i)))]);
  }

 private:
  std::mt19937 g_;
};

// ---------------------------------------------------------------------------------------
// Seed files.

struct Line {
  int number = 0;
  std::string text;
};

[[noreturn]] void fail(const std::string& file, int line, const std::string& what) {
  throw std::runtime_error("seeds/" + file + " line " + std::to_string(line) + ": " + what);
}

// The lines of a seed file, without a UTF-8 BOM, trailing CR, blank lines and # comments.
std::vector<Line> read_lines(const std::string& dir, const std::string& file) {
  std::string path = dir + "/" + file;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("seeds/" + file + ": cannot open " + path);
  std::vector<Line> out;
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (number == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos || text[first] == '#') continue;
    out.push_back({number, text});
  }
  if (in.bad()) throw std::runtime_error("seeds/" + file + ": cannot read " + path);
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (ch == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The code points of a UTF-8 string, each as its own string.
std::vector<std::string> utf8_chars(const std::string& s, const std::string& file, int line) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) fail(file, line, "invalid UTF-8");
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) fail(file, line, "invalid UTF-8");
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

struct SeedUnit {
  int line = 0;
  std::string code, name, parent_code;
  UnitLevel level = UnitLevel::city;
};

std::vector<SeedUnit> read_units(const std::string& dir) {
  const std::string file = "units.csv";
  auto lines = read_lines(dir, file);
  if (lines.empty()) throw std::runtime_error("seeds/units.csv: empty");
  if (lines[0].text != "code,name,parent_code,level")
    fail(file, lines[0].number, "expected the header code,name,parent_code,level");
  std::vector<SeedUnit> out;
  std::set<std::string> codes;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const Line& l = lines[i];
    auto f = split(l.text, ',');
    if (f.size() != 4) fail(file, l.number, "expected 4 fields, found " + std::to_string(f.size()));
    SeedUnit u;
    u.line = l.number;
    u.code = f[0];
    u.parent_code = f[2];
    if (u.code.empty() || u.code.size() > 32) fail(file, l.number, "code must be 1..32 characters");
    for (char ch : u.code)
      if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_'))
        fail(file, l.number, "code '" + u.code + "' may hold only ASCII letters, digits, - and _");
    if (codes.count(u.code)) fail(file, l.number, "duplicate code " + u.code);
    auto name = clean_text("name", f[1], 100);
    if (!name) fail(file, l.number, "name: " + name.status().message());
    u.name = *name;
    auto level = parse_level(f[3]);
    if (!level) fail(file, l.number, "unknown level '" + f[3] + "' (city, county, department or town)");
    u.level = *level;
    if (out.empty()) {
      if (!u.parent_code.empty()) fail(file, l.number, "the first unit is the root: its parent_code must be empty");
    } else {
      if (u.parent_code.empty()) fail(file, l.number, "only the first unit may lack a parent_code");
      if (!codes.count(u.parent_code))
        fail(file, l.number, "parent_code " + u.parent_code + " is not defined on an earlier line");
    }
    codes.insert(u.code);
    out.push_back(std::move(u));
  }
  if (out.empty()) throw std::runtime_error("seeds/units.csv: no units");
  return out;
}

struct Names {
  std::vector<std::string> surnames;
  std::vector<int> weights;
  int total_weight = 0;
  std::vector<std::string> male, female;  // each pool includes the characters marked u
};

Names read_names(const std::string& dir) {
  Names n;
  for (const Line& l : read_lines(dir, "surnames.txt")) {
    auto w = words(l.text);
    if (w.empty() || w.size() > 2) fail("surnames.txt", l.number, "expected: surname [weight]");
    auto chars = utf8_chars(w[0], "surnames.txt", l.number);
    if (chars.size() > 2) fail("surnames.txt", l.number, "a surname has one or two characters");
    int weight = 1;
    if (w.size() == 2) {
      try {
        std::size_t used = 0;
        weight = std::stoi(w[1], &used);
        if (used != w[1].size() || weight < 1 || weight > 1000) throw std::invalid_argument("weight");
      } catch (const std::exception&) {
        fail("surnames.txt", l.number, "weight must be a whole number 1..1000");
      }
    }
    n.surnames.push_back(w[0]);
    n.weights.push_back(weight);
    n.total_weight += weight;
  }
  if (n.surnames.empty()) throw std::runtime_error("seeds/surnames.txt: no surnames");
  for (const Line& l : read_lines(dir, "given.txt")) {
    auto w = words(l.text);
    if (w.size() != 2 || (w[0] != "m" && w[0] != "f" && w[0] != "u"))
      fail("given.txt", l.number, "expected: m|f|u characters");
    for (auto& ch : utf8_chars(w[1], "given.txt", l.number)) {
      if (w[0] != "f" && std::find(n.male.begin(), n.male.end(), ch) == n.male.end()) n.male.push_back(ch);
      if (w[0] != "m" && std::find(n.female.begin(), n.female.end(), ch) == n.female.end()) n.female.push_back(ch);
    }
  }
  if (n.male.empty() || n.female.empty())
    throw std::runtime_error("seeds/given.txt: needs characters for both male and female names");
  return n;
}

// ---------------------------------------------------------------------------------------
// Demo shape: how many officers each unit gets, and how each unit does in the rotation.

// Head counts of particular units (by code); other units get a count by level.
const std::map<std::string, std::pair<int, int>> kHeadCount = {
    {"QZ-GAJ", {22, 24}},    {"QZ-CGZFJ", {20, 24}}, {"QZ-SCJGJ", {20, 24}}, {"QZ-SFJ", {9, 11}},
    {"QZ-TJJ", {5, 6}},      {"QZ-DSJJ", {4, 5}},    {"QZ-CZJ", {4, 5}},     {"QZ-FGW", {5, 7}},
    {"QZ-GAJ-QN", {11, 13}}, {"QZ-GAJ-QB", {9, 11}},
};

// The share (%) of a unit's staff due for the rotation who attended a rotation session; the
// others are pending. Every unit not named here completed it.
const std::map<std::string, int> kRotationRate = {{"PB", 45}, {"QZ-WJW", 50}, {"QZ-TJJ", 30}, {"QB", 97}};

// Region codes (GB/T 2260) of the Qinzhou counties, used in generated ID numbers.
const char* const kRegions[] = {"450702", "450703", "450721", "450722"};
const std::map<std::string, std::string> kBranchRegion = {
    {"QN", "450702"},  {"QB", "450703"},  {"LS", "450721"},   {"PB", "450722"},
    {"QZG", "450702"}, {"SNW", "450702"}, {"BHXC", "450703"},
};

// The HR user's unit and where the demo officer user works.
constexpr const char* kHrUnit = "QN";

// ---------------------------------------------------------------------------------------

Date plus_days(Date d, int n) { return d + date::days{n}; }

// A start date for a session of `days` days near y-m-d that spans working days only.
Date workday_start(int y, unsigned m, unsigned d, int days) {
  Date s = make_date(y, m, d);
  for (;;) {
    unsigned wd = date::weekday{s}.c_encoding();  // 0 Sunday .. 6 Saturday
    if (wd == 0 || wd == 6 || static_cast<int>(wd) + days - 1 > 5) {
      s = plus_days(s, 1);
      continue;
    }
    return s;
  }
}

Hours hours(double h) { return *Hours::from_number(h); }

CategoryHours hours3(double legal, double business, double political) {
  return {hours(legal), hours(business), hours(political)};
}

struct Session {
  enum class Kind { regular, political, catch_up, rotation };
  Training t;
  Id audience = 0;  // officers of this unit's subtree attend
  Kind kind = Kind::regular;
  std::vector<store::AttendanceRecord> records;
};

struct DemoOfficer {
  Officer o;
  std::size_t branch = 0;  // index into the branches (children of the root)
};

std::string timing(std::chrono::steady_clock::time_point t0) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::ostringstream s;
  s << (ms / 1000) << "." << (ms % 1000) / 100 << "s";
  return s.str();
}

std::mutex g_logins_mu;

std::vector<Login>& logins_storage() {
  static std::vector<Login> all = {
      {"admin", "Admin@2024", "admin", "市司法局管理员（全市）"},
      {"hr", "Hr@2024qn", "hr", "钦南区人事专员（钦南区及所属单位）"},
      {"officer", "Officer@2024", "officer", "钦南区执法人员"},
  };
  return all;
}

}  // namespace

const std::vector<Login>& logins() {
  std::lock_guard lock(g_logins_mu);
  return logins_storage();
}

void build(store::Store& store, const std::string& seeds_dir, Date today,
           const std::function<std::string(const std::string&)>& hash_password, std::ostream& log) {
  auto t0 = std::chrono::steady_clock::now();
  const int current_year = year_of(today);
  Rng rng(kSeed);

  // --- seeds, all read before anything is written ---
  auto seed_units = read_units(seeds_dir);
  Names names = read_names(seeds_dir);
  if (!store.units()->all().empty()) throw std::runtime_error("demo: the database already holds units");

  // --- units ---
  std::map<std::string, Id> unit_id;
  std::map<std::string, std::size_t> seed_index;
  for (std::size_t i = 0; i < seed_units.size(); ++i) {
    const SeedUnit& u = seed_units[i];
    store::NewUnit nu{u.code, u.name, std::nullopt, u.level};
    if (!u.parent_code.empty()) nu.parent_id = unit_id.at(u.parent_code);
    auto r = store.create_unit(nu, kActor);
    if (!r) fail("units.csv", u.line, r.status().message());
    unit_id[u.code] = r->id;
    seed_index[u.code] = i;
  }
  auto tree = store.units();
  const SeedUnit& root = seed_units[0];
  log << "units: " << seed_units.size() << "\n";

  // Branches: the children of the root (city departments, counties, zones). Every other
  // unit belongs to the branch above it.
  std::vector<std::size_t> branches;             // seed indices
  std::map<std::string, std::size_t> branch_of;  // unit code -> index into branches
  std::set<std::string> has_children;
  for (std::size_t i = 1; i < seed_units.size(); ++i) {
    const SeedUnit& u = seed_units[i];
    has_children.insert(u.parent_code);
    if (u.parent_code == root.code) {
      branch_of[u.code] = branches.size();
      branches.push_back(i);
    } else {
      branch_of[u.code] = branch_of.at(u.parent_code);
    }
  }
  if (branches.empty()) throw std::runtime_error("seeds/units.csv: the root has no units below it");

  // --- officers ---
  std::vector<DemoOfficer> officers;
  std::set<std::string> used_names, used_ids;
  int police = 0, left = 0;
  for (std::size_t i = 1; i < seed_units.size(); ++i) {
    const SeedUnit& u = seed_units[i];
    std::size_t branch = branch_of.at(u.code);
    const std::string& branch_code = seed_units[branches[branch]].code;
    int count;
    if (auto it = kHeadCount.find(u.code); it != kHeadCount.end())
      count = rng.between(it->second.first, it->second.second);
    else if (u.level == UnitLevel::town)
      count = rng.between(12, 20);
    else if (u.level == UnitLevel::county)
      count = has_children.count(u.code) ? rng.between(3, 5) : rng.between(10, 16);
    else if (u.parent_code == root.code)
      count = rng.between(6, 14);
    else
      count = rng.between(8, 12);
    bool police_unit = u.name.find("公安") != std::string::npos;
    for (int k = 0; k < count; ++k) {
      DemoOfficer d;
      d.branch = branch;
      Officer& o = d.o;
      o.unit_id = unit_id.at(u.code);
      bool male = rng.chance(62);
      o.kind = police_unit && rng.chance(92) ? OfficerKind::police : OfficerKind::enforcement;
      // A plausible, unique name.
      for (int attempt = 0;; ++attempt) {
        int pick = rng.below(names.total_weight);
        std::size_t s = 0;
        while (pick >= names.weights[s]) pick -= names.weights[s++];
        const auto& pool = male ? names.male : names.female;
        std::string name = names.surnames[s] + pool[static_cast<std::size_t>(rng.below(static_cast<int>(pool.size())))];
        if (rng.chance(78)) name += pool[static_cast<std::size_t>(rng.below(static_cast<int>(pool.size())))];
        if (!used_names.count(name) || attempt >= 50) {
          used_names.insert(name);
          o.name = name;
          break;
        }
      }
      // On post since 2010..2025; some joined during 2024 (proration), a few on 2024-03-20.
      int r = rng.below(100);
      int start_year = r < 82 ? 2010 + rng.below(13) : r < 87 ? 2023 : r < 95 ? 2024 : 2025;
      unsigned sm = static_cast<unsigned>(rng.between(1, 12)), sd = static_cast<unsigned>(rng.between(1, 28));
      o.post_start = make_date(start_year, sm, sd);
      if (start_year == 2024 && rng.chance(25)) o.post_start = make_date(2024, 3, 20);
      // Nobody joins in the last days before the rotation deadline, after its last session began.
      if (o.post_start >= make_date(2024, 5, 25) && o.post_start <= kRotationDeadline)
        o.post_start = make_date(2024, 6, 3);
      if (o.post_start >= today) o.post_start = plus_days(today, -rng.between(30, 300));
      // About 5% left in 2024 or 2025.
      if (rng.chance(5) && o.post_start < make_date(2025, 6, 1)) {
        Date from = std::max(plus_days(o.post_start, 60), make_date(2024, 1, 15));
        Date to = make_date(2025, 12, 20);
        if (from < to) {
          Date end = plus_days(from, rng.below(static_cast<int>((to - from).count())));
          if (end < today) {
            o.post_end = end;
            o.status = OfficerStatus::left;
          }
        }
      }
      // A fictitious ID number: Qinzhou region, birth date, sequence 9xx, GB 11643 check digit.
      int birth_year = std::clamp(start_year - rng.between(22, 42), 1965, 2000);
      unsigned bm = static_cast<unsigned>(rng.between(1, 12)), bd = static_cast<unsigned>(rng.between(1, 28));
      std::string region;
      if (auto it = kBranchRegion.find(branch_code); it != kBranchRegion.end())
        region = it->second;
      else
        region = kRegions[rng.below(4)];
      for (;;) {
        char first17[18];
        int seq2 = rng.below(50) * 2 + (male ? 1 : 0);  // the 17th digit: odd for men, even for women
        std::snprintf(first17, sizeof first17, "%s%04d%02u%02u9%02d", region.c_str(), birth_year, bm, bd, seq2);
        std::string id = std::string(first17) + id_check_digit(first17);
        if (used_ids.insert(id).second) {
          o.id_number = id;
          break;
        }
      }
      if (!valid_id_number(o.id_number)) throw std::logic_error("demo: generated an invalid ID number " + o.id_number);
      // Officers who left are registered as they were while serving; their leaving is
      // recorded later (update_officer), after their certificate, so it is withdrawn.
      Officer serving = o;
      serving.status = OfficerStatus::active;
      serving.post_end.reset();
      auto created = store.create_officer(serving, kActor);
      if (!created) throw std::runtime_error("demo: officer " + o.name + ": " + created.status().message());
      o.id = created->id;
      police += o.kind == OfficerKind::police;
      left += o.status == OfficerStatus::left;
      officers.push_back(std::move(d));
    }
  }
  log << "officers: " << officers.size() << " (police " << police << ", left " << left << ")\n";

  // The demo officer user: an enforcement officer of a town of 钦南区, on post for years.
  const Unit* hr_unit = tree->find_code(kHrUnit);
  if (!hr_unit) throw std::runtime_error(std::string("seeds/units.csv: the demo needs unit ") + kHrUnit);
  const DemoOfficer* demo_officer = nullptr;
  for (const DemoOfficer& d : officers) {
    const Unit* u = tree->find(d.o.unit_id);
    if (u->level == UnitLevel::town && tree->contains(hr_unit->id, u->id) && d.o.kind == OfficerKind::enforcement &&
        d.o.status == OfficerStatus::active && d.o.post_start < make_date(2023, 1, 1)) {
      demo_officer = &d;
      break;
    }
  }
  if (!demo_officer) throw std::runtime_error("demo: no enforcement officer in a town of the HR unit");

  // --- training sessions: the yearly programme from 2023 on, and the rotation sessions ---
  std::vector<Session> sessions;
  const Id city_organizer = unit_id.count("QZ-SFJ") ? unit_id.at("QZ-SFJ") : unit_id.at(root.code);
  const Id root_id = unit_id.at(root.code);
  auto add = [&](std::string title, Date start, int days, CategoryHours h, Id organizer, Id audience,
                 Session::Kind kind, TrainingMode mode) {
    Session s;
    s.t.spec = {std::move(title), start, plus_days(start, days - 1), h};
    if (Status st = check_training(s.t.spec); !st)
      throw std::logic_error("demo: session " + s.t.spec.title + ": " + st.message());
    if (s.t.spec.end_date >= today) return;  // only sessions that already took place
    s.t.organizer_unit_id = organizer;
    s.t.rotation = kind == Session::Kind::rotation;
    s.t.mode = mode;
    s.audience = audience;
    s.kind = kind;
    sessions.push_back(std::move(s));
  };
  using K = Session::Kind;
  const auto in_person = TrainingMode::in_person, online = TrainingMode::online;
  if (current_year >= 2023) {
    // The revised law took effect on 2024-01-01; the city explained it in the autumn before.
    add("2023年法治讲座：新修订《中华人民共和国行政复议法》解读", workday_start(2023, 9, 20, 1), 1, hours3(4, 0, 0),
        city_organizer, root_id, K::regular, online);
    for (std::size_t k = 0; k < branches.size(); ++k) {
      const SeedUnit& b = seed_units[branches[k]];
      Date start = workday_start(2023, 10 + static_cast<unsigned>(k % 3), 6 + static_cast<unsigned>((k * 5) % 20), 2);
      add(b.name + "行政执法人员全员轮训（第一期）", start, 2, hours3(6, 8, 2), unit_id.at(b.code), unit_id.at(b.code),
          K::rotation, in_person);
    }
  }
  if (current_year >= 2024) {
    add("全员轮训（第二期）：行政执法人员网络专题培训", workday_start(2024, 3, 25, 3), 3, hours3(6, 6, 0),
        city_organizer, root_id, K::rotation, online);
    for (std::size_t k = 0; k < branches.size(); ++k) {
      const SeedUnit& b = seed_units[branches[k]];
      Date start = workday_start(2024, 4 + static_cast<unsigned>(k % 2), 8 + static_cast<unsigned>((k * 3) % 12), 2);
      add(b.name + "行政执法人员全员轮训（第三期）", start, 2, hours3(4, 10, 2), unit_id.at(b.code), unit_id.at(b.code),
          K::rotation, in_person);
    }
    add("全员轮训补训班", workday_start(2024, 5, 27, 3), 3, hours3(4, 8, 0), city_organizer, root_id, K::rotation,
        in_person);
  }
  for (int y = 2023; y <= current_year; ++y) {
    std::string Y = std::to_string(y) + "年";
    add(Y + "法治讲座：习近平法治思想专题", workday_start(y, 3, 12, 1), 1, hours3(4, 0, 2), city_organizer, root_id,
        K::regular, in_person);
    add(Y + "法治讲座：行政处罚法、行政许可法解读", workday_start(y, 5, 14, 1), 1, hours3(6, 0, 0), city_organizer,
        root_id, K::regular, online);
    add(Y + "行政执法技能网络培训（“三项制度”专题）", workday_start(y, 6, 16, 3), 3, hours3(2, 12, 0), city_organizer,
        root_id, K::regular, online);
    add(Y + "全市行政执法人员公共法律知识培训班", workday_start(y, 9, 15, 2), 2, hours3(12, 0, 2), city_organizer,
        root_id, K::regular, in_person);
    add(Y + "法治讲座：民法典与行政执法", workday_start(y, 10, 20, 1), 1, hours3(4, 0, 0), city_organizer, root_id,
        K::regular, online);
    add(Y + "行政执法人员集中补训班（法律知识与执法技能）", workday_start(y, 12, 8, 3), 3, hours3(10, 16, 2),
        city_organizer, root_id, K::catch_up, in_person);
    for (std::size_t k = 0; k < branches.size(); ++k) {
      const SeedUnit& b = seed_units[branches[k]];
      Id id = unit_id.at(b.code);
      unsigned ku = static_cast<unsigned>(k);
      add(b.name + Y + "执法技能培训班", workday_start(y, 4 + ku % 3, 6 + (ku * 7) % 20, 3), 3, hours3(2, 20, 0), id,
          id, K::regular, in_person);
      add(b.name + Y + "业务知识培训", workday_start(y, 8 + ku % 3, 3 + (ku * 5) % 22, 2), 2, hours3(0, 14, 0), id, id,
          K::regular, k % 3 == 0 ? online : in_person);
      bool big = b.level == UnitLevel::county || has_children.count(b.code) || kHeadCount.count(b.code);
      if (big || k % 2 == 0)
        add(b.name + Y + "政治理论学习", workday_start(y, 7, 1 + (ku * 3) % 25, 1), 1, hours3(0, 0, 4), id, id,
            K::political, in_person);
      if (big)
        add(b.name + Y + "执法案卷评查实务培训", workday_start(y, 11, 2 + (ku * 4) % 20, 1), 1, hours3(2, 6, 0), id, id,
            K::regular, in_person);
      if (b.level == UnitLevel::county && has_children.count(b.code))
        add(b.name + Y + "镇（街道）综合行政执法人员业务培训", workday_start(y, 10, 9 + ku % 10, 2), 2,
            hours3(2, 10, 0), id, id, K::regular, in_person);
    }
  }
  std::stable_sort(sessions.begin(), sessions.end(), [](const Session& a, const Session& b) {
    return a.t.spec.start_date != b.t.spec.start_date ? a.t.spec.start_date < b.t.spec.start_date
                                                      : a.t.spec.end_date < b.t.spec.end_date;
  });

  // --- who attended what ---
  auto eligible = [&](const Session& s, const Officer& o) {
    return o.post().on_post(s.t.spec.start_date) && o.post().on_post(s.t.spec.end_date) &&
           tree->contains(s.audience, o.unit_id);
  };
  // Sessions by the year they count in.
  std::map<int, std::vector<std::size_t>> by_year;
  for (std::size_t i = 0; i < sessions.size(); ++i) by_year[counted_year(sessions[i].t.spec)].push_back(i);

  auto ceil_share = [](Hours h, int percent) { return Hours::from_halves((h.halves() * percent + 99) / 100); };
  const int short_legal[] = {2, 4, 5, 6, 8, 12};
  const int short_business[] = {2, 4, 6, 8, 10, 16};

  std::map<std::size_t, int> due_seen;  // per branch: officers due for the rotation so far
  for (const DemoOfficer& d : officers) {
    const Officer& o = d.o;
    const bool is_demo_officer = &d == demo_officer;
    // The rotation: everyone due attends one rotation session, except in the lagging units.
    std::set<std::size_t> forced;
    bool due = o.post_start <= kRotationDeadline && (!o.post_end || *o.post_end >= kRotationDeadline);
    if (due && today > kRotationStart) {
      const std::string& bcode = seed_units[branches[d.branch]].code;
      int rate = kRotationRate.count(bcode) ? kRotationRate.at(bcode) : 100;
      int pref = rng.below(100);
      // Exactly `rate`% of each unit's due staff, spread evenly over its list.
      int nth = due_seen[d.branch]++;
      bool attends = (nth + 1) * rate / 100 > nth * rate / 100;
      if (attends || is_demo_officer) {
        std::vector<std::size_t> options;
        for (std::size_t i = 0; i < sessions.size(); ++i)
          if (sessions[i].kind == K::rotation && eligible(sessions[i], o)) options.push_back(i);
        if (!options.empty()) {
          // Mostly their own unit's first session; otherwise a later one.
          std::size_t pick = options[0];
          if (pref >= 65 && options.size() > 1)
            pick = options[1 + static_cast<std::size_t>(rng.below(static_cast<int>(options.size() - 1)))];
          forced.insert(pick);
        }
      }
    }

    for (auto& [year, idx] : by_year) {
      if (!o.post().overlaps(year)) continue;
      auto policy = store.policy(year);
      if (!policy) continue;
      Requirement req = required_for(*policy, o.post(), year);
      // The target per category, and whether the officer stops short of it (partial credits).
      Hours target_legal = req.legal, target_business = req.business;
      bool cap_legal = false, cap_business = false;
      if (year < current_year) {
        int r = rng.below(100);
        if (is_demo_officer) r = 0;
        if (r >= 72 && r < 80)
          cap_legal = true;
        else if (r >= 80 && r < 88)
          cap_business = true;
        else if (r >= 88 && r < 94)
          cap_legal = cap_business = true;
        Hours sl = hours(short_legal[rng.below(6)]), sb = hours(short_business[rng.below(6)]);
        if (cap_legal) target_legal = sl < req.legal ? req.legal - sl : Hours();
        if (cap_business) target_business = sb < req.business ? req.business - sb : Hours();
      } else {  // the current year: some have met it, most are on their way, some are behind
        int r = rng.below(100);
        int fl = 100, fb = 100;
        if (r >= 40 && r < 70)
          fl = rng.between(80, 97), fb = rng.between(80, 97);
        else if (r >= 70)
          fl = rng.between(20, 70), fb = rng.between(20, 75);
        if (is_demo_officer) fl = 60, fb = 45;
        cap_legal = fl < 100;
        cap_business = fb < 100;
        target_legal = ceil_share(req.legal, fl);
        target_business = ceil_share(req.business, fb);
      }
      CategoryHours earned;
      auto attend = [&](std::size_t i, bool maybe_partial) {
        const CategoryHours& h = sessions[i].t.spec.hours;
        PartialCredit pc;
        CategoryHours got = h;
        if (cap_legal && earned.legal + h.legal > target_legal)
          got.legal = target_legal > earned.legal ? target_legal - earned.legal : Hours();
        if (cap_business && earned.business + h.business > target_business)
          got.business = target_business > earned.business ? target_business - earned.business : Hours();
        // Now and then someone leaves a long course early and is credited part of it.
        if (maybe_partial && got.business == h.business && h.business >= hours(8) && rng.chance(5))
          got.business = Hours::from_halves(h.business.halves() / 2);
        if (got.legal != h.legal) pc.legal = got.legal;
        if (got.business != h.business) pc.business = got.business;
        earned += got;
        sessions[i].records.push_back({o.id, pc});
      };
      // Rotation sessions first (they were attended regardless of the hours owed).
      for (std::size_t i : idx)
        if (forced.count(i)) attend(i, false);
      std::vector<std::size_t> candidates;
      for (std::size_t i : idx) {
        const Session& s = sessions[i];
        if (forced.count(i) || s.kind == K::rotation || !eligible(s, o)) continue;
        if (s.kind == K::political) {
          if (rng.chance(70)) attend(i, false);
        } else {
          candidates.push_back(i);
        }
      }
      rng.shuffle(candidates);
      std::stable_partition(candidates.begin(), candidates.end(),
                            [&](std::size_t i) { return sessions[i].kind != K::catch_up; });
      for (std::size_t i : candidates) {
        const CategoryHours& h = sessions[i].t.spec.hours;
        bool need_legal = earned.legal < target_legal && h.legal > Hours();
        bool need_business = earned.business < target_business && h.business > Hours();
        if (!need_legal && !need_business) continue;
        attend(i, !is_demo_officer);
      }
    }
  }

  // --- write the sessions and their attendance ---
  std::size_t attendance = 0;
  for (Session& s : sessions) {
    auto created = store.create_training(s.t, kActor);
    if (!created) throw std::runtime_error("demo: training " + s.t.spec.title + ": " + created.status().message());
    if (s.records.empty()) continue;
    auto added = store.add_attendance(created->id, s.records, std::nullopt, kActor);
    if (!added) throw std::runtime_error("demo: attendance of " + s.t.spec.title + ": " + added.status().message());
    attendance += static_cast<std::size_t>(added->added);
  }
  log << "trainings: " << sessions.size() << ", attendance: " << attendance << "\n";

  // --- certificates: most enforcement officers hold one; police never do ---
  // Their own generator, so that the officers and trainings above stay as they were.
  Rng crng(kSeed + 1);
  const Date five_years_ago = Date(date::year_month_day(today) - date::years(5));
  auto in_hr = [&](const Officer& o) { return tree->contains(hr_unit->id, o.unit_id); };
  auto draw = [&](Date lo, Date hi) { return hi <= lo ? lo : plus_days(lo, crng.below(static_cast<int>((hi - lo).count()) + 1)); };

  enum class Plan {
    none,            // no certificate (yet): a recent hire awaiting the exam, or never certified
    normal,          // valid today
    renewed,         // an older certificate that expired, then the current one
    expiring,        // valid today, expires within 90 days
    expired,         // expired, not renewed yet
    suspended_until, // suspended today, with an `until` after today
    suspended_open,  // suspended today, no `until`
    restored,        // suspended, then restored
    lapsed,          // suspended with an `until` that has passed
    transferred,     // withdrawn: moved off enforcement duties, still on post
    cancelled,       // withdrawn, then cancelled
    graded_out,      // suspended after an `incompetent` grade
    left,            // withdrawn on leaving post
    left_suspended,  // suspended, then withdrawn on leaving post
    left_cancelled,  // withdrawn on leaving post, then cancelled
  };
  std::map<std::size_t, Plan> plan;  // officer index -> plan
  std::vector<std::size_t> enforcement;
  for (std::size_t i = 0; i < officers.size(); ++i)
    if (officers[i].o.kind == OfficerKind::enforcement) enforcement.push_back(i);
  std::vector<std::size_t> order = enforcement;
  crng.shuffle(order);
  const std::size_t demo_index = static_cast<std::size_t>(demo_officer - officers.data());
  // Special cases go to long-serving active officers (the HR unit's subtree first when asked).
  auto take = [&](Plan p, bool hr_first, Date started_before) {
    for (int pass = hr_first ? 0 : 1; pass < 2; ++pass)
      for (std::size_t i : order) {
        const Officer& o = officers[i].o;
        if (plan.count(i) || i == demo_index || o.status != OfficerStatus::active || o.post_start >= started_before ||
            (pass == 0 && !in_hr(o)))
          continue;
        plan[i] = p;
        return;
      }
  };
  const Date long_ago = plus_days(five_years_ago, -120);
  const Date a_while_ago = plus_days(today, -720);
  for (int k = 0; k < 5; ++k) take(Plan::expiring, k < 2, long_ago);
  for (int k = 0; k < 2; ++k) take(Plan::expired, k < 1, long_ago);
  for (int k = 0; k < 2; ++k) take(Plan::suspended_until, k < 1, a_while_ago);
  take(Plan::suspended_open, false, a_while_ago);
  take(Plan::restored, true, a_while_ago);
  take(Plan::lapsed, false, a_while_ago);
  take(Plan::transferred, false, a_while_ago);
  take(Plan::cancelled, false, a_while_ago);
  if (current_year - 1 >= 2024) take(Plan::graded_out, false, a_while_ago);
  // Those who left: each held a certificate when they left.
  int left_suspended = 0, left_cancelled = 0;
  for (std::size_t i : order) {
    const Officer& o = officers[i].o;
    if (o.status != OfficerStatus::left) continue;
    Plan p = Plan::left;
    if (left_suspended < 1 && (*o.post_end - o.post_start).count() >= 120) {
      p = Plan::left_suspended;
      ++left_suspended;
    } else if (left_cancelled < 2 && plus_days(*o.post_end, 30) < today) {
      p = Plan::left_cancelled;
      ++left_cancelled;
    }
    plan[i] = p;
  }
  // Everybody else: valid today, some renewed after an older certificate expired, a few never
  // certified, and recent hires still waiting for the exam.
  const Date renew_before = plus_days(five_years_ago, -30);
  for (std::size_t i : enforcement) {
    if (plan.count(i)) continue;
    const Officer& o = officers[i].o;
    if (plus_days(o.post_start, 30) > plus_days(today, -14) || (i != demo_index && crng.chance(4)))
      plan[i] = Plan::none;
    else if (i != demo_index && o.post_start < make_date(2019, 6, 1) && make_date(2019, 1, 1) < renew_before &&
             crng.chance(25))
      plan[i] = Plan::renewed;
    else
      plan[i] = Plan::normal;
  }

  // The timeline: every issue, action and leaving, carried out in date order.
  struct Step {
    enum class Kind { issue, act, leave } kind = Kind::issue;
    Date on;
    std::size_t officer = 0;
    int cert = 0;  // the officer's n-th certificate (issue, act)
    CertAction action = CertAction::issue;
    std::string reason;
    std::optional<Date> until;
  };
  std::vector<Step> steps;
  auto issue = [&](std::size_t i, int n, Date on) { steps.push_back({Step::Kind::issue, on, i, n, CertAction::issue, "", std::nullopt}); };
  auto act = [&](std::size_t i, int n, CertAction a, Date on, std::string reason, std::optional<Date> until = std::nullopt) {
    steps.push_back({Step::Kind::act, on, i, n, a, std::move(reason), until});
  };
  const std::string kSuspect = "涉嫌违法执法，暂扣待查";
  for (std::size_t i : enforcement) {
    const Officer& o = officers[i].o;
    const Date first = plus_days(o.post_start, 30);
    // A current certificate, valid beyond the next 90 days.
    auto current = [&](Date latest) {
      Date lo = std::max(first, plus_days(five_years_ago, 91));
      Date hi = std::min(latest, std::max(make_date(2024, 12, 31), plus_days(lo, 365)));
      return draw(lo, std::max(lo, hi));
    };
    const Date settled = plus_days(today, -420);  // issued well before anything happened to it
    switch (plan.at(i)) {
      case Plan::none: break;
      case Plan::normal: issue(i, 0, current(plus_days(today, -14))); break;
      case Plan::renewed: {
        Date old = draw(std::max(first, make_date(2019, 1, 1)), renew_before);
        issue(i, 0, old);
        issue(i, 1, plus_days(default_expiry(old), 1 + crng.below(21)));
        break;
      }
      case Plan::expiring: {
        static const int kDays[] = {6, 24, 41, 59, 83};
        int n = 0;
        for (const auto& [j, p] : plan) n += p == Plan::expiring && j < i;
        issue(i, 0, plus_days(five_years_ago, kDays[n % 5]));
        break;
      }
      case Plan::expired: issue(i, 0, plus_days(five_years_ago, -crng.between(15, 80))); break;
      case Plan::suspended_until:
        issue(i, 0, current(settled));
        act(i, 0, CertAction::suspend, plus_days(today, -crng.between(10, 30)), kSuspect,
            plus_days(today, crng.between(20, 60)));
        break;
      case Plan::suspended_open:
        issue(i, 0, current(settled));
        act(i, 0, CertAction::suspend, plus_days(today, -crng.between(60, 120)), "执法过错责任追究期间，暂扣执法证件");
        break;
      case Plan::restored:
        issue(i, 0, current(settled));
        act(i, 0, CertAction::suspend, plus_days(today, -300), kSuspect);
        act(i, 0, CertAction::restore, plus_days(today, -240), "经调查不存在违法执法情形，予以恢复");
        break;
      case Plan::lapsed: {
        Date from = plus_days(today, -200);
        issue(i, 0, current(settled));
        act(i, 0, CertAction::suspend, from, "执法程序违规，暂扣一个月", plus_days(from, 30));
        break;
      }
      case Plan::transferred:
        issue(i, 0, current(settled));
        act(i, 0, CertAction::withdraw, plus_days(today, -crng.between(100, 200)), "调离执法岗位");
        break;
      case Plan::cancelled:
        issue(i, 0, current(settled));
        act(i, 0, CertAction::withdraw, plus_days(today, -250), "违法执法，收回执法证件");
        act(i, 0, CertAction::cancel, plus_days(today, -200), "违法执法情节严重，注销执法证件");
        break;
      case Plan::graded_out: {
        Date on = std::min(make_date(current_year, 3, 15), plus_days(today, -1));
        issue(i, 0, current(settled));
        act(i, 0, CertAction::suspend, on, "年度考核不称职");
        break;
      }
      case Plan::left:
      case Plan::left_suspended:
      case Plan::left_cancelled: {
        Date end = *o.post_end;
        Date lo = std::max(first, plus_days(Date(date::year_month_day(end) - date::years(5)), 30));
        Date hi = plus_days(end, plan.at(i) == Plan::left_suspended ? -60 : -30);
        if (hi < lo) hi = lo = std::min(o.post_start, plus_days(end, -1));
        issue(i, 0, draw(lo, hi));
        if (plan.at(i) == Plan::left_suspended) act(i, 0, CertAction::suspend, plus_days(end, -40), kSuspect);
        steps.push_back({Step::Kind::leave, end, i, 0, CertAction::withdraw, "", std::nullopt});
        if (plan.at(i) == Plan::left_cancelled)
          act(i, 0, CertAction::cancel, plus_days(end, 30), "离开执法岗位，注销执法证件");
        break;
      }
    }
  }
  std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.on < b.on; });
  // Numbers in issue order within each year: QZ-2023-000412.
  std::map<int, int> next_number;
  std::map<std::pair<std::size_t, int>, Id> cert_id;
  for (const Step& st : steps) {
    const Officer& o = officers[st.officer].o;
    if (st.kind == Step::Kind::issue) {
      int y = year_of(st.on);
      auto [it, fresh] = next_number.try_emplace(y, 0);
      it->second = fresh ? crng.between(100, 400) : it->second + crng.between(1, 6);
      char number[32];
      std::snprintf(number, sizeof number, "QZ-%04d-%06d", y, it->second);
      auto r = store.issue_certificate(o.id, number, st.on, std::nullopt, kActor);
      if (!r) throw std::runtime_error("demo: certificate of " + o.name + ": " + r.status().message());
      cert_id[{st.officer, st.cert}] = r->id;
    } else if (st.kind == Step::Kind::act) {
      auto r = store.act_on_certificate(cert_id.at({st.officer, st.cert}), st.action, st.on, st.reason, st.until, kActor);
      if (!r)
        throw std::runtime_error("demo: " + std::string(cert_action_key(st.action)) + " certificate of " + o.name + ": " +
                                 r.status().message());
    } else {
      store::OfficerPatch p;
      p.status = OfficerStatus::left;
      p.post_end = o.post_end;
      auto r = store.update_officer(o.id, p, kActor);
      if (!r) throw std::runtime_error("demo: officer " + o.name + " leaving: " + r.status().message());
    }
  }
  // Anyone who left without an enforcement certificate (police) leaves now.
  for (std::size_t i = 0; i < officers.size(); ++i) {
    const Officer& o = officers[i].o;
    if (o.status != OfficerStatus::left || plan.count(i)) continue;
    store::OfficerPatch p;
    p.status = OfficerStatus::left;
    p.post_end = o.post_end;
    auto r = store.update_officer(o.id, p, kActor);
    if (!r) throw std::runtime_error("demo: officer " + o.name + " leaving: " + r.status().message());
  }
  auto certs = store.certificates_in(root_id);
  std::map<CertState, int> by_state;
  std::set<Id> certified_today;  // officers holding a valid certificate today
  int expiring = 0;
  for (const Certificate& c : certs) {
    CertState s = *state_on(c, today);
    ++by_state[s];
    if (s == CertState::valid) {
      certified_today.insert(c.officer_id);
      expiring += c.expires_on <= plus_days(today, 90);
    }
  }
  log << "certificates: " << certs.size();
  for (CertState s : {CertState::valid, CertState::suspended, CertState::withdrawn, CertState::cancelled, CertState::expired})
    log << (s == CertState::valid ? " (" : ", ") << cert_state_key(s) << " " << by_state[s];
  log << "), expiring within 90 days: " << expiring << "\n";

  // --- annual assessments of the years that are over (from 2024) ---
  // Most are competent, some excellent, a few basically competent or incompetent. Those on
  // post less than a quarter of the year, or who left during it, get no grade.
  int assessed = 0;
  for (int y = 2024; y < current_year; ++y) {
    std::map<Grade, int> grades;
    // For 2024, a few certified officers graded incompetent: some who met their hours, some
    // who did not, so the exit review shows both reasons.
    std::set<Id> incompetent;
    if (y == 2024) {
      auto policy = store.policy(y);
      int met = 0, missed = 0;
      std::vector<store::ComplianceRow> rows = store.compliance_rows(root_id, y);
      std::vector<std::size_t> idx(rows.size());
      for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = k;
      crng.shuffle(idx);
      for (std::size_t k : idx) {
        const auto& row = rows[k];
        if (row.officer_id == demo_officer->o.id || !certified_today.count(row.officer_id) ||
            row.post.start > make_date(y, 10, 1))
          continue;
        auto st = evaluate_year(policy, row.post, y, today, row.earned).status;
        if (st == ComplianceStatus::met && met < 3) ++met, incompetent.insert(row.officer_id);
        if (st == ComplianceStatus::not_met && missed < 2) ++missed, incompetent.insert(row.officer_id);
      }
    }
    const Date year_end = make_date(y, 12, 31), late = make_date(y, 10, 1);
    for (std::size_t i = 0; i < officers.size(); ++i) {
      const Officer& o = officers[i].o;
      if (o.post_start > late || !o.post().on_post(year_end)) continue;
      const bool graded_out = y == current_year - 1 && plan.count(i) && plan.at(i) == Plan::graded_out;
      const bool fixed = &officers[i] == demo_officer || incompetent.count(o.id) || graded_out;
      if (crng.chance(3) && !fixed) continue;  // a grade not entered (yet)
      int r = crng.below(1000);
      Grade g = r < 170 ? Grade::excellent : r < 890 ? Grade::competent : r < 990 ? Grade::basically_competent : Grade::incompetent;
      if (&officers[i] == demo_officer) g = Grade::competent;
      if (incompetent.count(o.id) || graded_out) g = Grade::incompetent;
      if (Status s = store.put_assessment(o.id, y, g, kActor); !s)
        throw std::runtime_error("demo: assessment of " + o.name + ": " + s.message());
      ++grades[g];
      ++assessed;
    }
    log << "assessments " << y << ":";
    for (Grade g : {Grade::excellent, Grade::competent, Grade::basically_competent, Grade::incompetent})
      log << " " << grade_key(g) << " " << grades[g];
    log << "\n";
  }

  // --- one user per role ---
  const auto& ls = logins_storage();
  auto make_user = [&](const Login& l, Role role, std::optional<Id> unit, std::optional<Id> officer) {
    auto r = store.create_user({l.username, hash_password(l.password), role, unit, officer}, kActor);
    if (!r) throw std::runtime_error("demo: user " + l.username + ": " + r.status().message());
  };
  make_user(ls[0], Role::admin, std::nullopt, std::nullopt);
  make_user(ls[1], Role::hr, hr_unit->id, std::nullopt);
  make_user(ls[2], Role::officer, std::nullopt, demo_officer->o.id);
  {
    std::lock_guard lock(g_logins_mu);
    logins_storage()[2].description =
        hr_unit->name + tree->find(demo_officer->o.unit_id)->name + "执法人员 " + demo_officer->o.name;
  }

  log << "units: " << seed_units.size() << ", officers: " << officers.size() << ", trainings: " << sessions.size()
      << ", attendance: " << attendance << ", certificates: " << certs.size() << ", assessments: " << assessed
      << ", users: " << ls.size() << " (" << timing(t0) << ")\n";
}

}  // namespace certhours::demo
