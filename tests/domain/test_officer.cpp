// Officer fields: GB 11643 ID numbers, masking, text cleaning and the enum keys
// (docs/domain.md "Officers", docs/api.md "HTTP conventions").
#include <doctest/doctest.h>

#include "../common/domain_values.hpp"

#include <string>

#include "domain/officer.hpp"

using namespace certhours;
using certhours::testdata::D;

namespace {
std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}
const std::string kIdeographicSpace = "\xE3\x80\x80";  // U+3000
}  // namespace

// Check digits below were computed independently of the code under test.
TEST_CASE("the GB 11643 check digit is computed from the first 17 digits") {
  CHECK(id_check_digit("11010519491231002") == 'X');
  CHECK(id_check_digit("45070219900101000") == '4');
  CHECK(id_check_digit("45070219900119018") == '0');
  CHECK(id_check_digit("45070219900103002") == '1');
  CHECK(id_check_digit("45070219900106005") == '2');
  CHECK(id_check_digit("45070219900109008") == '3');
  CHECK(id_check_digit("45070219900104003") == '5');
  CHECK(id_check_digit("45070219900107006") == '6');
  CHECK(id_check_digit("45070219900118017") == '7');
  CHECK(id_check_digit("45070219900102001") == '8');
  CHECK(id_check_digit("45070219900105004") == '9');
  CHECK(id_check_digit("45070219900108007") == 'X');
}

TEST_CASE("valid ID numbers are accepted") {
  for (const char* id :
       {"11010519491231002X", "45070219900108007X", "450702199001010004", "450702199001190180", "450702199001030021",
        "450702199001060052", "450702199001090083", "450702199001040035", "450702199001070066", "450702199001180177",
        "450702199001020018", "450702199001050049", "450702190001010011", "450702200002290015", "450702199602290013"}) {
    CAPTURE(id);
    CHECK(valid_id_number(id));
  }
}

TEST_CASE("an ID number completed with id_check_digit is valid") {
  for (std::string first17 : {"45070219900101123", "45070219851231999", "11010520000229000", "65010219500101555"}) {
    CAPTURE(first17);
    std::string id = first17 + id_check_digit(first17);
    CHECK(valid_id_number(id));
  }
}

TEST_CASE("a lowercase x check digit is accepted and normalized to X") {
  CHECK(valid_id_number("11010519491231002x"));
  CHECK(valid_id_number("45070219900108007x"));
  CHECK(normalize_id_number("11010519491231002x") == "11010519491231002X");
  CHECK(normalize_id_number("11010519491231002X") == "11010519491231002X");
  CHECK(normalize_id_number("450702199001010004") == "450702199001010004");
}

TEST_CASE("an ID number with a wrong check digit is refused") {
  for (std::string valid : {"11010519491231002X", "450702199001010004", "45070219900108007X", "450702199001190180"}) {
    for (char c : std::string("0123456789X")) {
      std::string id = valid.substr(0, 17) + c;
      if (c == valid[17]) continue;
      CAPTURE(id);
      CHECK_FALSE(valid_id_number(id));
    }
  }
  SUBCASE("changing one of the first 17 digits breaks the check") {
    CHECK_FALSE(valid_id_number("450702199001010014"));
    CHECK_FALSE(valid_id_number("550702199001010004"));
  }
  SUBCASE("a lowercase x where the check digit is not X is refused") {
    CHECK_FALSE(valid_id_number("45070219900101000x"));
  }
}

TEST_CASE("an ID number that is not 18 characters is refused") {
  CHECK_FALSE(valid_id_number(""));
  CHECK_FALSE(valid_id_number("45070219900101000"));    // 17
  CHECK_FALSE(valid_id_number("4507021990010100044"));  // 19
  CHECK_FALSE(valid_id_number("450702199001010004 "));
  CHECK_FALSE(valid_id_number(" 450702199001010004"));
  CHECK_FALSE(valid_id_number("450702900101000"));  // the old 15-digit form
}

TEST_CASE("an ID number holding letters or other characters in its first 17 is refused") {
  CHECK_FALSE(valid_id_number("4507021990010100A4"));
  CHECK_FALSE(valid_id_number("X50702199001010004"));
  CHECK_FALSE(valid_id_number("45070219900101000Y"));
  CHECK_FALSE(valid_id_number("450702-99001010004"));
  CHECK_FALSE(valid_id_number("45070219900101 004"));
  CHECK_FALSE(valid_id_number("abcdefghijklmnopqr"));
}

