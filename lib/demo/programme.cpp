// The training programme: seeds/programme.csv read and checked, expanded into the sessions of
// 2023 to the current year that already took place, and those written with their attendance.
#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "demo/internal.hpp"

namespace certhours::demo {

namespace {

const std::string kFile = "programme.csv";

bool to_int(const std::string& s, int& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size() && out >= 0;
}

// "N", "N+k%M" or "N+k*P%M".
std::optional<KExpr> parse_k(const std::string& s) {
  KExpr e;
  const std::size_t plus = s.find('+');
  if (!to_int(s.substr(0, plus), e.base)) return std::nullopt;
  if (plus == std::string::npos) return e;
  std::string rest = s.substr(plus + 1);
  if (rest.rfind("k", 0) != 0) return std::nullopt;
  const std::size_t mod = rest.find('%');
  if (mod == std::string::npos || !to_int(rest.substr(mod + 1), e.mod) || e.mod == 0) return std::nullopt;
  e.mul = 1;
  if (mod > 1 && (rest[1] != '*' || !to_int(rest.substr(2, mod - 2), e.mul))) return std::nullopt;
  return e;
}

KExpr k_field(const Row& r, std::size_t i, const std::string& what, unsigned hi, bool branches) {
  auto e = parse_k(r.f[i]);
  if (!e) fail(kFile, r.line, what + " must be N, N+k%M or N+k*P%M, not '" + r.f[i] + "'");
  if (e->mod && !branches) fail(kFile, r.line, what + ": k (the branch) is only known on lines for branches");
  if (e->base < 1 || static_cast<unsigned>(e->base + (e->mod ? e->mod - 1 : 0)) > hi)
    fail(kFile, r.line, what + " must stay within 1.." + std::to_string(hi));
  return *e;
}

void parse_years(const Row& r, ProgrammeLine& p) {
  const std::string& y = r.f[0];
  const std::size_t dash = y.find('-');
  p.first_year = whole_number(kFile, r.line, "years", y.substr(0, dash), 2000, 2100);
  if (dash == std::string::npos) p.last_year = p.first_year;
  else if (dash + 1 < y.size())
    p.last_year = whole_number(kFile, r.line, "years", y.substr(dash + 1), p.first_year, 2100);
}

void parse_audience(const Row& r, const UnitLayout& units, ProgrammeLine& p) {
  static const std::map<std::string, Audience> kAudiences = {
      {"city", Audience::city}, {"each_branch", Audience::each_branch}, {"big_branches", Audience::big_branches},
      {"big_or_even_branches", Audience::big_or_even_branches}, {"counties_with_units", Audience::counties_with_units}};
  auto it = kAudiences.find(r.f[1]);
  if (it == kAudiences.end())
    fail(kFile, r.line, "for must be city, each_branch, big_branches, big_or_even_branches or counties_with_units");
  p.audience = it->second;
  p.organizer = r.f[2];
  const bool city = p.audience == Audience::city;
  if (city && !units.known(p.organizer)) fail(kFile, r.line, "organizer '" + p.organizer + "' is not in units.csv");
  if (!city && !p.organizer.empty()) fail(kFile, r.line, "a branch organises its own sessions: leave organizer empty");
  p.title = r.f[3];
  if (p.title.empty()) fail(kFile, r.line, "title is empty");
  if (city && p.title.find("{unit}") != std::string::npos)
    fail(kFile, r.line, "{unit} is only known on lines for branches");
}

void parse_kind_and_mode(const Row& r, ProgrammeLine& p) {
  static const std::map<std::string, SessionKind> kKinds = {{"regular", SessionKind::regular},
                                                            {"political", SessionKind::political},
                                                            {"catch_up", SessionKind::catch_up},
                                                            {"rotation", SessionKind::rotation}};
  auto kind = kKinds.find(r.f[10]);
  if (kind == kKinds.end()) fail(kFile, r.line, "kind must be regular, political, catch_up or rotation");
  p.kind = kind->second;
  const std::string& m = r.f[11];
  const std::string every = "online_every_";
  if (m.rfind(every, 0) == 0 && p.audience != Audience::city) {
    p.online_every = whole_number(kFile, r.line, "online_every_N: N", m.substr(every.size()), 1, 1000);
  } else if (auto mode = parse_mode(m)) {
    p.mode = *mode;
  } else {
    fail(kFile, r.line, "mode must be in_person, online or (on lines for branches) online_every_N");
  }
}

ProgrammeLine programme_line(const Row& r, const UnitLayout& units) {
  ProgrammeLine p;
  p.line = r.line;
  parse_years(r, p);
  parse_audience(r, units, p);
  const bool branches = p.audience != Audience::city;
  p.month = k_field(r, 4, "month", 12, branches);
  p.day = k_field(r, 5, "day", 31, branches);
  p.days = whole_number(kFile, r.line, "days", r.f[6], 1, 30);
  p.hours = {hours_field(kFile, r.line, "legal", r.f[7]), hours_field(kFile, r.line, "business", r.f[8]),
             hours_field(kFile, r.line, "political", r.f[9])};
  parse_kind_and_mode(r, p);
  return p;
}

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

void replace_all(std::string& s, const std::string& what, const std::string& with) {
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size()))
    s.replace(at, what.size(), with);
}

