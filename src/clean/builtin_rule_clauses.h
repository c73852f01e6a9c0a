// The clauses of the built-in rules (src/clean/rule_clauses.h), derived at
// build time by tools/gen_rule_clauses.cc from src/clean/builtin_rules.cc, so
// that start-up neither derives them nor compiles a rule before it is needed.
#ifndef NEWSCLEAN_SRC_CLEAN_BUILTIN_RULE_CLAUSES_H_
#define NEWSCLEAN_SRC_CLEAN_BUILTIN_RULE_CLAUSES_H_

#include <string_view>

#include "src/clean/rule_clauses.h"

namespace newsclean {

// The clauses of the built-in rule whose pattern, macros expanded, is
// `pattern`; nullptr for any other pattern (a user rule). A built-in rule's
// pattern compiles, with at most kMaxRuleGroups capturing groups (the generator
// checks both).
const RuleClauses* BuiltinRuleClauses(std::string_view pattern);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_BUILTIN_RULE_CLAUSES_H_