TEST_CASE("an ID number whose birth date is not a real date from 1900 on is refused") {
  // Each of these has a correct check digit: only the birth date is wrong.
  CHECK_FALSE(valid_id_number("45070219901301001X"));  // month 13
  CHECK_FALSE(valid_id_number("450702199000010010"));  // month 00
  CHECK_FALSE(valid_id_number("450702199001000017"));  // day 00
  CHECK_FALSE(valid_id_number("450702199001320010"));  // day 32
  CHECK_FALSE(valid_id_number("450702199002300011"));  // 30 February
  CHECK_FALSE(valid_id_number("450702199702290010"));  // 29 February of a common year
  CHECK_FALSE(valid_id_number("450702190002290019"));  // 1900 was not a leap year
  CHECK_FALSE(valid_id_number("450702202302290016"));  // 2023-02-29
  CHECK_FALSE(valid_id_number("450702189912310017"));  // before 1900
}

TEST_CASE("a masked ID number shows the region and the last four characters only") {
  CHECK(mask_id_number("45070219900101123X") == "450702********123X");
  CHECK(mask_id_number("450702199001011234") == "450702********1234");
  CHECK(mask_id_number("11010519491231002X") == "110105********002X");
  SUBCASE("the birth date never shows") {
    std::string m = mask_id_number("450702199001010004");
    CHECK(m.size() == 18);
    CHECK(m.find("19900101") == std::string::npos);
  }
  SUBCASE("something that is not an 18-character ID number is masked entirely") {
    std::string m = mask_id_number("45070219900101");
    CHECK(m.find_first_not_of('*') == std::string::npos);
  }
}

TEST_CASE("clean_text trims ASCII white space and the ideographic space") {
  auto check_clean = [](const std::string& in, const std::string& expected) {
    auto r = clean_text("name", in);
    REQUIRE_MESSAGE(r.is_ok(), in);
    CHECK(*r == expected);
  };
  check_clean("张三", "张三");
  check_clean("  张三  ", "张三");
  check_clean("\t张三\r\n", "张三");
  check_clean(kIdeographicSpace + "张三" + kIdeographicSpace, "张三");
  check_clean(" " + kIdeographicSpace + " 张三" + kIdeographicSpace + kIdeographicSpace + " ", "张三");
  check_clean("Li Ming", "Li Ming");
  SUBCASE("white space inside the text is kept") {
    check_clean(" 张 三 ", "张 三");
    check_clean("张" + kIdeographicSpace + "三", "张" + kIdeographicSpace + "三");
  }
}

TEST_CASE("clean_text refuses empty text, naming the field") {
  for (std::string in : {std::string(""), std::string("   "), std::string("\t \r\n"), kIdeographicSpace,
                         " " + kIdeographicSpace + " "}) {
    auto r = clean_text("title", in);
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().code() == Status::Code::invalid);
    CHECK(r.status().field() == "title");
  }
}

TEST_CASE("clean_text refuses control characters") {
  for (std::string in : {std::string("张\x01三"), std::string("张\n三"), std::string("张\r三"), std::string("张\t三"),
                         std::string("a\x7F"), std::string("a\x1B[31m"), std::string("a\0b", 3),
                         std::string("a\xC2\x85"), std::string("\x01")}) {
    CAPTURE(in);
    auto r = clean_text("name", in);
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().code() == Status::Code::invalid);
    CHECK(r.status().field() == "name");
  }
}

TEST_CASE("clean_text refuses malformed UTF-8") {
  for (std::string in :
       {std::string("a\xFF"), std::string("\xFE"), std::string("\x80"), std::string("a\xC3"), std::string("\xE5\xBC"),
        std::string("\xE5\xBC"
                    "a"),
        std::string("\xC3\x28"), std::string("\xF0\x9F\x98")}) {
    CAPTURE(in);
    auto r = clean_text("name", in);
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().code() == Status::Code::invalid);
    CHECK(r.status().field() == "name");
  }
}

