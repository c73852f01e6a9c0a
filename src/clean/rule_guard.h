// A rule's guard: the same pattern with its counted repetitions uncounted.
//
// RE2 runs a rule with a lazily built DFA whose states are sets of positions
// in the pattern. A counted run ("[^“”]{1,60}?" before a caption's "（左）")
// puts a position per count into those sets, so on text the DFA has not seen
// nearly every line of a real page builds new states: caption-position cost
// 34,000 cycles a line, most of them in state construction. With the counts
// gone ("[^“”]+?") the automaton has a handful of states, built once.
//
// Uncounting only widens what a pattern matches: x{n,m}, x{n} and x{n,} become
// x+ (n >= 1) or x* (n = 0), which match every string the counted form does,
// at the same places. So where the guard finds no match (whole line, at the
// start, or anywhere), the rule has none, and the rule runs only on the lines
// its guard lets through.
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_GUARD_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_GUARD_H_

#include <string>
#include <string_view>

namespace newsclean {

// `pattern` (RE2 syntax) with every counted repetition replaced by '+' or '*'
// (its laziness kept), or "" if it has none worth replacing: only a run that
// may repeat more than kMinGuardedCount times, or must repeat more (x{20,}),
// is counted enough to cost DFA states. A '{' that is not a repetition (RE2 reads "a{,3}" as
// literal text) and the braces of \x{…} and \p{…} are left alone.
std::string UncountRepetitions(std::string_view pattern);

inline constexpr int kMinGuardedCount = 8;

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_GUARD_H_
