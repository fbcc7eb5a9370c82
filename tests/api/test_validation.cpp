// Bad input: each refusal has its status, its error code, names the field where there is
// one, and writes nothing (the list or the hours are read again afterwards).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

namespace {
struct BadEnv {
  Server s{{"CERTHOURS_TODAY=2024-11-01"}};
  Tree t;
  std::string admin;
  long long a = 0, b = 0;
  long long training = 0;  // 2024-03-04..05, legal 6, business 6, political 3, organised by 钦南区
  BadEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    a = make_officer(s, "甲", t.qinnan, "2016-01-01", 1);
    b = make_officer(s, "乙", t.jianshan, "2016-01-01", 2);
    auto r = s.post("/api/v1/trainings",
                    json::object{{"title", "法治讲座"},
                                 {"organizer_unit_id", t.qinnan},
                                 {"start_date", "2024-03-04"},
                                 {"end_date", "2024-03-05"},
                                 {"hours", {{"legal", 6}, {"business", 6}, {"political", 3}}}},
                    admin);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    training = r.json().at("id").as_int64();
  }
};
BadEnv& env() {
  static BadEnv e;
  return e;
}

json::object officer_body(int n = 100) {
  return {{"name", "张三"},
          {"id_number", id_number(n)},
          {"unit_id", env().t.qinnan},
          {"kind", "enforcement"},
          {"post_start", "2020-01-01"}};
}

json::object training_body() {
  return {{"title", "执法技能"},
          {"organizer_unit_id", env().t.qinnan},
          {"start_date", "2024-09-10"},
          {"end_date", "2024-09-13"},
          {"hours", {{"legal", 0}, {"business", 30}, {"political", 0}}},
          {"rotation", false},
          {"mode", "in_person"}};
}

long long officers() { return list_total(env().s, "/api/v1/officers", env().admin); }
long long trainings() { return list_total(env().s, "/api/v1/trainings", env().admin); }
std::size_t attendees() {
  auto r = env().s.get("/api/v1/trainings/" + std::to_string(env().training), env().admin);
  REQUIRE(r.status == 200);
  return r.json().at("attendees").as_array().size();
}
std::string field_of(const HttpResult& r) {
  auto j = r.json();
  if (!j.is_object() || !j.as_object().contains("error")) return "<no error>";
  const auto& e = j.at("error").as_object();
  return e.contains("field") && e.at("field").is_string() ? std::string(e.at("field").as_string()) : "<no field>";
}
void check_error_shape(const HttpResult& r) {
  auto j = r.json();
  REQUIRE_MESSAGE(j.is_object(), r.body);
  REQUIRE(j.as_object().contains("error"));
  CHECK(j.at("error").at("code").is_string());
  CHECK(j.at("error").at("message").is_string());
  CHECK_FALSE(j.at("error").at("message").as_string().empty());
}
HttpResult post_officer(const json::object& body) { return env().s.post("/api/v1/officers", body, env().admin); }
}  // namespace

TEST_CASE("bad input: bodies that are not JSON objects") {
  auto& e = env();
  Server& s = e.s;
  long long before = officers();
  SUBCASE("malformed JSON is 400 invalid_json") {
    auto r = s.request("POST", "/api/v1/officers", R"({"name": "张三", "unit_id": )", e.admin);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "invalid_json");
    check_error_shape(r);
  }
  SUBCASE("a JSON array body is 400 invalid_json") {
    auto r = s.request("POST", "/api/v1/officers", "[" + json::serialize(officer_body()) + "]", e.admin);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "invalid_json");
  }
  SUBCASE("a JSON string or number body is 400 invalid_json") {
    CHECK(s.request("POST", "/api/v1/officers", R"("hello")", e.admin).error_code() == "invalid_json");
    CHECK(s.request("POST", "/api/v1/officers", "42", e.admin).status == 400);
  }
  SUBCASE("a wrong Content-Type is 415 unsupported_media_type") {
    auto r = s.request("POST", "/api/v1/officers", json::serialize(officer_body()), e.admin, "text/plain");
    CHECK(r.status == 415);
    CHECK(r.error_code() == "unsupported_media_type");
    auto form = s.request("POST", "/api/v1/officers", "name=x", e.admin, "application/x-www-form-urlencoded");
    CHECK(form.status == 415);
    // application/json with a charset parameter is fine (checked on a login).
    auto ok = s.request("POST", "/api/v1/session", R"({"username":"admin","password":"admin-password"})", "",
                        "application/json; charset=utf-8");
    CHECK(ok.status == 200);
  }
  SUBCASE("an empty body on a POST is refused") {
    auto r = s.request("POST", "/api/v1/officers", "", e.admin);
    CHECK((r.status == 400 || r.status == 415));
  }
  CHECK(officers() == before);
}

