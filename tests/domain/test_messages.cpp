// The table of rules (lib/domain/messages.def) and how a message is written from it
// (domain/messages.hpp): every rule has both texts, the two texts agree on what they name, the
// templates are well formed, render fills them as the table says, and docs/api.md ("Error
// rules") lists every rule, in order, with its English text.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "domain/messages.hpp"

using namespace certhours;

namespace {

bool is_snake_case(std::string_view s) {
  if (s.empty() || !(s.front() >= 'a' && s.front() <= 'z') || s.back() == '_') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    if (c == '_' && s[i + 1] == '_') return false;  // s.back() is not '_', so s[i + 1] exists
  }
  return true;
}

// A template read as messages.def describes it: {name} placeholders, [ ] optional parts (not
// nested), each part naming at least one placeholder. `params`: each placeholder, and whether
// it stands only in optional parts; `problem`: what is malformed, "" when nothing.
struct Template {
  std::map<std::string, bool> params;  // name -> optional
  std::string problem;
};

Template read_template(std::string_view t) {
  Template out;
  bool in_part = false;
  int part_params = 0;
  for (std::size_t i = 0; i < t.size() && out.problem.empty(); ++i) {
    char c = t[i];
    if (c == '{') {
      std::size_t close = t.find('}', i);
      std::string_view name = close == std::string_view::npos ? std::string_view() : t.substr(i + 1, close - i - 1);
      if (close == std::string_view::npos) {
        out.problem = "a { is never closed";
      } else if (!is_snake_case(name)) {
        out.problem = "the placeholder {" + std::string(name) + "} is not a snake_case name";
      } else {
        auto [it, fresh] = out.params.emplace(std::string(name), in_part);
        if (!fresh) it->second = it->second && in_part;
        ++part_params;
        i = close;
      }
    } else if (c == '}') {
      out.problem = "a } closes nothing";
    } else if (c == '[') {
      if (in_part) out.problem = "an optional part inside an optional part";
      in_part = true;
      part_params = 0;
    } else if (c == ']') {
      if (!in_part) out.problem = "a ] closes nothing";
      else if (part_params == 0) out.problem = "an optional part names no placeholder, so it is never left out";
      in_part = false;
    }
  }
  if (out.problem.empty() && in_part) out.problem = "a [ is never closed";
  if (out.problem.empty() && out.params.count("field") && out.params.at("field"))
    out.problem = "{field} stands in an optional part";
  return out;
}

std::string zh(std::string_view rule, const std::string& field = {}, const Params& params = {}) {
  return render(rule, field, params, Lang::zh);
}
std::string en(std::string_view rule, const std::string& field = {}, const Params& params = {}) {
  return render(rule, field, params, Lang::en);
}

bool has_cjk(std::string_view s) {
  // U+4E00..U+9FFF are E4 B8 80 .. E9 BF BF in UTF-8.
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xE4 && b <= 0xE9 && (b != 0xE4 || static_cast<unsigned char>(s[i + 1]) >= 0xB8)) return true;
  }
  return false;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("messages: every rule has a Chinese text and an English text") {
  REQUIRE(all_rules().size() >= 100);
  for (const RuleText& r : all_rules()) {
    CAPTURE(r.rule);
    CHECK(!r.zh.empty());
    CHECK(!r.en.empty());
    CHECK_MESSAGE(has_cjk(r.zh), "the Chinese text has no Chinese in it");
    // The English text may quote a Chinese term in ASCII brackets (文本, 人民警察法), never
    // with Chinese punctuation, which would mark a text pasted into the wrong column.
    for (std::string_view mark : {"，", "。", "：", "；", "（", "）", "“", "”", "、"}) {
      CAPTURE(mark);
      CHECK(r.en.find(mark) == std::string_view::npos);
    }
  }
}

