// Fuzzes the rule-file parser and rule compilation: any bytes as a rule file.
// Checks: parsing and compiling never crash; rules that compile clean text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "newsclean/cleaner.h"
#include "src/clean/boilerplate_stage.h"
#include "src/clean/rule_set.h"
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
  return 0;
}