TEST_CASE("bad input: officer fields") {
  auto& e = env();
  long long before = officers();
  SUBCASE("\"5\" as unit_id is 422 naming unit_id") {
    auto body = officer_body();
    body["unit_id"] = std::to_string(e.t.qinnan);
    auto r = post_officer(body);
    CHECK(r.status == 422);
    CHECK(r.error_code() == "validation_failed");
    CHECK(field_of(r) == "unit_id");
    check_error_shape(r);
  }
  SUBCASE("a null name is 422 naming name") {
    auto body = officer_body();
    body["name"] = nullptr;
    auto r = post_officer(body);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "name");
  }
  SUBCASE("a name that is a number, blank, or holds a control character is 422 naming name") {
    for (json::value v : {json::value(5), json::value("   "), json::value("张\x01三"), json::value("")}) {
      auto body = officer_body();
      body["name"] = v;
      auto r = post_officer(body);
      CHECK_MESSAGE(r.status == 422, json::serialize(v));
      CHECK(field_of(r) == "name");
    }
  }
  SUBCASE("each missing field is 422 naming it") {
    for (const char* f : {"name", "id_number", "unit_id", "kind", "post_start"}) {
      auto body = officer_body();
      body.erase(f);
      auto r = post_officer(body);
      CHECK_MESSAGE(r.status == 422, f);
      CHECK(r.error_code() == "validation_failed");
      CHECK(field_of(r) == f);
    }
  }
  SUBCASE("2024-02-30 and other non-dates are 422 naming the date") {
    for (const char* d : {"2024-02-30", "2023-02-29", "2024-13-01", "2024-2-3", "1949-12-31", "2100-01-01", "20240101"}) {
      auto body = officer_body();
      body["post_start"] = d;
      auto r = post_officer(body);
      CHECK_MESSAGE(r.status == 422, d);
      CHECK(field_of(r) == "post_start");
    }
    auto body = officer_body();
    body["post_start"] = "2024-02-29";  // a real leap day
    body["post_end"] = "2024-02-30";
    auto r = post_officer(body);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "post_end");
  }
  SUBCASE("post_end before post_start is 422") {
    auto body = officer_body();
    body["post_end"] = "2019-12-31";
    auto r = post_officer(body);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "post_end");
  }
  SUBCASE("an unknown kind is 422 naming kind") {
    auto body = officer_body();
    body["kind"] = "soldier";
    auto r = post_officer(body);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "kind");
  }
  SUBCASE("a bad check digit is 422 naming id_number") {
    std::string id = id_number(101);
    id.back() = id.back() == '0' ? '1' : '0';
    auto body = officer_body();
    body["id_number"] = id;
    auto r = post_officer(body);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "id_number");
    for (const char* bad : {"45070219850101123", "4507021985010112345", "450702198502301234"}) {
      body["id_number"] = bad;
      auto r2 = post_officer(body);
      CHECK_MESSAGE(r2.status == 422, bad);
      CHECK(field_of(r2) == "id_number");
    }
  }
  CHECK(officers() == before);
}

