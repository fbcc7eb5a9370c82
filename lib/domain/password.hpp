// The rule for a new password (docs/api.md "Passwords"), in one place for every door:
// POST /users, PUT /me/password, POST /users/{id}/password and `certhours user add`.
#pragma once
#include <string_view>

#include "domain/status.hpp"

namespace certhours {

// 8 to 256 bytes (rules password_too_short / password_too_long), not one of the common
// passwords the product ships (seeds/common-passwords.txt, compared ignoring ASCII case)
// and not one character repeated (rule password_too_common), and not the username itself
// (rule password_is_username). Invalid, naming `field`, otherwise.
Status check_password(std::string_view password, std::string_view username = {},
                      const char* field = "password");

// Whether the password is in the shipped list (ASCII case ignored).
bool is_common_password(std::string_view password);

}  // namespace certhours
