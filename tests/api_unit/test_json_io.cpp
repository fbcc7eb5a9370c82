#include <doctest/doctest.h>

#include "api/context.hpp"
#include "api/json_io.hpp"
#include "api/target.hpp"
#include "domain/messages.hpp"

using namespace certhours;
using namespace certhours::api;

// Found by tests/fuzz/fuzz_request: GET /api/v1/%A9 answered a 404 whose message echoed the
// decoded path byte for byte, so the body was not UTF-8 and no JSON parser would read it.
TEST_CASE("to_text writes valid UTF-8 JSON even when a string holds bytes that are not UTF-8") {
  CHECK(to_text(json::value("张三")) == "\"张三\"");
  CHECK(to_text(json::value("a\xA9" "b")) == "\"a\xEF\xBF\xBD" "b\"");
  // Truncated, overlong and surrogate sequences: one U+FFFD per byte that starts no character.
  CHECK(to_text(json::value("\xE5\xBC")) == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  CHECK(to_text(json::value("\xC0\xAF")) == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  CHECK(to_text(json::value("\xED\xA0\x80x")) == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx\"");
  json::object o;
  o[std::string("k\xFF")] = "v";
  CHECK(to_text(o) == "{\"k\xEF\xBF\xBD\":\"v\"}");

  auto r = error_response(404, "not_found", rules::route_not_found, {{"path", parse_target("/api/v1/%A9%00")->path}});
  render_error(r, Lang::en);
  boost::system::error_code ec;
  auto v = json::parse(r.body, ec);
  REQUIRE(!ec);
  std::string expected = "no such resource: /api/v1/\xEF\xBF\xBD";
  expected += '\0';  // %00 decodes to a NUL, which JSON writes as \u0000
  CHECK(std::string(v.at("error").at("message").as_string()) == expected);
}

// to_text escapes by hand (no string per key and value); it must write what Boost.JSON's
// serializer writes for every well-formed text, whatever bytes and characters it holds.
TEST_CASE("to_text escapes every character as Boost.JSON's serializer does") {
  for (int c = 0; c < 0x80; ++c) {
    std::string s = "a";
    s += static_cast<char>(c);
    s += "张\"";
    CAPTURE(c);
    CHECK(to_text(json::value(s)) == json::serialize(json::value(s)));
    json::object o;
    o[s] = s;
    CHECK(to_text(o) == json::serialize(o));
  }
  for (const char* s : {"", "\\", "\"\"", "\x7f", "\u2028\u2029", "\xF0\x9F\x98\x80", "end\n"})
    CHECK(to_text(json::value(s)) == json::serialize(json::value(s)));
  for (std::int64_t n : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1} << 62, INT64_MIN, INT64_MAX})
    CHECK(to_text(json::value(n)) == json::serialize(json::value(n)));
  CHECK(to_text(json::value(UINT64_MAX)) == json::serialize(json::value(UINT64_MAX)));
}

// JsonWriter writes an answer as it goes; what it writes must be what to_text writes for the same
// value: commas, nesting, empty containers, escapes, integers at their edges, a codec value inside.
TEST_CASE("JsonWriter writes what to_text writes for the same value") {
  JsonWriter w;
  w.begin_object();
  w.key("id").value(std::int64_t{9223372036854775807}).key("neg").value(INT64_MIN).key("year").value(2025);
  w.key("title").value("培训 \"一\"\n\\").key("bad").value(std::string("a\xA9"));
  w.key("empty_list").begin_array().end_array().key("empty_object").begin_object().end_object();
  w.key("flags").begin_array().value(true).value(false).value(json::value(nullptr)).end_array();
  w.key("hours").value(category_hours_value(CategoryHours{Hours::from_halves(3), Hours::from_halves(4), {}}));
  w.key("list").begin_array();
  for (int i = 0; i < 3; ++i) w.begin_object().key("k").value(i).key("nested").begin_array().value(i).end_array().end_object();
  w.end_array();
  w.end_object();
  json::object expected{{"id", std::int64_t{9223372036854775807}},
                        {"neg", INT64_MIN},
                        {"year", 2025},
                        {"title", "培训 \"一\"\n\\"},
                        {"bad", "a\xA9"},
                        {"empty_list", json::array()},
                        {"empty_object", json::object()},
                        {"flags", json::array{true, false, nullptr}},
                        {"hours", {{"legal", 1.5}, {"business", 2}, {"political", 0}}},
                        {"list", json::array()}};
  for (int i = 0; i < 3; ++i) expected["list"].as_array().push_back(json::object{{"k", i}, {"nested", json::array{i}}});
  std::string text = w.take();
  CHECK(text == to_text(expected));
  CHECK(json::parse(text) == json::parse(to_text(expected)));
  JsonWriter top;  // a bare array at the top
  top.begin_array().value("a").begin_array().end_array().value(1).end_array();
  CHECK(top.take() == R"(["a",[],1])");
}