TEST_CASE("bad input: a duplicate resident ID number is 409 conflict") {
  auto& e = env();
  long long before = officers();
  auto dup = post_officer(officer_body(1));  // officer 甲 has id_number(1)
  CHECK(dup.status == 409);
  CHECK(dup.error_code() == "conflict");
  CHECK(officers() == before);
  // An ID number whose check digit is X collides with its lower-case spelling.
  int n = 200;
  while (id_number(n).back() != 'X') ++n;
  auto first = post_officer(officer_body(n));
  REQUIRE(first.status == 201);
  CHECK(first.json().at("id_number") == json::value(id_number(n)));
  std::string lower = id_number(n);
  lower.back() = 'x';
  auto body = officer_body(n);
  body["id_number"] = lower;
  body["name"] = "另一人";
  auto dup2 = post_officer(body);
  CHECK(dup2.status == 409);
  CHECK(dup2.error_code() == "conflict");
  CHECK(officers() == before + 1);
  (void)e;
}

TEST_CASE("bad input: training fields") {
  auto& e = env();
  Server& s = e.s;
  long long before = trainings();
  auto post = [&](const json::object& b) { return s.post("/api/v1/trainings", b, e.admin); };
  SUBCASE("end before start is 422 naming end_date") {
    auto b = training_body();
    b["start_date"] = "2024-09-13";
    b["end_date"] = "2024-09-10";
    auto r = post(b);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "end_date");
  }
  SUBCASE("2024-02-30 is 422 naming the date") {
    auto b = training_body();
    b["start_date"] = "2024-02-30";
    auto r = post(b);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "start_date");
  }
  SUBCASE("0.3 hours is 422 naming hours.legal") {
    auto b = training_body();
    b["hours"] = {{"legal", 0.3}, {"business", 6}};
    auto r = post(b);
    CHECK(r.status == 422);
    CHECK(r.error_code() == "validation_failed");
    CHECK(field_of(r) == "hours.legal");
  }
  SUBCASE("negative hours or hours as text are 422") {
    auto b = training_body();
    b["hours"] = {{"business", -1}};
    CHECK(post(b).status == 422);
    b["hours"] = {{"business", "6"}};
    auto r = post(b);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "hours.business");
  }
  SUBCASE("more than 10 hours in a one-day session is 422") {
    auto b = training_body();
    b["start_date"] = "2024-05-06";
    b["end_date"] = "2024-05-06";
    b["hours"] = {{"legal", 6}, {"business", 4.5}};
    auto r = post(b);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "hours");
    b["hours"] = {{"legal", 6}, {"business", 4}, {"political", 0.5}};
    CHECK(post(b).status == 422);
  }
  SUBCASE("missing fields are 422 naming them; no hours at all is 422") {
    for (const char* f : {"title", "organizer_unit_id", "start_date", "end_date", "hours"}) {
      auto b = training_body();
      b.erase(f);
      auto r = post(b);
      CHECK_MESSAGE(r.status == 422, f);
      CHECK(field_of(r) == f);
    }
    auto b = training_body();
    b["hours"] = {{"legal", 0}, {"business", 0}, {"political", 0}};
    CHECK(post(b).status == 422);
  }
  SUBCASE("rotation and mode have strict types and values") {
    auto b = training_body();
    b["rotation"] = "yes";
    auto r = post(b);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "rotation");
    b = training_body();
    b["mode"] = "carrier_pigeon";
    auto r2 = post(b);
    CHECK(r2.status == 422);
    CHECK(field_of(r2) == "mode");
    b = training_body();
    b["organizer_unit_id"] = std::to_string(e.t.qinnan);
    auto r3 = post(b);
    CHECK(r3.status == 422);
    CHECK(field_of(r3) == "organizer_unit_id");
  }
  CHECK(trainings() == before);
  SUBCASE("exactly 10 hours in one day is accepted") {
    auto b = training_body();
    b["start_date"] = "2024-05-06";
    b["end_date"] = "2024-05-06";
    b["hours"] = {{"legal", 6}, {"business", 3.5}, {"political", 0.5}};
    auto r = post(b);
    CHECK(r.status == 201);
    CHECK(trainings() == before + 1);
  }
}