TEST_CASE("clean_text counts length in characters, not bytes") {
  SUBCASE("the default limit is 200 characters") {
    CHECK(clean_text("name", std::string(200, 'a')).is_ok());
    CHECK_FALSE(clean_text("name", std::string(201, 'a')).is_ok());
    CHECK(clean_text("name", repeat("张", 200)).is_ok());
    auto r = clean_text("name", repeat("张", 201));
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().field() == "name");
  }
  SUBCASE("four-byte characters count once") {
    CHECK(clean_text("name", repeat("\xF0\x9F\x98\x80", 200)).is_ok());
    CHECK_FALSE(clean_text("name", repeat("\xF0\x9F\x98\x80", 201)).is_ok());
  }
  SUBCASE("trimmed white space does not count") {
    CHECK(clean_text("name", "  " + repeat("张", 200) + kIdeographicSpace).is_ok());
  }
  SUBCASE("a caller may set a smaller limit") {
    CHECK(clean_text("code", "abcd", 4).is_ok());
    CHECK_FALSE(clean_text("code", "abcde", 4).is_ok());
    CHECK(clean_text("code", "钦州市局", 4).is_ok());
    CHECK_FALSE(clean_text("code", "钦州市司法局", 4).is_ok());
  }
}

TEST_CASE("post dates must not end before they start") {
  CHECK(check_post_period({D("2024-03-20"), std::nullopt}).is_ok());
  CHECK(check_post_period({D("2024-03-20"), D("2024-03-20")}).is_ok());
  CHECK(check_post_period({D("2024-03-20"), D("2024-09-05")}).is_ok());
  Status s = check_post_period({D("2024-03-20"), D("2024-03-19")});
  CHECK_FALSE(s.is_ok());
  CHECK(s.code() == Status::Code::invalid);
  CHECK(s.field() == "post_end");
}

TEST_CASE("an officer's post period is their post_start and post_end") {
  Officer o;
  o.post_start = D("2016-01-01");
  o.post_end = D("2024-09-05");
  PostPeriod p = o.post();
  CHECK(p.start == D("2016-01-01"));
  REQUIRE(p.end.has_value());
  CHECK(*p.end == D("2024-09-05"));
}

TEST_CASE("a unit contains itself and every unit below it, and nothing else") {
  auto unit = [](const char* path) {
    Unit u;
    u.path = path;
    return u;
  };
  Unit city = unit("/1/"), dept = unit("/1/5/"), town = unit("/1/5/23/"), other = unit("/1/50/");
  CHECK(city.contains(city));
  CHECK(city.contains(dept));
  CHECK(city.contains(town));
  CHECK(dept.contains(town));
  CHECK(dept.contains(dept));
  CHECK_FALSE(dept.contains(city));
  CHECK_FALSE(town.contains(dept));
  CHECK_FALSE(dept.contains(other));
}

TEST_CASE("unit levels parse from their exact keys only") {
  CHECK(parse_level("city") == UnitLevel::city);
  CHECK(parse_level("county") == UnitLevel::county);
  CHECK(parse_level("department") == UnitLevel::department);
  CHECK(parse_level("town") == UnitLevel::town);
  for (const char* s : {"", "City", "CITY", " city", "city ", "province", "district"}) {
    CAPTURE(s);
    CHECK_FALSE(parse_level(s).has_value());
  }
  for (UnitLevel l : {UnitLevel::city, UnitLevel::county, UnitLevel::department, UnitLevel::town})
    CHECK(parse_level(level_key(l)) == l);
}

TEST_CASE("officer kinds parse from their exact keys only") {
  CHECK(parse_kind("enforcement") == OfficerKind::enforcement);
  CHECK(parse_kind("police") == OfficerKind::police);
  for (const char* s : {"", "Police", "enforcement ", "officer", "人民警察"}) {
    CAPTURE(s);
    CHECK_FALSE(parse_kind(s).has_value());
  }
  CHECK(std::string(kind_key(OfficerKind::enforcement)) == "enforcement");
  CHECK(std::string(kind_key(OfficerKind::police)) == "police");
}

TEST_CASE("officer statuses parse from their exact keys only") {
  CHECK(parse_officer_status("active") == OfficerStatus::active);
  CHECK(parse_officer_status("left") == OfficerStatus::left);
  for (const char* s : {"", "Active", "LEFT", "retired", "inactive"}) {
    CAPTURE(s);
    CHECK_FALSE(parse_officer_status(s).has_value());
  }
  CHECK(std::string(officer_status_key(OfficerStatus::active)) == "active");
  CHECK(std::string(officer_status_key(OfficerStatus::left)) == "left");
}

