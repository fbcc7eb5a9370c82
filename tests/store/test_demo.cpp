// The demo database: what someone trying certhours for the first time checks.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "demo/demo.hpp"
#include "store/store.hpp"

using namespace certhours;
namespace fs = std::filesystem;

namespace {

// A database file of its own in the temporary directory, removed with its WAL afterwards.
struct TempPath {
  fs::path path;
  explicit TempPath(const std::string& what) {
    static std::atomic<int> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path = fs::temp_directory_path() /
           ("certhours-test-" + what + "-" + std::to_string(stamp) + "-" + std::to_string(counter++));
  }
  ~TempPath() {
    std::error_code ec;
    fs::remove_all(path, ec);
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(path.string() + suffix, ec);
  }
};

// Today in Asia/Shanghai, as the api computes it.
Date today_shanghai() { return date::floor<date::days>(std::chrono::system_clock::now() + std::chrono::hours(8)); }

// Password hashing is slow on purpose; the demo tests need none of that.
std::string fake_hash(const std::string& password) { return "fake$" + password; }

void build_demo(store::Store& s, Date today, std::ostream& log) {
  s.set_bulk_load(true);  // as `certhours demo` does
  demo::build(s, CERTHOURS_SEEDS_DIR, today, fake_hash, log);
}

std::vector<Officer> all_officers(store::Store& s) {
  store::OfficerQuery q;
  q.limit = 100000;
  return s.officers.search(q).items;
}

std::vector<Training> all_trainings(store::Store& s) {
  store::TrainingQuery q;
  q.limit = 100000;
  return s.trainings.search(q).items;
}

struct Tally {
  int met = 0, in_progress = 0, not_met = 0, exempt = 0;
  int short_legal_only = 0, short_business_only = 0, short_both = 0, behind_pace = 0;
};

Tally tally(store::Store& s, Id unit, int year, Date as_of) {
  Tally t;
  auto policy = s.policies.get(year);
  for (const auto& row : s.credits.compliance_rows(unit, year, as_of)) {
    YearStatus ys = evaluate_year(policy, row.post, year, as_of, row.earned);
    switch (ys.status) {
      case ComplianceStatus::met:
        ++t.met;
        break;
      case ComplianceStatus::in_progress:
        ++t.in_progress;
        break;
      case ComplianceStatus::not_met:
        ++t.not_met;
        break;
      case ComplianceStatus::exempt:
        ++t.exempt;
        break;
    }
    if (ys.status == ComplianceStatus::not_met) {
      bool l = ys.legal.shortfall > Hours(), b = ys.business.shortfall > Hours();
      t.short_legal_only += l && !b;
      t.short_business_only += b && !l;
      t.short_both += l && b;
    }
    t.behind_pace += ys.legal.behind_pace || ys.business.behind_pace;
  }
  return t;
}

}  // namespace

