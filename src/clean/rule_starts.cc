#include "src/clean/rule_starts.h"

namespace newsclean {
namespace {

// True if `pattern` may hold an assertion about what precedes a match: '^'
// outside a class's negation, \A, \b or \B (a rough test: it may refuse a
// pattern that holds none, never the other way).
bool MayLookBehind(std::string_view pattern) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (i + 1 < pattern.size() &&
          (pattern[i + 1] == 'A' || pattern[i + 1] == 'b' || pattern[i + 1] == 'B')) {
        return true;
      }
      ++i;
    } else if (pattern[i] == '^' && (i == 0 || pattern[i - 1] != '[')) {
      return true;
    }
  }
  return false;
}

// Bytes of the ranges looked at: enough for a prefix and the byte after it.
constexpr int kRangeBytes = 10;

}  // namespace

MatchStarts::MatchStarts(const RE2& re, std::string_view pattern) {
  std::string min, max;
  if (MayLookBehind(pattern) || !re.PossibleMatchRange(&min, &max, kRangeBytes)) return;
  size_t k = 0;
  while (k < min.size() && k < max.size() && min[k] == max[k]) ++k;
  if (k == 0) return;  // no common prefix: any byte may start a match
  prefix_ = min.substr(0, k);
  // A match m has min <= m <= max, so it starts with the prefix; if it goes on,
  // its next byte is at least min's (if min goes on) and at most max's (if max
  // does); it may end there only if min does.
  may_end_ = min.size() == k;
  if (min.size() > k) lo_ = static_cast<unsigned char>(min[k]);
  if (max.size() > k) hi_ = static_cast<unsigned char>(max[k]);
  usable_ = true;
}

bool MatchStarts::Match(const RE2& re, re2::StringPiece text, size_t pos, re2::StringPiece* groups,
                        int n) const {
  const std::string_view line(text.data(), text.size());
  while (pos <= line.size()) {
    const size_t at = line.find(prefix_, pos);
    if (at == std::string_view::npos) return false;
    const size_t next = at + prefix_.size();
    const bool possible =
        may_end_ || (next < line.size() && static_cast<unsigned char>(line[next]) >= lo_ &&
                     static_cast<unsigned char>(line[next]) <= hi_);
    if (possible && re.Match(text, at, text.size(), RE2::ANCHOR_START, groups, n)) return true;
    pos = at + 1;
  }
  return false;
}

}  // namespace newsclean
