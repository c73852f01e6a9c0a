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
// its next byte lies between theirs. When they share no first byte (the
// credits that open with "(" or "（"), the pattern's first characters, read
// from its syntax (rule_bounds.h), serve instead if they are few and the
// pattern cannot match "" (at most eight, none a space: more common starts
// cost more in anchored matches than RE2's own search). Both are facts of a
// match at the start of the text; a pattern whose match can depend on what
// precedes it (^, \A, \b, \B) is not searched this way.
//
// A pattern whose every alternative ends with '$' ("（記者…）$") matches only
// at the line's end, so a line that ends with none of its last characters
// (rule_bounds.h) is not searched at all. RE2 finds that out with a backward
// search from the end, but the anchored matches from each start would not.
//
// First characters brought 17 more of the 50 built-in segment rules (41 in
// all) and related-inline's five alternatives (rule_alternatives.h) to
// this search: on the 936 real pages `clean` ran 38% fewer instructions, and
// related-inline took a thirtieth of its time.
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_STARTS_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_STARTS_H_

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

#include "re2/re2.h"

namespace newsclean {

class MatchStarts {
 public:
  // For `re`, compiled from `pattern`.
  MatchStarts(const RE2& re, std::string_view pattern);

  // Whether the starts are known (a common prefix of at least one byte, or a
  // few first characters).
  bool usable() const { return usable_; }

  // How many anchored matches a line may try for a pattern whose matches have
  // no bound on their length: each may read to the line's end ("【[^】]*广告"
  // on a line of 【 read n²/2 bytes). Past them, the line's remaining
  // searches are RE2's own, which reads the line once.
  static constexpr size_t kTriesPerLine = 64;

  // As re.Match(text, pos, text.size(), RE2::UNANCHORED, groups, n), by
  // anchored matches at the places a match can start. *tries_left: the line's
  // remaining tries (kTriesPerLine at its start; used only for a pattern
  // without a bound). REQUIRES: usable().
  bool Match(const RE2& re, re2::StringPiece text, size_t pos, re2::StringPiece* groups, int n,
             size_t* tries_left) const;

 private:
  bool usable_ = false;
  // Every match holds at most so many characters other than spaces
  // (rule_bounds.h): an anchored match gives up within them, and the tries
  // need no limit.
  bool bounded_ = false;
  std::string prefix_;  // every match starts with it
  // The byte after the prefix, when a match has one: within [lo_, hi_].
  // may_end_: a match may be the prefix alone.
  unsigned char lo_ = 0, hi_ = 255;
  bool may_end_ = true;
  // Without a prefix: the first characters' UTF-8 encodings, the bytes they
  // start with, and the pairs of bytes a multi-byte one starts with (indexed
  // by PairIndex): most Han characters are told from a first character "中"
  // by these two bits, without a comparison.
  std::vector<std::string> first_chars_;
  std::bitset<256> lead_bytes_;
  std::string lead_list_;  // the same bytes, each once
  std::bitset<4096> lead_pairs_;
  // For a pattern whose matches end where the text does, the characters they
  // end with (UTF-8): a line that ends otherwise holds none, whatever its starts.
  std::vector<std::string> last_chars_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_STARTS_H_