TEST_CASE("the demo database holds the Qinzhou units, officers, trainings and one user per role") {
  TempPath db("demo");
  const Date today = today_shanghai();
  const int current_year = year_of(today);
  store::Store s(db.path.string(), 2);
  std::ostringstream log;
  auto t0 = std::chrono::steady_clock::now();
  build_demo(s, today, log);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  MESSAGE("demo built in " << seconds << " s: " << log.str());
  CHECK(log.str().find("officers: ") != std::string::npos);
  CHECK(log.str().find("attendance: ") != std::string::npos);

  // --- the unit tree ---
  auto tree = s.units.tree();
  const Unit* root = tree->find_code("QZ");
  REQUIRE(root != nullptr);
  CHECK(root->name == "钦州市");
  CHECK(root->level == UnitLevel::city);
  CHECK_FALSE(root->parent_id.has_value());
  std::map<std::string, const Unit*> children;
  for (const Unit* u : tree->children(root->id)) children[u->name] = u;
  for (const char* county : {"钦南区", "钦北区", "灵山县", "浦北县", "钦州港经济技术开发区"}) {
    CAPTURE(county);
    REQUIRE(children.count(county));
    CHECK(children[county]->level == UnitLevel::county);
  }
  for (const char* dept : {"市司法局", "市行政审批局", "市市场监管局", "市生态环境局", "市文化广电体育旅游局",
                           "市发展改革委", "市农业农村局", "市交通运输局", "市应急管理局", "市工业和信息化局",
                           "市住房城乡建设局", "市财政局", "市城管执法局", "市公安局", "市统计局"}) {
    CAPTURE(dept);
    REQUIRE(children.count(dept));
    CHECK(children[dept]->level == UnitLevel::department);
  }
  std::set<std::string> qinnan;
  for (const Unit* u : tree->children(children["钦南区"]->id)) qinnan.insert(u->name);
  CHECK(qinnan.count("尖山街道"));
  CHECK(qinnan.count("犀牛脚镇"));
  CHECK(qinnan.count("钦南区司法局"));
  std::set<std::string> codes;
  int depth3 = 0;
  for (const Unit& u : tree->all()) {
    CHECK(codes.insert(u.code).second);
    if (u.parent_id && *u.parent_id != root->id) ++depth3;
  }
  CHECK(tree->all().size() >= 40);
  CHECK(depth3 >= 15);

  // --- officers ---
  auto officers = all_officers(s);
  CHECK(officers.size() >= 400);
  CHECK(officers.size() <= 600);
  std::set<std::string> ids;
  int police = 0, left = 0, joined_2024 = 0;
  std::map<Id, int> per_unit;
  for (const Officer& o : officers) {
    CAPTURE(o.id_number);
    CHECK(valid_id_number(o.id_number));
    CHECK(o.id_number.substr(0, 4) == "4507");  // Qinzhou
    CHECK(o.id_number[14] == '9');              // the generated, fictitious sequence
    int birth = std::stoi(o.id_number.substr(6, 4));
    CHECK(birth >= 1965);
    CHECK(birth <= 2000);
    CHECK(ids.insert(o.id_number).second);
    CHECK(o.name.size() >= 6);  // two or three Chinese characters
    CHECK(o.name.size() <= 12);
    CHECK(o.post_start >= make_date(2010, 1, 1));
    CHECK(o.post_start < today);
    police += o.kind == OfficerKind::police;
    if (o.status == OfficerStatus::left) {
      ++left;
      REQUIRE(o.post_end.has_value());
      CHECK(year_of(*o.post_end) >= 2024);
      CHECK(*o.post_end < today);
    } else {
      CHECK_FALSE(o.post_end.has_value());
    }
    joined_2024 += year_of(o.post_start) == 2024;
    ++per_unit[o.unit_id];
  }
  int n = static_cast<int>(officers.size());
  CHECK(police * 100 >= n * 5);
  CHECK(police * 100 <= n * 12);
  CHECK(left * 100 >= n * 2);
  CHECK(left * 100 <= n * 9);
  CHECK(joined_2024 >= 10);
  CHECK(per_unit[root->id] == 0);
  for (const Unit& u : tree->all())
    if (u.id != root->id && tree->children(u.id).empty()) CHECK(per_unit[u.id] > 0);

  // --- trainings: valid sessions, some of them the rotation ---
  auto trainings = all_trainings(s);
  CHECK(trainings.size() >= 60);
  int rotation = 0, online = 0;
  std::set<int> years;
  for (const Training& t : trainings) {
    CAPTURE(t.spec.title);
    CHECK(check_training(t.spec).is_ok());
    CHECK(t.spec.end_date < today);
    years.insert(counted_year(t.spec));
    online += t.mode == TrainingMode::online;
    if (t.rotation) {
      ++rotation;
      CHECK(t.spec.end_date >= make_date(2023, 8, 9));
      CHECK(t.spec.end_date <= make_date(2024, 5, 31));
    }
  }
  CHECK(rotation >= 5);
  CHECK(online >= 3);
  CHECK(years.count(2023));
  CHECK(years.count(2024));
  CHECK(years.count(2025));

  // --- compliance: every status appears ---
  Tally y2024 = tally(s, root->id, 2024, make_date(2025, 1, 1));
  CHECK(y2024.met > y2024.not_met);
  CHECK(y2024.not_met >= 20);
  CHECK(y2024.short_legal_only > 0);
  CHECK(y2024.short_business_only > 0);
  CHECK(y2024.short_both > 0);
  CHECK(y2024.in_progress == 0);
  CHECK(y2024.exempt == 0);
  if (current_year > 2025) {
    Tally y2025 = tally(s, root->id, 2025, make_date(2026, 1, 1));
    CHECK(y2025.met > y2025.not_met);
    CHECK(y2025.not_met >= 20);
    CHECK(y2025.short_legal_only > 0);
    CHECK(y2025.short_business_only > 0);
    CHECK(y2025.short_both > 0);
  }
  Tally now = tally(s, root->id, current_year, today);
  MESSAGE("2024: met " << y2024.met << ", not_met " << y2024.not_met << " (legal " << y2024.short_legal_only
                       << ", business " << y2024.short_business_only << ", both " << y2024.short_both << "); "
                       << current_year << " as of today: met " << now.met << ", in_progress " << now.in_progress
                       << ", behind pace " << now.behind_pace);
  CHECK(now.in_progress > 0);
  CHECK(now.not_met == 0);
  CHECK(now.behind_pace > 0);
  // The same year as of 2024-07-01: in progress, not yet missed.
  Tally mid2024 = tally(s, root->id, 2024, make_date(2024, 7, 1));
  CHECK(mid2024.not_met == 0);
  CHECK(mid2024.in_progress >= y2024.not_met);

  // --- the rotation: most units completed it, a few lag ---
  const Date deadline = make_date(2024, 5, 31);
  std::set<Id> rotated;
  for (const Training& t : trainings)
    if (t.rotation)
      for (const auto& a : s.trainings.attendees(t.id, std::nullopt)) rotated.insert(a.officer_id);
  int complete = 0, lagging = 0, units = 0;
  for (const Unit* branch : tree->children(root->id)) {
    int required = 0, done = 0;
    for (const Officer& o : officers) {
      if (!tree->contains(branch->id, o.unit_id) || !o.post().on_post(deadline)) continue;
      ++required;
      done += rotated.count(o.id) > 0;
    }
    if (required == 0) continue;
    ++units;
    complete += done == required;
    lagging += done * 10 < required * 6;
  }
  CHECK(complete * 2 > units);
  CHECK(lagging >= 2);

  // --- users ---
  const auto& logins = demo::logins();
  REQUIRE(logins.size() == 3);
  std::map<std::string, store::Credentials> users;
  for (const auto& l : logins) {
    CAPTURE(l.username);
    CHECK(l.password.size() >= 8);
    CHECK_FALSE(l.description.empty());
    auto c = s.users.credentials(l.username);
    REQUIRE(c.has_value());
    CHECK(c->password_hash == fake_hash(l.password));
    CHECK(role_key(c->user.role) == l.role);
    users[l.role] = *c;
  }
  REQUIRE(users.size() == 3);
  CHECK(users["admin"].user.role == Role::admin);
  REQUIRE(users["hr"].user.unit_id.has_value());
  CHECK(tree->find(*users["hr"].user.unit_id)->name == "钦南区");
  REQUIRE(users["officer"].user.officer_id.has_value());
  auto me = s.officers.find(*users["officer"].user.officer_id);
  REQUIRE(me.has_value());
  CHECK(me->kind == OfficerKind::enforcement);
  CHECK(me->status == OfficerStatus::active);
  CHECK(tree->contains(*users["hr"].user.unit_id, me->unit_id));
  CHECK(logins[2].description.find(me->name) != std::string::npos);
  auto my_status = [&](int year, Date as_of) {
    CategoryHours earned;
    for (const auto& c : s.credits.of_officer(me->id, year))
      if (ended_by(c.end_date, as_of)) earned += c.hours;
    return evaluate_year(s.policies.get(year), me->post(), year, as_of, earned);
  };
  CHECK(my_status(2024, make_date(2025, 1, 1)).status == ComplianceStatus::met);
  YearStatus mine_now = my_status(current_year, today);
  CHECK(mine_now.status == ComplianceStatus::in_progress);
  CHECK(mine_now.business.shortfall > Hours());

  // --- certificates: every state today, police never, some officers without one ---
  std::map<Id, Officer> officer_of;
  for (const Officer& o : officers) officer_of[o.id] = o;
  const Unit* qn = tree->find(*users["hr"].user.unit_id);
  auto certs = s.certificates.in_unit(root->id);
  std::map<CertState, int> states;
  std::set<Id> holders, valid_today;
  std::set<std::string> numbers;
  int expiring = 0, expiring_qn = 0, suspended_until = 0, suspended_open = 0, restored = 0, left_withdrawn = 0;
  int lapsed = 0;
  for (const Certificate& c : certs) {
    CAPTURE(c.number);
    REQUIRE(officer_of.count(c.officer_id));
    const Officer& o = officer_of[c.officer_id];
    CHECK(o.kind == OfficerKind::enforcement);
    CHECK(numbers.insert(c.number).second);
    CHECK(valid_certificate_number(c.number));
    if (c.number.size() == 10) {  // issued by approving an application: the automatic YYYYNNNNNN
      CHECK(c.number.substr(0, 4) == std::to_string(year_of(c.issued_on)));
    } else {
      CHECK(c.number.size() == 14);  // QZ-2023-000412
      CHECK(c.number.substr(0, 8) == "QZ-" + std::to_string(year_of(c.issued_on)) + "-");
    }
    CHECK(c.expires_on == default_expiry(c.issued_on));
    CHECK(c.issued_on >= o.post_start);
    CHECK(c.issued_on < today);
    CHECK(year_of(c.issued_on) >= 2019);
    REQUIRE_FALSE(c.events.empty());
    CHECK(c.events.front().action == CertAction::issue);
    for (std::size_t k = 1; k < c.events.size(); ++k) CHECK(c.events[k - 1].effective_on <= c.events[k].effective_on);
    holders.insert(c.officer_id);
    auto st = state_on(c, today);
    REQUIRE(st.has_value());
    ++states[*st];
    if (*st == CertState::valid) {
      valid_today.insert(c.officer_id);
      if (c.expires_on <= today + date::days(90)) {
        ++expiring;
        expiring_qn += tree->contains(qn->id, o.unit_id);
      }
    }
    if (*st == CertState::suspended) {
      auto sus = suspension_on(c, today);
      REQUIRE(sus.has_value());
      CHECK_FALSE(sus->reason.empty());
      if (sus->until) suspended_until += *sus->until > today;
      else ++suspended_open;
    }
    for (const CertEvent& e : c.events) {
      restored += e.action == CertAction::restore;
      lapsed += e.action == CertAction::suspend && e.until && *e.until < today &&
                state_on(c, *e.until + date::days(1)) == CertState::valid;
    }
    if (o.status == OfficerStatus::left) {
      // Leaving post withdrew it, on the day the post ended.
      CHECK((*st == CertState::withdrawn || *st == CertState::cancelled || *st == CertState::expired));
      if (state_on(c, *o.post_end) == CertState::withdrawn) {
        bool withdrawn_on_leaving = false;
        for (const CertEvent& e : c.events)
          withdrawn_on_leaving |= e.action == CertAction::withdraw && e.effective_on == *o.post_end && !e.reason.empty();
        CHECK(withdrawn_on_leaving);
        ++left_withdrawn;
        if (left_withdrawn == 1) {
          bool audited = false;
          for (const auto& a : s.audit.page(std::string("certificate"), c.id, 50, 0).items)
            audited |= a.action == "withdraw";
          CHECK(audited);
        }
      }
    }
  }
  MESSAGE("certificates today: valid " << states[CertState::valid] << ", suspended " << states[CertState::suspended]
                                       << ", withdrawn " << states[CertState::withdrawn] << ", cancelled "
                                       << states[CertState::cancelled] << ", expired " << states[CertState::expired]
                                       << "; expiring within 90 days " << expiring << " (钦南区 " << expiring_qn << ")");
  for (CertState st : {CertState::valid, CertState::suspended, CertState::withdrawn, CertState::cancelled, CertState::expired}) {
    CAPTURE(cert_state_key(st));
    CHECK(states[st] > 0);
  }
  CHECK(states[CertState::valid] * 10 > static_cast<int>(certs.size()) * 7);
  CHECK(suspended_until >= 1);
  CHECK(suspended_open >= 1);
  CHECK(restored >= 1);
  CHECK(lapsed >= 1);
  CHECK(expiring >= 3);
  CHECK(expiring_qn >= 1);
  CHECK(left_withdrawn >= 5);
  int police_holders = 0, uncertified = 0, enforcement_active = 0;
  for (const Officer& o : officers) {
    if (o.kind == OfficerKind::police) {
      police_holders += holders.count(o.id) > 0;
    } else if (o.status == OfficerStatus::active) {
      ++enforcement_active;
      uncertified += holders.count(o.id) == 0;
    }
  }
  CHECK(police_holders == 0);
  CHECK(uncertified > 0);
  CHECK(uncertified * 10 < enforcement_active);
  // The demo officer may enforce today.
  CHECK(eligibility_on(*me, s.certificates.of_officer(me->id), today).can_enforce);

  // --- qualification exams and applications: every state, some in the hr login's units ---
  CHECK(s.exams.list(10, 0).total == 3);
  CHECK_FALSE(s.exams.of_officer(me->id).empty());
  store::ApplicationQuery every;
  every.limit = 1000;
  std::map<ApplicationState, int> filed;
  bool unqualified = false;
  for (const auto& r : s.applications.list(every).items) {
    ++filed[r.application.state];
    unqualified |= !r.application.qualified();
    if (r.application.state == ApplicationState::approved) {
      REQUIRE(r.certificate.has_value());
      CHECK(r.certificate->number.size() == 10);
    }
  }
  for (ApplicationState st : kApplicationStates) {
    CAPTURE(application_state_key(st));
    CHECK(filed[st] > 0);
  }
  CHECK(unqualified);
  every.scope = qn->id;
  CHECK(s.applications.list(every).total > 0);

  // --- external training claims in every state, the hr login's queue not empty; exemptions ---
  store::ClaimQuery claims;
  claims.limit = 1000;
  std::map<ClaimState, int> claimed;
  for (const auto& r : s.claims.list(claims).items) {
    ++claimed[r.claim.state];
    // A file once submitted; a withdrawn claim has dropped it.
    bool kept = r.claim.state != ClaimState::awaiting_evidence && r.claim.state != ClaimState::withdrawn;
    CHECK(r.claim.evidence.has_value() == kept);
    if (r.claim.evidence) CHECK(s.claims.evidence(r.claim.id)->content.size() == static_cast<std::size_t>(r.claim.evidence->bytes));
  }
  for (ClaimState st : kClaimStates) {
    CAPTURE(claim_state_key(st));
    CHECK(claimed[st] > 0);
  }
  claims.scope = qn->id;
  claims.state = ClaimState::submitted;
  CHECK(s.claims.list(claims).total >= 3);
  CHECK(s.claims.of_officer(me->id).size() == 2);
  for (int year : {current_year - 1, current_year}) {
    std::size_t exempt = 0;
    for (const auto& row : s.credits.compliance_rows(root->id, year, today)) exempt += row.exemptions.size();
    CAPTURE(year);
    CHECK(exempt >= 2);
  }

  // --- annual grades, and the exit review of 2024 ---
  for (int year = 2024; year < current_year; ++year) {
    CAPTURE(year);
    auto grades = s.assessments.in_unit(root->id, year);
    std::map<Grade, int> count;
    for (const auto& [id, g] : grades) ++count[g];
    CHECK(grades.size() * 100 >= officers.size() * 75);
    CHECK(count[Grade::competent] > count[Grade::excellent]);
    CHECK(count[Grade::excellent] > count[Grade::basically_competent]);
    CHECK(count[Grade::basically_competent] > 0);
    CHECK(count[Grade::incompetent] > 0);
    CHECK(count[Grade::incompetent] * 20 < static_cast<int>(grades.size()));
  }
  auto grades2024 = s.assessments.in_unit(root->id, 2024);
  int incompetent_certified = 0;
  for (const auto& [id, g] : grades2024) incompetent_certified += g == Grade::incompetent && valid_today.count(id);
  CHECK(incompetent_certified >= 3);
  int exit_rows = 0, exit_not_met = 0, exit_incompetent = 0, exit_incompetent_only = 0;
  auto policy2024 = s.policies.get(2024);
  for (const auto& row : s.credits.compliance_rows(root->id, 2024, today)) {
    if (!valid_today.count(row.officer_id)) continue;
    bool not_met = evaluate_year(policy2024, row.post, 2024, today, row.earned).status == ComplianceStatus::not_met;
    bool incompetent = grades2024.count(row.officer_id) && grades2024.at(row.officer_id) == Grade::incompetent;
    if (!not_met && !incompetent) continue;
    ++exit_rows;
    exit_not_met += not_met;
    exit_incompetent += incompetent;
    exit_incompetent_only += incompetent && !not_met;
  }
  MESSAGE("exit review 2024: " << exit_rows << " officers (not_met " << exit_not_met << ", incompetent "
                               << exit_incompetent << ", of them with their hours met " << exit_incompetent_only
                               << ")");
  CHECK(exit_rows >= 10);
  CHECK(exit_incompetent >= 3);
  CHECK(exit_incompetent_only >= 1);
  CHECK(exit_incompetent > exit_incompetent_only);
}

