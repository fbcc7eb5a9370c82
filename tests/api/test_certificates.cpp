// Enforcement certificates (行政执法证) through the API: the issue → suspend → restore → withdraw →
// cancel walk with eligibility between the events, conflicts that write nothing, validation,
// the role matrix of every certificate endpoint, leaving post, the public check and the
// expiring list (docs/domain.md "Enforcement certificates", docs/api.md).
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "harness.hpp"

using namespace certhours::test;

namespace {



std::string message_of(const HttpResult& r) {
  auto v = r.json();
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.at("error");
  return e.as_object().contains("message") ? str(e.at("message")) : "";
}

std::string field_of(const HttpResult& r) {
  auto v = r.json();
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.at("error").as_object();
  return e.contains("field") ? str(e.at("field")) : "";
}


HttpResult issue(Server& s, long long officer, const std::string& number, const std::string& issued_on,
                 const std::string& tok, const std::string& expires_on = "") {
  json::object body{{"number", number}, {"issued_on", issued_on}};
  if (!expires_on.empty()) body["expires_on"] = expires_on;
  return s.post("/api/v1/officers/" + S(officer) + "/certificates", body, tok);
}

long long issue_ok(Server& s, long long officer, const std::string& number, const std::string& issued_on,
                   const std::string& expires_on = "") {
  auto r = issue(s, officer, number, issued_on, s.admin_token(), expires_on);
  REQUIRE_MESSAGE(r.status == 201, number << ": " << r.body);
  return r.json().at("id").as_int64();
}

HttpResult act(Server& s, long long cert, const std::string& action, const std::string& effective_on,
               const std::string& reason, const std::string& tok, const std::string& until = "") {
  json::object body{{"action", action}};
  if (!effective_on.empty()) body["effective_on"] = effective_on;
  if (!reason.empty()) body["reason"] = reason;
  if (!until.empty()) body["until"] = until;
  return s.post("/api/v1/certificates/" + S(cert) + "/actions", body, tok);
}

void act_ok(Server& s, long long cert, const std::string& action, const std::string& effective_on,
            const std::string& reason, const std::string& until = "") {
  auto r = act(s, cert, action, effective_on, reason, s.admin_token(), until);
  REQUIRE_MESSAGE(r.status == 200, action << " " << effective_on << ": " << r.body);
}

json::array certs_of(Server& s, long long officer, const std::string& tok = "") {
  auto r = s.get("/api/v1/officers/" + S(officer) + "/certificates", tok.empty() ? s.admin_token() : tok);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json().at("items").as_array();
}

// What the officer's certificate list says, as text: compared before and after a refused call.
std::string snapshot(Server& s, long long officer) { return json::serialize(certs_of(s, officer)); }

long long cert_audit_total(Server& s) { return list_total(s, "/api/v1/audit?entity=certificate", s.admin_token()); }

json::object eligibility(Server& s, long long officer, const std::string& on) {
  auto r = s.get("/api/v1/officers/" + S(officer) + "/eligibility" + (on.empty() ? "" : "?on=" + on), s.admin_token());
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json().as_object();
}

// The strings of a JSON array, sorted (the order of reasons is not part of the contract).
std::vector<std::string> strings(const json::value& arr) {
  std::vector<std::string> out;
  for (const auto& v : arr.as_array()) out.push_back(str(v));
  std::sort(out.begin(), out.end());
  return out;
}

using Strings = std::vector<std::string>;

struct CertEnv {
  Server s{{"CERTHOURS_TODAY=2025-06-01"}};
  Tree t;
  std::string admin, hr_qn, hr_qb, off_a;
  long long a = 0, b = 0;      // enforcement officers in 钦南区 and 钦北区
  long long cert_a = 0, cert_b = 0;
  int next_n = 100;
  CertEnv() : t(make_tree(s)) {
    s.language = "en";  // the messages checked below are the English ones
    admin = s.admin_token();
    a = officer("甲执法", t.qinnan);
    b = officer("乙执法", t.qinbei);
    cert_a = issue_ok(s, a, "QZ-A-0001", "2024-01-01");
    cert_b = issue_ok(s, b, "QZ-B-0001", "2024-01-01");
    hr_qn = s.make_user("cert_hr_qn", "hr", t.qinnan, std::nullopt);
    hr_qb = s.make_user("cert_hr_qb", "hr", t.qinbei, std::nullopt);
    off_a = s.make_user("cert_off_a", "officer", std::nullopt, a);
  }
  long long officer(const std::string& name, long long unit, const std::string& kind = "enforcement",
                    const std::string& post_start = "2016-01-01") {
    return make_officer(s, name, unit, post_start, next_n++, kind);
  }
};

CertEnv& env() {
  static CertEnv e;
  return e;
}

}  // namespace

