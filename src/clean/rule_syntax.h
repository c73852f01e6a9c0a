// Small readers of RE2 pattern syntax shared by the rule analyses
// (rule_alternatives.h, rule_guard.h, rule_starts.h), which walk a pattern
// element by element without parsing it.
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_SYNTAX_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_SYNTAX_H_

#include <cstddef>
#include <string_view>

namespace newsclean {

// The index of the ']' that closes the class opening at pattern[i] ('['), or
// std::string_view::npos if it does not close. A ']' first in the class ("[]a]",
// "[^]a]") is literal; escapes and "[:alpha:]" are read as one item each.
size_t ClassEnd(std::string_view pattern, size_t i);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_SYNTAX_H_
