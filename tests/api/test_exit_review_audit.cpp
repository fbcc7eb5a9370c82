// The exit review (退出机制) of a year and the audit log through the API (docs/domain.md "Annual
// assessment and the exit mechanism", "Audit"; docs/api.md GET /reviews/exit, GET /audit).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "harness.hpp"

using namespace certhours::test;

namespace {




long long issue_cert(Server& s, long long officer, const std::string& number, const std::string& issued_on) {
  auto r = s.post("/api/v1/officers/" + S(officer) + "/certificates",
                  json::object{{"number", number}, {"issued_on", issued_on}}, s.admin_token());
  REQUIRE_MESSAGE(r.status == 201, number << ": " << r.body);
  return r.json().at("id").as_int64();
}

void cert_action(Server& s, long long cert, const std::string& action, const std::string& effective_on,
                 const std::string& reason) {
  auto r = s.post("/api/v1/certificates/" + S(cert) + "/actions",
                  json::object{{"action", action}, {"effective_on", effective_on}, {"reason", reason}}, s.admin_token());
  REQUIRE_MESSAGE(r.status == 200, action << ": " << r.body);
}

void grade(Server& s, long long officer, int year, const std::string& g, const std::string& tok) {
  auto r = s.put("/api/v1/officers/" + S(officer) + "/assessments/" + S(year), json::object{{"grade", g}}, tok);
  REQUIRE_MESSAGE(r.status == 200, g << ": " << r.body);
  CHECK(r.json().at("grade") == json::value(g));
}

long long training(Server& s, long long organizer, const std::string& start, const std::string& end, int legal,
                   int business) {
  auto r = s.post("/api/v1/trainings",
                  json::object{{"title", "执法培训"},
                               {"organizer_unit_id", organizer},
                               {"start_date", start},
                               {"end_date", end},
                               {"hours", {{"legal", legal}, {"business", business}, {"political", 0}}},
                               {"rotation", false},
                               {"mode", "in_person"}},
                  s.admin_token());
  REQUIRE_MESSAGE(r.status == 201, r.body);
  return r.json().at("id").as_int64();
}

void attend(Server& s, long long training_id, const std::vector<long long>& officers) {
  json::array records;
  for (long long o : officers) records.push_back(json::object{{"officer_id", o}});
  auto r = s.post("/api/v1/trainings/" + S(training_id) + "/attendance", json::object{{"records", records}},
                  s.admin_token());
  REQUIRE_MESSAGE(r.status == 200, r.body);
}

// Today is 2025-03-01; the review is of 2024 (policy 20/40). Officers on post since 2016 unless said.
struct ReviewEnv {
  Server s{{"CERTHOURS_TODAY=2025-03-01"}};
  Tree t;
  std::string admin, hr_qn;
  std::map<std::string, long long> off;   // officer ids by key
  std::map<std::string, std::string> no;  // certificate numbers by key
  std::map<std::string, long long> cert;  // certificate ids by key
  int n = 700;

  long long officer(const std::string& key, const std::string& name, long long unit, const std::string& kind = "enforcement",
                    const std::string& post_start = "2016-01-01") {
    return off[key] = make_officer(s, name, unit, post_start, n++, kind);
  }
  long long certify(const std::string& key, const std::string& issued_on = "2022-01-01") {
    no[key] = "EXIT-" + S(off[key]);
    return cert[key] = issue_cert(s, off[key], no[key], issued_on);
  }

  ReviewEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    hr_qn = s.make_user("rev_hr_qn", "hr", t.qinnan, std::nullopt);
    officer("notmet", "未达标甲", t.qinbei);            // valid, not_met → listed
    officer("met_competent", "达标称职", t.qinnan);     // valid, met, competent → absent
    officer("met_incompetent", "达标不称职", t.qinnan);  // valid, met, incompetent → listed
    officer("both", "双重原因", t.jianshan);            // valid, not_met and incompetent → listed, 2 reasons
    officer("nocert", "无证未达标", t.qinnan);          // no certificate → absent
    officer("withdrawn", "已收回", t.qinnan);           // withdrawn → absent
    officer("suspended", "暂扣不称职", t.qinnan);       // suspended today, incompetent → absent
    officer("police", "警察未达标", t.qinnan, "police");  // police, no certificate → absent
    officer("met_excellent", "达标优秀", t.qinnan);     // valid, met, excellent → absent
    officer("met_basic", "达标基本称职", t.qinnan);     // valid, met, basically competent → absent
    officer("newcomer", "新入职", t.qinnan, "enforcement", "2025-01-10");  // exempt in 2024 → absent
    officer("expired", "证已过期", t.qinnan);           // certificate expired 2024-05-31 → absent

    for (const char* k : {"notmet", "met_competent", "met_incompetent", "both", "withdrawn", "suspended", "met_excellent",
                          "met_basic"})
      certify(k);
    certify("newcomer", "2025-01-15");
    certify("expired", "2019-06-01");
    cert_action(s, cert["withdrawn"], "withdraw", "2024-12-01", "收回");
    cert_action(s, cert["suspended"], "suspend", "2025-01-15", "调查");

    long long t1 = training(s, t.city, "2024-03-04", "2024-03-07", 20, 20);
    long long t2 = training(s, t.city, "2024-09-10", "2024-09-11", 0, 20);
    std::vector<long long> met{off["met_competent"], off["met_incompetent"], off["met_excellent"], off["met_basic"]};
    attend(s, t1, met);
    attend(s, t2, met);

    grade(s, off["met_competent"], 2024, "competent", admin);
    grade(s, off["met_competent"], 2023, "incompetent", admin);  // another year: not this review's business
    grade(s, off["met_incompetent"], 2024, "incompetent", hr_qn);
    grade(s, off["both"], 2024, "incompetent", admin);
    grade(s, off["suspended"], 2024, "incompetent", admin);
    grade(s, off["met_excellent"], 2024, "excellent", admin);
    grade(s, off["met_basic"], 2024, "basically_competent", admin);
    grade(s, off["withdrawn"], 2024, "incompetent", admin);
    grade(s, off["notmet"], 2024, "competent", admin);
  }
};

ReviewEnv& env() {
  static ReviewEnv e;
  return e;
}

struct Listed {
  std::string name, number;
  std::vector<std::string> reasons;
};

std::map<long long, Listed> review(Server& s, const std::string& query) {
  auto r = s.get("/api/v1/reviews/exit" + query, s.admin_token());
  REQUIRE_MESSAGE(r.status == 200, query << " " << r.body);
  auto body = r.json();
  std::map<long long, Listed> out;
  for (const auto& item : body.at("items").as_array()) {
    Listed l;
    l.name = str(item.at("name"));
    l.number = str(item.at("certificate_number"));
    for (const auto& reason : item.at("reasons").as_array()) l.reasons.push_back(str(reason));
    long long id = item.at("officer_id").as_int64();
    CHECK_MESSAGE(!out.count(id), "officer " << id << " listed twice");
    out[id] = l;
  }
  return out;
}

bool mentions_incompetent(const std::string& reason) {
  return contains(reason, "incompetent") || contains(reason, "不称职");
}

json::array audit_items(Server& s, const std::string& query) {
  auto r = s.get("/api/v1/audit" + query, s.admin_token());
  REQUIRE_MESSAGE(r.status == 200, query << " " << r.body);
  return r.json().at("items").as_array();
}

}  // namespace

