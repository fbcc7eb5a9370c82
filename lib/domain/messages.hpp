// What the system tells a person, in Chinese or English: the rules of domain/messages.def
// as constants (rules::hours_half_step), and the sentence of a Message in a language.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "domain/status.hpp"

namespace certhours {

namespace rules {
#define CH_RULE(name, zh, en) inline constexpr Rule name{#name};
#include "domain/messages.def"
#undef CH_RULE
}  // namespace rules

// One row of the table: a rule and its two texts, with {parameters}.
struct RuleText {
  std::string_view rule, zh, en;
};
// Every rule, in the order of messages.def (for the contract's table and its test).
std::span<const RuleText> all_rules();

// The text of `rule` in `lang` with its parameters filled in (messages.def explains the
// template); an unknown rule reads as its name.
std::string render(std::string_view rule, const std::string& field, const Params& params, Lang lang);

// An input's name as a person reads it: "hours.legal" → 公共法律知识学时 (zh) or itself (en);
// "records[2].officer_id" → 第 3 条参训记录的人员.
std::string field_label(std::string_view field, Lang lang);

}  // namespace certhours