TEST_CASE("certificates: the demo walk issue, suspend (until), restore, withdraw, cancel, with eligibility between") {
  auto& e = env();
  Server& s = e.s;
  long long w = e.officer("王执法", e.t.qinnan);
  const std::string number = "QZ-2023-" + S(w);  // SUBCASEs run this setup again: one number per run

  auto r = issue(s, w, number, "2023-01-01", e.admin);
  REQUIRE_MESSAGE(r.status == 201, r.body);
  auto c = r.json().as_object();
  long long id = c.at("id").as_int64();
  CHECK(str(c.at("number")) == number);
  CHECK(str(c.at("issued_on")) == "2023-01-01");
  CHECK(str(c.at("expires_on")) == "2027-12-31");  // five years less a day
  CHECK(str(c.at("state")) == "valid");
  REQUIRE(c.at("events").as_array().size() == 1);
  CHECK(str(c.at("events").at(0).at("action")) == "issue");

  // The suspension ends (until 2023-12-31) long before today (2025-06-01): valid today.
  r = act(s, id, "suspend", "2023-06-01", "涉嫌违法执法，调查期间", e.admin, "2023-12-31");
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(str(r.json().at("state")) == "valid");
  CHECK(r.json().at("events").as_array().size() == 2);
  r = act(s, id, "restore", "2023-09-01", "调查结束，未发现违法", e.admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(str(r.json().at("state")) == "valid");
  r = act(s, id, "withdraw", "2024-03-01", "调离执法岗位", e.admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(str(r.json().at("state")) == "withdrawn");
  r = act(s, id, "cancel", "2024-06-01", "收回后注销", e.admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(str(r.json().at("state")) == "cancelled");

  SUBCASE("eligibility on dates between the events") {
    struct Case {
      const char* on;
      bool can;
      Strings codes;
      bool has_number;
    };
    const Case cases[] = {
        {"2015-12-31", false, {"no_certificate", "not_on_post"}, false},
        {"2022-12-31", false, {"no_certificate"}, false},
        {"2023-01-01", true, {"certificate_valid"}, true},
        {"2023-05-31", true, {"certificate_valid"}, true},
        {"2023-06-01", false, {"suspended"}, true},
        {"2023-08-31", false, {"suspended"}, true},
        {"2023-09-01", true, {"certificate_valid"}, true},  // restored before its until
        {"2023-10-15", true, {"certificate_valid"}, true},
        {"2024-02-29", true, {"certificate_valid"}, true},
        {"2024-03-01", false, {"withdrawn"}, true},
        {"2024-05-31", false, {"withdrawn"}, true},
        {"2024-06-01", false, {"cancelled"}, true},
        {"2027-06-01", false, {"cancelled"}, true},
    };
    for (const Case& k : cases) {
      CAPTURE(k.on);
      auto el = eligibility(s, w, k.on);
      CHECK(el.at("officer_id").as_int64() == w);
      CHECK(str(el.at("on")) == k.on);
      CHECK(el.at("can_enforce_independently").as_bool() == k.can);
      CHECK(strings(el.at("reason_codes")) == k.codes);
      CHECK_FALSE(el.at("reasons").as_array().empty());
      for (const auto& reason : el.at("reasons").as_array()) CHECK_FALSE(str(reason).empty());
      if (k.has_number) {
        REQUIRE(el.contains("certificate_number"));
        CHECK(str(el.at("certificate_number")) == number);
      } else {
        CHECK((!el.contains("certificate_number") || el.at("certificate_number").is_null()));
      }
    }
    // The suspended answer gives the suspension's reason; no `on` means today (2025-06-01).
    auto sus = eligibility(s, w, "2023-07-01");
    CHECK(contains(str(sus.at("reasons").at(0)), "涉嫌违法执法"));
    auto today = eligibility(s, w, "");
    CHECK(str(today.at("on")) == "2025-06-01");
    CHECK_FALSE(today.at("can_enforce_independently").as_bool());
  }

  SUBCASE("the full history in the officer's certificate list") {
    auto items = certs_of(s, w);
    REQUIRE(items.size() == 1);
    auto cert = items[0].as_object();
    CHECK(cert.at("id").as_int64() == id);
    CHECK(str(cert.at("number")) == number);
    CHECK(str(cert.at("state")) == "cancelled");
    CHECK(str(cert.at("issued_on")) == "2023-01-01");
    CHECK(str(cert.at("expires_on")) == "2027-12-31");
    auto events = cert.at("events").as_array();
    REQUIRE(events.size() == 5);
    const char* actions[] = {"issue", "suspend", "restore", "withdraw", "cancel"};
    const char* dates[] = {"2023-01-01", "2023-06-01", "2023-09-01", "2024-03-01", "2024-06-01"};
    const char* reasons[] = {"", "涉嫌违法执法，调查期间", "调查结束，未发现违法", "调离执法岗位", "收回后注销"};
    for (std::size_t i = 0; i < 5; ++i) {
      CAPTURE(i);
      const auto& ev = events[i].as_object();
      CHECK(str(ev.at("action")) == actions[i]);
      CHECK(str(ev.at("effective_on")) == dates[i]);
      if (i > 0) CHECK(str(ev.at("reason")) == reasons[i]);
      CHECK(str(ev.at("actor")) == "admin");
      std::string at = str(ev.at("at"));
      CHECK(at.size() >= 20);
      CHECK(at.substr(10, 1) == "T");
      CHECK((at.back() == 'Z' || contains(at, "+00:00")));
      if (i == 1) {
        REQUIRE(ev.contains("until"));
        CHECK(str(ev.at("until")) == "2023-12-31");
      } else {
        CHECK((!ev.contains("until") || ev.at("until").is_null()));
      }
    }
    // The officer sees their own history too (and hr of the unit).
    auto tok = s.make_user("cert_off_w", "officer", std::nullopt, w);
    CHECK(json::serialize(certs_of(s, w, tok)) == json::serialize(items));
  }
}

TEST_CASE("certificates: a suspension's until is its last day; a restore after it is a conflict") {
  auto& e = env();
  Server& s = e.s;
  long long u = e.officer("吴执法", e.t.jianshan);
  long long id = issue_ok(s, u, "QZ-U-0001", "2024-01-01");
  act_ok(s, id, "suspend", "2024-05-01", "暂扣调查", "2024-05-31");

  auto on_until = eligibility(s, u, "2024-05-31");
  CHECK_FALSE(on_until.at("can_enforce_independently").as_bool());
  CHECK(strings(on_until.at("reason_codes")) == Strings{"suspended"});
  auto next_day = eligibility(s, u, "2024-06-01");
  CHECK(next_day.at("can_enforce_independently").as_bool());
  CHECK(strings(next_day.at("reason_codes")) == Strings{"certificate_valid"});
  CHECK(str(certs_of(s, u)[0].at("state")) == "valid");

  auto before = snapshot(s, u);
  auto audits = cert_audit_total(s);
  auto r = act(s, id, "restore", "2024-06-10", "", e.admin);
  CHECK(r.status == 409);
  CHECK(r.error_code() == "conflict");
  CHECK(contains(message_of(r), "valid"));
  CHECK(snapshot(s, u) == before);
  CHECK(cert_audit_total(s) == audits);

  // A suspension without until lasts until restored.
  act_ok(s, id, "suspend", "2024-07-01", "再次暂扣");
  CHECK(str(certs_of(s, u)[0].at("state")) == "suspended");
  CHECK(certs_of(s, u)[0].at("valid_today").as_bool() == false);
  act_ok(s, id, "restore", "2025-01-02", "");
  CHECK(str(certs_of(s, u)[0].at("state")) == "valid");
  CHECK(eligibility(s, u, "2025-01-01").at("can_enforce_independently").as_bool() == false);
  CHECK(eligibility(s, u, "2025-01-02").at("can_enforce_independently").as_bool() == true);

  // Five years less a day from a 29 February is 28 February.
  long long leap = e.officer("闰日发证", e.t.jianshan);
  auto r2 = issue(s, leap, "QZ-LEAP-" + S(leap), "2024-02-29", e.admin);
  REQUIRE_MESSAGE(r2.status == 201, r2.body);
  CHECK(str(r2.json().at("expires_on")) == "2029-02-28");
}

TEST_CASE("certificates: conflicts answer 409 naming the rule and write nothing") {
  auto& e = env();
  Server& s = e.s;
  const std::string& tok = e.admin;

  auto expect_conflict = [&](long long officer, const HttpResult& r, std::initializer_list<const char*> words,
                             const std::string& before, long long audits) {
    CHECK_MESSAGE(r.status == 409, r.body);
    CHECK(r.error_code() == "conflict");
    std::string msg = message_of(r);
    for (const char* w : words) CHECK_MESSAGE(contains(msg, w), "message '" << msg << "' lacks '" << w << "'");
    CHECK(snapshot(s, officer) == before);
    CHECK(cert_audit_total(s) == audits);
  };

  long long o = e.officer("陈执法", e.t.qinnan);
  const std::string live_no = "QZ-C-" + S(o);  // SUBCASEs run this setup again: one number per run
  long long live = issue_ok(s, o, live_no, "2024-01-01");

  SUBCASE("a second live certificate for the same officer") {
    auto before = snapshot(s, o);
    auto audits = cert_audit_total(s);
    expect_conflict(o, issue(s, o, live_no + "-2", "2024-06-01", tok), {live_no.c_str()}, before, audits);
    // Also while it is suspended.
    act_ok(s, live, "suspend", "2024-07-01", "调查");
    before = snapshot(s, o);
    audits = cert_audit_total(s);
    expect_conflict(o, issue(s, o, live_no + "-3", "2024-08-01", tok), {live_no.c_str(), "suspended"}, before, audits);
    // Once it is withdrawn, a new one may be issued.
    act_ok(s, live, "withdraw", "2024-09-01", "收回");
    auto r = issue(s, o, live_no + "-4", "2024-09-02", tok);
    CHECK_MESSAGE(r.status == 201, r.body);
  }
  SUBCASE("a duplicate number") {
    long long other = e.officer("陈二", e.t.qinbei);
    auto before = snapshot(s, other);
    auto audits = cert_audit_total(s);
    expect_conflict(other, issue(s, other, live_no, "2024-01-01", tok), {live_no.c_str()}, before, audits);
  }
  SUBCASE("a police officer: the People's Police Law") {
    long long police = e.officer("警察甲", e.t.qinnan, "police");
    auto before = snapshot(s, police);
    auto audits = cert_audit_total(s);
    auto r = issue(s, police, "QZ-P-0001", "2024-01-01", tok);
    CHECK_MESSAGE(r.status == 409, r.body);
    CHECK(r.error_code() == "conflict");
    std::string msg = message_of(r);
    CHECK_MESSAGE((contains(msg, "People's Police Law") || contains(msg, "人民警察法")), msg);
    CHECK(snapshot(s, police) == before);
    CHECK(certs_of(s, police).empty());
    CHECK(cert_audit_total(s) == audits);
    // Eligibility says why: a police officer's credentials are not this system's.
    auto el = eligibility(s, police, "2025-01-01");
    CHECK_FALSE(el.at("can_enforce_independently").as_bool());
    auto codes = strings(el.at("reason_codes"));
    CHECK(std::find(codes.begin(), codes.end(), "police") != codes.end());
    // And the number stays free.
    CHECK(s.get("/api/v1/public/certificates/QZ-P-0001").status == 404);
  }
  SUBCASE("an officer who has left") {
    long long gone = e.officer("离职者", e.t.qinnan);
    auto p = s.patch("/api/v1/officers/" + S(gone), json::object{{"status", "left"}, {"post_end", "2024-12-31"}}, tok);
    REQUIRE_MESSAGE(p.status == 200, p.body);
    auto before = snapshot(s, gone);
    auto audits = cert_audit_total(s);
    expect_conflict(gone, issue(s, gone, "QZ-L-0001", "2024-06-01", tok), {"left"}, before, audits);
  }
  SUBCASE("restoring a withdrawn certificate") {
    act_ok(s, live, "withdraw", "2024-03-01", "收回");
    auto before = snapshot(s, o);
    auto audits = cert_audit_total(s);
    // The message names both states: the one it is in and the one the action leads to.
    expect_conflict(o, act(s, live, "restore", "2024-04-01", "", tok), {"withdrawn", "restore", "valid"}, before,
                    audits);
    expect_conflict(o, act(s, live, "suspend", "2024-04-01", "调查", tok), {"withdrawn", "suspended"}, before, audits);
    expect_conflict(o, act(s, live, "withdraw", "2024-04-01", "再收回", tok), {"withdrawn"}, before, audits);
  }
  SUBCASE("restoring a valid certificate") {
    auto before = snapshot(s, o);
    auto audits = cert_audit_total(s);
    expect_conflict(o, act(s, live, "restore", "2024-04-01", "", tok), {"valid", "restore"}, before, audits);
  }
  SUBCASE("any action on a cancelled certificate") {
    act_ok(s, live, "cancel", "2024-03-01", "注销");
    auto before = snapshot(s, o);
    auto audits = cert_audit_total(s);
    for (const char* a : {"suspend", "restore", "withdraw", "cancel"}) {
      CAPTURE(a);
      expect_conflict(o, act(s, live, a, "2024-04-01", "再次处理", tok), {"cancelled"}, before, audits);
    }
  }
  SUBCASE("until before effective_on is a wrong value (422), not a state conflict") {
    auto before = snapshot(s, o);
    auto audits = cert_audit_total(s);
    auto r = act(s, live, "suspend", "2024-05-10", "调查", tok, "2024-05-09");
    CHECK_MESSAGE(r.status == 422, r.body);
    CHECK(r.error_code() == "validation_failed");
    CHECK(r.json().at("error").at("field") == "until");
    CHECK(snapshot(s, o) == before);
    CHECK(cert_audit_total(s) == audits);
  }
  SUBCASE("an action effective before the certificate's issue date") {
    auto before = snapshot(s, o);
    auto audits = cert_audit_total(s);
    expect_conflict(o, act(s, live, "suspend", "2023-12-31", "调查", tok), {"2024-01-01"}, before, audits);
    expect_conflict(o, act(s, live, "cancel", "2023-06-01", "注销", tok), {"2024-01-01"}, before, audits);
  }
  SUBCASE("an action before the latest event") {
    act_ok(s, live, "suspend", "2024-05-01", "调查");
    auto before = snapshot(s, o);
    auto audits = cert_audit_total(s);
    expect_conflict(o, act(s, live, "withdraw", "2024-04-30", "收回", tok), {"2024-05-01"}, before, audits);
    expect_conflict(o, act(s, live, "restore", "2024-02-01", "", tok), {"2024-05-01"}, before, audits);
    // On the day of the latest event is allowed.
    auto r = act(s, live, "restore", "2024-05-01", "", tok);
    CHECK_MESSAGE(r.status == 200, r.body);
  }
  SUBCASE("an expired certificate may only be cancelled") {
    long long old_holder = e.officer("老证人", e.t.qinnan);
    long long old = issue_ok(s, old_holder, "QZ-X-0001", "2019-01-01");  // expires 2023-12-31
    CHECK(str(certs_of(s, old_holder)[0].at("state")) == "expired");
    CHECK(eligibility(s, old_holder, "2023-12-31").at("can_enforce_independently").as_bool());  // valid on expires_on
    auto gone = eligibility(s, old_holder, "2024-01-01");
    CHECK_FALSE(gone.at("can_enforce_independently").as_bool());
    CHECK(strings(gone.at("reason_codes")) == Strings{"expired"});
    auto before = snapshot(s, old_holder);
    auto audits = cert_audit_total(s);
    expect_conflict(old_holder, act(s, old, "suspend", "2024-02-01", "调查", tok), {"expired"}, before, audits);
    expect_conflict(old_holder, act(s, old, "withdraw", "2024-02-01", "收回", tok), {"expired"}, before, audits);
    auto r = act(s, old, "cancel", "2024-02-01", "过期注销", tok);
    CHECK_MESSAGE(r.status == 200, r.body);
    CHECK(str(r.json().at("state")) == "cancelled");
  }
}

TEST_CASE("certificates: validation errors (422) on issue, actions, eligibility and assessment") {
  auto& e = env();
  Server& s = e.s;
  const std::string& tok = e.admin;
  long long o = e.officer("校验者", e.t.qinnan);
  long long id = issue_ok(s, o, "QZ-V-" + S(o), "2024-01-01");  // SUBCASEs run this setup again
  auto before = snapshot(s, o);
  auto audits = cert_audit_total(s);

  auto expect_422 = [&](const HttpResult& r, const std::string& field) {
    CHECK_MESSAGE(r.status == 422, r.body);
    CHECK(r.error_code() == "validation_failed");
    CHECK_FALSE(message_of(r).empty());
    if (!field.empty()) CHECK_MESSAGE(field_of(r) == field, r.body);
  };
  const std::string certs = "/api/v1/officers/" + S(o) + "/certificates";
  const std::string actions = "/api/v1/certificates/" + S(id) + "/actions";

  SUBCASE("issue: bad number, bad dates") {
    for (const char* bad : {"ab", "QZ 0001", "证件-0001", "QZ_0001", "QZ-0001/2",
                            "0123456789012345678901234567890123456789X"}) {
      CAPTURE(bad);
      expect_422(issue(s, o, bad, "2025-01-01", tok), "number");
    }
    expect_422(s.post(certs, json::object{{"number", 12345}, {"issued_on", "2025-01-01"}}, tok), "number");
    expect_422(s.post(certs, json::object{{"issued_on", "2025-01-01"}}, tok), "number");
    expect_422(s.post(certs, json::object{{"number", "QZ-V-0002"}}, tok), "issued_on");
    for (const char* bad : {"2025-02-30", "2025/01/01", "20250101", "1949-12-31", "2100-01-01", ""}) {
      CAPTURE(bad);
      expect_422(issue(s, o, "QZ-V-0002", bad, tok), "issued_on");
    }
    expect_422(issue(s, o, "QZ-V-0002", "2025-01-01", tok, "2025-13-01"), "expires_on");
    expect_422(issue(s, o, "QZ-V-0002", "2025-01-01", tok, "2024-12-31"), "expires_on");
  }
  SUBCASE("actions: unknown action, missing reason, bad dates") {
    expect_422(act(s, id, "revoke", "2024-06-01", "原因", tok), "action");
    expect_422(act(s, id, "issue", "2024-06-01", "原因", tok), "action");
    expect_422(s.post(actions, json::object{{"effective_on", "2024-06-01"}, {"reason", "原因"}}, tok), "action");
    expect_422(s.post(actions, json::object{{"action", 1}, {"effective_on", "2024-06-01"}, {"reason", "x"}}, tok),
               "action");
    for (const char* a : {"suspend", "withdraw", "cancel"}) {
      CAPTURE(a);
      expect_422(act(s, id, a, "2024-06-01", "", tok), "reason");
      expect_422(s.post(actions, json::object{{"action", a}, {"effective_on", "2024-06-01"}, {"reason", "   "}}, tok),
                 "reason");
      expect_422(s.post(actions, json::object{{"action", a}, {"effective_on", "2024-06-01"}, {"reason", nullptr}}, tok),
                 "reason");
    }
    for (const char* bad : {"2024-02-30", "2024-6-1", "tomorrow", "1900-01-01"}) {
      CAPTURE(bad);
      expect_422(act(s, id, "suspend", bad, "调查", tok), "effective_on");
      expect_422(act(s, id, "suspend", "2024-06-01", "调查", tok, bad), "until");
    }
    // until belongs to a suspension only.
    expect_422(act(s, id, "withdraw", "2024-06-01", "收回", tok, "2024-06-30"), "until");
  }
  SUBCASE("eligibility and expiring: bad query values") {
    for (const char* bad : {"2024-02-30", "2024-13-01", "yesterday", "1900-01-01"}) {
      CAPTURE(bad);
      auto r = s.get("/api/v1/officers/" + S(o) + "/eligibility?on=" + bad, tok);
      expect_422(r, "on");
    }
    expect_422(s.get("/api/v1/certificates/expiring?days=-1", tok), "days");
    expect_422(s.get("/api/v1/certificates/expiring?days=abc", tok), "days");
  }
  SUBCASE("assessment: unknown grade, year out of range") {
    const std::string base = "/api/v1/officers/" + S(o) + "/assessments/";
    auto audit_assess = list_total(s, "/api/v1/audit?entity=assessment&entity_id=" + S(o), tok);
    expect_422(s.put(base + "2024", json::object{{"grade", "good"}}, tok), "grade");
    expect_422(s.put(base + "2024", json::object{{"grade", "Competent"}}, tok), "grade");
    expect_422(s.put(base + "2024", json::object{{"grade", nullptr}}, tok), "grade");
    expect_422(s.put(base + "2024", json::object{}, tok), "grade");
    expect_422(s.put(base + "1900", json::object{{"grade", "competent"}}, tok), "year");
    expect_422(s.put(base + "2026", json::object{{"grade", "competent"}}, tok), "year");  // next year (today 2025)
    CHECK(list_total(s, "/api/v1/audit?entity=assessment&entity_id=" + S(o), tok) == audit_assess);
    // The current year and an earlier one are fine; every grade is accepted.
    for (const char* g : {"excellent", "competent", "basically_competent", "incompetent"}) {
      auto r = s.put(base + "2025", json::object{{"grade", g}}, tok);
      CHECK_MESSAGE(r.status == 200, r.body);
      CHECK(str(r.json().at("grade")) == g);
    }
    CHECK(s.put(base + "2023", json::object{{"grade", "competent"}}, tok).status == 200);
  }
  CHECK(snapshot(s, o) == before);
  CHECK(cert_audit_total(s) == audits);
}

TEST_CASE("certificates: role matrix of every certificate endpoint, eligibility, assessment, exit review and audit") {
  auto& e = env();
  Server& s = e.s;
  const std::string none;
  const std::string A = S(e.a), B = S(e.b);

  // For calls that point at officer a (in 钦南区): hr_qn is in scope, hr_qb is not, off_a is self.
  // "officer other": off_a pointing at officer b.
  auto check = [&](const char* what, const std::function<HttpResult(const std::string&, bool other)>& call,
                   int admin, int hr_in, int hr_out, int self, int other, int anon) {
    CAPTURE(what);
    struct Row {
      const char* who;
      std::string tok;
      bool other;
      int expected;
    } rows[] = {{"admin", e.admin, false, admin},  {"hr in scope", e.hr_qn, false, hr_in},
                {"hr out of scope", e.hr_qb, false, hr_out}, {"officer self", e.off_a, false, self},
                {"officer other", e.off_a, true, other},   {"no token", none, false, anon}};
    for (auto& row : rows) {
      CAPTURE(row.who);
      auto r = call(row.tok, row.other);
      CHECK_MESSAGE(r.status == row.expected, r.status << " " << r.body);
      if (r.status == 401) CHECK(r.error_code() == "unauthenticated");
      if (r.status == 403) CHECK(r.error_code() == "forbidden");
      if (r.status == 404) CHECK(r.error_code() == "not_found");
    }
  };

  // Issue: admin only. Each admin call issues to a fresh officer of 钦南区.
  int issued = 0;
  check(
      "POST /officers/{id}/certificates",
      [&](const std::string& tok, bool other) {
        long long target = other ? e.b : e.a;
        if (tok == e.admin) target = e.officer("矩阵发证", e.t.qinnan);
        return issue(s, target, "QZ-M-" + std::to_string(1000 + issued++), "2025-01-01", tok);
      },
      201, 403, 403, 403, 403, 401);
  CHECK(certs_of(s, e.a).size() == 1);

  // Actions: admin only; the admin's call suspends a dedicated certificate.
  long long m = e.officer("矩阵动作", e.t.qinnan);
  long long mc = issue_ok(s, m, "QZ-M-0001", "2024-01-01");
  check(
      "POST /certificates/{id}/actions",
      [&](const std::string& tok, bool other) {
        long long cert = tok == e.admin ? mc : other ? e.cert_b : e.cert_a;
        return act(s, cert, "suspend", "2025-01-01", "调查", tok);
      },
      200, 403, 403, 403, 403, 401);
  CHECK(str(certs_of(s, e.a)[0].at("state")) == "valid");
  CHECK(str(certs_of(s, e.b)[0].at("state")) == "valid");

  check(
      "GET /officers/{id}/certificates",
      [&](const std::string& tok, bool other) { return s.get("/api/v1/officers/" + (other ? B : A) + "/certificates", tok); },
      200, 200, 404, 200, 404, 401);
  check(
      "GET /officers/{id}/eligibility",
      [&](const std::string& tok, bool other) {
        return s.get("/api/v1/officers/" + (other ? B : A) + "/eligibility?on=2025-01-01", tok);
      },
      200, 200, 404, 200, 404, 401);
  check(
      "GET /certificates/expiring?unit_id=钦南区",
      [&](const std::string& tok, bool) { return s.get("/api/v1/certificates/expiring?unit_id=" + S(e.t.qinnan), tok); },
      200, 200, 404, 403, 403, 401);
  check(
      "GET /certificates/expiring", [&](const std::string& tok, bool) { return s.get("/api/v1/certificates/expiring", tok); },
      200, 200, 200, 403, 403, 401);
  check(
      "PUT /officers/{id}/assessments/2024",
      [&](const std::string& tok, bool other) {
        return s.put("/api/v1/officers/" + (other ? B : A) + "/assessments/2024", json::object{{"grade", "competent"}}, tok);
      },
      200, 200, 404, 403, 403, 401);
  check(
      "GET /reviews/exit",
      [&](const std::string& tok, bool) { return s.get("/api/v1/reviews/exit?year=2024", tok); }, 200, 403, 403, 403,
      403, 401);
  check(
      "GET /reviews/exit?unit_id=钦南区",
      [&](const std::string& tok, bool) { return s.get("/api/v1/reviews/exit?year=2024&unit_id=" + S(e.t.qinnan), tok); },
      200, 403, 403, 403, 403, 401);
  check(
      "GET /audit", [&](const std::string& tok, bool) { return s.get("/api/v1/audit", tok); }, 200, 403, 403, 403, 403,
      401);
  check(
      "GET /audit?entity=certificate",
      [&](const std::string& tok, bool) { return s.get("/api/v1/audit?entity=certificate&entity_id=" + S(e.cert_a), tok); },
      200, 403, 403, 403, 403, 401);
  // The public check needs no token and works with any.
  check(
      "GET /public/certificates/{number}",
      [&](const std::string& tok, bool) { return s.get("/api/v1/public/certificates/QZ-A-0001", tok); }, 200, 200, 200,
      200, 200, 200);

  SUBCASE("what does not exist is 404 for the admin") {
    CHECK(s.get("/api/v1/officers/999999/certificates", e.admin).status == 404);
    CHECK(s.get("/api/v1/officers/999999/eligibility", e.admin).status == 404);
    CHECK(issue(s, 999999, "QZ-N-0001", "2025-01-01", e.admin).status == 404);
    CHECK(act(s, 999999, "suspend", "2025-01-01", "调查", e.admin).status == 404);
    CHECK(s.put("/api/v1/officers/999999/assessments/2024", json::object{{"grade", "competent"}}, e.admin).status == 404);
    CHECK(s.get("/api/v1/certificates/expiring?unit_id=999999", e.admin).status == 404);
    CHECK(s.get("/api/v1/reviews/exit?year=2024&unit_id=999999", e.admin).status == 404);
    // …and a role that may never call is 403 wherever it points.
    CHECK(act(s, 999999, "suspend", "2025-01-01", "调查", e.hr_qn).status == 403);
    CHECK(issue(s, 999999, "QZ-N-0001", "2025-01-01", e.off_a).status == 403);
  }
}

TEST_CASE("certificates: leaving post withdraws valid and suspended certificates in the same request, with audit") {
  auto& e = env();
  Server& s = e.s;
  const std::string& tok = e.admin;

  auto audit_items = [&](const std::string& entity, long long id) {
    auto r = s.get("/api/v1/audit?entity=" + entity + "&entity_id=" + S(id), tok);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json().at("items").as_array();
  };

  SUBCASE("a valid certificate (admin) and a suspended one (hr of the unit)") {
    long long v = e.officer("离岗甲", e.t.qinnan);
    long long vc = issue_ok(s, v, "QZ-LV-0001", "2023-03-01");
    long long p = e.officer("离岗乙", e.t.jianshan);
    long long pc = issue_ok(s, p, "QZ-LP-0001", "2023-03-01");
    act_ok(s, pc, "suspend", "2024-10-01", "调查");

    auto r = s.patch("/api/v1/officers/" + S(v), json::object{{"status", "left"}, {"post_end", "2025-02-28"}}, tok);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(str(r.json().at("status")) == "left");
    CHECK(str(r.json().at("post_end")) == "2025-02-28");
    r = s.patch("/api/v1/officers/" + S(p), json::object{{"status", "left"}, {"post_end", "2025-03-15"}}, e.hr_qn);
    REQUIRE_MESSAGE(r.status == 200, r.body);

    struct Case {
      long long officer, cert;
      const char* post_end;
      const char* prior;
      const char* actor;
    } cases[] = {{v, vc, "2025-02-28", "issue", "admin"}, {p, pc, "2025-03-15", "suspend", "cert_hr_qn"}};
    for (auto& k : cases) {
      CAPTURE(k.post_end);
      auto items = certs_of(s, k.officer);
      REQUIRE(items.size() == 1);
      CHECK(str(items[0].at("state")) == "withdrawn");
      CHECK(items[0].at("valid_today").as_bool() == false);
      auto events = items[0].at("events").as_array();
      REQUIRE(events.size() >= 2);
      const auto& last = events.back().as_object();
      CHECK(str(last.at("action")) == "withdraw");
      CHECK(str(last.at("effective_on")) == k.post_end);
      CHECK_FALSE(str(last.at("reason")).empty());
      CHECK(str(last.at("actor")) == k.actor);
      CHECK(str(events[events.size() - 2].at("action")) == k.prior);

      // The audit entry of the certificate, newest first: before (prior event last) and after (withdraw).
      auto audit = audit_items("certificate", k.cert);
      REQUIRE_FALSE(audit.empty());
      const auto& entry = audit[0].as_object();
      CHECK(str(entry.at("entity")) == "certificate");
      CHECK(entry.at("entity_id").as_int64() == k.cert);
      CHECK(str(entry.at("actor")) == k.actor);
      REQUIRE(entry.at("before").is_object());
      REQUIRE(entry.at("after").is_object());
      auto before_events = entry.at("before").at("events").as_array();
      auto after_events = entry.at("after").at("events").as_array();
      CHECK(after_events.size() == before_events.size() + 1);
      CHECK(str(before_events.back().at("action")) == k.prior);
      CHECK(str(after_events.back().at("action")) == "withdraw");
      CHECK(str(after_events.back().at("effective_on")) == k.post_end);
      // The officer's own audit entry shows the change of status.
      auto oa = audit_items("officer", k.officer);
      REQUIRE_FALSE(oa.empty());
      CHECK(str(oa[0].at("before").at("status")) == "active");
      CHECK(str(oa[0].at("after").at("status")) == "left");
      CHECK(str(oa[0].at("after").at("post_end")) == k.post_end);

      // Eligibility: yes on the last day on post, no the day after.
      auto el = eligibility(s, k.officer, "2025-02-27");
      CHECK(el.at("can_enforce_independently").as_bool() == (std::string(k.prior) == "issue"));
      auto after_leaving = eligibility(s, k.officer, "2025-04-01");
      CHECK_FALSE(after_leaving.at("can_enforce_independently").as_bool());
      auto codes = strings(after_leaving.at("reason_codes"));
      CHECK(std::find(codes.begin(), codes.end(), "not_on_post") != codes.end());
    }
  }

  SUBCASE("a cancelled certificate is left alone; a police officer has nothing withdrawn") {
    long long c = e.officer("离岗丙", e.t.qinnan);
    long long cc = issue_ok(s, c, "QZ-LC-0001", "2023-03-01");
    act_ok(s, cc, "cancel", "2024-01-10", "注销");
    auto before_c = snapshot(s, c);
    long long police = e.officer("警察乙", e.t.qinnan, "police");
    auto audits = cert_audit_total(s);

    auto r = s.patch("/api/v1/officers/" + S(c), json::object{{"status", "left"}, {"post_end", "2025-01-31"}}, tok);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(snapshot(s, c) == before_c);
    r = s.patch("/api/v1/officers/" + S(police), json::object{{"status", "left"}, {"post_end", "2025-01-31"}}, tok);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(str(r.json().at("status")) == "left");
    CHECK(certs_of(s, police).empty());
    CHECK(cert_audit_total(s) == audits);
    auto oa = audit_items("officer", police);
    REQUIRE_FALSE(oa.empty());
    CHECK(str(oa[0].at("after").at("status")) == "left");
  }
}

TEST_CASE("public certificate check: exact keys without a token, 404 for unknown numbers, 429 after 30 a minute") {
  Server s{{"CERTHOURS_TODAY=2025-06-01"}};
  Tree t = make_tree(s);
  long long o = make_officer(s, "公开甲", t.jianshan, "2016-01-01", 501);
  long long p = make_officer(s, "公开乙", t.qinbei, "2016-01-01", 502);
  issue_ok(s, o, "GX-2024-0001", "2024-01-01");
  long long pc = issue_ok(s, p, "GX-2024-0002", "2024-01-01");
  act_ok(s, pc, "suspend", "2025-05-01", "调查");
  int hits = 0;
  auto check_public = [&](const std::string& number) {
    ++hits;
    return s.get("/api/v1/public/certificates/" + number);
  };

  auto r = check_public("GX-2024-0001");
  REQUIRE_MESSAGE(r.status == 200, r.body);
  auto v = r.json().as_object();
  std::set<std::string> keys;
  for (const auto& kv : v) keys.insert(std::string(kv.key()));
  CHECK(keys == std::set<std::string>{"number", "holder", "unit", "state", "valid_today"});
  CHECK(str(v.at("number")) == "GX-2024-0001");
  CHECK(str(v.at("holder")) == "公开甲");
  CHECK(str(v.at("unit")) == "尖山街道");
  CHECK(str(v.at("state")) == "valid");
  CHECK(v.at("valid_today").as_bool() == true);
  CHECK_FALSE(contains(r.body, id_number(501)));
  CHECK_FALSE(contains(r.body, id_number(501).substr(14)));
  CHECK_FALSE(contains(r.body, "2016-01-01"));

  r = check_public("GX-2024-0002");
  REQUIRE_MESSAGE(r.status == 200, r.body);
  v = r.json().as_object();
  keys.clear();
  for (const auto& kv : v) keys.insert(std::string(kv.key()));
  CHECK(keys == std::set<std::string>{"number", "holder", "unit", "state", "valid_today"});
  CHECK(str(v.at("state")) == "suspended");
  CHECK(v.at("valid_today").as_bool() == false);
  CHECK_FALSE(contains(r.body, "调查"));

  for (const char* unknown : {"GX-2024-9999", "GX-2024-000", "ab"}) {
    CAPTURE(unknown);
    r = check_public(unknown);
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found");
  }

  // 30 checks a minute per address: the 31st is refused with Retry-After.
  int first_429 = 0;
  while (hits < 40) {
    r = check_public("GX-2024-0001");
    if (r.status == 429) {
      first_429 = hits;
      break;
    }
    CHECK(r.status == 200);
  }
  CHECK(first_429 == 31);
  CHECK(r.status == 429);
  CHECK(r.error_code() == "rate_limited");
  std::string retry = r.header("retry-after");
  REQUIRE_FALSE(retry.empty());
  int secs = std::atoi(retry.c_str());
  CHECK(secs >= 1);
  CHECK(secs <= 60);
  // Unknown numbers are limited too (no free enumeration), and the authenticated API is not affected.
  CHECK(check_public("GX-2024-9999").status == 429);
  CHECK(s.get("/api/v1/officers/" + S(o) + "/certificates", s.admin_token()).status == 200);
}

TEST_CASE("certificates expiring within 90 days: by unit subtree, hr scope, days narrows it") {
  Server s{{"CERTHOURS_TODAY=2025-06-01"}};
  Tree t = make_tree(s);
  int n = 600;
  auto holder = [&](const char* name, long long unit) { return make_officer(s, name, unit, "2016-01-01", n++); };
  // today 2025-06-01: +30 days = 2025-07-01, +90 days = 2025-08-30
  issue_ok(s, holder("十八天", t.qinnan), "EX-18", "2020-06-20");           // expires 2025-06-19
  issue_ok(s, holder("六十天", t.jianshan), "EX-60", "2020-08-01");         // expires 2025-07-31
  issue_ok(s, holder("八十九天", t.qinnan), "EX-89", "2020-01-01", "2025-08-29");
  issue_ok(s, holder("钦北四十三天", t.qinbei), "EX-QB-43", "2020-07-15");  // expires 2025-07-14
  issue_ok(s, holder("今天", t.qinnan), "EX-00", "2020-01-01", "2025-06-01");  // valid on its expires_on
  issue_ok(s, holder("远期", t.qinnan), "EX-FAR", "2021-01-01");            // expires 2025-12-31
  issue_ok(s, holder("九十二天", t.qinnan), "EX-92", "2020-01-01", "2025-09-01");
  issue_ok(s, holder("已过期", t.qinnan), "EX-GONE", "2020-01-01");         // expired 2024-12-31
  long long sus = issue_ok(s, holder("暂扣中", t.jianshan), "EX-SUS", "2020-07-10");  // expires 2025-07-09
  act_ok(s, sus, "suspend", "2025-05-01", "调查");
  long long wd = issue_ok(s, holder("已收回", t.qinnan), "EX-WD", "2020-07-01");     // expires 2025-06-30
  act_ok(s, wd, "withdraw", "2025-01-01", "收回");

  auto hr_qn = s.make_user("exp_hr_qn", "hr", t.qinnan, std::nullopt);
  auto hr_js = s.make_user("exp_hr_js", "hr", t.jianshan, std::nullopt);

  auto numbers = [&](const std::string& query, const std::string& tok) {
    auto r = s.get("/api/v1/certificates/expiring" + query, tok);
    REQUIRE_MESSAGE(r.status == 200, query << " " << r.body);
    std::set<std::string> out;
    auto body = r.json();  // keep the parsed body alive while iterating it
    for (const auto& item : body.at("items").as_array()) {
      const auto& it = item.as_object();
      for (const char* k : {"certificate_id", "number", "officer_id", "name", "unit_id", "expires_on"})
        CHECK_MESSAGE(it.contains(k), k << " missing in " << json::serialize(it));
      out.insert(str(it.at("number")));
    }
    return out;
  };
  using Set = std::set<std::string>;
  const std::string admin = s.admin_token();
  CHECK(numbers("", admin) == Set{"EX-18", "EX-60", "EX-89", "EX-QB-43", "EX-00", "EX-SUS"});
  CHECK(numbers("?days=90", admin) == Set{"EX-18", "EX-60", "EX-89", "EX-QB-43", "EX-00", "EX-SUS"});
  CHECK(numbers("?unit_id=" + S(t.city), admin) == Set{"EX-18", "EX-60", "EX-89", "EX-QB-43", "EX-00", "EX-SUS"});
  CHECK(numbers("?unit_id=" + S(t.qinnan), admin) == Set{"EX-18", "EX-60", "EX-89", "EX-00", "EX-SUS"});
  CHECK(numbers("?unit_id=" + S(t.qinbei), admin) == Set{"EX-QB-43"});
  CHECK(numbers("?unit_id=" + S(t.jianshan), admin) == Set{"EX-60", "EX-SUS"});
  CHECK(numbers("?days=30", admin) == Set{"EX-18", "EX-00"});
  CHECK(numbers("?days=120", admin) == Set{"EX-18", "EX-60", "EX-89", "EX-QB-43", "EX-00", "EX-SUS", "EX-92"});

  // hr: their own subtree only.
  CHECK(numbers("", hr_qn) == Set{"EX-18", "EX-60", "EX-89", "EX-00", "EX-SUS"});
  CHECK(numbers("?unit_id=" + S(t.jianshan), hr_qn) == Set{"EX-60", "EX-SUS"});
  CHECK(numbers("?days=30", hr_qn) == Set{"EX-18", "EX-00"});
  CHECK(numbers("", hr_js) == Set{"EX-60", "EX-SUS"});
  CHECK(numbers("?days=30", hr_js) == Set{});
  CHECK(s.get("/api/v1/certificates/expiring?unit_id=" + S(t.qinbei), hr_qn).status == 404);
  CHECK(s.get("/api/v1/certificates/expiring?unit_id=" + S(t.qinnan), hr_js).status == 404);
  CHECK(s.get("/api/v1/certificates/expiring?unit_id=" + S(t.city), hr_qn).status == 404);

  // The listed expiry date is the certificate's.
  auto r = s.get("/api/v1/certificates/expiring?days=30", admin);
  REQUIRE(r.status == 200);
  auto body = r.json();
  int found = 0;
  for (const auto& item : body.at("items").as_array())
    if (str(item.at("number")) == "EX-18") {
      ++found;
      CHECK(str(item.at("expires_on")) == "2025-06-19");
    }
  CHECK(found == 1);
}