TEST_CASE("exit review: lists valid-certificate holders who were not_met or graded incompetent, with reasons") {
  auto& e = env();
  Server& s = e.s;

  auto audit_before = list_total(s, "/api/v1/audit", e.admin);
  auto listed = review(s, "?year=2024");
  std::set<long long> ids;
  for (auto& [id, l] : listed) ids.insert(id);
  CHECK(ids == std::set<long long>{e.off["notmet"], e.off["met_incompetent"], e.off["both"]});

  auto& nm = listed[e.off["notmet"]];
  CHECK(nm.name == "未达标甲");
  CHECK(nm.number == e.no["notmet"]);
  REQUIRE(nm.reasons.size() == 1);
  CHECK_FALSE(nm.reasons[0].empty());
  CHECK_FALSE(mentions_incompetent(nm.reasons[0]));

  auto& mi = listed[e.off["met_incompetent"]];
  CHECK(mi.name == "达标不称职");
  CHECK(mi.number == e.no["met_incompetent"]);
  REQUIRE(mi.reasons.size() == 1);
  CHECK(mentions_incompetent(mi.reasons[0]));

  auto& both = listed[e.off["both"]];
  CHECK(both.number == e.no["both"]);
  REQUIRE(both.reasons.size() == 2);
  CHECK(std::count_if(both.reasons.begin(), both.reasons.end(), mentions_incompetent) == 1);

  SUBCASE("unit_id narrows it to the subtree") {
    auto qn = review(s, "?year=2024&unit_id=" + S(e.t.qinnan));
    std::set<long long> qn_ids;
    for (auto& [id, l] : qn) qn_ids.insert(id);
    CHECK(qn_ids == std::set<long long>{e.off["met_incompetent"], e.off["both"]});
    auto qb = review(s, "?year=2024&unit_id=" + S(e.t.qinbei));
    CHECK(qb.size() == 1);
    CHECK(qb.count(e.off["notmet"]) == 1);
    auto js = review(s, "?year=2024&unit_id=" + S(e.t.jianshan));
    CHECK(js.size() == 1);
    CHECK(js.count(e.off["both"]) == 1);
  }
  SUBCASE("another year: its own statuses and grades") {
    // Nobody trained in 2023: every holder of a valid certificate on post in 2023 was not_met;
    // met_competent was also graded incompetent for 2023.
    auto y23 = review(s, "?year=2023");
    std::set<long long> ids23;
    for (auto& [id, l] : y23) ids23.insert(id);
    CHECK(ids23 == std::set<long long>{e.off["notmet"], e.off["met_competent"], e.off["met_incompetent"], e.off["both"],
                                       e.off["met_excellent"], e.off["met_basic"]});
    CHECK(y23[e.off["met_competent"]].reasons.size() == 2);
    CHECK(y23[e.off["met_incompetent"]].reasons.size() == 1);
    CHECK_FALSE(mentions_incompetent(y23[e.off["met_incompetent"]].reasons[0]));
    // Before 2023 nobody owes hours and nobody was graded.
    CHECK(review(s, "?year=2022").empty());
  }
  SUBCASE("it recommends, it does not act") {
    CHECK(list_total(s, "/api/v1/audit", e.admin) == audit_before);
    auto r = s.get("/api/v1/officers/" + S(e.off["notmet"]) + "/certificates", e.admin);
    REQUIRE(r.status == 200);
    CHECK(str(r.json().at("items").at(0).at("state")) == "valid");
    CHECK(r.json().at("items").at(0).at("events").as_array().size() == 1);
  }
  SUBCASE("bad parameters") {
    for (const char* q : {"?year=abc", "?year=2024&unit_id=x"}) {
      CAPTURE(q);
      auto r = s.get(std::string("/api/v1/reviews/exit") + q, e.admin);
      CHECK(r.status == 422);
      CHECK(r.error_code() == "validation_failed");
    }
    CHECK(s.get("/api/v1/reviews/exit?year=2024&unit_id=999999", e.admin).status == 404);
  }
}

