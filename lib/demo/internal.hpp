// What the parts of the demo builder share (private to lib/demo): the generator, the seed
// tables as read from seeds/ (seeds/README.md), and the state each step of build() hands on.
#pragma once
#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "demo/demo.hpp"
#include "store/store.hpp"

namespace certhours::demo {

inline const store::Actor kActor{std::nullopt, "demo"};

// The issue date of 钦政办〔2024〕11号.
inline constexpr std::uint32_t kSeed = 20240402;

// The full-staff rotation campaign (docs/domain.md): sessions ending in this window count.
inline const Date kRotationStart = make_date(2023, 8, 9);
inline const Date kRotationDeadline = make_date(2024, 5, 31);

// Annual grades exist from this year on.
inline constexpr int kFirstGradedYear = 2024;

inline Date plus_days(Date d, int n) { return d + date::days{n}; }

// Randomness that is identical on every platform: std::mt19937 reduced with a plain modulo
// (never std::uniform_int_distribution, whose output differs between standard libraries).
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
// Seed files (seed_files.cpp): every refusal is "seeds/<file> line N: <what>".

struct Line {
  int number = 0;
  std::string text;
};

// A line of a CSV table below its header, split into as many fields as the header has.
struct Row {
  int line = 0;
  std::vector<std::string> f;
};

[[noreturn]] void fail(const std::string& file, int line, const std::string& what);
// The lines of a seed file, without a UTF-8 BOM, trailing CR, blank lines and # comments.
std::vector<Line> lines_of(std::istream& in);
std::vector<Line> read_lines(const std::string& dir, const std::string& file);
// The rows of a CSV table whose first line must be `header`; no quoting (no field holds a comma).
std::vector<Row> table_of(const std::vector<Line>& lines, const std::string& file, const std::string& header);
std::vector<Row> read_table(const std::string& dir, const std::string& file, const std::string& header);
std::vector<std::string> split(const std::string& s, char sep);
std::vector<std::string> words(const std::string& s);
// The code points of a UTF-8 string, each as its own string.
std::vector<std::string> utf8_chars(const std::string& s, const std::string& file, int line);
// `text` as a whole number lo..hi, else fails naming `what`.
int whole_number(const std::string& file, int line, const std::string& what, const std::string& text, int lo,
                 int hi);
Hours hours_field(const std::string& file, int line, const std::string& what, const std::string& text);

// ---------------------------------------------------------------------------------------
// The seed tables.

struct SeedUnit {
  int line = 0;
  std::string code, name, parent_code;
  UnitLevel level = UnitLevel::city;
};

// units.csv and the shape of its tree: the branches are the units directly under the root
// (city departments, counties, zones); every other unit belongs to the branch above it.
struct UnitLayout {
  std::vector<SeedUnit> units;                   // the root first
  std::vector<std::size_t> branches;             // indices into units
  std::map<std::string, std::size_t> branch_of;  // unit code -> index into branches
  std::set<std::string> has_children;            // codes of units with units below them
  const SeedUnit& root() const { return units.front(); }
  const SeedUnit& branch(std::size_t b) const { return units[branches[b]]; }
  bool known(const std::string& code) const;
  bool is_branch(const std::string& code) const;
};

struct Names {
  std::vector<std::string> surnames;
  std::vector<int> weights;
  int total_weight = 0;
  std::vector<std::string> male, female;  // each pool includes the characters marked u
};

struct HeadCount {
  int min = 0, max = 0;
};
struct HeadCounts {
  std::map<std::string, HeadCount> unit;  // by unit code
  HeadCount town, county_with_units, county, under_root, other;
};

struct Regions {
  std::vector<std::string> codes;                // in file order, drawn from
  std::map<std::string, std::string> of_branch;  // branch code -> region
};

// base + (k * mul) % mod, k being the branch's index; just base when mod is 0.
struct KExpr {
  int base = 0, mul = 0, mod = 0;
  unsigned at(unsigned k) const {
    return static_cast<unsigned>(base) + (mod ? (k * static_cast<unsigned>(mul)) % static_cast<unsigned>(mod) : 0);
  }
};

enum class SessionKind { regular, political, catch_up, rotation };
enum class Audience { city, each_branch, big_branches, big_or_even_branches, counties_with_units };

// A line of programme.csv.
struct ProgrammeLine {
  int line = 0;
  int first_year = 0, last_year = 0;  // last_year 0: up to the current year
  Audience audience = Audience::city;
  std::string organizer;  // city lines: a unit code
  std::string title;      // with {unit} and {year}
  KExpr month, day;
  int days = 1;
  CategoryHours hours;
  SessionKind kind = SessionKind::regular;
  TrainingMode mode = TrainingMode::in_person;
  int online_every = 0;  // > 0: online for branches 0, n, 2n…, in person for the others
};

struct Shortfalls {
  std::vector<Hours> legal, business;
};

// What becomes of an enforcement officer's certificates.
enum class Case {
  none,             // no certificate (yet): a recent hire awaiting the exam, or never certified
  normal,           // valid today
  renewed,          // an older certificate that expired, then the current one
  expiring,         // valid today, expires within 90 days
  expired,          // expired, not renewed yet
  suspended_until,  // suspended today, with an `until` after today
  suspended_open,   // suspended today, no `until`
  restored,         // suspended, then restored
  lapsed,           // suspended with an `until` that has passed
  transferred,      // withdrawn: moved off enforcement duties, still on post
  cancelled,        // withdrawn, then cancelled
  graded_out,       // suspended after an `incompetent` grade
  left,             // withdrawn on leaving post
  left_suspended,   // suspended, then withdrawn on leaving post
  left_cancelled,   // withdrawn on leaving post, then cancelled
};

// A line of certificate_cases.csv for the officers still on post.
struct SpecialCase {
  Case c = Case::normal;
  int officers = 0, hr_unit_first = 0, on_post_years = 0, on_post_days = 0;
};

// A day of certificate_events.csv: today or the day the officer left, plus or minus a number
// of days (drawn from lo..hi), or a month and day of the current year (at the latest yesterday).
struct DayRule {
  enum class Anchor { today, left, day_of_year } anchor = Anchor::today;
  int sign = 1, lo = 0, hi = 0;
  unsigned month = 0, day = 0;
};

struct CertEventLine {
  Case c = Case::normal;
  CertAction action = CertAction::suspend;
  DayRule on;
  std::optional<DayRule> until;
  std::string reason;
};

struct CertificatePlan {
  std::vector<SpecialCase> special;  // in file order
  std::vector<int> expiring_days;
  int left_suspended = 0, left_cancelled = 0;
  std::vector<CertEventLine> events;
};

struct ExitReview {
  int met = 0, not_met = 0;
};
struct AssessmentPlan {
  std::vector<std::pair<Grade, int>> per_mille;  // in file order
  int total = 0;
  std::map<int, ExitReview> exit_review;  // by year
};

// A line of logins.csv.
struct LoginLine {
  int line = 0;
  Login login;
  Role role = Role::admin;
  std::string unit;  // hr: its scope; officer: the unit the officer works in (a town below it)
};

struct Seeds {
  UnitLayout units;
  Names names;
  HeadCounts headcounts;
  Regions regions;
  std::map<std::string, int> rotation_rate;  // branch code -> percent
  std::vector<ProgrammeLine> programme;
  Shortfalls shortfalls;
  CertificatePlan certificates;
  AssessmentPlan assessments;
  std::vector<LoginLine> logins;
};

// Every seed file, checked, before anything is written.
Seeds read_seeds(const std::string& dir);
std::vector<SeedUnit> read_units(const std::string& dir);
UnitLayout lay_out(std::vector<SeedUnit> units);
Names read_names(const std::string& dir);
HeadCounts read_headcounts(const std::string& dir, const UnitLayout& units);
Regions read_regions(const std::string& dir, const UnitLayout& units);
std::map<std::string, int> read_rotation(const std::string& dir, const UnitLayout& units);
std::vector<ProgrammeLine> read_programme(const std::string& dir, const UnitLayout& units);
Shortfalls read_shortfalls(const std::string& dir);
CertificatePlan read_certificate_plan(const std::string& dir);
AssessmentPlan read_assessment_plan(const std::string& dir);
std::vector<LoginLine> parse_logins(const std::vector<Line>& lines);
std::vector<LoginLine> read_logins(const std::string& dir, const UnitLayout& units);

// ---------------------------------------------------------------------------------------
// The state build() hands from step to step.

struct DemoOfficer {
  Officer o;
  std::size_t branch = 0;  // index into the branches
};

struct Session {
  Training t;
  Id audience = 0;  // officers of this unit's subtree attend
  SessionKind kind = SessionKind::regular;
  std::vector<store::AttendanceRecord> records;
};

struct World {
  World(store::Store& s, const Seeds& seeds_, Date today_, std::ostream& log_)
      : store(s), seeds(seeds_), today(today_), current_year(year_of(today_)), log(log_) {}
  store::Store& store;
  const Seeds& seeds;
  Date today;
  int current_year = 0;
  std::ostream& log;
  std::map<std::string, Id> unit_id;  // by code
  Id root_id = 0;
  std::shared_ptr<const UnitTree> tree;
  std::vector<DemoOfficer> officers;
  std::size_t demo_officer = 0;  // index into officers: the officer login's
  const Unit* hr_unit = nullptr;
  const Unit* officer_unit = nullptr;
  std::vector<Session> sessions;
  std::map<std::size_t, Case> cases;  // officer index -> case (enforcement officers)
  std::set<Id> certified_today;       // officers holding a valid certificate today
  std::size_t attendance = 0, certificates = 0, assessments = 0;
};

void create_units(World& w);                    // units.cpp
void create_officers(World& w, Rng& rng);       // people.cpp
std::string draw_name(const Names& names, bool male, std::set<std::string>& used, Rng& rng);  // names.cpp
void plan_sessions(World& w);                   // programme.cpp
void plan_attendance(World& w, Rng& rng);       // attendance.cpp
void write_sessions(World& w);                  // programme.cpp
void plan_certificates(World& w, Rng& rng);     // certificate_cases.cpp
void issue_certificates(World& w, Rng& rng);    // certificates.cpp
void grade_years(World& w, Rng& rng);           // assessments.cpp
void qualify(World& w, Rng& rng);               // qualification.cpp
void claim_and_exempt(World& w, Rng& rng);      // claims.cpp
void find_demo_officer(World& w);               // users.cpp
void create_users(World& w, const std::function<std::string(const std::string&)>& hash_password);  // users.cpp

}  // namespace certhours::demo
