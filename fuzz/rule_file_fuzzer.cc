// Fuzzes the rule-file parser and rule compilation: any bytes as a rule file.
// Checks: parsing and compiling never crash; rules that compile clean text;
// their length and first-byte bounds hold for every whole-line match on the
// input's lines.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "newsclean/cleaner.h"
#include "re2/re2.h"
#include "src/clean/boilerplate_stage.h"
#include "src/clean/rule_bounds.h"
#include "src/clean/rule_clauses.h"
#include "src/clean/rule_set.h"
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
    for (const newsclean::LineSpan& span : newsclean::SplitLines(contents)) {
      const std::string_view line =
          std::string_view(contents).substr(span.begin, span.end - span.begin);
      if (line.empty() || !re.Match(line, 0, line.size(), RE2::ANCHOR_BOTH, nullptr, 0)) continue;
      if (newsclean::CountNonSpaceChars(line) > bounds.max_nonspace_chars) std::abort();
      if (!bounds.first_bytes[static_cast<unsigned char>(line[0])]) std::abort();
    }
  }
  return 0;
}