TEST_CASE("assessment: one grade per officer and year, updated in place, audited with before/after") {
  auto& e = env();
  Server& s = e.s;
  long long o = e.officer("assess_" + S(e.n), "考核对象", e.t.qinnan);
  const std::string q = "?entity=assessment&entity_id=" + S(o);
  CHECK(audit_items(s, q).empty());
  grade(s, o, 2024, "competent", e.hr_qn);
  grade(s, o, 2024, "incompetent", e.admin);
  auto items = audit_items(s, q);
  REQUIRE(items.size() == 2);
  CHECK(str(items[0].at("actor")) == "admin");
  CHECK(str(items[0].at("before").at("grade")) == "competent");
  CHECK(str(items[0].at("after").at("grade")) == "incompetent");
  CHECK(items[1].at("before").is_null());
  CHECK(str(items[1].at("after").at("grade")) == "competent");
  CHECK(str(items[1].at("actor")) == "rev_hr_qn");
  // The regrade counts: without a certificate the officer is still absent from the review.
  CHECK(review(s, "?year=2024").count(o) == 0);
}

TEST_CASE("audit: newest first, filtered by entity and entity_id, paged; bad entity is 422") {
  auto& e = env();
  Server& s = e.s;
  const std::string& tok = e.admin;

  SUBCASE("every item has its keys; newest first") {
    auto r = s.get("/api/v1/audit?limit=1000", tok);
    REQUIRE(r.status == 200);
    auto body = r.json();
    auto items = body.at("items").as_array();
    long long total = body.at("total").as_int64();
    CHECK(total == static_cast<long long>(items.size()));
    REQUIRE(items.size() > 30);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& it = items[i].as_object();
      for (const char* k : {"id", "at", "actor", "action", "entity", "entity_id", "before", "after"})
        CHECK_MESSAGE(it.contains(k), k << " missing in " << json::serialize(it));
      if (i > 0) {
        CHECK(it.at("id").as_int64() < items[i - 1].at("id").as_int64());
        CHECK(str(it.at("at")) <= str(items[i - 1].at("at")));
      }
    }
    // The default page is 100 items.
    auto def = s.get("/api/v1/audit", tok);
    REQUIRE(def.status == 200);
    CHECK(def.json().at("items").as_array().size() == std::min<std::size_t>(100, items.size()));
    CHECK(def.json().at("total").as_int64() == total);
  }

  SUBCASE("paging: limit, offset and total") {
    long long total = list_total(s, "/api/v1/audit", tok);
    auto all = audit_items(s, "?limit=1000");
    auto p1 = s.get("/api/v1/audit?limit=3&offset=0", tok);
    auto p2 = s.get("/api/v1/audit?limit=3&offset=3", tok);
    auto end = s.get("/api/v1/audit?limit=3&offset=" + S(total), tok);
    REQUIRE(p1.status == 200);
    REQUIRE(p2.status == 200);
    REQUIRE(end.status == 200);
    auto b1 = p1.json(), b2 = p2.json(), be = end.json();
    CHECK(b1.at("total").as_int64() == total);
    CHECK(b2.at("total").as_int64() == total);
    CHECK(be.at("total").as_int64() == total);
    REQUIRE(b1.at("items").as_array().size() == 3);
    REQUIRE(b2.at("items").as_array().size() == 3);
    CHECK(be.at("items").as_array().empty());
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(b1.at("items").at(i).at("id") == all[i].at("id"));
      CHECK(b2.at("items").at(i).at("id") == all[i + 3].at("id"));
    }
    for (const char* q : {"?limit=0", "?limit=1001", "?offset=-1", "?limit=abc"}) {
      CAPTURE(q);
      auto r = s.get(std::string("/api/v1/audit") + q, tok);
      CHECK(r.status == 422);
      CHECK(r.error_code() == "validation_failed");
    }
  }

  SUBCASE("filter by entity and entity_id; an officer change shows before/after") {
    long long o = e.officer("audit_" + S(e.n), "审计对象", e.t.qinnan);
    const std::string q = "?entity=officer&entity_id=" + S(o);
    auto items = audit_items(s, q);
    REQUIRE(items.size() == 1);
    CHECK(str(items[0].at("action")) == "create");
    CHECK(items[0].at("before").is_null());
    CHECK(str(items[0].at("after").at("name")) == "审计对象");

    auto p = s.patch("/api/v1/officers/" + S(o), json::object{{"name", "审计对象改名"}}, e.hr_qn);
    REQUIRE_MESSAGE(p.status == 200, p.body);
    items = audit_items(s, q);
    REQUIRE(items.size() == 2);
    CHECK(list_total(s, "/api/v1/audit" + q, tok) == 2);
    const auto& upd = items[0].as_object();
    CHECK(str(upd.at("entity")) == "officer");
    CHECK(upd.at("entity_id").as_int64() == o);
    CHECK(str(upd.at("actor")) == "rev_hr_qn");
    CHECK(str(upd.at("before").at("name")) == "审计对象");
    CHECK(str(upd.at("after").at("name")) == "审计对象改名");
    CHECK(str(upd.at("before").at("unit_id")) == str(upd.at("after").at("unit_id")));
    CHECK(upd.at("id").as_int64() > items[1].at("id").as_int64());

    // entity alone: only that entity.
    auto certs = audit_items(s, "?entity=certificate&limit=1000");
    REQUIRE_FALSE(certs.empty());
    for (const auto& it : certs) CHECK(str(it.at("entity")) == "certificate");
    auto officers = audit_items(s, "?entity=officer&limit=1000");
    REQUIRE_FALSE(officers.empty());
    for (const auto& it : officers) CHECK(str(it.at("entity")) == "officer");
    // entity_id with another entity: the officer's entries are not there (o holds no certificate).
    CHECK(audit_items(s, "?entity=certificate&entity_id=" + S(o)).empty());
  }

  SUBCASE("a certificate's history: issue and every action, with before/after") {
    long long holder = e.officer("audit_cert_" + S(e.n), "审计证件", e.t.qinnan);
    const std::string number = "AUD-" + S(holder);
    long long c = issue_cert(s, holder, number, "2024-01-01");
    cert_action(s, c, "suspend", "2024-06-01", "调查");
    cert_action(s, c, "withdraw", "2024-07-01", "收回");
    auto items = audit_items(s, "?entity=certificate&entity_id=" + S(c));
    REQUIRE(items.size() == 3);
    const char* actions[] = {"withdraw", "suspend", "issue"};  // newest first
    for (std::size_t i = 0; i < 3; ++i) {
      CAPTURE(i);
      CHECK(str(items[i].at("action")) == actions[i]);
      CHECK(str(items[i].at("actor")) == "admin");
      CHECK(str(items[i].at("after").at("number")) == number);
      CHECK(items[i].at("after").at("events").as_array().size() == 3 - i);
    }
    CHECK(items[2].at("before").is_null());
    CHECK(items[0].at("before").at("events").as_array().size() == 2);
  }

  SUBCASE("a bad entity or entity_id is 422; the log cannot be edited") {
    for (const char* q : {"?entity=bogus", "?entity=certificates", "?entity=CERTIFICATE", "?entity_id=abc",
                          "?entity=officer&entity_id=0"}) {
      CAPTURE(q);
      auto r = s.get(std::string("/api/v1/audit") + q, tok);
      CHECK(r.status == 422);
      CHECK(r.error_code() == "validation_failed");
    }
    for (const char* k : {"unit", "user", "officer", "policy", "training", "attendance", "campaign", "certificate",
                          "assessment", "import", "export"}) {
      CAPTURE(k);
      CHECK(s.get(std::string("/api/v1/audit?entity=") + k, tok).status == 200);
    }
    long long total = list_total(s, "/api/v1/audit", tok);
    CHECK(s.request("DELETE", "/api/v1/audit", "", tok).status == 405);
    CHECK(s.request("POST", "/api/v1/audit", "{}", tok).status == 405);
    CHECK(s.request("PUT", "/api/v1/audit", "{}", tok).status == 405);
    CHECK(list_total(s, "/api/v1/audit", tok) == total);
  }
}
