#include "domain/officer.hpp"

#include "domain/messages.hpp"

#include <array>

namespace certhours {

Status check_user_links(Role role, const std::optional<Id>& unit_id, const std::optional<Id>& officer_id) {
  if (role == Role::hr && !unit_id)
    return Status::invalid("unit_id", rules::user_link_required, {{"role", "hr"}});
  if (role == Role::officer && !officer_id)
    return Status::invalid("officer_id", rules::user_link_required, {{"role", "officer"}});
  return Status::ok();
}

Status check_username(std::string_view username) {
  if (username.empty() || username.size() > 64)
    return Status::invalid("username", rules::username_invalid);
  for (char c : username)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
          c == '-'))
      return Status::invalid("username", rules::username_invalid);
  return Status::ok();
}

char id_check_digit(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

bool valid_id_number(std::string_view id) {
  if (id.size() != 18) return false;
  for (std::size_t i = 0; i < 17; ++i)
    if (id[i] < '0' || id[i] > '9') return false;
  char last = id[17] == 'x' ? 'X' : id[17];
  if (last != 'X' && (last < '0' || last > '9')) return false;
  int y = std::stoi(std::string(id.substr(6, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(id.substr(10, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(id.substr(12, 2))));
  if (y < 1900 || !date::year_month_day{date::year{y}, date::month{m}, date::day{d}}.ok()) return false;
  return id_check_digit(id.substr(0, 17)) == last;
}

namespace {
// "4.50702E+17": Excel turned a long digit string into a number and lost digits.
bool looks_scientific(std::string_view s) {
  return s.find_first_of("eE") != std::string_view::npos && s.find('+') != std::string_view::npos &&
         s.find_first_not_of("0123456789.eE+") == std::string_view::npos;
}
}  // namespace

Result<std::string> parse_id_number(std::string_view raw, const std::string& field, std::string_view shown) {
  Params p;
  if (!shown.empty()) p = {{"value", std::string(shown)}};
  if (looks_scientific(raw)) return Status::invalid(field, rules::id_number_scientific, {{"value", std::string(shown)}});
  std::string id = normalize_id_number(raw);
  if (valid_id_number(id)) return id;
  // Well formed (17 digits, a birth date, a digit or X) but for the check character.
  bool formed = id.size() == 18 && (id[17] == 'X' || (id[17] >= '0' && id[17] <= '9'));
  for (std::size_t i = 0; formed && i < 17; ++i) formed = id[i] >= '0' && id[i] <= '9';
  if (formed) {
    std::string fixed = id.substr(0, 17) + id_check_digit(id.substr(0, 17));
    if (valid_id_number(fixed)) return Status::invalid(field, rules::id_number_check_digit, std::move(p));
  }
  return Status::invalid(field, rules::id_number_format, std::move(p));
}

std::string normalize_id_number(std::string_view id) {
  std::string s(id);
  if (!s.empty() && s.back() == 'x') s.back() = 'X';
  return s;
}

std::string mask_id_number(std::string_view id) {
  if (id.size() != 18) return std::string(id.size(), '*');
  return std::string(id.substr(0, 6)) + "********" + std::string(id.substr(14));
}

namespace {
// Decodes one UTF-8 sequence; returns its length, or 0 when it is not valid UTF-8
// (truncated, overlong, a surrogate, above U+10FFFF).
std::size_t utf8_len(std::string_view s, std::size_t i, char32_t& cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 2) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static constexpr char32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}
bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }
}  // namespace

Result<std::string> clean_text(std::string_view field, std::string_view value, std::size_t max_chars) {
  // Trim ASCII white space and the ideographic space (U+3000) that Chinese input methods produce.
  std::size_t begin = 0, end = value.size();
  while (true) {
    char32_t cp = 0;
    std::size_t n = begin < end ? utf8_len(value, begin, cp) : 0;
    if (n == 0 || !is_space(cp)) break;
    begin += n;
  }
  while (end > begin) {
    std::size_t k = end - 1;
    while (k > begin && (static_cast<unsigned char>(value[k]) >> 6) == 2) --k;
    char32_t cp = 0;
    if (utf8_len(value, k, cp) != end - k || !is_space(cp)) break;
    end = k;
  }
  std::string_view v = value.substr(begin, end - begin);
  if (v.empty()) return Status::invalid(std::string(field), rules::text_empty);
  std::size_t chars = 0;
  for (std::size_t i = 0; i < v.size();) {
    char32_t cp = 0;
    std::size_t n = utf8_len(v, i, cp);
    if (n == 0) return Status::invalid(std::string(field), rules::text_invalid_utf8);
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
      return Status::invalid(std::string(field), rules::text_control_chars);
    i += n;
    ++chars;
  }
  if (chars > max_chars)
    return Status::invalid(std::string(field), rules::text_too_long, {{"max", std::to_string(max_chars)}});
  return std::string(v);
}

Status check_post_period(const PostPeriod& p) {
  if (p.end && *p.end < p.start)
    return Status::invalid("post_end", rules::post_dates_reversed,
                           {{"end", format_date(*p.end)}, {"start", format_date(p.start)}});
  return Status::ok();
}

OfficerStatus initial_status(const PostPeriod& p, Date today) {
  return p.end && *p.end < today ? OfficerStatus::left : OfficerStatus::active;
}

Result<PostChange> resolve_post_change(PostChange c, Date today) {
  if (c.status == OfficerStatus::left) {
    if (!c.post_end) c.post_end = std::optional<Date>(today);
    if (!*c.post_end) return Status::invalid("post_end", rules::post_end_required);
  }
  if (c.post_end && *c.post_end && **c.post_end < today) {
    if (c.status == OfficerStatus::active)
      return Status::invalid("post_end", rules::post_end_past_active, {{"end", format_date(**c.post_end)}});
    c.status = OfficerStatus::left;
  }
  return c;
}

}  // namespace certhours