// Whether branch k gets a session of line p.
bool for_branch(const World& w, const ProgrammeLine& p, std::size_t k) {
  const UnitLayout& l = w.seeds.units;
  const SeedUnit& b = l.branch(k);
  // A county, a unit with units below it, or one with a head count of its own.
  const bool big =
      b.level == UnitLevel::county || l.has_children.count(b.code) || w.seeds.headcounts.unit.count(b.code);
  switch (p.audience) {
    case Audience::city: return false;
    case Audience::each_branch: return true;
    case Audience::big_branches: return big;
    case Audience::big_or_even_branches: return big || k % 2 == 0;
    case Audience::counties_with_units: return b.level == UnitLevel::county && l.has_children.count(b.code);
  }
  return false;
}

// The session of line p in year y (for branch k unless a city line), kept if it already ended.
void add_session(World& w, const ProgrammeLine& p, int y, std::size_t k) {
  const bool city = p.audience == Audience::city;
  const unsigned ku = static_cast<unsigned>(k);
  Session s;
  s.t.spec.title = p.title;
  replace_all(s.t.spec.title, "{unit}", city ? "" : w.seeds.units.branch(k).name);
  replace_all(s.t.spec.title, "{year}", std::to_string(y));
  s.t.spec.start_date = workday_start(y, p.month.at(ku), p.day.at(ku), p.days);
  s.t.spec.end_date = plus_days(s.t.spec.start_date, p.days - 1);
  s.t.spec.hours = p.hours;
  if (Status st = check_training(s.t.spec); !st) fail(kFile, p.line, s.t.spec.title + ": " + st.message());
  if (s.t.spec.end_date >= w.today) return;  // only sessions that already took place
  const Id branch = city ? 0 : w.unit_id.at(w.seeds.units.branch(k).code);
  s.t.organizer_unit_id = city ? w.unit_id.at(p.organizer) : branch;
  s.audience = city ? w.root_id : branch;
  s.t.rotation = p.kind == SessionKind::rotation;
  s.t.mode = p.online_every ? (k % static_cast<std::size_t>(p.online_every) == 0 ? TrainingMode::online
                                                                                  : TrainingMode::in_person)
                            : p.mode;
  s.kind = p.kind;
  w.sessions.push_back(std::move(s));
}

// One year of a group of lines: each city line once, each run of branch lines branch by branch.
void add_year(World& w, const std::vector<const ProgrammeLine*>& group, int y) {
  for (std::size_t i = 0; i < group.size();) {
    if (group[i]->audience == Audience::city) {
      add_session(w, *group[i++], y, 0);
      continue;
    }
    std::size_t end = i;
    while (end < group.size() && group[end]->audience != Audience::city) ++end;
    for (std::size_t k = 0; k < w.seeds.units.branches.size(); ++k)
      for (std::size_t j = i; j < end; ++j)
        if (for_branch(w, *group[j], k)) add_session(w, *group[j], y, k);
    i = end;
  }
}

}  // namespace

std::vector<ProgrammeLine> read_programme(const std::string& dir, const UnitLayout& units) {
  std::vector<ProgrammeLine> out;
  const std::string header = "years,for,organizer,title,month,day,days,legal,business,political,kind,mode";
  for (const Row& r : read_table(dir, kFile, header)) out.push_back(programme_line(r, units));
  if (out.empty()) throw std::runtime_error("seeds/" + kFile + ": no sessions");
  return out;
}

// Consecutive lines with the same years form a group, expanded year by year.
void plan_sessions(World& w) {
  const auto& lines = w.seeds.programme;
  for (std::size_t i = 0; i < lines.size();) {
    std::vector<const ProgrammeLine*> group;
    std::size_t end = i;
    for (; end < lines.size() && lines[end].first_year == lines[i].first_year &&
           lines[end].last_year == lines[i].last_year;
         ++end)
      group.push_back(&lines[end]);
    const int last = lines[i].last_year ? std::min(lines[i].last_year, w.current_year) : w.current_year;
    for (int y = lines[i].first_year; y <= last; ++y) add_year(w, group, y);
    i = end;
  }
  std::stable_sort(w.sessions.begin(), w.sessions.end(), [](const Session& a, const Session& b) {
    return a.t.spec.start_date != b.t.spec.start_date ? a.t.spec.start_date < b.t.spec.start_date
                                                      : a.t.spec.end_date < b.t.spec.end_date;
  });
}

void write_sessions(World& w) {
  for (Session& s : w.sessions) {
    auto created = w.store.trainings.create(s.t, kActor);
    if (!created) throw std::runtime_error("demo: training " + s.t.spec.title + ": " + created.status().message());
    if (s.records.empty()) continue;
    auto added = w.store.trainings.add_attendance(created->id, s.records, std::nullopt, kActor).result;
    if (!added) throw std::runtime_error("demo: attendance of " + s.t.spec.title + ": " + added.status().message());
    w.attendance += static_cast<std::size_t>(added->added);
  }
  w.log << "trainings: " << w.sessions.size() << ", attendance: " << w.attendance << "\n";
}

}  // namespace certhours::demo
