#include "src/clean/rule_syntax.h"

#include <cstdint>

#include "absl/strings/ascii.h"

namespace newsclean {

size_t ClassEnd(std::string_view pattern, size_t i) {
  size_t j = i + 1;
  if (j < pattern.size() && pattern[j] == '^') ++j;
  if (j < pattern.size() && pattern[j] == ']') ++j;
  while (j < pattern.size() && pattern[j] != ']') {
    if (pattern[j] == '\\') {
      ++j;
    } else if (pattern.substr(j, 2) == "[:") {  // [:alpha:]
      const size_t end = pattern.find(":]", j + 2);
      if (end == std::string_view::npos) return std::string_view::npos;
      j = end + 1;
    }
    ++j;
  }
  return j < pattern.size() ? j : std::string_view::npos;
}

bool ReadRepetition(std::string_view pattern, size_t i, size_t* end, size_t* min, size_t* max) {
  size_t j = i + 1;
  auto number = [&](size_t* value) {
    const size_t start = j;
    size_t v = 0;
    while (j < pattern.size() && absl::ascii_isdigit(static_cast<unsigned char>(pattern[j]))) {
      if (v < 100000) v = v * 10 + static_cast<size_t>(pattern[j] - '0');
      ++j;
    }
    *value = v;
    return j > start;
  };
  if (!number(min)) return false;
  *max = *min;
  if (j < pattern.size() && pattern[j] == ',') {
    ++j;
    if (!number(max)) *max = SIZE_MAX;
  }
  if (j >= pattern.size() || pattern[j] != '}') return false;
  *end = j + 1;
  return true;
}

}  // namespace newsclean
