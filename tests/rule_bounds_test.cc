// Rule bounds (src/clean/rule_bounds.h): what they derive from a pattern, and
// that they are sound: no match RE2 finds breaks them, on random patterns and
// strings and on the built-in rules over the fixtures' lines.
#include "src/clean/rule_bounds.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "re2/re2.h"
#include "src/clean/rule_clauses.h"
#include "src/clean/rule_set.h"
#include "src/text/script_tables.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

std::string FirstBytes(const RuleBounds& bounds) {
  if (bounds.first_bytes.all()) return "any";
  std::string out;
  for (int b = 0; b < 256; ++b) {
    if (!bounds.first_bytes[b]) continue;
    if (b > 0x20 && b < 0x7F) {
      out += static_cast<char>(b);
    } else {
      char hex[4];
      snprintf(hex, sizeof hex, "%02X", b);
      out += std::string("<") + hex + ">";
    }
  }
  return out;
}

size_t Max(std::string_view pattern) {
  return DeriveRuleBounds(ExpandRuleMacros(pattern)).max_nonspace_chars;
}
std::string First(std::string_view pattern) {
  return FirstBytes(DeriveRuleBounds(ExpandRuleMacros(pattern)));
}

TEST(RuleBoundsTest, SpacesRepeatWithoutCounting) {
  // page-number's first branch: 第, three digits, 页.
  EXPECT_EQ(Max("(?:第{sp}*)?\\d{1,3}{sp}*(?:页|版)?"), 5u);
  EXPECT_EQ(Max("{sp}+"), 0u);
  EXPECT_EQ(Max("[ \\t]*x[\\s\\x{3000}]*"), 1u);
  EXPECT_EQ(Max("a b"), 2u);                 // a literal space is a space
  EXPECT_EQ(Max("\\ "), 0u);                 // so is an escaped one
  EXPECT_EQ(Max("[^a]*"), kUnboundedRule);   // a negated class holds spaces and more
  EXPECT_EQ(Max("[ -~]*"), kUnboundedRule);  // so does a range
  EXPECT_EQ(Max("\\v*"), kUnboundedRule);    // a vertical tab is not a rule space
}

TEST(RuleBoundsTest, RepetitionsMultiplyAndAlternativesTakeTheLongest) {
  EXPECT_EQ(Max("ab{2,5}c"), 7u);
  EXPECT_EQ(Max("(?:abc|de){3}"), 9u);
  EXPECT_EQ(Max("a{3,}"), kUnboundedRule);
  EXPECT_EQ(Max("a+"), kUnboundedRule);
  EXPECT_EQ(Max("a{0}b"), 1u);
  EXPECT_EQ(Max("a{,3}"), 5u);  // not a repetition to RE2: the characters themselves
  EXPECT_EQ(Max(".{0,20}?x"), 21u);
  EXPECT_EQ(Max("^(?P<x>ab)\\b$"), 2u);
  EXPECT_EQ(Max("[{han}A-Za-z]{1,12}(?:社|通讯社)"), 15u);
}