TEST_CASE("messages: rule names are unique snake_case, and the constants are those names") {
  std::set<std::string_view> seen;
  for (const RuleText& r : all_rules()) {
    CAPTURE(r.rule);
    CHECK(is_snake_case(r.rule));
    CHECK_MESSAGE(seen.insert(r.rule).second, "named twice in messages.def");
  }
  CHECK(std::string_view(rules::required.name) == "required");
  CHECK(std::string_view(rules::certificate_transition.name) == "certificate_transition");
}

TEST_CASE("messages: placeholders are {snake_case}, optional parts [ ] balance and each names a placeholder") {
  for (const RuleText& r : all_rules()) {
    CAPTURE(r.rule);
    Template z = read_template(r.zh), e = read_template(r.en);
    INFO("zh: " << r.zh);
    CHECK_MESSAGE(z.problem.empty(), z.problem);
    INFO("en: " << r.en);
    CHECK_MESSAGE(e.problem.empty(), e.problem);
  }
  // The reader itself: what it refuses.
  CHECK(read_template("a {b").problem == "a { is never closed");
  CHECK(read_template("a }").problem == "a } closes nothing");
  CHECK(read_template("a [b {c}").problem == "a [ is never closed");
  CHECK(read_template("a [b] {c}").problem == "an optional part names no placeholder, so it is never left out");
  CHECK(read_template("[{a}[{b}]]").problem == "an optional part inside an optional part");
  CHECK(read_template("{Bad}").problem == "the placeholder {Bad} is not a snake_case name");
  CHECK(read_template("x[ {field}]").problem == "{field} stands in an optional part");
  Template t = read_template("{field} and {a}[ and {b}]");
  CHECK(t.problem.empty());
  CHECK(t.params == std::map<std::string, bool>{{"field", false}, {"a", false}, {"b", true}});
}

TEST_CASE("messages: the two texts of a rule agree on what they name") {
  // Apart from these, a rule's two texts name the same placeholders, each optional in both or in
  // neither. What only the English text names: details for the technical reader (the parser's
  // words, the route, the target state, the officer's id), or another unit of the same wait.
  const std::map<std::string_view, std::set<std::string>> only_english = {
      {"invalid_json", {"detail"}},
      {"malformed_request", {"detail"}},
      {"role_forbidden", {"method", "path"}},
      {"login_throttled", {"seconds"}},
      {"certificate_transition", {"target"}},
      {"police_credentials", {"officer_id"}},
      {"issue_to_left_officer", {"officer_id"}},
      {"issue_before_existing", {"officer_id"}},
      {"certificate_already_held", {"officer_id"}},
  };
  // What only the Chinese text names: login_throttled counts the wait in minutes in Chinese and
  // in seconds in English; the server gives both.
  const std::map<std::string_view, std::set<std::string>> only_chinese = {{"login_throttled", {"minutes"}}};
  for (const RuleText& r : all_rules()) {
    CAPTURE(r.rule);
    INFO("zh: " << r.zh);
    INFO("en: " << r.en);
    Template z = read_template(r.zh), e = read_template(r.en);
    CHECK_MESSAGE(z.params.count("field") == e.params.count("field"), "{field} in one text only");
    std::set<std::string> zh_only, en_only;
    for (const auto& [name, optional] : z.params) {
      auto other = e.params.find(name);
      if (other == e.params.end()) {
        zh_only.insert(name);
        continue;
      }
      INFO("{" << name << "}");
      CHECK_MESSAGE(other->second == optional, "optional in one text, required in the other");
    }
    for (const auto& [name, optional] : e.params)
      if (!z.params.count(name)) en_only.insert(name);
    auto zi = only_chinese.find(r.rule);
    CHECK(zh_only == (zi == only_chinese.end() ? std::set<std::string>{} : zi->second));
    auto ei = only_english.find(r.rule);
    CHECK(en_only == (ei == only_english.end() ? std::set<std::string>{} : ei->second));
  }
  // login_throttled reads in both languages when the server gives both units.
  Params wait{{"seconds", "540"}, {"minutes", "9"}};
  CHECK(zh("login_throttled", {}, wait) == "登录失败次数过多，请 9 分钟后再试");
  CHECK(en("login_throttled", {}, wait) == "too many failed logins; try again in 540 seconds");
}

