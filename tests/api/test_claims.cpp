// External training claims and exemptions over real HTTP (docs/api.md "External training
// claims and exemptions", docs/domain.md): the three worked examples figure for figure (hours and
// the compliance sheet), a claim moving the status to met and back, the evidence served as the
// bytes decide, a backup holding it byte for byte, and every bad input of the issue answered with
// a clear 4xx that writes nothing.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

namespace {

const std::string kPng("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 26);
const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

// Today: 2025-02-01, so 2024 (the worked examples' year) is the previous year, open to exemptions.
struct ClaimEnv {
  Server s{{"CERTHOURS_TODAY=2025-02-01"}};
  Tree t;
  std::string admin, hr, hr_other;
  int next_n = 8100;
  ClaimEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    hr = s.make_user("hr_claims", "hr", t.qinnan, std::nullopt);
    hr_other = s.make_user("hr_claims_bei", "hr", t.qinbei, std::nullopt);
  }
  long long officer(const std::string& name, const std::string& post_start = "2020-01-01", long long unit = 0) {
    return make_officer(s, name, unit ? unit : t.jianshan, post_start, next_n++);
  }
  HttpResult claim(long long officer_id, const std::string& token, json::object hours, const std::string& start = "2024-09-01",
                   const std::string& end = "2024-09-02") {
    return s.post("/api/v1/officers/" + S(officer_id) + "/claims",
                  json::object{{"title", "行政复议法专题培训"},
                               {"provider", "广西壮族自治区司法厅"},
                               {"start_date", start},
                               {"end_date", end},
                               {"hours", std::move(hours)}},
                  token);
  }
  long long claim_id(long long officer_id, json::object hours, const std::string& start = "2024-09-01",
                     const std::string& end = "2024-09-02") {
    auto r = claim(officer_id, hr, std::move(hours), start, end);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json().at("id").as_int64();
  }
  HttpResult evidence(long long claim, const std::string& bytes, const std::string& type, const std::string& token = "") {
    return s.request("PUT", "/api/v1/claims/" + S(claim) + "/evidence", bytes, token.empty() ? hr : token, type);
  }
  HttpResult decide(long long claim, json::object body, const std::string& token = "") {
    return s.post("/api/v1/claims/" + S(claim) + "/decision", body, token.empty() ? hr : token);
  }
  HttpResult exempt(long long officer_id, const std::string& from, const std::string& to,
                    const std::string& code = "maternity", const std::string& token = "") {
    return s.post("/api/v1/officers/" + S(officer_id) + "/exemptions",
                  json::object{{"from", from}, {"to", to}, {"reason_code", code}}, token.empty() ? hr : token);
  }
  json::value hours(long long officer_id, int year) {
    auto r = s.get("/api/v1/officers/" + S(officer_id) + "/hours?year=" + S(year), admin);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json();
  }
  json::value claim_now(long long claim) {
    auto r = s.get("/api/v1/claims/" + S(claim), admin);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json();
  }
  long long audit_count(const std::string& entity) { return list_total(s, "/api/v1/audit?entity=" + entity, admin); }
  // The claim's allowed_actions as `token` sees them, comma-separated.
  std::string actions(long long claim, const std::string& token) {
    auto r = s.get("/api/v1/claims/" + S(claim), token);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    json::value answer = r.json();
    std::string out;
    for (const auto& a : answer.at("allowed_actions").as_array()) out += (out.empty() ? "" : ",") + str(a);
    return out;
  }
};

// The officer's line of the compliance sheet (CSV) of `year`.
std::string sheet_line(ClaimEnv& e, int year, const std::string& name) {
  auto r = e.s.get("/api/v1/compliance/export?format=csv&year=" + S(year), e.admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  std::size_t at = r.body.find(name);
  REQUIRE_MESSAGE(at != std::string::npos, r.body);
  std::size_t start = r.body.rfind('\n', at) + 1;
  return r.body.substr(start, r.body.find('\n', at) - start);
}

}  // namespace

TEST_CASE("claims: the three worked examples, through /hours and the compliance sheet of 2024") {
  ClaimEnv e;
  long long maternity = e.officer("产假甲");
  long long april = e.officer("四月乙");
  long long joined = e.officer("新入职丙", "2024-10-08");
  REQUIRE(e.exempt(maternity, "2024-03-10", "2024-08-20").status == 201);
  REQUIRE(e.exempt(april, "2024-04-01", "2024-04-30", "illness").status == 201);
  REQUIRE(e.exempt(joined, "2024-10-08", "2024-12-31", "study").status == 201);

  auto m = e.hours(maternity, 2024);
  CHECK(num(m.at("legal").at("required")) == 13.5);
  CHECK(num(m.at("business").at("required")) == 27);
  CHECK(str(m.at("status")) == "not_met");
  auto a = e.hours(april, 2024);
  CHECK(num(a.at("legal").at("required")) == 18.5);
  CHECK(num(a.at("business").at("required")) == 37);
  auto j = e.hours(joined, 2024);
  CHECK(str(j.at("status")) == "exempt");
  CHECK(num(j.at("legal").at("required")) == 0);

  // The compliance list and the sheet agree.
  auto c = e.s.get("/api/v1/compliance?year=2024", e.admin).json();
  CHECK(c.at("summary").at("exempt").as_int64() == 1);
  CHECK(c.at("summary").at("officers").as_int64() == 3);
  for (const auto& item : c.at("items").as_array()) {
    if (item.at("officer_id").as_int64() == joined) {
      CHECK(str(item.at("status")) == "exempt");
      CHECK(str(item.at("exemptions").at(0).at("reason_code")) == "study");
    }
    if (item.at("officer_id").as_int64() == maternity) {
      CHECK(num(item.at("legal").at("required")) == 13.5);
      CHECK(str(item.at("exemptions").at(0).at("from")) == "2024-03-10");
    }
  }
  std::string line = sheet_line(e, 2024, "产假甲");
  CHECK_MESSAGE(contains(line, ",13.5,"), line);
  CHECK_MESSAGE(contains(line, ",27,"), line);
  CHECK_MESSAGE(contains(sheet_line(e, 2024, "四月乙"), ",18.5,"), sheet_line(e, 2024, "四月乙"));
  CHECK_MESSAGE(contains(sheet_line(e, 2024, "新入职丙"), "免于考核"), sheet_line(e, 2024, "新入职丙"));

  // Deleting an exemption (admin) restores the full requirement.
  auto list = e.s.get("/api/v1/officers/" + S(april) + "/exemptions", e.hr).json();
  long long id = list.at("items").at(0).at("id").as_int64();
  CHECK(e.s.del("/api/v1/exemptions/" + S(id), e.hr).status == 403);
  CHECK(e.s.del("/api/v1/exemptions/" + S(id), e.admin).status == 204);
  CHECK(num(e.hours(april, 2024).at("legal").at("required")) == 20);
  CHECK(e.s.del("/api/v1/exemptions/" + S(id), e.admin).error_rule() == "exemption_not_found");
}

TEST_CASE("claims: an approved claim makes up the shortfall (in_progress → met), revoking it moves it back") {
  ClaimEnv e;
  long long o = e.officer("外训丁");
  // 2025, as of 2025-02-01: 15 legal and 40 business hours from a session; 5 legal short.
  auto tr = e.s.post("/api/v1/trainings",
                     json::object{{"title", "业务培训"},
                                  {"organizer_unit_id", e.t.qinnan},
                                  {"start_date", "2025-01-20"},
                                  {"end_date", "2025-01-25"},
                                  {"hours", json::object{{"legal", 15}, {"business", 40}}}},
                     e.admin);
  REQUIRE_MESSAGE(tr.status == 201, tr.body);
  REQUIRE(e.s.post("/api/v1/trainings/" + S(tr.json().at("id").as_int64()) + "/attendance",
                   json::object{{"records", json::array{json::object{{"officer_id", o}}}}}, e.admin)
              .status == 200);
  CHECK(str(e.hours(o, 2025).at("status")) == "in_progress");

  long long c = e.claim_id(o, json::object{{"legal", 6}, {"political", 2}}, "2025-01-10", "2025-01-10");
  REQUIRE(e.evidence(c, kPng, "image/png").status == 200);
  CHECK(str(e.hours(o, 2025).at("status")) == "in_progress");  // submitted: not counted yet
  auto approved = e.decide(c, json::object{{"decision", "approve"}, {"hours", json::object{{"legal", 5}}}});
  REQUIRE_MESSAGE(approved.status == 200, approved.body);
  CHECK(str(approved.json().at("state")) == "approved");
  CHECK(num(approved.json().at("credited").at("legal")) == 5);
  CHECK(num(approved.json().at("credited").at("political")) == 2);

  auto h = e.hours(o, 2025);
  CHECK(str(h.at("status")) == "met");
  CHECK(num(h.at("legal").at("earned")) == 20);
  CHECK(num(h.at("political").at("earned")) == 2);
  bool listed = false;
  for (const auto& t : h.at("trainings").as_array())
    if (str(t.at("source")) == "external") {
      listed = true;
      CHECK(t.at("claim_id").as_int64() == c);
      CHECK(!t.as_object().contains("id"));
      CHECK(num(t.at("hours").at("legal")) == 5);
    } else {
      CHECK(str(t.at("source")) == "session");
    }
  CHECK(listed);
  auto comp = e.s.get("/api/v1/compliance?year=2025&q=外训丁", e.hr).json();
  CHECK(str(comp.at("items").at(0).at("status")) == "met");
  // Never for rotation: the claim is no session attended.
  CHECK(e.s.get("/api/v1/trainings/" + S(tr.json().at("id").as_int64()), e.admin).status == 200);

  CHECK(e.actions(c, e.admin) == "revoke");
  CHECK(e.actions(c, e.hr) == "");
  // hr may not revoke; an admin may, with a reason.
  CHECK(e.s.post("/api/v1/claims/" + S(c) + "/revoke", json::object{{"reason", "x"}}, e.hr).status == 403);
  CHECK(e.s.post("/api/v1/claims/" + S(c) + "/revoke", json::object{}, e.admin).error_rule() == "required");
  auto revoked = e.s.post("/api/v1/claims/" + S(c) + "/revoke", json::object{{"reason", "证书系伪造"}}, e.admin);
  REQUIRE_MESSAGE(revoked.status == 200, revoked.body);
  CHECK(str(revoked.json().at("state")) == "revoked");
  CHECK(str(e.hours(o, 2025).at("status")) == "in_progress");
  CHECK(num(e.hours(o, 2025).at("legal").at("earned")) == 15);

  // The audit log shows both, with the states before and after.
  auto audit = e.s.get("/api/v1/audit?entity=claim&entity_id=" + S(c), e.admin).json();
  std::vector<std::string> actions;
  for (const auto& a : audit.at("items").as_array()) actions.push_back(str(a.at("action")));
  CHECK(actions == std::vector<std::string>{"revoke", "approve", "evidence", "create"});
  CHECK(str(audit.at("items").at(0).at("before").at("state")) == "approved");
  CHECK(str(audit.at("items").at(0).at("after").at("state")) == "revoked");
}

TEST_CASE("claims: the evidence: the bytes decide its type, it is served as a download, a backup holds it") {
  ClaimEnv e;
  long long o = e.officer("证明戊");
  std::string officer = e.s.make_user("officer_wu", "officer", std::nullopt, o);
  auto created = e.claim(o, officer, json::object{{"legal", 4}});
  REQUIRE_MESSAGE(created.status == 201, created.body);
  long long c = created.json().at("id").as_int64();
  CHECK(str(created.json().at("state")) == "awaiting_evidence");
  CHECK(str(created.json().at("created_by")) == "officer_wu");

  // An HTML file named .pdf: 415, nothing kept.
  auto html = e.evidence(c, "<!DOCTYPE html><html><script>alert(1)</script></html>", "application/pdf", officer);
  CHECK(html.status == 415);
  CHECK(html.error_rule() == "evidence_type");
  CHECK(str(e.claim_now(c).at("state")) == "awaiting_evidence");
  CHECK(e.s.get("/api/v1/claims/" + S(c) + "/evidence", e.admin).error_rule() == "claim_not_found");

  // Announced as a PNG, starting with %PDF-: stored as a PDF.
  auto pdf = e.evidence(c, kPdf, "image/png", officer);
  REQUIRE_MESSAGE(pdf.status == 200, pdf.body);
  CHECK(str(pdf.json().at("state")) == "submitted");
  CHECK(str(pdf.json().at("evidence").at("type")) == "application/pdf");
  CHECK(pdf.json().at("evidence").at("bytes").as_int64() == static_cast<long long>(kPdf.size()));
  for (const std::string& token : {officer, e.hr, e.admin}) {
    auto got = e.s.get("/api/v1/claims/" + S(c) + "/evidence", token);
    REQUIRE(got.status == 200);
    CHECK(got.body == kPdf);
    CHECK(got.header("content-type") == "application/pdf");
    CHECK(got.header("content-disposition") == "attachment; filename=\"claim-" + S(c) + "-evidence.pdf\"");
    CHECK(got.header("x-content-type-options") == "nosniff");
  }
  // Another unit's hr and another officer never see it (404, as for no claim at all).
  CHECK(e.s.get("/api/v1/claims/" + S(c) + "/evidence", e.hr_other).error_rule() == "claim_not_found");
  long long other = e.officer("别人己");
  std::string other_officer = e.s.make_user("officer_ji", "officer", std::nullopt, other);
  CHECK(e.s.get("/api/v1/claims/" + S(c), other_officer).error_rule() == "claim_not_found");
  CHECK(e.evidence(c, kPng, "image/png", other_officer).error_rule() == "claim_not_found");

  // A second file replaces the first; exactly 5 MiB is taken, one byte more is 413 and changes nothing.
  std::string big = kPng + std::string(5 * 1024 * 1024 - kPng.size(), 'x');
  auto at_limit = e.evidence(c, big, "image/png", officer);
  REQUIRE_MESSAGE(at_limit.status == 200, at_limit.body.substr(0, 300));
  CHECK(str(at_limit.json().at("evidence").at("type")) == "image/png");
  auto over = e.evidence(c, big + "y", "image/png", officer);
  CHECK(over.status == 413);
  CHECK(over.error_rule() == "body_too_large");
  CHECK(e.s.get("/api/v1/healthz").status == 200);  // still serving
  CHECK(e.claim_now(c).at("evidence").at("bytes").as_int64() == static_cast<long long>(big.size()));
  auto small = e.evidence(c, kPng, "image/jpeg", officer);
  REQUIRE(small.status == 200);
  std::string sha = str(small.json().at("evidence").at("sha256"));
  CHECK(sha.size() == 64);

  // A backup taken now holds the file byte for byte (its SHA-256 is the one recorded).
  std::string backup = e.s.dir() + "/claims-backup.db", out = e.s.dir() + "/evidence.out";
  REQUIRE(Server::run_cli({"backup", "--db", e.s.db_path(), "-o", backup}) == 0);
  std::string hashed = shell("sqlite3 '" + backup + "' \"SELECT writefile('" + out + "', content) FROM claim_evidence WHERE claim_id = " +
                             S(c) + "\" >/dev/null && sha256sum '" + out + "'");
  CHECK(hashed.substr(0, 64) == sha);
  CHECK(read_file(out) == kPng);
}

TEST_CASE("claims: bad input gets a clear 4xx and writes nothing") {
  ClaimEnv e;
  long long o = e.officer("坏输入庚");
  long long claims_before = e.audit_count("claim");
  // A claim ending tomorrow; 10.5 hours on one day; no hours; a typo in hours; a missing provider.
  CHECK(e.claim(o, e.hr, json::object{{"legal", 2}}, "2025-02-01", "2025-02-02").error_rule() == "claim_in_future");
  CHECK(e.claim(o, e.hr, json::object{{"legal", 10.5}}, "2025-01-05", "2025-01-05").error_rule() ==
        "training_hours_per_day");
  CHECK(e.claim(o, e.hr, json::object{}, "2025-01-05", "2025-01-05").error_rule() == "training_without_hours");
  CHECK(e.claim(o, e.hr, json::object{{"legl", 2}}, "2025-01-05", "2025-01-05").status == 422);
  CHECK(e.claim(o, e.hr, json::object{{"legal", 1.3}}, "2025-01-05", "2025-01-05").error_rule() == "hours_half_step");
  CHECK(e.s.post("/api/v1/officers/" + S(o) + "/claims",
                 json::object{{"title", "x"}, {"start_date", "2025-01-05"}, {"end_date", "2025-01-05"},
                              {"hours", json::object{{"legal", 1}}}},
                 e.hr)
            .error_rule() == "required");
  // Another unit's hr: 404, as for no officer.
  CHECK(e.claim(o, e.hr_other, json::object{{"legal", 2}}).error_rule() == "officer_not_found");
  CHECK(e.audit_count("claim") == claims_before);

  long long c = e.claim_id(o, json::object{{"legal", 4}, {"business", 2}});
  // Deciding before the evidence: 409 naming both states.
  auto early = e.decide(c, json::object{{"decision", "approve"}});
  CHECK(early.status == 409);
  CHECK(early.error_rule() == "claim_transition");
  CHECK(contains(early.json().at("error").at("message").as_string().c_str(), "待上传证明"));
  REQUIRE(e.evidence(c, kPng, "image/png").status == 200);
  // More hours than claimed; nothing at all; a reject without a reason; an unknown decision.
  auto more = e.decide(c, json::object{{"decision", "approve"}, {"hours", json::object{{"business", 2.5}}}});
  CHECK(more.error_rule() == "credit_exceeds_claim");
  CHECK(str(more.json().at("error").at("field")) == "hours.business");
  CHECK(e.decide(c, json::object{{"decision", "approve"},
                                 {"hours", json::object{{"legal", 0}, {"business", 0}}}})
            .error_rule() == "training_without_hours");
  CHECK(e.decide(c, json::object{{"decision", "reject"}}).error_rule() == "required");
  CHECK(e.decide(c, json::object{{"decision", "maybe"}}).error_rule() == "value_not_allowed");
  // An officer cannot decide (their own or any); an hr user linked to the officer cannot either.
  std::string officer = e.s.make_user("officer_geng", "officer", std::nullopt, o);
  CHECK(e.decide(c, json::object{{"decision", "approve"}}, officer).status == 403);
  std::string own_hr = e.s.make_user("hr_geng", "hr", e.t.qinnan, o);
  auto own = e.decide(c, json::object{{"decision", "approve"}}, own_hr);
  CHECK(own.status == 403);
  CHECK(own.error_rule() == "claim_own_decision");
  CHECK(str(e.claim_now(c).at("state")) == "submitted");
  // What each is offered: the page shows these buttons and no others.
  CHECK(e.actions(c, e.hr) == "evidence,withdraw,approve,reject");
  CHECK(e.actions(c, e.admin) == "evidence,withdraw,approve,reject");
  CHECK(e.actions(c, officer) == "evidence,withdraw");
  CHECK(e.actions(c, own_hr) == "evidence,withdraw");

  // Withdrawn, then decided: 409; withdrawn again: 409.
  auto w = e.s.post("/api/v1/claims/" + S(c) + "/withdraw", json::object{}, officer);
  REQUIRE_MESSAGE(w.status == 200, w.body);
  CHECK(str(w.json().at("state")) == "withdrawn");
  auto late = e.decide(c, json::object{{"decision", "approve"}});
  CHECK(late.status == 409);
  CHECK(late.error_rule() == "claim_transition");
  CHECK(e.s.post("/api/v1/claims/" + S(c) + "/withdraw", json::object{}, officer).status == 409);
  CHECK(e.actions(c, e.admin) == "");
  CHECK(e.evidence(c, kPng, "image/png").status == 409);
  CHECK(e.s.post("/api/v1/claims/" + S(c) + "/revoke", json::object{{"reason", "x"}}, e.admin).status == 409);

  // Exemptions: overlapping, the year before last, across years, reversed, other without a reason,
  // an unknown reason, an officer out of the hr user's units (404).
  long long ex = e.audit_count("exemption");
  REQUIRE(e.exempt(o, "2025-01-10", "2025-01-20", "illness").status == 201);
  auto overlap = e.exempt(o, "2025-01-20", "2025-02-10", "illness");
  CHECK(overlap.status == 409);
  CHECK(overlap.error_rule() == "exemption_overlaps");
  auto old = e.exempt(o, "2023-12-01", "2023-12-31", "illness");
  CHECK(old.status == 409);
  CHECK(old.error_rule() == "exemption_year_closed");
  CHECK(e.exempt(o, "2024-12-01", "2025-01-05", "illness").error_rule() == "exemption_crosses_year");
  CHECK(e.exempt(o, "2024-06-02", "2024-06-01", "illness").error_rule() == "exemption_dates_reversed");
  CHECK(e.exempt(o, "2024-06-01", "2024-06-02", "other").error_rule() == "required");
  CHECK(e.exempt(o, "2024-06-01", "2024-06-02", "holiday").error_rule() == "value_not_allowed");
  CHECK(e.exempt(o, "2024-06-01", "2024-06-02", "illness", e.hr_other).status == 404);
  CHECK(e.exempt(o, "2024-06-01", "2024-06-02", "illness", officer).status == 403);
  CHECK(e.audit_count("exemption") == ex + 1);
  CHECK(e.s.get("/api/v1/officers/" + S(o) + "/exemptions", officer).json().at("items").as_array().size() == 1);
}

TEST_CASE("claims: ten open claims per officer at most; a withdrawn claim drops its file") {
  ClaimEnv e;
  long long o = e.officer("多项辛");
  std::vector<long long> ids;
  for (int i = 0; i < 10; ++i) ids.push_back(e.claim_id(o, json::object{{"legal", 1}}));
  auto eleventh = e.claim(o, e.hr, json::object{{"legal", 1}});
  CHECK(eleventh.status == 409);
  CHECK(eleventh.error_rule() == "claim_open_limit");
  REQUIRE(e.evidence(ids[0], kPng, "image/png").status == 200);
  REQUIRE(e.s.post("/api/v1/claims/" + S(ids[0]) + "/withdraw", json::object{}, e.hr).status == 200);
  CHECK(!e.claim_now(ids[0]).as_object().contains("evidence"));
  CHECK(e.s.get("/api/v1/claims/" + S(ids[0]) + "/evidence", e.admin).error_rule() == "claim_not_found");
  CHECK(e.claim(o, e.hr, json::object{{"legal", 1}}).status == 201);
}

TEST_CASE("claims: the queue lists submitted claims oldest first, in the caller's units") {
  ClaimEnv e;
  long long a = e.officer("队列甲"), b = e.officer("队列乙"), far = e.officer("北区丙", "2020-01-01", e.t.qinbei);
  long long c1 = e.claim_id(b, json::object{{"legal", 1}});
  long long c2 = e.claim_id(a, json::object{{"legal", 1}});
  long long c3 = e.s.post("/api/v1/officers/" + S(far) + "/claims",
                          json::object{{"title", "北区"}, {"provider", "市局"}, {"start_date", "2024-05-01"},
                                       {"end_date", "2024-05-01"}, {"hours", json::object{{"legal", 1}}}},
                          e.admin)
                      .json()
                      .at("id")
                      .as_int64();
  for (long long c : {c2, c1, c3}) REQUIRE(e.evidence(c, kPng, "image/png", e.admin).status == 200);
  auto queue = e.s.get("/api/v1/claims?state=submitted", e.hr).json();
  CHECK(queue.at("total").as_int64() == 2);
  CHECK(queue.at("items").at(0).at("id").as_int64() == c2);  // its evidence came first
  CHECK(queue.at("items").at(1).at("id").as_int64() == c1);
  CHECK(str(queue.at("items").at(0).at("unit_name")) == "尖山街道");
  CHECK(e.s.get("/api/v1/claims?state=submitted", e.admin).json().at("total").as_int64() == 3);
  CHECK(e.s.get("/api/v1/claims?year=2023", e.admin).json().at("total").as_int64() == 0);
  CHECK(e.s.get("/api/v1/claims?state=pending", e.admin).error_rule() == "value_not_allowed");
  CHECK(e.s.get("/api/v1/claims?unit_id=" + S(e.t.qinbei), e.hr).error_rule() == "unit_not_found");
  auto mine = e.s.get("/api/v1/officers/" + S(a) + "/claims", e.hr).json();
  CHECK(mine.at("items").as_array().size() == 1);
}
