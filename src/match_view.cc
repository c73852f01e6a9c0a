#include "src/match_view.h"

#include "src/script_tables.h"
#include "src/utf8.h"

namespace newsclean {

void MatchView(std::string_view text, std::vector<char32_t>* out) {
  const ScriptTables& tables = ScriptTables::Get();
  out->clear();
  out->reserve(text.size() / 2);
  size_t i = 0, len = 0;
  while (i < text.size()) {
    char32_t cp = DecodeUtf8(text, i, &len);
    tables.AppendMatchView(cp, out);
    i += len;
  }
}

}  // namespace newsclean