TEST_CASE("render: fills the parameters in, in the language asked") {
  CHECK(zh("route_not_found", {}, {{"path", "/api/v1/nothing"}}) == "没有这个地址：/api/v1/nothing");
  CHECK(en("route_not_found", {}, {{"path", "/api/v1/nothing"}}) == "no such resource: /api/v1/nothing");
  CHECK(zh("login_required") == "请先登录：没有有效的登录凭证，或登录已过期");
  CHECK(en("login_required") == "log in first: no valid session token");
  Params frozen{{"year", "2023"}, {"current", "2024"}};
  CHECK(zh("policy_frozen", {}, frozen) == "2023 年度的学时要求已锁定：只能修改本年度（2024）及以后年度的要求");
  CHECK(en("policy_frozen", {}, frozen) ==
        "the policy of 2023 is frozen: only the current year (2024) and later years may be changed");
  // A Message and a Status are written the same way.
  CHECK(Status::invalid("title", rules::required).message(Lang::zh) == "培训名称为必填项");
  CHECK(Status::invalid("title", rules::required).message() == "title is required");  // English by default
  CHECK((Message{rules::no_units.name, {}, {}}).text(Lang::en) == "there are no units yet");
  // A rule the table does not know reads as its name.
  CHECK(zh("no_such_rule") == "no_such_rule");
}

TEST_CASE("render: an optional part is left out when a parameter in it is empty or absent") {
  CHECK(zh("body_too_large", {}, {{"limit_mib", "1"}}) == "提交的内容过大：最多 1 MiB");
  CHECK(en("body_too_large", {}, {{"limit_mib", "1"}}) == "the body is larger than the limit of 1 MiB");
  CHECK(zh("body_too_large", {}, {{"limit_mib", ""}}) == "提交的内容过大");
  CHECK(en("body_too_large") == "the body is larger than the limit");

  Params suspended{{"number", "QZ-2024-0001"}, {"since", "2024-03-01"}, {"until", ""}, {"reason", "停职检查"}};
  CHECK(zh("eligibility_suspended", {}, suspended) == "执法证 QZ-2024-0001 自 2024-03-01 起暂扣（停职检查）");
  CHECK(en("eligibility_suspended", {}, suspended) == "certificate QZ-2024-0001 suspended since 2024-03-01 (停职检查)");
  suspended[2].second = "2024-06-01";
  CHECK(zh("eligibility_suspended", {}, suspended) == "执法证 QZ-2024-0001 自 2024-03-01 起暂扣，至 2024-06-01（停职检查）");
  CHECK(en("eligibility_suspended", {}, suspended) ==
        "certificate QZ-2024-0001 suspended since 2024-03-01 until 2024-06-01 (停职检查)");

  // A part with two parameters is kept only when both are given.
  CHECK(zh("import_refused", {}, {{"lines", "120"}, {"listed", "100"}}) ==
        "120 行有误，整个文件均未导入：请改正后重新导入整个文件");
  CHECK(zh("import_refused", {}, {{"lines", "120"}, {"listed", "100"}, {"more", "20"}}) ==
        "120 行有误，整个文件均未导入：请改正后重新导入整个文件；下面列出前 100 行，另有 20 行未列出");
  CHECK(en("import_refused", {}, {{"lines", "120"}, {"listed", "100"}, {"more", "20"}}) ==
        "120 line(s) refused; nothing was imported (fix them and import the whole file again); the first 100 are "
        "listed, 20 more are not");
  // An optional part at the start.
  CHECK(en("import_unknown_ids", {}, {{"lines", ""}, {"named", "10"}}).rfind("nothing was imported: more lines", 0) == 0);
  CHECK(en("import_unknown_ids", {}, {{"lines", "3"}, {"named", "10"}})
            .rfind("nothing was imported: 3 line(s) refused; more lines", 0) == 0);
}

