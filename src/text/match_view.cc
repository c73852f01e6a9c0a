#include "src/text/match_view.h"

#include "src/text/script_tables.h"

namespace newsclean {

void MatchView(std::string_view text, std::vector<char32_t>* out) {
  out->clear();
  ScriptTables::Get().AppendMatchView(text, out);
}

}  // namespace newsclean