TEST_CASE("bad input: attendance is all or nothing") {
  auto& e = env();
  Server& s = e.s;
  std::string url = "/api/v1/trainings/" + std::to_string(e.training) + "/attendance";
  auto post = [&](json::array records) { return s.post(url, json::object{{"records", std::move(records)}}, e.admin); };
  std::size_t before = attendees();
  SUBCASE("crediting more than the session offers is 422 naming records[i].hours.legal") {
    auto r = post({json::object{{"officer_id", e.a}, {"hours", {{"legal", 7}}}}});
    CHECK(r.status == 422);
    CHECK(r.error_code() == "validation_failed");
    CHECK(field_of(r) == "records[0].hours.legal");
    auto r2 = post({json::object{{"officer_id", e.a}}, json::object{{"officer_id", e.b}, {"hours", {{"business", 6.5}}}}});
    CHECK(r2.status == 422);
    CHECK(field_of(r2) == "records[1].hours.business");
  }
  SUBCASE("0.3 credited hours is 422 naming records[0].hours.legal") {
    auto r = post({json::object{{"officer_id", e.a}, {"hours", {{"legal", 0.3}}}}});
    CHECK(r.status == 422);
    CHECK(field_of(r) == "records[0].hours.legal");
  }
  SUBCASE("an unknown officer is 404 and nothing is added, though the other records were valid") {
    auto r = post({json::object{{"officer_id", e.a}}, json::object{{"officer_id", e.b}},
                   json::object{{"officer_id", 987654}}});
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found");
    auto hours = s.get("/api/v1/officers/" + std::to_string(e.a) + "/hours?year=2024&as_of=2024-11-01", e.admin);
    CHECK(hours.json().at("trainings").as_array().empty());
    CHECK(num(hours.json().at("legal").at("earned")) == 0);
  }
  SUBCASE("a string officer_id, a missing officer_id, an empty or missing records list are 422") {
    auto r = post({json::object{{"officer_id", std::to_string(e.a)}}});
    CHECK(r.status == 422);
    CHECK(field_of(r) == "records[0].officer_id");
    auto r2 = post({json::object{{"officer_id", e.a}}, json::object{{"hours", {{"legal", 1}}}}});
    CHECK(r2.status == 422);
    CHECK(field_of(r2) == "records[1].officer_id");
    auto r3 = post({});
    CHECK(r3.status == 422);
    CHECK(field_of(r3) == "records");
    auto r4 = s.post(url, json::object{{"officer_ids", json::array{e.a}}}, e.admin);
    CHECK(r4.status == 422);
    CHECK(field_of(r4) == "records");
  }
  SUBCASE("attendance to a training that does not exist is 404") {
    auto r = s.post("/api/v1/trainings/987654/attendance",
                    json::object{{"records", json::array{json::object{{"officer_id", e.a}}}}}, e.admin);
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found");
  }
  CHECK(attendees() == before);
}