TEST_CASE("the demo is the same every time for the same day") {
  const Date today = today_shanghai();
  auto snapshot = [&](const std::string& name) {
    TempPath db(name);
    store::Store s(db.path.string(), 1);
    std::ostringstream log;
    build_demo(s, today, log);
    std::ostringstream out;
    for (const Officer& o : all_officers(s))
      out << o.name << ' ' << o.id_number << ' ' << o.unit_id << ' ' << format_date(o.post_start) << ' '
          << (o.post_end ? format_date(*o.post_end) : "-") << '\n';
    for (const Training& t : all_trainings(s)) {
      out << t.spec.title << ' ' << format_date(t.spec.start_date) << ' ' << t.spec.hours.total().to_string();
      for (const auto& a : s.trainings.attendees(t.id, std::nullopt))
        out << ' ' << a.officer_id << ':' << a.hours.total().to_string();
      out << '\n';
    }
    for (const Certificate& c : s.certificates.in_unit(s.units.tree()->all().front().id)) {
      out << c.number << ' ' << c.officer_id << ' ' << format_date(c.issued_on) << ' ' << format_date(c.expires_on);
      for (const CertEvent& e : c.events)
        out << ' ' << cert_action_key(e.action) << ':' << format_date(e.effective_on) << ':' << e.reason << ':'
            << (e.until ? format_date(*e.until) : "-");
      out << '\n';
    }
    for (int year : {2024, 2025})
      for (const auto& [id, g] : s.assessments.in_unit(s.units.tree()->all().front().id, year))
        out << year << ' ' << id << ' ' << grade_key(g) << '\n';
    for (const Officer& o : all_officers(s)) out << o.id << ' ' << officer_status_key(o.status) << '\n';
    return out.str();
  };
  std::string first = snapshot("demo-a"), second = snapshot("demo-b");
  CHECK(first.size() > 10000);
  CHECK(first == second);
}

