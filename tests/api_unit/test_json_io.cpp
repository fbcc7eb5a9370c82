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
