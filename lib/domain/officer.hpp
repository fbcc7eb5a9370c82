// Officers, units and users as value types, with the rules on their fields.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"
#include "domain/id.hpp"
#include "domain/requirement.hpp"
#include "domain/status.hpp"

namespace certhours {

enum class UnitLevel { city, county, department, town };
inline constexpr auto kUnitLevels = names_of<UnitLevel>({{UnitLevel::city, "city"},
                                                         {UnitLevel::county, "county"},
                                                         {UnitLevel::department, "department"},
                                                         {UnitLevel::town, "town"}});
inline const char* level_key(UnitLevel l) { return kUnitLevels.key(l); }
inline std::optional<UnitLevel> parse_level(std::string_view s) { return kUnitLevels.parse(s); }

struct Unit {
  Id id = 0;
  std::string code, name;
  std::optional<Id> parent_id;
  UnitLevel level = UnitLevel::city;
  // Materialised path of ids in ten digits each, "/0000000001/0000000005/": a unit's subtree is
  // every path with this prefix, and paths sort in tree order (siblings by id).
  std::string path;
  bool contains(const Unit& other) const { return other.path.compare(0, path.size(), path) == 0; }
};

enum class OfficerKind { enforcement, police };
inline constexpr auto kOfficerKinds = names_of<OfficerKind>(
    {{OfficerKind::enforcement, "enforcement", "行政执法人员"}, {OfficerKind::police, "police", "人民警察"}});
inline const char* kind_key(OfficerKind k) { return kOfficerKinds.key(k); }
inline std::optional<OfficerKind> parse_kind(std::string_view s) { return kOfficerKinds.parse(s); }

enum class OfficerStatus { active, left };
inline constexpr auto kOfficerStatuses =
    names_of<OfficerStatus>({{OfficerStatus::active, "active"}, {OfficerStatus::left, "left"}});
inline const char* officer_status_key(OfficerStatus s) { return kOfficerStatuses.key(s); }
inline std::optional<OfficerStatus> parse_officer_status(std::string_view s) { return kOfficerStatuses.parse(s); }

struct Officer {
  Id id = 0;
  std::string name;
  std::string id_number;
  Id unit_id = 0;
  OfficerKind kind = OfficerKind::enforcement;
  OfficerStatus status = OfficerStatus::active;
  Date post_start;
  std::optional<Date> post_end;
  PostPeriod post() const { return {post_start, post_end}; }
};

enum class Role { admin, hr, officer };
inline constexpr auto kRoles = names_of<Role>(
    {{Role::admin, "admin", "管理员"}, {Role::hr, "hr", "人事专员"}, {Role::officer, "officer", "执法人员"}});
inline const char* role_key(Role r) { return kRoles.key(r); }
inline std::optional<Role> parse_role(std::string_view s) { return kRoles.parse(s); }

// A username: 1 to 64 of letters, digits, '_', '.' and '-' (POST /users and `certhours user
// add` alike). Invalid (field "username") otherwise.
Status check_username(std::string_view username);
// The link a role needs: an hr user a unit (the root of their scope), an officer user their
// officer record. Invalid (field "unit_id" / "officer_id") when it is missing; links a role
// does not use are ignored (and not stored).
Status check_user_links(Role role, const std::optional<Id>& unit_id, const std::optional<Id>& officer_id);

struct User {
  Id id = 0;
  std::string username;
  Role role = Role::officer;
  std::optional<Id> unit_id;     // hr: the root of their scope
  std::optional<Id> officer_id;  // officer: themself
  // Set by an admin reset (or at creation): until the user chooses a new password, only
  // GET /me, PUT /me/password and DELETE /session are allowed.
  bool must_change_password = false;
};

// GB 11643-1999: 17 digits, then a check digit (0-9 or X) computed with weights 2^(17-i) mod 11;
// the birth date in positions 7..14 must be a real date from 1900 on.
bool valid_id_number(std::string_view id);
// The ID number in `raw` as stored (a trailing x uppercased), or why it is not one, about
// `field`: id_number_scientific ("4.50702E+17": a spreadsheet turned it into a number and
// lost digits), id_number_format, id_number_check_digit. `shown` is what the message quotes
// of the input ("" quotes nothing). One home for every door: JSON bodies and imports.
Result<std::string> parse_id_number(std::string_view raw, const std::string& field, std::string_view shown = {});
// Uppercases a trailing 'x'.
std::string normalize_id_number(std::string_view id);
// The check character for the first 17 digits. REQUIRES: 17 ASCII digits.
char id_check_digit(std::string_view first17);
// "450702199001011234" -> "450702********1234".
std::string mask_id_number(std::string_view id);

// Text fields: trimmed of surrounding white space; refused when empty (if required),
// longer than max_chars code points, or holding control characters.
Result<std::string> clean_text(std::string_view field, std::string_view value, std::size_t max_chars = 200);

// Post dates: end not before start.
Status check_post_period(const PostPeriod& p);

// The status of a newly registered officer: left when the post already ended before today.
OfficerStatus initial_status(const PostPeriod& p, Date today);

// A change of status and/or post_end asked for (PATCH), completed by the rules of leaving:
// leaving without a date leaves today; a post_end before today means the officer left (as
// initial_status says for a new one); leaving with post_end cleared, or staying active with
// a post that ended, contradicts itself (invalid, field "post_end").
struct PostChange {
  std::optional<OfficerStatus> status;
  std::optional<std::optional<Date>> post_end;  // set, or cleared with nullopt inside
};
Result<PostChange> resolve_post_change(PostChange asked, Date today);

}  // namespace certhours