TEST_CASE("render: a field is named in Chinese as a person reads it, in English as the API writes it") {
  CHECK(field_label("hours.legal", Lang::zh) == "公共法律知识学时");
  CHECK(field_label("records[2].officer_id", Lang::zh) == "第 3 条参训记录的人员");
  CHECK(field_label("records[0].hours.business", Lang::zh) == "第 1 条参训记录的业务知识和行政执法技能学时");
  CHECK(field_label("records[4]", Lang::zh) == "第 5 条参训记录");
  CHECK(field_label("id_number", Lang::zh) == "身份证号");
  CHECK(field_label("no_such_field", Lang::zh) == "no_such_field");  // unknown: as it is
  CHECK(field_label("", Lang::zh) == "此项");
  CHECK(field_label("records[2].officer_id", Lang::en) == "records[2].officer_id");
  CHECK(field_label("hours.legal", Lang::en) == "hours.legal");

  CHECK(zh("required", "hours.legal") == "公共法律知识学时为必填项");
  CHECK(en("required", "hours.legal") == "hours.legal is required");
  CHECK(zh("required", "records[2].officer_id") == "第 3 条参训记录的人员为必填项");
  CHECK(en("required", "records[2].officer_id") == "records[2].officer_id is required");
  // The lines of the import report in docs/api.md ("Errors", "Import reports").
  CHECK(zh("id_invalid", "training_id", {{"value", "abc"}}) == "培训编号须为正整数编号，不能是“abc”");
  CHECK(zh("hours_half_step", "legal", {{"value", "2.3"}}) ==
        "公共法律知识学时“2.3”不正确：学时须为非负数，且为 0.5 的整数倍（如 2 或 2.5）");
  CHECK(zh("import_refused", {}, {{"lines", "1"}}) == "1 行有误，整个文件均未导入：请改正后重新导入整个文件");
}

TEST_CASE("render: keys read as words in Chinese and stay keys in English") {
  // The example of docs/api.md ("Errors"): restoring a certificate that is valid.
  Params transition{{"action", "restore"},   {"number", "QZ-2024-0001"}, {"state", "valid"},
                    {"on", "2024-07-01"},    {"target", "valid"},        {"allowed_from", "suspended"}};
  CHECK(zh("certificate_transition", "action", transition) ==
        "不能恢复：证件 QZ-2024-0001 在 2024-07-01 的状态为“有效”，只有“暂扣”状态的证件才能恢复");
  CHECK(en("certificate_transition", "action", transition) ==
        "cannot restore certificate QZ-2024-0001: it is valid on 2024-07-01, and restore (to valid) is allowed only "
        "from suspended");
  // A list of states: each a word, joined as alternatives.
  Params cancel{{"action", "cancel"}, {"number", "QZ-1"},  {"state", "cancelled"},
                {"on", "2024-07-01"}, {"target", "cancelled"}, {"allowed_from", "valid,suspended,withdrawn,expired"}};
  CHECK(zh("certificate_transition", "action", cancel) ==
        "不能注销：证件 QZ-1 在 2024-07-01 的状态为“注销”，只有“有效”“暂扣”“收回”“过期”状态的证件才能注销");
  CHECK(en("certificate_transition", "action", cancel).ends_with("allowed only from valid or suspended or withdrawn or expired"));
  // "pending" (not yet in effect) is a state of the API, though no CertState.
  Params early{{"action", "suspend"}, {"number", "QZ-2"}, {"state", "pending"},
               {"on", "2024-01-01"}, {"target", "suspended"}, {"allowed_from", "valid"}};
  CHECK(zh("certificate_transition", "action", early) ==
        "不能暂扣：证件 QZ-2 在 2024-01-01 的状态为“未生效”，只有“有效”状态的证件才能暂扣");
  CHECK(en("certificate_transition", "action", early).starts_with("cannot suspend certificate QZ-2: it is pending on"));

  CHECK(zh("certificate_reason_required", "reason", {{"action", "suspend"}}) == "暂扣须填写原因");
  CHECK(en("certificate_reason_required", "reason", {{"action", "suspend"}}) == "a reason is required to suspend");
  CHECK(zh("role_forbidden", {}, {{"role", "hr"}, {"method", "POST"}, {"path", "/api/v1/users"}}) ==
        "您的账号（人事专员）没有权限执行此操作");
  CHECK(en("role_forbidden", {}, {{"role", "hr"}, {"method", "POST"}, {"path", "/api/v1/users"}}) ==
        "the hr role may not POST /api/v1/users");
  CHECK(zh("wrong_type", "username", {{"expected", "string"}, {"got", "number"}}) == "用户名须为字符串，不能是数字");
  CHECK(en("wrong_type", "username", {{"expected", "string"}, {"got", "number"}}) ==
        "username must be a string, not a number");
  CHECK(zh("credit_exceeds_session", "records[0].hours.legal",
           {{"category", "legal"}, {"credited", "3"}, {"session", "2"}}) == "公共法律知识学时 3 超过了本次培训的 2 学时");
  CHECK(en("credit_exceeds_session", "records[0].hours.legal",
           {{"category", "legal"}, {"credited", "3"}, {"session", "2"}}) ==
        "credited legal hours 3 exceed the session's 2");
  // Lists of keys that are not states are listed as they are.
  Params proration{{"allowed", "monthly,none"}, {"value", "weekly"}};
  CHECK(zh("value_not_allowed", "proration", proration) == "折算方式“weekly”不正确：须为 monthly、none 之一");
  CHECK(en("value_not_allowed", "proration", proration) == "proration must be one of monthly, none, not 'weekly'");
  CHECK(en("csv_missing_columns", "header", {{"missing", "id_number"}, {"columns", "training_id,id_number"}}) ==
        "missing column(s): id_number (the header row must name the columns training_id, id_number)");
}

