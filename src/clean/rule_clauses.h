// Rule clauses: which literal strings a line must hold for a rule to match it,
// derived from RE2's own prefilter.
//
// re2::FilteredRE2 derives from each rule the literals ("atoms") a match must
// contain, combined by AND and OR. Evaluating that tree per line costs about
// half a microsecond (RE2 allocates as it propagates), so the condition is
// turned into clauses once: sets of atoms of which a line must hold at least
// one. A clause is the complement of a set of atoms for which FilteredRE2 says
// the rule cannot match, so every clause follows from RE2's own condition: a
// rule whose clauses all hold may match; one with a failed clause cannot. A
// rule's clauses depend on its pattern alone (and on RE2's version), so the
// built-in rules' are derived at build time (tools/gen_rule_clauses.cc) and
// only user rules' at start-up.
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_CLAUSES_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_CLAUSES_H_

#include <string>
#include <vector>

#include "re2/re2.h"

namespace newsclean {

// How every rule is compiled (default syntax, 64 MiB of DFA memory, errors
// left to the caller), and how many capturing groups a rule may have (a
// segment or lead-in rule cuts what its groups captured).
RE2::Options RuleRe2Options();
inline constexpr int kMaxRuleGroups = 4;

// A rule's clauses, each a sorted list of atoms (UTF-8, ASCII letters in lower
// case) of which a line must hold one. None: the rule runs on every line.
using RuleClauses = std::vector<std::vector<std::string>>;

// The clauses of each pattern (RE2 syntax, each of which compiles with default
// options), in order.
std::vector<RuleClauses> DeriveRuleClauses(const std::vector<std::string>& patterns);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_CLAUSES_H_
