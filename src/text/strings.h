// Small string helpers. Debian 12's Abseil is built with its own
// absl::string_view (not an alias of std::string_view), so code that works on
// std::string_view converts with AV() before calling absl::StrCat and friends.
#ifndef NEWSCLEAN_SRC_TEXT_STRINGS_H_
#define NEWSCLEAN_SRC_TEXT_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace newsclean {

inline absl::string_view AV(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view SV(absl::string_view s) { return std::string_view(s.data(), s.size()); }

// The value of hexadecimal digit `c`, or -1 for any other character.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// ASCII case-insensitive suffix test.
inline bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char a = s[i], b = suffix[i];
    if (a >= 'A' && a <= 'Z') a += 'a' - 'A';
    if (b >= 'A' && b <= 'Z') b += 'a' - 'A';
    if (a != b) return false;
  }
  return true;
}

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_TEXT_STRINGS_H_
