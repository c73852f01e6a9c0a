// Rule bounds: which lines a rule anchored at the line's start cannot match,
// told from the line's first byte and its length, so that RE2 never sees them.
//
// The atom prefilter (rule_prefilter.h) lets a rule like "page-number" through
// on every line that holds a digit, and "byline-caps" on every line with a
// Latin letter. RE2 then gives up within a character, but each call costs a
// few hundred nanoseconds, and on news text such rules ran on most lines. Two
// facts of a pattern rule most of those lines out:
//   - the bytes a match can start with: "[A-Z][A-Z'.-]+…" never matches a line
//     that starts with a Han character;
//   - the most characters a match can hold once spaces are set aside: "{sp}*"
//     may repeat without end, but "第{sp}*\d{1,3}{sp}*页" holds at most five
//     characters that are not spaces, so a whole-line rule skips a line with
//     more.
//
// Two more serve searches for a rule inside a line (rule_starts.h): the
// characters a match can start and end with, when they are few ("[(（]…[)）]":
// two each).
//
// All are derived from the pattern's syntax (RE2's, after macro expansion) and
// are sound: every non-empty match starts with one of the bytes, holds at most
// that many characters that are not IsRuleSpace, and starts and ends with
// characters listed (when any are). Syntax the derivation does not know gives
// the weakest bounds (any first byte, any length, no characters listed), which
// only costs speed; so does case-insensitive matching, whose first bytes and
// characters are not worked out.
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_BOUNDS_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_BOUNDS_H_

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace newsclean {

// The spaces a rule may repeat without counting: RE2's \s (tab, newline, form
// feed, carriage return, space) and what {sp} adds, NBSP and the ideographic
// space. A pattern element counts as a space only if it matches nothing else.
constexpr bool IsRuleSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r' || cp == 0x00A0 ||
         cp == 0x3000;
}

// A pattern whose matches may hold any number of characters that are not spaces.
inline constexpr size_t kUnboundedRule = SIZE_MAX;

// The most first (or last) characters worked out: a pattern whose matches may
// start with more (a wide range, \w, a negated class) has none listed.
inline constexpr size_t kMaxFirstChars = 16;

struct RuleBounds {
  // The most characters that are not IsRuleSpace that a match can hold, or
  // kUnboundedRule.
  size_t max_nonspace_chars = kUnboundedRule;
  // The bytes a non-empty match can start with.
  std::bitset<256> first_bytes = std::bitset<256>().set();
  // The characters a non-empty match can start with, in ascending order, when
  // they are at most kMaxFirstChars and the reader knows each (not under case
  // folding); empty otherwise.
  std::vector<char32_t> first_chars;
  // The same of the characters a non-empty match can end with.
  std::vector<char32_t> last_chars;
  // Whether the pattern may match "" (as far as the reader can tell).
  bool may_match_empty = true;
};

// The bounds of `pattern` (RE2 syntax, known to compile, default options).
RuleBounds DeriveRuleBounds(std::string_view pattern);

// The characters of valid UTF-8 `s` that are not IsRuleSpace.
size_t CountNonSpaceChars(std::string_view s);

// Tells whether a line holds at most a given number of characters that are not
// IsRuleSpace, reading it only as far as the largest number asked about: a
// long line is ruled out for a short rule after a few dozen bytes.
class NonSpaceCounter {
 public:
  explicit NonSpaceCounter(std::string_view s) : s_(s) {}

  bool AtMost(size_t limit) {
    if (limit == kUnboundedRule || s_.size() <= limit) return true;  // a character a byte at most
    while (pos_ < s_.size() && count_ <= limit) ReadBlock();
    return count_ <= limit;
  }

 private:
  friend size_t CountNonSpaceChars(std::string_view s);
  // Counts the characters that start in the next 16 bytes.
  void ReadBlock();

  std::string_view s_;
  size_t pos_ = 0;    // bytes read
  size_t count_ = 0;  // characters that are not spaces and start in them
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_BOUNDS_H_