TEST(RuleBoundsTest, FirstBytesFollowOptionalPrefixes) {
  EXPECT_EQ(First("[A-Z][a-z]+"), "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  EXPECT_EQ(First("(?:发布)?\\d"), "0123456789<E5>");
  EXPECT_EQ(First("a?b*c"), "abc");
  EXPECT_EQ(First("a{0}b"), "b");
  EXPECT_EQ(First("^$|x"), "x");
  EXPECT_EQ(First("[(（]"), "(<EF>");
  EXPECT_EQ(First("\\x{3000}a"), "<E3>");
  EXPECT_EQ(First("[一-龥]"), "<E4><E5><E6><E7><E8><E9>");
  EXPECT_EQ(First("\\w"), "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
  // Case folding reaches beyond ASCII (the Kelvin sign folds to k): any byte.
  EXPECT_EQ(First("(?i:k)"), "any");
  EXPECT_EQ(First("(?i)x|y"), "any");
  EXPECT_EQ(First("(?i:x)y|z"), "any");
  EXPECT_EQ(First("(?:(?i)x)|y"), "any");  // the flag holds to the group's end
  EXPECT_EQ(First("(?:(?i)x)y|z"), "any");
  EXPECT_EQ(First("(?:(?i)x)?z"), "any");
}

// The first and last characters, as UTF-8 joined in code point order, or
// "unknown".
std::string Chars(const std::vector<char32_t>& chars) {
  if (chars.empty()) return "unknown";
  std::string out;
  for (char32_t cp : chars) AppendUtf8(cp, &out);
  return out;
}
std::string FirstChars(std::string_view pattern) {
  return Chars(DeriveRuleBounds(ExpandRuleMacros(pattern)).first_chars);
}
std::string LastChars(std::string_view pattern) {
  return Chars(DeriveRuleBounds(ExpandRuleMacros(pattern)).last_chars);
}

TEST(RuleBoundsTest, FirstAndLastCharactersWhenFewAndKnown) {
  EXPECT_EQ(FirstChars("[(（]{sp}*记者[^()（）]{1,80}[)）]{sp}*$"), "(（");
  EXPECT_EQ(LastChars("[(（]{sp}*记者[^()（）]{1,80}[)）]{sp}*$"),
            std::string("\t\n\f\r )\u00A0\u3000）"));
  EXPECT_EQ(FirstChars("(?:实习|特派|驻[{han}]{1,4})?记者"), "实特记驻");
  EXPECT_EQ(LastChars("a(?:b|cd?)e?"), "bcde");
  EXPECT_EQ(FirstChars("a?b*c"), "abc");
  EXPECT_EQ(FirstChars("a{0}b"), "b");
  EXPECT_EQ(LastChars("ab{0}"), "a");
  EXPECT_EQ(FirstChars("^$|x"), "x");
  EXPECT_EQ(FirstChars("\\d"), "0123456789");
  EXPECT_EQ(FirstChars("[a-c]x|\\x{4E2D}"), "abc中");
  EXPECT_EQ(FirstChars("[a-p]"), "abcdefghijklmnop");  // sixteen: the most listed
  EXPECT_EQ(FirstChars("[a-q]"), "unknown");
  EXPECT_EQ(FirstChars("[a-i]|[j-r]"), "unknown");  // more than sixteen together
  EXPECT_EQ(FirstChars("[{han}]"), "unknown");
  EXPECT_EQ(FirstChars("[^a]"), "unknown");
  EXPECT_EQ(FirstChars("."), "unknown");
  EXPECT_EQ(FirstChars("\\w"), "unknown");
  EXPECT_EQ(FirstChars("\\pN"), "unknown");
  EXPECT_EQ(FirstChars("(?i:x)"), "unknown");  // case folding: not listed
  EXPECT_EQ(LastChars("x(?i:y)"), "unknown");
  EXPECT_EQ(LastChars("x."), "unknown");
  EXPECT_EQ(FirstChars("\\Qab\\E"), "unknown");  // syntax it does not read
  EXPECT_TRUE(DeriveRuleBounds("a*").may_match_empty);
  EXPECT_TRUE(DeriveRuleBounds("a|b?").may_match_empty);
  EXPECT_FALSE(DeriveRuleBounds("a*b").may_match_empty);
  EXPECT_FALSE(DeriveRuleBounds("(?:a|b)$").may_match_empty);
}

TEST(RuleBoundsTest, SyntaxItDoesNotKnowGivesTheWeakestBounds) {
  for (std::string_view pattern : {"\\Qab\\E", "\\C", "\\141"}) {
    ASSERT_TRUE(RE2(pattern).ok()) << pattern;
    const RuleBounds bounds = DeriveRuleBounds(pattern);
    EXPECT_EQ(bounds.max_nonspace_chars, kUnboundedRule) << pattern;
    EXPECT_TRUE(bounds.first_bytes.all()) << pattern;
  }
}

TEST(RuleBoundsTest, PatternsRe2RejectsGetTheWeakestBoundsWithoutReadingPastTheirEnd) {
  // The stage derives bounds only of patterns RE2 compiled, but the reader
  // holds on anything: each of these is cut off inside a token.
  for (std::string_view pattern :
       {std::string_view("\xE4\xB8"), std::string_view("a\\"), std::string_view("[ab"),
        std::string_view("[\xE4"), std::string_view("(?P<x"), std::string_view("\\x{41"),
        std::string_view("a)"), std::string_view("(a"), std::string_view("*a"),
        std::string_view("[a-\xE4\xB8]"), std::string_view("\\p{Han")}) {
    const RuleBounds bounds = DeriveRuleBounds(pattern);
    EXPECT_EQ(bounds.max_nonspace_chars, kUnboundedRule) << pattern;
    EXPECT_TRUE(bounds.first_bytes.all()) << pattern;
  }
}

TEST(RuleBoundsTest, CountsCharactersThatAreNotSpaces) {
  EXPECT_EQ(CountNonSpaceChars(""), 0u);
  EXPECT_EQ(CountNonSpaceChars("第 3\xC2\xA0页\xE3\x80\x80"), 3u);
  EXPECT_EQ(CountNonSpaceChars("a\t\n\f\rb"), 2u);
  EXPECT_EQ(CountNonSpaceChars("a\vb"), 3u);              // \v is not a rule space
  EXPECT_EQ(CountNonSpaceChars("\xE2\x80\x83x"), 2u);     // nor is an em space
  EXPECT_EQ(CountNonSpaceChars("\xF0\xA0\x80\x80"), 1u);  // one supplementary character
}

// Against a plain count over the code points, on long runs where every
// position of a 16-byte step starts a character (ASCII) and on random text.
TEST(RuleBoundsTest, CountsAsAPlainLoopOverCodePoints) {
  for (size_t n = 0; n < 100; ++n) EXPECT_EQ(CountNonSpaceChars(std::string(n, 'a')), n);
  const std::vector<std::string> pieces = {
      "a", "Z", " ", "\xE3\x80\x80", "\xC2\xA0", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\xA0\x80\x80",
      "\n"};
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string s;
    size_t expected = 0;
    for (size_t n = std::uniform_int_distribution<size_t>(0, 200)(rng); n > 0; --n) {
      const std::string& piece =
          pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
      s += piece;
      expected += piece != " " && piece != "\n" && piece != "\xE3\x80\x80" && piece != "\xC2\xA0";
    }
    EXPECT_EQ(CountNonSpaceChars(s), expected) << s;
  }
}

TEST(RuleBoundsTest, CounterAnswersAsTheCountWouldAskedInAnyOrder) {
  const std::vector<std::string> pieces = {
      "a", " ", "\xE3\x80\x80", "\xC2\xA0", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\xA0\x80\x80", "\t"};
  std::mt19937 rng(5);
  for (int round = 0; round < 300; ++round) {
    std::string s;
    for (size_t n = std::uniform_int_distribution<size_t>(0, 30)(rng); n > 0; --n) {
      s += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
    }
    const size_t count = CountNonSpaceChars(s);
    NonSpaceCounter counter(s);
    for (int ask = 0; ask < 6; ++ask) {
      const size_t limit = std::uniform_int_distribution<size_t>(0, 35)(rng);
      EXPECT_EQ(counter.AtMost(limit), count <= limit) << s << " limit " << limit;
    }
    EXPECT_TRUE(counter.AtMost(kUnboundedRule));
  }
}

// Whether `cp` is listed in `chars`, or nothing is (unknown).
bool Listed(const std::vector<char32_t>& chars, char32_t cp) {
  return chars.empty() || std::find(chars.begin(), chars.end(), cp) != chars.end();
}

// Whether every non-empty prefix of `s` that `re` matches whole keeps the
// bounds: the most characters that are not spaces, the first byte, the first
// and last characters; and whether an empty match is allowed for.
void ExpectSound(const RE2& re, const RuleBounds& bounds, std::string_view s) {
  if (re.Match("", 0, 0, RE2::ANCHOR_BOTH, nullptr, 0)) {
    EXPECT_TRUE(bounds.may_match_empty) << re.pattern();
  }
  for (size_t end = 1; end <= s.size(); ++end) {
    const std::string_view prefix = s.substr(0, end);
    if (!IsValidUtf8(prefix)) continue;
    if (!re.Match(prefix, 0, prefix.size(), RE2::ANCHOR_BOTH, nullptr, 0)) continue;
    EXPECT_LE(CountNonSpaceChars(prefix), bounds.max_nonspace_chars)
        << re.pattern() << " on \"" << prefix << "\"";
    EXPECT_TRUE(bounds.first_bytes[static_cast<unsigned char>(prefix[0])])
        << re.pattern() << " on \"" << prefix << "\"";
    size_t len = 0;
    EXPECT_TRUE(Listed(bounds.first_chars, DecodeUtf8(prefix, 0, &len)))
        << re.pattern() << " on \"" << prefix << "\"";
    EXPECT_TRUE(Listed(bounds.last_chars,
                       DecodeUtf8(prefix, PreviousCodePointStart(prefix, prefix.size()), &len)))
        << re.pattern() << " on \"" << prefix << "\"";
  }
}

// Random patterns over a few characters, spaces among them, in every syntax
// the rules use.
class PatternMaker {
 public:
  explicit PatternMaker(uint32_t seed) : rng_(seed) {}

  std::string Alternation(int depth) {
    std::string out = Sequence(depth);
    while (Pick(4) == 0) out += "|" + Sequence(depth);
    return out;
  }

 private:
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  std::string Sequence(int depth) {
    std::string out;
    for (size_t n = Pick(4); n > 0; --n) out += Piece(depth);
    return out;
  }

  std::string Piece(int depth) {
    std::string out = Element(depth);
    static const char* const kRepeats[] = {"",      "",    "",     "*",  "+",   "?",
                                           "{0,2}", "{2}", "{1,}", "*?", "{0}", "{,2}"};
    return out + kRepeats[Pick(std::size(kRepeats))];
  }

  std::string Element(int depth) {
    static const char* const kAtoms[] = {"a",
                                         "b",
                                         " ",
                                         "\xE4\xB8\xAD",
                                         "1",
                                         "\\d",
                                         "\\s",
                                         ".",
                                         "[ab]",
                                         "[^a]",
                                         "[\\s\\x{3000}]",
                                         "\\x{3000}",
                                         "[0-9a]",
                                         "[\\x{00A0} ]",
                                         "\\ ",
                                         "\\b",
                                         "^",
                                         "$",
                                         "[a-]",
                                         "\\pN",
                                         "(?i:a)",
                                         "\\x41",
                                         "[\\d\\s]",
                                         "\\w"};
    if (depth > 0 && Pick(4) == 0) {
      static const char* const kOpen[] = {"(", "(?:", "(?i:", "(?P<g>"};
      return kOpen[Pick(std::size(kOpen))] + Alternation(depth - 1) + ")";
    }
    return kAtoms[Pick(std::size(kAtoms))];
  }

  std::mt19937 rng_;
};

TEST(RuleBoundsTest, RandomPatternsKeepTheirBoundsOnRandomStrings) {
  const std::vector<std::string> alphabet = {
      "a", "b",  "A", " ",           "\xE3\x80\x80", "\xC2\xA0", "\xE4\xB8\xAD",
      "1", "\t", "-", "\xE2\x84\xAA"};
  std::mt19937 rng(20261202);
  PatternMaker maker(7);
  int bounded = 0, narrowed = 0, listed = 0;
  for (int p = 0; p < 1500; ++p) {
    const std::string pattern = maker.Alternation(2);
    const RE2 re(pattern, RE2::Quiet);
    if (!re.ok()) continue;  // e.g. a repetition of an assertion
    const RuleBounds bounds = DeriveRuleBounds(pattern);
    if (bounds.max_nonspace_chars != kUnboundedRule) ++bounded;
    if (!bounds.first_bytes.all()) ++narrowed;
    if (!bounds.first_chars.empty() && !bounds.last_chars.empty()) ++listed;
    for (int s = 0; s < 60; ++s) {
      std::string text;
      for (size_t n = std::uniform_int_distribution<size_t>(1, 7)(rng); n > 0; --n) {
        text += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
      }
      ExpectSound(re, bounds, text);
      if (HasFailure()) return;
    }
  }
  // The bounds are not all the trivial ones.
  EXPECT_GT(bounded, 300);
  EXPECT_GT(narrowed, 300);
  EXPECT_GT(listed, 200);
}

TEST(RuleBoundsTest, BuiltinRulesKeepTheirBoundsOnFixtureLines) {
  // The seeds' lines and their expected outputs and explanations (which
  // quote what each rule removed), trimmed and folded as the stage sees them.
  std::vector<std::string> lines;
  const std::string fixtures = NEWSCLEAN_FIXTURES_DIR;
  for (const char* dir : {"/seeds", "/expected"}) {
    for (const auto& entry : std::filesystem::directory_iterator(fixtures + dir)) {
      const std::string text = ReadFile(entry.path().string());
      for (const LineSpan& span : SplitLines(text)) {
        if (span.blank) continue;
        std::string line(
            TrimSpaces(std::string_view(text).substr(span.begin, span.end - span.begin)));
        if (!IsValidUtf8(line)) continue;
        ScriptTables::Get().FoldToSimplified(&line);
        lines.push_back(std::move(line));
      }
    }
  }
  ASSERT_GT(lines.size(), 500u);
  int matched = 0;
  for (const RuleSpec& rule : BuiltinRules()) {
    const std::string pattern = ExpandRuleMacros(rule.pattern);
    const RE2 re(pattern, RuleRe2Options());
    ASSERT_TRUE(re.ok()) << rule.name;
    const RuleBounds bounds = DeriveRuleBounds(pattern);
    for (const std::string& line : lines) {
      if (!re.Match(line, 0, line.size(), RE2::ANCHOR_BOTH, nullptr, 0)) continue;
      ++matched;
      EXPECT_LE(CountNonSpaceChars(line), bounds.max_nonspace_chars) << rule.name << ": " << line;
      EXPECT_TRUE(bounds.first_bytes[static_cast<unsigned char>(line[0])])
          << rule.name << ": " << line;
      size_t len = 0;
      EXPECT_TRUE(Listed(bounds.first_chars, DecodeUtf8(line, 0, &len)))
          << rule.name << ": " << line;
      EXPECT_TRUE(Listed(bounds.last_chars,
                         DecodeUtf8(line, PreviousCodePointStart(line, line.size()), &len)))
          << rule.name << ": " << line;
    }
  }
  EXPECT_GT(matched, 10);  // the seeds hold a few dozen furniture lines
}

}  // namespace
}  // namespace newsclean