TEST_CASE("roles parse from their exact keys only") {
  CHECK(parse_role("admin") == Role::admin);
  CHECK(parse_role("hr") == Role::hr);
  CHECK(parse_role("officer") == Role::officer);
  for (const char* s : {"", "Admin", "ADMIN", "HR", "admin ", "administrator", "root"}) {
    CAPTURE(s);
    CHECK_FALSE(parse_role(s).has_value());
  }
  for (Role r : {Role::admin, Role::hr, Role::officer}) CHECK(parse_role(role_key(r)) == r);
}

TEST_CASE("clean_text refuses every kind of invalid UTF-8") {
  for (const char* bad : {"a\xE0\x80\xAF", "\xF0\x80\x80\xAF", "a\xED\xA0\x80", "a\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
                          "\xC1\xBF", "abc\xE4\xB8"}) {
    auto r = certhours::clean_text("name", bad);
    CHECK_FALSE(r.is_ok());
    if (!r.is_ok()) CHECK(r.status().field() == "name");
  }
  CHECK(certhours::clean_text("name", "张伟").is_ok());
  CHECK(certhours::clean_text("name", "\xF0\x9F\x98\x80").is_ok());  // U+1F600 is valid
}

TEST_CASE("a newly registered officer whose post ended before today has left; otherwise active") {
  using namespace certhours;
  Date today = *parse_date("2024-06-01");
  CHECK(initial_status({*parse_date("2020-01-01"), std::nullopt}, today) == OfficerStatus::active);
  CHECK(initial_status({*parse_date("2020-01-01"), *parse_date("2024-06-01")}, today) == OfficerStatus::active);
  CHECK(initial_status({*parse_date("2020-01-01"), *parse_date("2024-05-31")}, today) == OfficerStatus::left);
}

TEST_CASE("usernames: letters, digits, '_', '.', '-', 1 to 64 characters") {
  for (const char* ok : {"admin", "hr_qn", "li.ming-2", "A", "x23"}) {
    CAPTURE(ok);
    CHECK(check_username(ok).is_ok());
  }
  CHECK(check_username(std::string(64, 'a')).is_ok());
  for (std::string bad : {std::string(), std::string(65, 'a'), std::string("bad name"), std::string("李明"),
                          std::string("a/b"), std::string("a@b")}) {
    CAPTURE(bad);
    Status s = check_username(bad);
    CHECK_FALSE(s.is_ok());
    CHECK(s.field() == "username");
  }
}

TEST_CASE("users: the link each role needs") {
  CHECK(check_user_links(Role::admin, std::nullopt, std::nullopt).is_ok());
  CHECK(check_user_links(Role::hr, Id{3}, std::nullopt).is_ok());
  CHECK(check_user_links(Role::hr, std::nullopt, Id{3}).field() == "unit_id");
  CHECK(check_user_links(Role::officer, Id{3}, std::nullopt).field() == "officer_id");
  CHECK(check_user_links(Role::officer, std::nullopt, Id{7}).is_ok());
}

TEST_CASE("a change of status or post_end follows the rules of leaving") {
  const Date today = D("2024-11-01");
  using C = PostChange;
  // Leaving without a date leaves today.
  auto r = resolve_post_change(C{OfficerStatus::left, std::nullopt}, today);
  REQUIRE(r);
  CHECK(r->post_end == std::optional<std::optional<Date>>(today));
  // A post_end before today means the officer left.
  r = resolve_post_change(C{std::nullopt, std::optional<Date>(D("2024-06-30"))}, today);
  REQUIRE(r);
  CHECK(r->status == OfficerStatus::left);
  // Today or later: a planned departure, the status is left alone.
  r = resolve_post_change(C{std::nullopt, std::optional<Date>(today)}, today);
  REQUIRE(r);
  CHECK_FALSE(r->status.has_value());
  // Contradictions.
  auto active_past = resolve_post_change(C{OfficerStatus::active, std::optional<Date>(D("2024-01-31"))}, today);
  REQUIRE_FALSE(active_past);
  CHECK(active_past.status().field() == "post_end");
  auto left_cleared = resolve_post_change(C{OfficerStatus::left, std::optional<Date>()}, today);
  REQUIRE_FALSE(left_cleared);
  CHECK(left_cleared.status().field() == "post_end");
  // Nothing about leaving: unchanged.
  r = resolve_post_change(C{}, today);
  REQUIRE(r);
  CHECK_FALSE(r->status.has_value());
  CHECK_FALSE(r->post_end.has_value());
}
