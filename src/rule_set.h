// Boilerplate rules: the built-in set and user rule files.
//
// A rule is a named RE2 pattern with a reason and a scope:
//   line     the pattern must match a whole paragraph line (trimmed); the line goes;
//   segment  every match inside a line is cut, the text around it stays;
//   lead-in  a match at the start of a paragraph is cut, the rest stays.
// Patterns are matched against the line folded to simplified script (the fold
// keeps byte offsets), so one pattern in simplified characters covers both
// scripts. Two macros expand in patterns: {sp} is one space of any width
// (ASCII, NBSP, ideographic) and {name} is a Chinese personal name (2-4 Han
// characters or '·').
//
// Rule file format (one rule a line, '#' starts a comment):
//   SCOPE  NAME  REASON  PATTERN...
// e.g. "line  site-footer  page-furniture  本站(?:所有)?内容.{0,40}"
// NAME is [a-z0-9-]+ and unique; REASON is a reason name (ReasonName) and
// "user-rule" fits any; PATTERN is the rest of the line (RE2 syntax).
#ifndef NEWSCLEAN_SRC_RULE_SET_H_
#define NEWSCLEAN_SRC_RULE_SET_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "newsclean/reason.h"

namespace newsclean {

enum class RuleScope { kLine, kSegment, kLeadIn };

struct RuleSpec {
  RuleScope scope;
  std::string name;
  Reason reason;
  std::string pattern;  // before macro expansion
  std::string origin = "built-in";  // or "FILE:LINE" for rule files
};

// Returns the built-in rules, in matching order.
const std::vector<RuleSpec>& BuiltinRules();

// Parses rule-file `contents`; errors name `path` and the line.
absl::StatusOr<std::vector<RuleSpec>> ParseRuleFile(std::string_view contents,
                                                    std::string_view path);

// Reads and parses the rule file at `path`.
absl::StatusOr<std::vector<RuleSpec>> ReadRuleFile(const std::string& path);

// Expands {sp} and {name} in `pattern`.
std::string ExpandRuleMacros(std::string_view pattern);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_RULE_SET_H_