TEST_CASE("bad input: size limits") {
  auto& e = env();
  Server& s = e.s;
  long long before = officers();
  SUBCASE("a JSON body over 1 MiB is 413 too_large (announced by Content-Length)") {
    auto body = officer_body(300);
    body["name"] = std::string((1 << 20) + 10, 'a');
    std::string text = json::serialize(body);
    std::string req = "POST /api/v1/officers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + e.admin +
                      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(text.size()) +
                      "\r\n\r\n" + text.substr(0, 1000);
    auto out = parse_responses(s.raw(req, 3000));
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == 413);
    CHECK(json::parse(out[0].body).at("error").at("code") == "too_large");
  }
  SUBCASE("a chunked JSON body over 1 MiB is 413 too_large") {
    std::string chunk(64 * 1024, ' ');
    std::string req = "POST /api/v1/officers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + e.admin +
                      "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    char size[16];
    std::snprintf(size, sizeof size, "%zx", chunk.size());
    for (int i = 0; i < 17; ++i) req += std::string(size) + "\r\n" + chunk + "\r\n";
    req += "0\r\n\r\n";
    std::string raw;
    try {
      raw = s.raw(req, 3000);
    } catch (const std::exception& ex) {
      FAIL("the server cut the connection without an answer: " << ex.what());
    }
    auto out = parse_responses(raw);
    REQUIRE(out.size() >= 1);
    CHECK(out[0].status == 413);
    auto error = json::parse(out[0].body).at("error");
    CHECK(error.at("code") == "too_large");
    CHECK(error.at("rule") == "body_too_large");
    // The limit, not how much had arrived when it was passed.
    CHECK(error.at("params").at("limit_mib") == "1");
    CHECK(error.at("message") == "提交的内容过大：最多 1 MiB");
  }
  SUBCASE("a body just under 1 MiB is read (and refused only for its content)") {
    auto body = officer_body(301);
    body["name"] = std::string(900 * 1024, 'a');
    auto r = post_officer(body);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "name");
  }
  SUBCASE("a CSV import over 20 MiB is 413 too_large (announced by Content-Length), 20 MiB itself is read") {
    for (const char* path : {"/api/v1/imports/officers", "/api/v1/imports/attendance", "/api/v1/units"}) {
      CAPTURE(path);
      std::string req = std::string("POST ") + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + e.admin +
                        "\r\nContent-Type: text/csv\r\nContent-Length: " + std::to_string((20 << 20) + 1) +
                        "\r\n\r\nname,id_number\r\n";
      auto out = parse_responses(s.raw(req, 3000));
      REQUIRE(out.size() == 1);
      CHECK(out[0].status == 413);
      CHECK(json::parse(out[0].body).at("error").at("code") == "too_large");
    }
    // A client that sends the whole body before it reads (as most do) still gets the 413:
    // the server reads the rest and drops it instead of resetting the connection.
    for (int i = 0; i < 3; ++i) {
      auto whole = s.request("POST", "/api/v1/imports/attendance", std::string((20 << 20) + 1, 'a'), e.admin,
                             "text/csv");
      CHECK(whole.status == 413);
      CHECK(whole.error_code() == "too_large");
      auto json_whole = s.request("POST", "/api/v1/officers", std::string((1 << 20) + 50000, ' '), e.admin);
      CHECK(json_whole.status == 413);
    }
    std::string exact(20 << 20, '\n');
    auto r = s.request("POST", "/api/v1/imports/officers", exact, e.admin, "text/csv");
    CHECK(r.status == 422);  // read whole, refused as empty
  }
  SUBCASE("8 KiB of request header (request line to the blank line) is read; one byte more is 431") {
    auto with_total = [](std::size_t total) {
      std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-P: ";
      std::string tail = "\r\n\r\n";
      return head + std::string(total - head.size() - tail.size(), 'p') + tail;
    };
    auto ok = parse_responses(s.raw(with_total(8192), 1000));
    REQUIRE(ok.size() == 1);
    CHECK(ok[0].status == 200);
    auto over = parse_responses(s.raw(with_total(8193), 1000));
    REQUIRE(over.size() == 1);
    CHECK(over[0].status == 431);
  }
  SUBCASE("request headers over 8 KiB are 431 headers_too_large, then the connection is closed") {
    std::string req = "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(9000, 'p') +
                      "\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    auto out = parse_responses(s.raw(req, 3000));
    REQUIRE(out.size() >= 1);
    CHECK(out[0].status == 431);
    CHECK(json::parse(out[0].body).at("error").at("code") == "headers_too_large");
    CHECK(out.size() == 1);  // closed: the request after it is not answered
  }
  CHECK(officers() == before);
}

