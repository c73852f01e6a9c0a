// The ways a segment rule is searched faster than by RE2 alone — one
// top-level alternative at a time (rule_alternatives.h), by anchored matches
// where a match can start (rule_starts.h) — find what RE2 finds for the whole
// pattern: the same matches, in the same order, from every position a scan of
// a line asks from.
#include "src/clean/rule_alternatives.h"

#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "src/clean/rule_set.h"
#include "src/clean/rule_starts.h"
#include "tests/testutil.h"

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
  AlternativeSearch search(pattern, alternatives);
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
        std::string("x[^x]{0,4}$|a[bc]{2}|(?:b|c)a"), std::string("(?i:é)b|cc|^a"),
        // Long counted runs: these alternatives are searched by their guards
        // first, with starts ("a…", "【…") and without ("[^a]…").
        std::string("x[^x]{0,9}$|a[bc]{2,12}|(?:b|c)a"),
        std::string("【[^】]{1,12}】|中{2,10}|a(?m:$)"), std::string("[^a]{3,12}b|ab"),
        std::string("(?i:ab){1,9}|c")}) {
    ExpectSameSpans(pattern, alphabet, 20261203, 3000, 24);
  }
}

// Should an alternative not compile alone, the whole pattern is searched:
// at once, or once a guarded alternative's guard matches and the alternative
// itself then does not compile (its guard, "a+", does; "a{1,2000}" counts
// beyond RE2's limit). Neither happens with the alternatives of a pattern
// that compiled; `whole` here differs from them so that it shows which ran.
TEST(AlternativeSearchTest, FallsBackToTheWholePattern) {
  AlternativeSearch search("b+", {"a", "a("});
  const std::string line = "xbbx";
  EXPECT_EQ(ApartSpans(search, line), (Spans{{1, 3}}));
  AlternativeSearch late("b+", {"a", "a{1,2000}"});
  EXPECT_EQ(ApartSpans(late, "xbbx"), (Spans{}));  // the guard never matches
  EXPECT_EQ(ApartSpans(late, "abba"), (Spans{{1, 3}}));
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

// Each match's groups (byte offset, or SIZE_MAX for a group that took no part,
// and size) in a scan of `line` as ScanLine makes it, with `match(pos,
// groups, n)` finding the next match from pos.
template <typename MatchFrom>
std::vector<Spans> ScanGroups(const RE2& re, const std::string& line, MatchFrom match) {
  std::vector<Spans> out;
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(static_cast<size_t>(n));
  size_t pos = 0;
  while (pos <= line.size() && match(pos, groups.data(), n)) {
    Spans spans;
    for (const re2::StringPiece& g : groups) {
      const size_t b = g.data() == nullptr ? SIZE_MAX : static_cast<size_t>(g.data() - line.data());
      spans.emplace_back(b, g.size());
    }
    out.push_back(spans);
    const size_t b = static_cast<size_t>(groups[0].data() - line.data());
    pos = groups[0].empty() ? b + 1 : b + groups[0].size();
  }
  return out;
}

// By anchored matches at the starts, with `tries` for the line.
std::vector<Spans> StartsSpans(const RE2& re, const MatchStarts& starts, const std::string& line,
                               size_t tries = MatchStarts::kTriesPerLine) {
  const re2::StringPiece text(line);
  return ScanGroups(re, line, [&](size_t pos, re2::StringPiece* groups, int n) {
    return starts.Match(re, text, pos, groups, n, &tries);
  });
}

// By RE2's unanchored search.
std::vector<Spans> UnanchoredSpans(const RE2& re, const std::string& line) {
  const re2::StringPiece text(line);
  return ScanGroups(re, line, [&](size_t pos, re2::StringPiece* groups, int n) {
    return re.Match(text, pos, line.size(), RE2::UNANCHORED, groups, n);
  });
}

TEST(MatchStartsTest, KnownWhereEveryMatchSharesAPrefixOrAFewFirstCharacters) {
  auto usable = [](const std::string& pattern) {
    RE2 re(pattern, RuleRe2Options());
    EXPECT_TRUE(re.ok()) << pattern;
    return MatchStarts(re, pattern).usable();
  };
  EXPECT_TRUE(usable("▲[^▲]{1,20}（摄）"));
  EXPECT_TRUE(usable("ab|ac"));
  EXPECT_TRUE(usable("x(?i:ab)c"));
  EXPECT_TRUE(usable("x[^a]b"));  // "[^" is no assertion
  // No common prefix, but a few first characters.
  EXPECT_TRUE(usable("a|b"));
  EXPECT_TRUE(usable("x*y"));
  EXPECT_TRUE(usable("[(（]{sp}*记者[^()（）]{1,80}[)）]"));
  EXPECT_TRUE(usable("[a-h]b"));     // eight
  EXPECT_FALSE(usable("[a-i]b"));    // nine: too common to try a match at each
  EXPECT_FALSE(usable("(?i:ab)c"));  // 'A' or 'a', not listed under case folding
  EXPECT_FALSE(usable("[^a]b"));     // nearly any character
  EXPECT_FALSE(usable("\\s*ab"));    // a space: too common
  EXPECT_FALSE(usable("a*"));        // may be empty
  EXPECT_FALSE(usable("a|b?"));
  EXPECT_FALSE(usable("^ab"));  // what precedes the match matters
  EXPECT_FALSE(usable("(?m:^)ab"));
  EXPECT_FALSE(usable("\\bab"));
  EXPECT_FALSE(usable("ab\\B"));
  EXPECT_FALSE(usable("\\Aab"));
  EXPECT_FALSE(usable("[(（]\\b"));
}

// Patterns whose matches share a prefix: one that may end there, one whose
// next byte ranges, case-folded letters, groups that may not take part,
// multi-byte prefixes, lazy runs before a credit. Patterns whose matches start
// with one of a few characters, ASCII or not, some ending with the line ('$':
// a line that ends otherwise is not searched) and some that only seem to
// ('$' in one alternative only, before a newline under (?m), inside a group).
TEST(MatchStartsTest, FindsWhatTheUnanchoredSearchFinds) {
  const std::vector<std::string> alphabet = {"a",  "b", "c",  "A", "B", "▲", "▼", "（", "）", "摄",
                                             "图", " ", "中", "x", "é", "(", ")", "\n", "$"};
  for (const std::string& pattern :
       {std::string("ab|abc"), std::string("a[b-c]+"), std::string("x(?i:ab)(c)?"),
        std::string("▲[^▲\\n]{1,6}?（[^（）]*摄）"), std::string("[▲▼]{1,2}(图)?[^▲▼]{0,3}"),
        std::string("a(?:b|)c?$"), std::string("（(?:图|摄)）|（中）"), std::string("a|b(c)"),
        std::string("x*y"), std::string("[(（][^()（）]{0,4}[)）]"),
        std::string("[(（](图|摄)?[^()（）]{0,4}[)）]\\s*$"), std::string("(?:中|图)[^（]{1,3}）$"),
        std::string("[(（]摄[)）]$|中$"), std::string("[(（]摄[)）]$|中"),
        std::string("中|[(（]摄[)）]$"), std::string("(?m)[(（]摄[)）]$"),
        std::string("(?:[(（]摄[)）]$)"), std::string("[▲(]a*[)b]\\$")}) {
    RE2 re(pattern, RuleRe2Options());
    ASSERT_TRUE(re.ok()) << pattern;
    const MatchStarts starts(re, pattern);
    ASSERT_TRUE(starts.usable()) << pattern;
    std::mt19937 rng(20261205);
    for (int trial = 0; trial < 3000; ++trial) {
      std::string line;
      const int length = static_cast<int>(rng() % 20);
      for (int k = 0; k < length; ++k) line += alphabet[rng() % alphabet.size()];
      ASSERT_EQ(StartsSpans(re, starts, line), UnanchoredSpans(re, line))
          << pattern << "\nline: " << line;
      // With the line's tries running out early (RE2's own search after them).
      ASSERT_EQ(StartsSpans(re, starts, line, trial % 3), UnanchoredSpans(re, line))
          << pattern << "\nline: " << line;
    }
  }
}

// A pattern without a bound on its matches' length tries a limited number of
// starts on a line, then leaves the rest of the line to RE2's own search:
// "【[^】]*广告" reads from each 【 of "【【…【】广告" to the 】, so trying
// them all would read the line's square. A bounded one tries every start.
TEST(MatchStartsTest, TriesRunOutIntoRe2sOwnSearch) {
  std::string line;
  for (int k = 0; k < 500; ++k) line += "【";
  line += "】广告";
  const re2::StringPiece text(line);
  for (const std::string& pattern :
       {std::string("【[^】]*广告"), std::string("【[^】]{0,9}广告")}) {
    RE2 re(pattern, RuleRe2Options());
    const MatchStarts starts(re, pattern);
    ASSERT_TRUE(starts.usable());
    size_t tries = MatchStarts::kTriesPerLine;
    re2::StringPiece m;
    EXPECT_FALSE(starts.Match(re, text, 0, &m, 1, &tries)) << pattern;
    const bool bounded = pattern.find('*') == std::string::npos;
    EXPECT_EQ(tries, bounded ? MatchStarts::kTriesPerLine : 0u) << pattern;
    EXPECT_EQ(StartsSpans(re, starts, line + "【广告"), UnanchoredSpans(re, line + "【广告"));
  }
}

// Every built-in segment rule whose starts are known, on the lines of the
// seed articles (real pages, folded as rules see them) and on mixtures of
// their pieces.
TEST(MatchStartsTest, BuiltInSegmentRulesFindWhatRe2Finds) {
  std::vector<std::string> lines = FoldedSeedLines();
  ASSERT_GT(lines.size(), 100u);
  // The start of the character at byte i.
  auto boundary = [](const std::string& s, size_t i) {
    while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
  };
  std::mt19937 rng(20261206);
  for (int k = 0; k < 300; ++k) {  // pieces of two lines glued, as flattened pages are
    const std::string& a = lines[rng() % lines.size()];
    const std::string& b = lines[rng() % lines.size()];
    lines.push_back(a.substr(0, boundary(a, a.size() / 2)) + b.substr(boundary(b, b.size() / 3)));
  }
  int usable = 0;
  std::set<std::string> bracket_led = {"byline-paren-tail", "byline-bracket", "photo-credit",
                                       "agency-credit-tail"};
  for (const RuleSpec& spec : BuiltinRules()) {
    if (spec.scope != RuleScope::kSegment || spec.search_alternatives_apart) continue;
    const std::string pattern = ExpandRuleMacros(spec.pattern);
    RE2 re(pattern, RuleRe2Options());
    ASSERT_TRUE(re.ok()) << spec.name;
    const MatchStarts starts(re, pattern);
    if (!starts.usable()) continue;
    ++usable;
    bracket_led.erase(spec.name);
    for (const std::string& line : lines) {
      ASSERT_EQ(StartsSpans(re, starts, line), UnanchoredSpans(re, line))
          << spec.name << "\nline: " << line;
    }
  }
  EXPECT_GE(usable, 30);  // most rules that start with a literal or a bracket
  EXPECT_TRUE(bracket_led.empty()) << *bracket_led.begin();
}

}  // namespace
}  // namespace newsclean
