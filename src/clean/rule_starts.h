// Where a match of a segment rule can start, and its search from there.
//
// RE2 searches for a pattern anywhere in a line with a DFA that keeps the
// search's own start alive beside every match in progress; for a rule with a
// long counted run ("▲ caption of up to 200 characters, then a credit") those
// sets multiply, and on text it has not seen the DFA builds a state every few
// bytes (caption-marked: 126 M cycles on the 936 real pages' lines). When
// every match starts with known bytes ("\xE2\x96" and a third in B2..BC: the
// triangles), trying an anchored match at each place that has them finds the
// same match (the leftmost start, and RE2's preferred match there) with a
// DFA that follows one start at a time: 8.5 M cycles.
//
// The bytes come from RE2::PossibleMatchRange: every anchored match lies
// between its min and max strings, so it starts with their common prefix and
// its next byte lies between theirs. That range is computed for a match at
// the start of the text; a pattern whose match can depend on what precedes it
// (^, \A, \b, \B) is not searched this way.
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_STARTS_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_STARTS_H_

#include <string>
#include <string_view>

#include "re2/re2.h"

namespace newsclean {

class MatchStarts {
 public:
  // For `re`, compiled from `pattern`.
  MatchStarts(const RE2& re, std::string_view pattern);

  // Whether the starts are known (a common prefix of at least one byte).
  bool usable() const { return usable_; }

  // As re.Match(text, pos, text.size(), RE2::UNANCHORED, groups, n), by
  // anchored matches at the places a match can start. REQUIRES: usable().
  bool Match(const RE2& re, re2::StringPiece text, size_t pos, re2::StringPiece* groups,
             int n) const;

 private:
  bool usable_ = false;
  std::string prefix_;  // every match starts with it
  // The byte after the prefix, when a match has one: within [lo_, hi_].
  // may_end_: a match may be the prefix alone.
  unsigned char lo_ = 0, hi_ = 255;
  bool may_end_ = true;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_STARTS_H_
