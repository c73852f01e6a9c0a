// Fuzzes the rule-file parser and rule compilation: any bytes as a rule file.
// Checks: parsing and compiling never crash; rules that compile clean text;
// their length, first-byte and first- and last-character bounds hold for every
// whole-line match on the input's lines; each rule's guard matches wherever
// the rule does; a search from the rule's starts finds RE2's own first match.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "newsclean/cleaner.h"
#include "re2/re2.h"
#include "src/clean/boilerplate_stage.h"
#include "src/clean/rule_bounds.h"
#include "src/clean/rule_clauses.h"
#include "src/clean/rule_guard.h"
#include "src/clean/rule_set.h"
#include "src/clean/rule_starts.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string contents;
  newsclean::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data), size), &contents);
  auto rules = newsclean::ParseRuleFile(contents, "fuzz.rules");
  if (!rules.ok()) return 0;
  auto stage = newsclean::BoilerplateStage::Create(std::move(*rules));
  if (!stage.ok()) return 0;
  newsclean::Document doc;
  doc.SetOriginalText("分享\n本报讯 记者狄文君报道 今年以来，铁岭市立足本市实际。\n编辑:唐依婷");
  (*stage)->Process(&doc);
  if (!newsclean::IsValidUtf8(doc.text())) std::abort();
  // The bounds the stage skips lines by are sound: every whole-line match of
  // a rule, on the input's own lines (where the fuzzer can write matches),
  // keeps them (src/clean/rule_bounds.h).
  const auto reparsed = newsclean::ParseRuleFile(contents, "fuzz.rules");
  for (const newsclean::RuleSpec& rule : *reparsed) {
    const std::string pattern = newsclean::ExpandRuleMacros(rule.pattern);
    const RE2 re(pattern, newsclean::RuleRe2Options());
    if (!re.ok()) continue;
    const newsclean::RuleBounds bounds = newsclean::DeriveRuleBounds(pattern);
    const std::string uncounted = newsclean::UncountRepetitions(pattern);
    const RE2 guard(uncounted.empty() ? pattern : uncounted, newsclean::RuleRe2Options());
    const newsclean::MatchStarts starts(re, pattern);
    // Whether `chars` lists `cp`, or lists nothing (not known).
    auto listed = [](const std::vector<char32_t>& chars, char32_t cp) {
      return chars.empty() || std::find(chars.begin(), chars.end(), cp) != chars.end();
    };
    for (const newsclean::LineSpan& span : newsclean::SplitLines(contents)) {
      const std::string_view line =
          std::string_view(contents).substr(span.begin, span.end - span.begin);
      const re2::StringPiece text(line.data(), line.size());
      re2::StringPiece found, from_starts;
      const bool anywhere = re.Match(text, 0, line.size(), RE2::UNANCHORED, &found, 1);
      if (anywhere && guard.ok() &&
          !guard.Match(text, 0, line.size(), RE2::UNANCHORED, nullptr, 0)) {
        std::abort();
      }
      if (starts.usable()) {
        size_t tries_left = newsclean::MatchStarts::kTriesPerLine;
        const bool by_starts = starts.Match(re, text, 0, &from_starts, 1, &tries_left);
        // The same first match, unless RE2's is empty (a scan steps past it).
        if (anywhere && !found.empty() &&
            (!by_starts || from_starts.data() != found.data() ||
             from_starts.size() != found.size())) {
          std::abort();
        }
        if (by_starts && !anywhere) std::abort();
      }
      if (line.empty() || !re.Match(line, 0, line.size(), RE2::ANCHOR_BOTH, nullptr, 0)) continue;
      if (newsclean::CountNonSpaceChars(line) > bounds.max_nonspace_chars) std::abort();
      if (!bounds.first_bytes[static_cast<unsigned char>(line[0])]) std::abort();
      size_t len = 0;
      if (!listed(bounds.first_chars, newsclean::DecodeUtf8(line, 0, &len))) std::abort();
      const size_t last = newsclean::PreviousCodePointStart(line, line.size());
      if (!listed(bounds.last_chars, newsclean::DecodeUtf8(line, last, &len))) std::abort();
      if (guard.ok() && !guard.Match(text, 0, line.size(), RE2::ANCHOR_BOTH, nullptr, 0)) {
        std::abort();
      }
    }
  }
  return 0;
}
