// Rule guards (src/clean/rule_guard.h): what uncounting rewrites and leaves
// alone, and that a guard matches wherever its rule does, on random patterns
// and on the built-in rules over the seed articles' lines.
#include "src/clean/rule_guard.h"

#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "re2/re2.h"
#include "src/clean/rule_clauses.h"
#include "src/clean/rule_set.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

TEST(RuleGuardTest, UncountsCountedRuns) {
  EXPECT_EQ(UncountRepetitions("[^“”]{1,60}?[{han}]（左）"), "[^“”]+?[{han}]（左）");
  EXPECT_EQ(UncountRepetitions("a{0,20}b{2,}c{9}"), "a*b+c+");
  EXPECT_EQ(UncountRepetitions("(?:x|yz){1,10}"), "(?:x|yz)+");
  // Short runs alone are not worth a guard: x{2,5} costs few states.
  EXPECT_EQ(UncountRepetitions("a{2,5}\\d{1,2}"), "");
  EXPECT_EQ(UncountRepetitions("a{2,5}b{0,9}"), "a+b*");  // one long run: all go
  EXPECT_EQ(UncountRepetitions("abc"), "");
  EXPECT_EQ(UncountRepetitions("a{2,}"), "");  // aa+: two copies
  EXPECT_EQ(UncountRepetitions("a{20,}"), "a+");
}

TEST(RuleGuardTest, LeavesWhatIsNotARepetition) {
  // Escapes with braces, braces in a class, braces RE2 reads as text.
  EXPECT_EQ(UncountRepetitions("\\x{3000}a{1,30}"), "\\x{3000}a+");
  EXPECT_EQ(UncountRepetitions("\\p{Han}{1,30}"), "\\p{Han}+");
  EXPECT_EQ(UncountRepetitions("[{1,30}]x{0,30}"), "[{1,30}]x*");
  EXPECT_EQ(UncountRepetitions("[]{]a{1,30}"), "[]{]a+");
  EXPECT_EQ(UncountRepetitions("a{,30}b{1,30}"), "a{,30}b+");
  EXPECT_EQ(UncountRepetitions("\\{1,30}b{1,30}"), "\\{1,30}b+");
  EXPECT_EQ(UncountRepetitions("[[:alpha:]{]{1,30}"), "[[:alpha:]{]+");
}

// A random pattern over a few characters, with counted runs of every shape.
std::string RandomPattern(std::mt19937* rng, int depth) {
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(*rng); };
  static const char* const kAtoms[] = {"a", "b", "中", "[ab]", "[^a]", ".", "\\d", "\\s", "$", "^"};
  static const char* const kRepeats[] = {"",        "",     "{0,9}", "{1,12}", "{2,3}", "{3}",
                                         "{1,10}?", "{2,}", "*",     "+",      "?"};
  std::string out;
  for (size_t n = 1 + pick(4); n > 0; --n) {
    std::string element = kAtoms[pick(std::size(kAtoms))];
    if (depth > 0 && pick(4) == 0) {
      element = "(?:" + RandomPattern(rng, depth - 1) + "|" + RandomPattern(rng, depth - 1) + ")";
    }
    if (element == "$" || element == "^") {
      out += element;
      continue;
    }
    out += element + kRepeats[pick(std::size(kRepeats))];
  }
  return out;
}

TEST(RuleGuardTest, GuardMatchesWhereverItsPatternDoes) {
  std::mt19937 rng(20261203);
  const std::vector<std::string> alphabet = {"a", "b", "中", " ", "1", "x"};
  int guarded = 0, rejected = 0;
  for (int p = 0; p < 400; ++p) {
    const std::string pattern = RandomPattern(&rng, 2);
    const RE2 re(pattern, RuleRe2Options());
    if (!re.ok()) continue;  // nested counts beyond RE2's limit of 1000
    const std::string uncounted = UncountRepetitions(pattern);
    if (uncounted.empty()) continue;
    const RE2 guard(uncounted, RuleRe2Options());
    ASSERT_TRUE(guard.ok()) << uncounted;
    ++guarded;
    for (int s = 0; s < 40; ++s) {
      std::string text;
      for (size_t n = std::uniform_int_distribution<size_t>(0, 24)(rng); n > 0; --n) {
        text += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
      }
      for (RE2::Anchor anchor : {RE2::ANCHOR_BOTH, RE2::ANCHOR_START, RE2::UNANCHORED}) {
        const bool matches = re.Match(text, 0, text.size(), anchor, nullptr, 0);
        const bool guard_matches = guard.Match(text, 0, text.size(), anchor, nullptr, 0);
        if (matches) {
          ASSERT_TRUE(guard_matches) << pattern << " / " << uncounted << " on " << text;
        } else if (guard_matches) {
          ++rejected;
        }
      }
    }
  }
  EXPECT_GT(guarded, 100);
  EXPECT_GT(rejected, 0);  // a guard is wider: some texts pass it and not the rule
}

TEST(RuleGuardTest, BuiltinRulesGuardsCompileAndLetTheirMatchesThrough) {
  std::vector<std::string> lines = FoldedSeedLines();
  ASSERT_GT(lines.size(), 100u);
  int guarded = 0, matched = 0;
  for (const RuleSpec& spec : BuiltinRules()) {
    const std::string pattern = ExpandRuleMacros(spec.pattern);
    const std::string uncounted = UncountRepetitions(pattern);
    if (uncounted.empty()) continue;
    const RE2 re(pattern, RuleRe2Options());
    const RE2 guard(uncounted, RuleRe2Options());
    ASSERT_TRUE(guard.ok()) << spec.name << ": " << guard.error();
    ++guarded;
    for (const std::string& line : lines) {
      for (RE2::Anchor anchor : {RE2::ANCHOR_BOTH, RE2::ANCHOR_START, RE2::UNANCHORED}) {
        if (!re.Match(line, 0, line.size(), anchor, nullptr, 0)) continue;
        ++matched;
        EXPECT_TRUE(guard.Match(line, 0, line.size(), anchor, nullptr, 0))
            << spec.name << ": " << line;
      }
    }
  }
  EXPECT_GT(guarded, 40);
  EXPECT_GT(matched, 50);
}

}  // namespace
}  // namespace newsclean
