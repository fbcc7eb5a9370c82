#include "domain/password.hpp"

#include "domain/messages.hpp"

#include <string>
#include <unordered_set>

namespace certhours {

std::string_view common_passwords_text();  // generated from seeds/common-passwords.txt

namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

const std::unordered_set<std::string_view>& common_passwords() {
  static const std::unordered_set<std::string_view> set = [] {
    std::unordered_set<std::string_view> s;
    std::string_view text = common_passwords_text();
    while (!text.empty()) {
      auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) s.insert(line);
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
    return s;
  }();
  return set;
}

}  // namespace

bool is_common_password(std::string_view password) { return common_passwords().contains(ascii_lower(password)); }

Status check_password(std::string_view password, std::string_view username, const char* field) {
  if (password.size() < 8)
    return Status::invalid(field, rules::password_too_short);
  if (password.size() > 256)
    return Status::invalid(field, rules::password_too_long);
  if (password.find_first_not_of(password.front()) == std::string_view::npos || is_common_password(password))
    return Status::invalid(field, rules::password_too_common);
  if (!username.empty() && ascii_lower(password) == ascii_lower(username))
    return Status::invalid(field, rules::password_is_username);
  return Status::ok();
}

}  // namespace certhours
