// The demo officers: how many each unit gets (seeds/headcounts.csv), their names, posts and
// fictitious ID numbers (a Qinzhou region of seeds/regions.csv, a birth date, a sequence
// number that always begins with 9 and a valid GB 11643 check digit: they belong to nobody).
#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

HeadCount head_count_of(const Row& r, const std::string& file) {
  HeadCount h{whole_number(file, r.line, "min", r.f[1], 0, 1000), whole_number(file, r.line, "max", r.f[2], 0, 1000)};
  if (h.min > h.max) fail(file, r.line, "min is more than max");
  return h;
}

// The head count of one unit, drawn: its own line, else the line for its kind.
int head_count(const Seeds& s, const SeedUnit& u, Rng& rng) {
  const HeadCounts& h = s.headcounts;
  HeadCount c;
  if (auto it = h.unit.find(u.code); it != h.unit.end())
    c = it->second;
  else if (u.level == UnitLevel::town)
    c = h.town;
  else if (u.level == UnitLevel::county)
    c = s.units.has_children.count(u.code) ? h.county_with_units : h.county;
  else if (u.parent_code == s.units.root().code)
    c = h.under_root;
  else
    c = h.other;
  return rng.between(c.min, c.max);
}

// On post since 2010..2025; some joined during 2024 (proration), a few on 2024-03-20; about
// 5% left in 2024 or 2025. Returns the year the post began as drawn.
int draw_post(Officer& o, Date today, Rng& rng) {
  int r = rng.below(100);
  int start_year = r < 82 ? 2010 + rng.below(13) : r < 87 ? 2023 : r < 95 ? 2024 : 2025;
  unsigned sm = static_cast<unsigned>(rng.between(1, 12)), sd = static_cast<unsigned>(rng.between(1, 28));
  o.post_start = make_date(start_year, sm, sd);
  if (start_year == 2024 && rng.chance(25)) o.post_start = make_date(2024, 3, 20);
  // Nobody joins in the last days before the rotation deadline, after its last session began.
  if (o.post_start >= make_date(2024, 5, 25) && o.post_start <= kRotationDeadline) o.post_start = make_date(2024, 6, 3);
  if (o.post_start >= today) o.post_start = plus_days(today, -rng.between(30, 300));
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
  return start_year;
}

// A fictitious ID number: Qinzhou region, birth date, sequence 9xx, GB 11643 check digit.
std::string draw_id_number(const Regions& regions, const std::string& branch_code, int start_year, bool male,
                           std::set<std::string>& used, Rng& rng) {
  int birth_year = std::clamp(start_year - rng.between(22, 42), 1965, 2000);
  unsigned bm = static_cast<unsigned>(rng.between(1, 12)), bd = static_cast<unsigned>(rng.between(1, 28));
  std::string region;
  if (auto it = regions.of_branch.find(branch_code); it != regions.of_branch.end())
    region = it->second;
  else
    region = regions.codes[static_cast<std::size_t>(rng.below(static_cast<int>(regions.codes.size())))];
  for (;;) {
    char first17[18];
    int seq2 = rng.below(50) * 2 + (male ? 1 : 0);  // the 17th digit: odd for men, even for women
    std::snprintf(first17, sizeof first17, "%s%04d%02u%02u9%02d", region.c_str(), birth_year, bm, bd, seq2);
    std::string id = std::string(first17) + id_check_digit(first17);
    if (used.insert(id).second) {
      if (!valid_id_number(id)) throw std::logic_error("demo: generated an invalid ID number " + id);
      return id;
    }
  }
}

struct Drawn {
  std::set<std::string> names, ids;
  int police = 0, left = 0;
};

// Officers who left are registered as they were while serving; their leaving is recorded
// later (update_officer), after their certificate, so that it is withdrawn.
void register_officer(World& w, DemoOfficer& d) {
  Officer serving = d.o;
  serving.status = OfficerStatus::active;
  serving.post_end.reset();
  auto created = w.store.officers.create(serving, kActor);
  if (!created) throw std::runtime_error("demo: officer " + d.o.name + ": " + created.status().message());
  d.o.id = created->id;
}

void create_officers_of(World& w, const SeedUnit& u, Drawn& drawn, Rng& rng) {
  const std::size_t branch = w.seeds.units.branch_of.at(u.code);
  const std::string& branch_code = w.seeds.units.branch(branch).code;
  const int count = head_count(w.seeds, u, rng);
  const bool police_unit = u.name.find("公安") != std::string::npos;
  for (int k = 0; k < count; ++k) {
    DemoOfficer d;
    d.branch = branch;
    Officer& o = d.o;
    o.unit_id = w.unit_id.at(u.code);
    bool male = rng.chance(62);
    o.kind = police_unit && rng.chance(92) ? OfficerKind::police : OfficerKind::enforcement;
    o.name = draw_name(w.seeds.names, male, drawn.names, rng);
    int start_year = draw_post(o, w.today, rng);
    o.id_number = draw_id_number(w.seeds.regions, branch_code, start_year, male, drawn.ids, rng);
    register_officer(w, d);
    drawn.police += o.kind == OfficerKind::police;
    drawn.left += o.status == OfficerStatus::left;
    w.officers.push_back(std::move(d));
  }
}

}  // namespace

HeadCounts read_headcounts(const std::string& dir, const UnitLayout& units) {
  const std::string file = "headcounts.csv";
  HeadCounts h;
  std::map<std::string, HeadCount*> kinds = {{"*town", &h.town},
                                             {"*county_with_units", &h.county_with_units},
                                             {"*county", &h.county},
                                             {"*under_root", &h.under_root},
                                             {"*other", &h.other}};
  std::set<std::string> seen;
  for (const Row& r : read_table(dir, file, "unit,min,max")) {
    const std::string& key = r.f[0];
    if (!seen.insert(key).second) fail(file, r.line, "a second line for " + key);
    if (auto it = kinds.find(key); it != kinds.end())
      *it->second = head_count_of(r, file);
    else if (key.empty() || key[0] == '*' || !units.known(key) || key == units.root().code)
      fail(file, r.line, "'" + key + "' is no unit below the root of units.csv, nor *town, *county_with_units, "
                                     "*county, *under_root or *other");
    else
      h.unit[key] = head_count_of(r, file);
  }
  for (const auto& [key, count] : kinds)
    if (!seen.count(key)) throw std::runtime_error("seeds/" + file + ": no line for " + key);
  return h;
}

Regions read_regions(const std::string& dir, const UnitLayout& units) {
  const std::string file = "regions.csv";
  Regions out;
  for (const Row& r : read_table(dir, file, "region,name,units")) {
    const std::string& code = r.f[0];
    if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
      fail(file, r.line, "region must be 6 digits");
    if (r.f[1].empty()) fail(file, r.line, "name is empty");
    for (const std::string& unit : words(r.f[2])) {
      if (!units.is_branch(unit)) fail(file, r.line, unit + " is no unit directly under the root of units.csv");
      if (!out.of_branch.emplace(unit, code).second) fail(file, r.line, unit + " is in two regions");
    }
    out.codes.push_back(code);
  }
  if (out.codes.empty()) throw std::runtime_error("seeds/" + file + ": no regions");
  return out;
}

void create_officers(World& w, Rng& rng) {
  Drawn drawn;
  const auto& units = w.seeds.units.units;
  for (std::size_t i = 1; i < units.size(); ++i) create_officers_of(w, units[i], drawn, rng);
  w.log << "officers: " << w.officers.size() << " (police " << drawn.police << ", left " << drawn.left << ")\n";
}

}  // namespace certhours::demo
