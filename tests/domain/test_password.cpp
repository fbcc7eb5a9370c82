#include <doctest/doctest.h>

#include <string>

#include "domain/password.hpp"

using namespace certhours;

TEST_CASE("passwords: 8 to 256 bytes, each end named by its rule") {
  CHECK(check_password("1234567").rule() == "password_too_short");
  CHECK(check_password("").rule() == "password_too_short");
  CHECK(check_password("Qz7!kLm2").is_ok());  // exactly 8
  CHECK(check_password(std::string(255, 'p') + "q").is_ok());
  Status long_one = check_password(std::string(256, 'p') + "q");
  CHECK(long_one.rule() == "password_too_long");
  CHECK(long_one.field() == "password");
  CHECK(long_one.code() == Status::Code::invalid);
}

TEST_CASE("passwords: the common ones are refused, whatever their ASCII case") {
  for (const char* bad : {"12345678", "password", "PassWord", "qwertyuiop", "1qaz2wsx", "woaini1314", "iloveyou",
                          "a123456789", "admin123", "Admin123", "88888888", "password1"}) {
    CAPTURE(bad);
    CHECK(is_common_password(bad));
    CHECK(check_password(bad).rule() == "password_too_common");
  }
  // one character repeated (eight spaces was accepted before)
  for (std::string bad : {std::string(8, ' '), std::string(12, 'a'), std::string(9, '7')}) {
    CAPTURE(bad);
    CHECK(check_password(bad).rule() == "password_too_common");
  }
  // the list holds about 10,000 entries: a sample from deep in it, and its first and last
  CHECK(is_common_password("123456"));
  CHECK(is_common_password("qinzhou123"));
  // near misses are fine
  for (const char* good : {"Admin@2024", "Hr@2024qn", "Officer@2024", "password-of-mine-7", "钦州执法2024培训"}) {
    CAPTURE(good);
    CHECK(check_password(good).is_ok());
  }
}

TEST_CASE("passwords: not the username, and the field is the caller's") {
  CHECK(check_password("zhangsan01", "zhangsan01").rule() == "password_is_username");
  CHECK(check_password("ZhangSan01", "zhangsan01").rule() == "password_is_username");
  CHECK(check_password("zhangsan01!", "zhangsan01").is_ok());
  CHECK(check_password("short", "", "new_password").field() == "new_password");
}
