// Status and Result: how expected failures travel between layers as values.
// Modelled on leveldb's Status: named factories, cheap to copy, no exceptions.
// The api maps Status::Code to HTTP in one place (lib/api/errors.cpp).
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace certhours {

class Status {
 public:
  enum class Code { ok, invalid, not_found, conflict, forbidden, unauthenticated };

  Status() = default;
  static Status ok() { return Status(); }
  // A well-formed request with a wrong value; `field` names the offending input.
  static Status invalid(std::string field, std::string message) {
    return Status(Code::invalid, std::move(message), std::move(field));
  }
  static Status not_found(std::string message) { return Status(Code::not_found, std::move(message), {}); }
  // Breaks a rule of state (duplicate, forbidden transition, frozen year).
  static Status conflict(std::string message, std::string field = {}) {
    return Status(Code::conflict, std::move(message), std::move(field));
  }
  static Status forbidden(std::string message) { return Status(Code::forbidden, std::move(message), {}); }
  static Status unauthenticated(std::string message) {
    return Status(Code::unauthenticated, std::move(message), {});
  }

  bool is_ok() const { return code_ == Code::ok; }
  explicit operator bool() const { return is_ok(); }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  // The stable snake_case name of the exact rule broken (api.md), for clients to branch on;
  // empty where only the coarse code is known yet.
  const std::string& rule() const { return rule_; }
  Status with_rule(std::string rule) && {
    rule_ = std::move(rule);
    return std::move(*this);
  }

 private:
  Status(Code c, std::string m, std::string f) : code_(c), message_(std::move(m)), field_(std::move(f)) {}
  Code code_ = Code::ok;
  std::string message_;
  std::string field_;
  std::string rule_;
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
  const Status& status() const { return std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace certhours
