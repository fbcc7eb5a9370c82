#include "domain/messages.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "domain/certificate.hpp"
#include "domain/claim.hpp"
#include "domain/hours.hpp"
#include "domain/officer.hpp"
#include "domain/qualification.hpp"

namespace certhours {

namespace {

constexpr RuleText kRules[] = {
#define CH_RULE(name, zh, en) {#name, zh, en},
#include "domain/messages.def"
#undef CH_RULE
};

const RuleText* find_rule(std::string_view rule) {
  static const auto index = [] {
    std::unordered_map<std::string_view, const RuleText*> m;
    for (const RuleText& r : kRules) m.emplace(r.rule, &r);
    return m;
  }();
  auto it = index.find(rule);
  return it == index.end() ? nullptr : it->second;
}

struct Word {
  std::string_view key, zh, en;
};
constexpr Word kKinds[] = {{"string", "字符串", "a string"},
                           {"integer", "整数", "an integer"},
                           {"number", "数字", "a number"},
                           {"boolean", "true 或 false", "true or false"},
                           {"object", "对象", "an object"},
                           {"array", "数组", "an array"},
                           {"date", "日期字符串 YYYY-MM-DD", "a date string YYYY-MM-DD"},
                           {"hours", "学时数", "a number of hours"},
                           {"null", "null", "null"}};

// A value of an enum's table: its Chinese label, or its key in English.
template <class E, std::size_t N>
std::string word(const EnumNames<E, N>& names, std::string_view key, Lang lang) {
  auto v = names.parse(key);
  if (!v) return std::string(key);
  return lang == Lang::zh ? names.label(*v) : names.key(*v);
}

// A certificate state as the API names it: a CertState, or "pending" (a certificate not yet in
// effect), which is no CertState.
std::string state_word(std::string_view key, Lang lang) {
  if (key == "pending") return lang == Lang::zh ? "未生效" : "pending";
  return word(kCertStateNames, key, lang);
}

template <std::size_t N>
std::string word(const Word (&words)[N], std::string_view key, Lang lang) {
  for (const Word& w : words)
    if (w.key == key) return std::string(lang == Lang::zh ? w.zh : w.en);
  return std::string(key);
}

// A comma-separated list of keys, each read by `item`, joined by `sep`.
template <class Item>
std::string list_text(std::string_view value, std::string_view sep, Item item) {
  std::string out;
  for (std::size_t start = 0; start <= value.size();) {
    std::size_t end = std::min(value.find(',', start), value.size());
    if (!out.empty()) out += sep;
    out += item(value.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// An application's action and states share keys with a certificate's (withdraw, withdrawn) but
// not their words: the application_ rules read them from the application's tables.
std::string application_value(std::string_view name, std::string_view value, Lang lang) {
  if (name == "action") return word(kApplicationActions, value, lang);
  if (name == "state" || name == "target") return word(kApplicationStateNames, value, lang);
  if (name == "allowed_from")
    return list_text(value, lang == Lang::zh ? "”“" : " or ",
                     [&](std::string_view s) { return word(kApplicationStateNames, s, lang); });
  return std::string(value);
}

// A claim's action and states, read from the claim's tables as application_value does.
std::string claim_value(std::string_view name, std::string_view value, Lang lang) {
  if (name == "action") return word(kClaimActions, value, lang);
  if (name == "state" || name == "target") return word(kClaimStateNames, value, lang);
  if (name == "allowed_from")
    return list_text(value, lang == Lang::zh ? "”“" : " or ",
                     [&](std::string_view s) { return word(kClaimStateNames, s, lang); });
  return std::string(value);
}

// The words of a parameter's value: keys of the parameters named in messages.def read as
// words; lists ("valid,suspended") word by word.
std::string value_text(std::string_view rule, std::string_view name, std::string_view value, Lang lang) {
  if (rule.starts_with("application_") && name != "failed") return application_value(name, value, lang);
  if (rule == "claim_transition") return claim_value(name, value, lang);
  if (name == "failed")
    return list_text(value, lang == Lang::zh ? "、" : ", ",
                     [&](std::string_view c) { return word(kCheckCodeNames, c, lang); });
  if (name == "action" || name == "last_action") return word(kCertActions, value, lang);
  if (name == "state") return state_word(value, lang);
  if (name == "role") return word(kRoles, value, lang);
  if (name == "category") return word(kCategoryNames, value, lang);
  if (name == "expected" || name == "got") return word(kKinds, value, lang);
  if (name == "allowed_from")
    return list_text(value, lang == Lang::zh ? "”“" : " or ", [&](std::string_view s) { return state_word(s, lang); });
  if (name == "allowed" || name == "missing" || name == "columns")
    return list_text(value, lang == Lang::zh ? "、" : ", ", [](std::string_view s) { return std::string(s); });
  return std::string(value);
}

struct Label {
  std::string_view field, zh;
};
constexpr Label kLabels[] = {
    {"username", "用户名"},          {"password", "密码"},
    {"current_password", "当前密码"}, {"new_password", "新密码"},
    {"role", "角色"},                {"disabled", "账号状态"},
    {"must_change_password", "首次登录须修改密码"},
    {"name", "姓名"},                {"id_number", "身份证号"},
    {"unit_id", "所属单位"},          {"officer_id", "人员"},
    {"kind", "人员类别"},             {"post_start", "到岗日期"},
    {"post_end", "离岗日期"},         {"status", "状态"},
    {"code", "单位代码"},             {"unit_code", "单位代码"},
    {"parent_id", "上级单位"},        {"level", "单位级别"},
    {"title", "培训名称"},            {"organizer_unit_id", "主办单位"},
    {"start_date", "开始日期"},       {"end_date", "结束日期"},
    {"hours", "学时"},                {"hours.legal", "公共法律知识学时"},
    {"hours.business", "业务知识和行政执法技能学时"},
    {"hours.political", "政治理论教育和党性教育学时"},
    {"legal", "公共法律知识学时"},     {"business", "业务知识和行政执法技能学时"},
    {"political", "政治理论教育和党性教育学时"},
    {"rotation", "轮训标记"},         {"mode", "培训形式"},
    {"records", "参训人员"},          {"training_id", "培训编号"},
    {"legal_hours", "公共法律知识学时要求"},
    {"business_hours", "业务知识和行政执法技能学时要求"},
    {"proration", "折算方式"},
    {"year", "年度"},                 {"as_of", "截至日期"},
    {"q", "搜索内容"},                {"limit", "每页条数"},
    {"offset", "起始位置"},           {"days", "天数"},
    {"on", "日期"},                   {"number", "证号"},
    {"issued_on", "发证日期"},        {"expires_on", "有效期至"},
    {"effective_on", "生效日期"},     {"reason", "原因"},
    {"until", "暂扣截止日期"},        {"action", "操作"},
    {"grade", "考核等次"},            {"window_start", "轮训开始日期"},
    {"deadline", "完成期限"},         {"campaign_id", "轮训批次"},
    {"format", "文件格式"},           {"file", "文件"},
    {"header", "表头"},               {"entity", "对象类型"},
    {"entity_id", "对象编号"},        {"id", "编号"},
    {"score", "成绩"},                {"pass_score", "及格分数"},
    {"held_on", "考试日期"},          {"exam_id", "考试"},
    {"decision", "审核结果"},         {"state", "申领状态"},
    {"order", "排列顺序"},
    {"provider", "举办单位"},         {"from", "减免开始日期"},
    {"to", "减免截止日期"},           {"reason_code", "减免原因"},
};

std::string zh_label(std::string_view field) {
  for (const Label& l : kLabels)
    if (l.field == field) return std::string(l.zh);
  return std::string(field);
}

}  // namespace

std::span<const RuleText> all_rules() { return kRules; }

std::string field_label(std::string_view field, Lang lang) {
  if (lang == Lang::en) return std::string(field);
  if (field.empty()) return "此项";
  // An element of a list: records[2].hours.legal → 第 3 条参训记录的公共法律知识学时.
  if (field.substr(0, 8) == "records[") {
    std::size_t close = field.find(']');
    if (close != std::string_view::npos) {
      std::string_view digits = field.substr(8, close - 8);
      long long i = 0;
      bool ok = !digits.empty() && digits.size() < 10;
      for (char c : digits) ok = ok && c >= '0' && c <= '9', i = i * 10 + (c - '0');
      if (ok) {
        std::string out = "第 " + std::to_string(i + 1) + " 条参训记录";
        if (close + 1 < field.size() && field[close + 1] == '.') out += "的" + zh_label(field.substr(close + 2));
        return out;
      }
    }
  }
  return zh_label(field);
}

std::string render(std::string_view rule, const std::string& field, const Params& params, Lang lang) {
  const RuleText* r = find_rule(rule);
  if (!r) return std::string(rule);
  std::string_view t = lang == Lang::zh ? r->zh : r->en;
  auto value_of = [&](std::string_view name) -> std::string {
    if (name == "field") return field_label(field, lang);
    for (const auto& [k, v] : params)
      if (k == name) return v.empty() ? std::string() : value_text(rule, name, v, lang);
    return {};
  };
  // Fills the placeholders of t[from, to); false when one of them is empty.
  auto fill = [&](std::size_t from, std::size_t to, std::string& out) {
    bool all = true;
    for (std::size_t i = from; i < to;) {
      if (t[i] == '{') {
        std::size_t close = t.find('}', i);
        std::string v = value_of(t.substr(i + 1, close - i - 1));
        all = all && !v.empty();
        out += v;
        i = close + 1;
      } else {
        out += t[i++];
      }
    }
    return all;
  };
  std::string out;
  for (std::size_t i = 0; i < t.size();) {
    std::size_t open = t.find('[', i);
    if (open == std::string_view::npos) open = t.size();
    fill(i, open, out);
    if (open == t.size()) break;
    std::size_t close = t.find(']', open);
    std::string part;
    if (fill(open + 1, close, part)) out += part;
    i = close + 1;
  }
  return out;
}

std::string Message::text(Lang lang) const { return render(rule, field, params, lang); }

std::string Message::param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

}  // namespace certhours
