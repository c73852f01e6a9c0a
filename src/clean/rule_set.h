// Boilerplate rules: the built-in set and user rule files.
//
// A rule is a named RE2 pattern with a reason and a scope:
//   line       the pattern must match a whole paragraph line (trimmed); the line goes;
//   segment    every match inside a line is cut, the text around it stays;
//   lead-in    a match at the start of a paragraph is cut, the rest stays;
//   block      a heading: the pattern must match a whole line, which goes with
//              the list of links or headlines after it: every following line
//              that holds no '。' and either no '，' or at most 40 characters,
//              up to the first that does not (or an enumerated subheading);
//   line-next  a marker line: the pattern must match a whole line, which goes
//              with the next line (a caption after "图像加注文字，"), if that
//              line has at most 200 characters;
//   tail       a marker line that ends a page (an author box: "博客 | 某某" and
//              the author's bio): the pattern must match a whole line, which
//              goes with every line after it, if those hold at most 600
//              characters in all and the lines before it at least 50 (a tail
//              follows an article); otherwise only the marker line goes.
// A segment or lead-in pattern with capturing groups cuts only what its groups
// captured, so that context can anchor a cut without being cut itself:
// "[。！？](责任编辑[:：]{name})$" cuts the credit after a sentence, not the '。'.
// Patterns are matched against the line folded to simplified script (the fold
// keeps byte offsets), so one pattern in simplified characters covers both
// scripts. Macros expand in patterns: {sp} is one space of any width (ASCII,
// NBSP, ideographic), {name} a Chinese personal name (2-4 Han characters or
// '·'), {names} one or more names separated by '、', '/', spaces or "和",
// {date} a month-day date with an optional year ("3月2日", "2019年03月02日"),
// and {han} the ranges of the BMP's Han ideographs, to write inside a class
// ("[{han}·]"; much cheaper to compile than \p{Han}).
//
// Rule file format (one rule a line, '#' starts a comment):
//   SCOPE  NAME  REASON  PATTERN...
// e.g. "line  site-footer  page-furniture  本站(?:所有)?内容.{0,40}"
// NAME is [a-z0-9-]+ and unique; REASON is a reason name (ReasonName) and
// "user-rule" fits any; PATTERN is the rest of the line (RE2 syntax).
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_SET_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_SET_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "newsclean/reason.h"

namespace newsclean {

enum class RuleScope { kLine, kSegment, kLeadIn, kBlock, kLineNext, kTail };

struct RuleSpec {
  RuleScope scope;
  std::string name;
  Reason reason;
  std::string pattern;  // before macro expansion
  // A line, block or line-next rule with max_chars > 0 applies only to lines
  // of at most that many characters: a cheap test that saves a bounded
  // repetition (costly in RE2's DFA) in the pattern. 0: any length.
  size_t max_chars = 0;
  std::string origin = "built-in";  // or "FILE:LINE" for rule files
  // A segment rule whose top-level alternatives are searched one at a time
  // (rule_alternatives.h: the same matches, found faster when the
  // alternatives together make RE2's DFA large). Built-in rules only.
  bool search_alternatives_apart = false;
};

// Returns the built-in rules, in matching order (src/clean/builtin_rules.cc).
const std::vector<RuleSpec>& BuiltinRules();

// Parses rule-file `contents`; errors name `path` and the line.
absl::StatusOr<std::vector<RuleSpec>> ParseRuleFile(std::string_view contents,
                                                    std::string_view path);

// Reads and parses the rule file at `path`.
absl::StatusOr<std::vector<RuleSpec>> ReadRuleFile(const std::string& path);

// Expands the macros ({sp}, {name}, {names}, {date}) in `pattern`.
std::string ExpandRuleMacros(std::string_view pattern);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_SET_H_
