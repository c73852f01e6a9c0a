// ExpandRuleMacros (declared in src/clean/rule_set.h), on its own so that the
// build-time clause generator (tools/gen_rule_clauses.cc) links it without the
// rule-file reader.
#include "absl/strings/str_replace.h"
#include "src/clean/rule_set.h"
#include "src/text/strings.h"

namespace newsclean {

std::string ExpandRuleMacros(std::string_view pattern) {
  // Two passes: {names} and {date} are written with {sp} and {name}.
  std::string once = absl::StrReplaceAll(
      AV(pattern), {{"{names}", "{name}(?:(?:{sp}*[、/／]{sp}*|{sp}+|{sp}*和{sp}*){name})*"},
                    {"{date}", R"((?:\d{2,4}年)?\d{1,2}月\d{1,2}日)"}});
  // {han}: the ranges of the Han ideographs of the BMP (URO, extension A,
  // compatibility), for use inside a class ("[{han}·]"): a far smaller UTF-8
  // automaton than \p{Han}, which reaches into planes 2 and 3, for the same
  // text in practice.
  return absl::StrReplaceAll(
      once, {{"{sp}", R"([\s\x{00A0}\x{3000}])"},
             {"{name}", R"([\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}·]{2,4})"},
             {"{han}", R"(\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF})"}});
}

}  // namespace newsclean
