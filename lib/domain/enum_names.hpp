// One table per enum: each value with the word the API, the database and the audit log use for
// it (its key) and, where people read it, its Chinese label. key(), parse() and label() read
// that one table, and the OpenAPI document lists its keys(), so a value's words are written once.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certhours {

template <class E>
struct EnumName {
  E value;
  const char* key;
  const char* label = "";  // Chinese, for people (sheets, messages); "" where none is shown
};

template <class E, std::size_t N>
struct EnumNames {
  std::array<EnumName<E>, N> names;

  constexpr const char* key(E e) const {
    for (const auto& n : names)
      if (n.value == e) return n.key;
    return "";
  }
  constexpr const char* label(E e) const {
    for (const auto& n : names)
      if (n.value == e) return n.label;
    return "";
  }
  constexpr std::optional<E> parse(std::string_view s) const {
    for (const auto& n : names)
      if (s == n.key) return n.value;
    return std::nullopt;
  }
  // The key or, where a person wrote it, the Chinese label (a sheet's 行政执法人员).
  constexpr std::optional<E> parse_key_or_label(std::string_view s) const {
    for (const auto& n : names)
      if (s == n.key || (*n.label && s == n.label)) return n.value;
    return std::nullopt;
  }
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& n : names) out.emplace_back(n.key);
    return out;
  }
};

// EnumNames<E, N> from a braced list without counting: names_of<E>({{...}, {...}}).
template <class E, std::size_t N>
constexpr EnumNames<E, N> names_of(const EnumName<E> (&list)[N]) {
  EnumNames<E, N> out{};
  for (std::size_t i = 0; i < N; ++i) out.names[i] = list[i];
  return out;
}

}  // namespace certhours
