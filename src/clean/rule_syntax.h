// Small readers of RE2 pattern syntax shared by the rule analyses
// (rule_alternatives.h, rule_bounds.h, rule_guard.h, rule_starts.h), which
// walk a pattern element by element without parsing it.
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_SYNTAX_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_SYNTAX_H_

#include <cstddef>
#include <string_view>

namespace newsclean {

// The index of the ']' that closes the class opening at pattern[i] ('['), or
// std::string_view::npos if it does not close. A ']' first in the class ("[]a]",
// "[^]a]") is literal; escapes and "[:alpha:]" are read as one item each.
size_t ClassEnd(std::string_view pattern, size_t i);

// Reads a counted repetition, "{n}", "{n,}" or "{n,m}", at pattern[i] (a
// '{'): sets *end past it and the counts (*max SIZE_MAX without a maximum;
// a count of many digits reads as some number above 100,000). Returns false
// for a '{' RE2 reads as literal text ("a{,3}").
bool ReadRepetition(std::string_view pattern, size_t i, size_t* end, size_t* min, size_t* max);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_SYNTAX_H_
