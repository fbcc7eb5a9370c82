// trim_blanks (domain/text.hpp): spaces and tabs go, from both ends only; CR, LF, full-width
// spaces and what is inside stay.
#include <doctest/doctest.h>

#include "domain/text.hpp"

using certhours::trim_blanks;

TEST_CASE("trim_blanks takes spaces and tabs from both ends, and nothing else") {
  CHECK(trim_blanks("") == "");
  CHECK(trim_blanks(" \t \t") == "");
  CHECK(trim_blanks("  450702 ") == "450702");
  CHECK(trim_blanks("\tgzip;q=0.5\t ") == "gzip;q=0.5");
  CHECK(trim_blanks("a b\tc") == "a b\tc");
  CHECK(trim_blanks("\r\nx\r\n") == "\r\nx\r\n");
  CHECK(trim_blanks("\xE3\x80\x80张三\xE3\x80\x80") == "\xE3\x80\x80张三\xE3\x80\x80");  // U+3000 stays
  static_assert(trim_blanks(" W/\"abc\" ") == "W/\"abc\"");
}
