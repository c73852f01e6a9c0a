// A segment rule searched one top-level alternative at a time finds what RE2
// finds for the whole pattern: the same matches, in the same order, from
// every position a scan of a line asks from.
#include "src/clean/rule_alternatives.h"

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "src/clean/rule_set.h"
#include "src/text/script_tables.h"

namespace newsclean {
namespace {

using Spans = std::vector<std::pair<size_t, size_t>>;

TEST(SplitAlternativesTest, SplitsAtTheTopLevelOnly) {
  EXPECT_EQ(SplitAlternatives("a|b(?:c|d)|e"), (std::vector<std::string>{"a", "b(?:c|d)", "e"}));
  EXPECT_EQ(SplitAlternatives("[|(]x|\\|y|\\(z"),
            (std::vector<std::string>{"[|(]x", "\\|y", "\\(z"}));
  EXPECT_EQ(SplitAlternatives("[]|]a|[^]|]b|[[:alpha:]|]c"),
            (std::vector<std::string>{"[]|]a", "[^]|]b", "[[:alpha:]|]c"}));
  EXPECT_EQ(SplitAlternatives("(?i:ab|cd)|\\x{3000}|\\p{Han}+"),
            (std::vector<std::string>{"(?i:ab|cd)", "\\x{3000}", "\\p{Han}+"}));
  EXPECT_EQ(SplitAlternatives("a||b"), (std::vector<std::string>{"a", "", "b"}));
}

TEST(SplitAlternativesTest, RefusesWhatSplittingWouldChange) {
  EXPECT_TRUE(SplitAlternatives("abc").empty());         // one alternative
  EXPECT_TRUE(SplitAlternatives("(?:a|b)").empty());     // one, grouped
  EXPECT_TRUE(SplitAlternatives("(a)|b").empty());       // a capturing group
  EXPECT_TRUE(SplitAlternatives("a|(?P<x>b)").empty());  // a named one
  EXPECT_TRUE(SplitAlternatives("(?i)a|b").empty());     // flags for what follows
  EXPECT_TRUE(SplitAlternatives("a|b(?s)c").empty());    // also inside an alternative
  EXPECT_TRUE(SplitAlternatives("(?:a|b|c").empty());    // unbalanced
  EXPECT_TRUE(SplitAlternatives("a)|b").empty());
  EXPECT_TRUE(SplitAlternatives("[a|b").empty());  // an open class
}

// The spans a scan of `line` cuts with RE2 on the whole pattern, as
// BoilerplateStage::ScanLine asks for them (an empty match moves one byte on).
Spans WholePatternSpans(const RE2& re, const std::string& line) {
  Spans spans;
  re2::StringPiece text(line), m;
  size_t pos = 0;
  while (pos <= line.size() && re.Match(text, pos, line.size(), RE2::UNANCHORED, &m, 1)) {
    const size_t b = static_cast<size_t>(m.data() - line.data());
    spans.emplace_back(b, b + m.size());
    pos = m.empty() ? b + 1 : b + m.size();
  }
  return spans;
}

Spans ApartSpans(const AlternativeSearch& search, const std::string& line) {
  Spans spans;
  AlternativeSearch::Line state(search, line);
  re2::StringPiece text(line), m;
  size_t pos = 0;
  while (pos <= line.size() && search.Next(text, pos, &m, &state)) {
    const size_t b = static_cast<size_t>(m.data() - line.data());
    spans.emplace_back(b, b + m.size());
    pos = m.empty() ? b + 1 : b + m.size();
  }
  return spans;
}

void ExpectSameSpans(const std::string& pattern, const std::vector<std::string>& alphabet,
                     uint32_t seed, int trials, int max_length) {
  const std::vector<std::string> alternatives = SplitAlternatives(pattern);
  ASSERT_GE(alternatives.size(), 2u) << pattern;
  RE2 whole(pattern, RuleRe2Options());
  ASSERT_TRUE(whole.ok()) << pattern;
  AlternativeSearch search(alternatives);
  std::mt19937 rng(seed);
  for (int trial = 0; trial < trials; ++trial) {
    std::string line;
    const int length = static_cast<int>(rng() % static_cast<uint32_t>(max_length));
    for (int k = 0; k < length; ++k) line += alphabet[rng() % alphabet.size()];
    ASSERT_EQ(ApartSpans(search, line), WholePatternSpans(whole, line))
        << pattern << "\nline: " << line;
  }
}

// Alternatives that match at the same start (the earlier wins, shorter or
// not), inside one another, only at the end, empty, and case-folded ones
// whose literals a line holds in upper case or after a non-ASCII capital.
TEST(AlternativeSearchTest, FindsWhatTheWholePatternFinds) {
  const std::vector<std::string> alphabet = {"a", "b", "c",  "A",  "B", "x",
                                             " ", "É", "中", "【", "】"};
  for (const std::string& pattern :
       {std::string("a|ab|b"), std::string("ab|a"), std::string("b*|a"), std::string("a$|b|ca"),
        std::string("(?i:ab)|c+x?"), std::string("【[^】]{1,3}】|中|a(?m:$)"),
        std::string("x[^x]{0,4}$|a[bc]{2}|(?:b|c)a"), std::string("(?i:é)b|cc|^a")}) {
    ExpectSameSpans(pattern, alphabet, 20261203, 3000, 24);
  }
}

// The rule this is built for, on lines made of its own pieces.
TEST(AlternativeSearchTest, RelatedInlineFindsWhatItsWholePatternFinds) {
  std::string pattern;
  for (const RuleSpec& spec : BuiltinRules()) {
    if (spec.name == "related-inline") {
      EXPECT_TRUE(spec.search_alternatives_apart);
      pattern = ExpandRuleMacros(spec.pattern);
    }
  }
  ASSERT_FALSE(pattern.empty());
  const std::vector<std::string> alphabet = {
      "更多", "新闻", "报道", "【",   "】",       "相关新闻", "：",   "。", "►", "●",
      ">>",   "»",    " ",    "台北", "市长出席", "延伸阅读", "推荐", "A",  "x"};
  ExpectSameSpans(pattern, alphabet, 20261204, 1500, 30);
}

}  // namespace
}  // namespace newsclean
