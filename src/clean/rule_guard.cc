#include "src/clean/rule_guard.h"

#include <algorithm>
#include <cstdint>

#include "src/clean/rule_syntax.h"

namespace newsclean {

std::string UncountRepetitions(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  bool worth = false;
  size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\\') {  // an escape; \x{…}, \p{…} and \P{…} to their closing brace
      size_t end = i + 2;
      if (i + 2 < pattern.size() && pattern[i + 2] == '{' &&
          (pattern[i + 1] == 'x' || pattern[i + 1] == 'p' || pattern[i + 1] == 'P')) {
        const size_t close = pattern.find('}', i + 2);
        end = close == std::string_view::npos ? pattern.size() : close + 1;
      }
      end = std::min(end, pattern.size());
      out.append(pattern.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == '[') {  // a class, to its closing ']' (or the end, if it has none)
      const size_t close = ClassEnd(pattern, i);
      const size_t end = close == std::string_view::npos ? pattern.size() : close + 1;
      out.append(pattern.substr(i, end - i));
      i = end;
      continue;
    }
    size_t end = 0, min = 0, max = 0;
    if (c == '{' && ReadRepetition(pattern, i, &end, &min, &max)) {
      out.push_back(min == 0 ? '*' : '+');
      // x{n,} is n copies of x and a loop: worth it only for a large n.
      if ((max == SIZE_MAX ? min : max) > kMinGuardedCount) worth = true;
      i = end;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return worth ? out : std::string();
}

}  // namespace newsclean
