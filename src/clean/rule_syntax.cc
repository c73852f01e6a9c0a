#include "src/clean/rule_syntax.h"

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

}  // namespace newsclean
