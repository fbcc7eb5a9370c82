// Status and Result: how expected failures travel between layers as values.
// Modelled on leveldb's Status: named factories, cheap to copy, no exceptions.
//
// A failure says which rule was broken (a stable snake_case name from domain/messages.def)
// and with which values (its parameters), never a sentence: the sentence is written from the
// rule's text in the reader's language where it is shown (domain/messages.hpp), so a client
// branches on the rule and a person reads Chinese or English. The api maps Status::Code to
// HTTP in one place (lib/api/context.cpp, error_response).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace certhours {

enum class Lang { zh, en };

// A rule's name. Only the constants of namespace rules (domain/messages.hpp) are made: a
// braced aggregate, so a bare string never passes for one.
struct Rule {
  const char* name;
};

// The values a rule's text names ({name} in it), as text: numbers, dates (YYYY-MM-DD), keys.
using Params = std::vector<std::pair<std::string, std::string>>;

// One thing to tell a person: a rule, the input it is about, the values it names.
// Also the reasons of an eligibility answer and of an import line.
struct Message {
  std::string_view rule;  // a rules:: name (static storage)
  std::string field;      // the input it is about ("hours.legal", "records[2].officer_id"), or ""
  Params params;

  // The sentence, in `lang` (domain/messages.cpp).
  std::string text(Lang lang) const;
  // The value of a parameter, "" when it has none.
  std::string param(std::string_view name) const;
};

class Status {
 public:
  enum class Code { ok, invalid, not_found, conflict, forbidden, unauthenticated, rate_limited, unsupported };

  Status() = default;
  static Status ok() { return Status(); }
  // A well-formed request with a wrong value; `field` names the offending input.
  static Status invalid(std::string field, Rule rule, Params params = {}) {
    return Status(Code::invalid, rule, std::move(field), std::move(params));
  }
  // No such thing, or one the caller may not see (the same answer).
  static Status not_found(Rule rule, Params params = {}, std::string field = {}) {
    return Status(Code::not_found, rule, std::move(field), std::move(params));
  }
  // Breaks a rule of state (duplicate, forbidden transition, frozen year).
  static Status conflict(Rule rule, Params params = {}, std::string field = {}) {
    return Status(Code::conflict, rule, std::move(field), std::move(params));
  }
  static Status forbidden(Rule rule, Params params = {}) {
    return Status(Code::forbidden, rule, {}, std::move(params));
  }
  static Status unauthenticated(Rule rule, Params params = {}) {
    return Status(Code::unauthenticated, rule, {}, std::move(params));
  }
  // Content of a kind this input does not take, whatever it was declared to be (HTTP 415).
  static Status unsupported(Rule rule, Params params = {}, std::string field = {}) {
    return Status(Code::unsupported, rule, std::move(field), std::move(params));
  }
  // A budget is spent: try again after `retry_after` seconds (HTTP 429 with Retry-After).
  static Status rate_limited(Rule rule, int retry_after, Params params = {}, std::string field = {}) {
    Status s(Code::rate_limited, rule, std::move(field), std::move(params));
    s.retry_after_ = retry_after;
    return s;
  }

  bool is_ok() const { return code_ == Code::ok; }
  explicit operator bool() const { return is_ok(); }
  Code code() const { return code_; }
  // Seconds until a rate_limited request may be tried again (0 for other codes).
  int retry_after() const { return retry_after_; }
  // The stable snake_case name of the exact rule broken (docs/api.md "Error rules").
  std::string_view rule() const { return what_.rule; }
  const std::string& field() const { return what_.field; }
  const Params& params() const { return what_.params; }
  const Message& what() const { return what_; }
  // The sentence for a person; English for logs and the command line.
  std::string message(Lang lang = Lang::en) const { return what_.text(lang); }
  // The same failure about another input (an element of a list: "records[2]." + field).
  Status with_field(std::string field) && {
    what_.field = std::move(field);
    return std::move(*this);
  }

 private:
  Status(Code c, Rule rule, std::string field, Params params)
      : code_(c), what_{rule.name, std::move(field), std::move(params)} {}
  Code code_ = Code::ok;
  int retry_after_ = 0;
  Message what_{"", {}, {}};
};

// Either a value or a non-ok Status. REQUIRES: a Status given to it is not ok.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Status error) : v_(std::move(error)) {}
  bool is_ok() const { return v_.index() == 0; }
  explicit operator bool() const { return is_ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  // The failure; an ok Status when there is a value (a test's REQUIRE_MESSAGE(r.is_ok(),
  // r.status().message()) reads it either way when doctest prints its successes, -s).
  const Status& status() const {
    static const Status kOk;
    return is_ok() ? kOk : std::get<1>(v_);
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace certhours
