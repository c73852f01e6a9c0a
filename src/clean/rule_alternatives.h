// A segment rule searched one top-level alternative at a time.
//
// RE2 searches "A|B|C" with one DFA whose states are sets of positions in all
// the alternatives at once. When the alternatives hold long counted runs
// ("[^】\n]{1,40}" inside "{1,10}") and each may stay alive to the line's end,
// the sets multiply, and on text the DFA has not seen it builds a new state
// every few bytes: related-inline cost 2,300 cycles a byte of the lines it ran
// on, most of a real page's cleaning. Searched apart, each alternative's DFA
// stays small, and an alternative whose literals the line lacks is not
// searched at all.
//
// The result is the union's, exactly: RE2's leftmost-first match of A|B|C from
// a position is, of the alternatives' own leftmost-first matches from there,
// the one that starts first, the earliest alternative among those that start
// at the same byte (at one start a backtracking engine tries A before B).
//
// An alternative with a long counted run is searched by its guard first
// (rule_guard.h), and compiled only when the guard matches on some line:
// related-inline's list of headlines, "(…【…】…){1,10}", is a program of
// 21,000 instructions that most feeds never need (preparing the rule took
// about 30 ms on a feed's first page; the first 50 real pages now run 17%
// fewer instructions).
//
// Thread-safe after construction; the alternatives are compiled on first use.
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_ALTERNATIVES_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_ALTERNATIVES_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "re2/re2.h"
#include "src/clean/rule_clauses.h"

namespace newsclean {

// The top-level alternatives of RE2 pattern `pattern` ("a|b(c|d)|e" gives
// "a", "b(c|d)", "e"), or none when there are fewer than two or splitting
// could change what the pattern matches or captures: a capturing group
// (groups would be renumbered), a flag group that is not scoped ("(?i)ab"),
// or parentheses that do not balance.
std::vector<std::string> SplitAlternatives(std::string_view pattern);

class AlternativeSearch {
 public:
  // `alternatives`: SplitAlternatives(`whole`), of a pattern that compiles.
  // (Each alternative then compiles too; should one not, `whole` is searched
  // as one pattern instead.)
  AlternativeSearch(std::string whole, std::vector<std::string> alternatives);
  ~AlternativeSearch();

  // What one line's searches have found so far: a match that starts at or
  // after the next search's position is still the alternative's next one.
  class Line {
   public:
    // `text`: the line, folded as rules see it (ASCII letters as they are).
    Line(const AlternativeSearch& search, std::string_view text);

   private:
    friend class AlternativeSearch;
    enum class State { kUnknown, kFound, kNone };
    std::vector<State> state_;  // kNone also for an alternative the line's literals rule out
    std::vector<re2::StringPiece> match_;
    std::vector<size_t> tries_left_;  // by alternative, for MatchStarts::Match
  };

  // As RE2::Match(text, pos, text.size(), UNANCHORED, match, 1) with the
  // alternatives joined by '|': returns false if no match starts at or after
  // `pos`. `text` must be the one *line was made for; successive calls on a
  // line pass positions that do not decrease.
  bool Next(re2::StringPiece text, size_t pos, re2::StringPiece* match, Line* line) const;

  size_t size() const { return patterns_.size(); }

 private:
  // The alternatives compiled into a re2::FilteredRE2, and the literals
  // ("atoms") it derived from them, of which a line must hold some for an
  // alternative to match.
  struct Filter;
  // The filter, built once, on first use.
  const Filter& Prepared() const;
  // Alternative k compiled (on first use), for one searched by its guard; null
  // if it does not compile.
  const RE2* ExactOf(size_t k) const;

  std::string whole_;
  std::vector<std::string> patterns_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<Filter> filter_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_ALTERNATIVES_H_