TEST_CASE("a malformed seed file is reported with its name and line") {
  TempPath dir("seeds");
  fs::create_directories(dir.path);
  for (const char* f : {"units.csv", "surnames.txt", "given.txt"})
    fs::copy_file(fs::path(CERTHOURS_SEEDS_DIR) / f, dir.path / f);
  auto rewrite_units = [&](const std::string& text) {
    std::ofstream(dir.path / "units.csv", std::ios::binary | std::ios::trunc) << text;
  };
  auto error_of = [&](const std::string& units_csv) -> std::string {
    rewrite_units(units_csv);
    TempPath db("bad-seeds");
    store::Store s(db.path.string(), 1);
    std::ostringstream log;
    try {
      demo::build(s, dir.path.string(), today_shanghai(), fake_hash, log);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string header = "code,name,parent_code,level\n";
  CHECK(error_of(header + "QZ,钦州市,,city\nQN,钦南区,QZ\n").find("seeds/units.csv line 3:") == 0);
  CHECK(error_of(header + "QZ,钦州市,,city\nQN,钦南区,XX,county\n").find("seeds/units.csv line 3:") == 0);
  CHECK(error_of(header + "QZ,钦州市,,city\nQN,钦南区,QZ,province\n").find("seeds/units.csv line 3:") == 0);
  CHECK(error_of(header + "QZ,钦州市,,city\nQZ,钦南区,QZ,county\n").find("seeds/units.csv line 3:") == 0);
  CHECK(error_of("code,name\nQZ,钦州市,,city\n").find("seeds/units.csv line 1:") == 0);
  fs::remove(dir.path / "given.txt");
  CHECK(error_of(header + "QZ,钦州市,,city\n").find("seeds/given.txt") == 0);
}