TEST_CASE("docs/api.md lists every rule, in the order of messages.def, with its English text") {
  const std::string md = read_file(std::string(CERTHOURS_SOURCE_DIR) + "/docs/api.md");
  REQUIRE_MESSAGE(!md.empty(), "cannot read docs/api.md");
  const std::size_t start = md.find("\n## Error rules\n");
  REQUIRE_MESSAGE(start != std::string::npos, "docs/api.md has no \"## Error rules\" section");
  std::size_t end = md.find("\n## ", start + 1);
  if (end == std::string::npos) end = md.size();
  const std::string section = md.substr(start, end - start);

  std::set<std::string_view> known;
  for (const RuleText& r : all_rules()) known.insert(r.rule);
  std::size_t at = 0;
  for (const RuleText& r : all_rules()) {
    CAPTURE(r.rule);
    CHECK_MESSAGE(md.find("`" + std::string(r.rule) + "`") != std::string::npos, "docs/api.md never names it");
    const std::string row_start = "\n| `" + std::string(r.rule) + "` |";
    std::size_t row = section.find(row_start);
    if (row == std::string::npos) {
      FAIL_CHECK("no row in \"Error rules\"");
      continue;
    }
    CHECK_MESSAGE(row >= at, "listed out of the order of messages.def");
    at = row;
    const std::size_t eol = section.find('\n', row + 1);
    const std::string line = section.substr(row + 1, eol == std::string::npos ? std::string::npos : eol - row - 1);
    std::string english;  // as a code span in a table cell: `|` escaped
    for (char c : r.en) english += c == '|' ? std::string("\\|") : std::string(1, c);
    INFO("row: " << line);
    INFO("English text: `" << english << "`");
    CHECK_MESSAGE(line.ends_with("| `" + english + "` |"), "the row does not end with the rule's English text");
  }
  // And the section names no rule that is not in the table.
  for (std::size_t p = section.find("\n| `"); p != std::string::npos; p = section.find("\n| `", p + 1)) {
    const std::size_t close = section.find('`', p + 4);
    const std::string name = section.substr(p + 4, close - p - 4);
    CAPTURE(name);
    CHECK_MESSAGE(known.count(name) == 1, "a row for a rule messages.def does not have");
  }
}