TEST_CASE("bad input: routes, methods, ids, policies, paging") {
  auto& e = env();
  Server& s = e.s;
  SUBCASE("an unknown route is 404 not_found") {
    for (const char* p : {"/api/v1/nope", "/api/v1/officers/1/nope", "/api/v2/officers", "/api/v1/"}) {
      auto r = s.get(p, e.admin);
      CHECK_MESSAGE(r.status == 404, p);
      CHECK(r.error_code() == "not_found");
    }
  }
  SUBCASE("ids that are not positive integers name nothing: 404") {
    for (const char* p : {"/api/v1/officers/abc", "/api/v1/officers/0", "/api/v1/officers/-1", "/api/v1/officers/1.5",
                          "/api/v1/officers/999999"}) {
      auto r = s.get(p, e.admin);
      CHECK_MESSAGE(r.status == 404, p);
      CHECK(r.error_code() == "not_found");
    }
  }
  SUBCASE("a known route with the wrong method is 405 method_not_allowed") {
    auto r = s.del("/api/v1/units", e.admin);
    CHECK(r.status == 405);
    CHECK(r.error_code() == "method_not_allowed");
    std::string allow = r.header("allow");
    CHECK(allow.find("GET") != std::string::npos);
    CHECK(allow.find("POST") != std::string::npos);
    CHECK(s.request("PUT", "/api/v1/officers", "{}", e.admin).status == 405);
    CHECK(s.request("GET", "/api/v1/session", "", e.admin).status == 405);
    CHECK(s.request("PUT", "/api/v1/trainings/1", "{}", e.admin).error_code() == "method_not_allowed");
  }
  SUBCASE("PUT /policies/{last year} is 409; this and later years may be set") {
    auto r = s.put("/api/v1/policies/2023", json::object{{"legal_hours", 10}, {"business_hours", 10}, {"proration", "none"}},
                   e.admin);
    CHECK(r.status == 409);
    CHECK(r.error_code() == "conflict");
    auto p = s.get("/api/v1/policies/2023", e.admin);
    REQUIRE(p.status == 200);
    CHECK(num(p.json().at("legal_hours")) == 20);
    CHECK(num(p.json().at("business_hours")) == 40);
    CHECK(p.json().at("proration") == "monthly");
    auto later = s.put("/api/v1/policies/2026", json::object{{"legal_hours", 24}, {"business_hours", 40.5}, {"proration", "none"}},
                       e.admin);
    CHECK(later.status == 200);
    auto read = s.get("/api/v1/policies/2026", e.admin).json();
    CHECK(num(read.at("legal_hours")) == 24);
    CHECK(num(read.at("business_hours")) == 40.5);
    CHECK(read.at("proration") == "none");
    auto current = s.put("/api/v1/policies/2024", json::object{{"legal_hours", 20}, {"business_hours", 40}}, e.admin);
    CHECK(current.status == 200);
    auto old = s.get("/api/v1/policies/2022", e.admin);
    REQUIRE(old.status == 200);
    CHECK(old.json().at("exempt") == true);
    auto bad = s.put("/api/v1/policies/2027", json::object{{"legal_hours", 20.3}, {"business_hours", 40}}, e.admin);
    CHECK(bad.status == 422);
    CHECK(field_of(bad) == "legal_hours");
    auto bad2 = s.put("/api/v1/policies/2027", json::object{{"legal_hours", 20}, {"business_hours", 40}, {"proration", "weekly"}},
                      e.admin);
    CHECK(bad2.status == 422);
    CHECK(field_of(bad2) == "proration");
  }
  SUBCASE("limit=0 and limit=5000 are 422 naming limit") {
    for (const char* path : {"/api/v1/officers", "/api/v1/trainings", "/api/v1/compliance"}) {
      for (const char* q : {"?limit=0", "?limit=5000", "?limit=abc", "?limit=-1"}) {
        auto r = s.get(std::string(path) + q + (std::string(path) == "/api/v1/compliance" ? "&year=2024" : ""), e.admin);
        CHECK_MESSAGE(r.status == 422, path << q);
        CHECK(r.error_code() == "validation_failed");
        CHECK(field_of(r) == "limit");
      }
      auto off = s.get(std::string(path) + "?offset=-1", e.admin);
      CHECK_MESSAGE(off.status == 422, path);
      CHECK(field_of(off) == "offset");
      auto ok = s.get(std::string(path) + "?limit=1000", e.admin);
      CHECK_MESSAGE(ok.status == 200, path);
    }
  }
  SUBCASE("bad query values on hours are 422 naming the parameter") {
    std::string base = "/api/v1/officers/" + std::to_string(e.a) + "/hours";
    auto r = s.get(base + "?as_of=2024-02-30", e.admin);
    CHECK(r.status == 422);
    CHECK(field_of(r) == "as_of");
    auto y = s.get(base + "?year=twenty", e.admin);
    CHECK(y.status == 422);
    CHECK(field_of(y) == "year");
  }
}
