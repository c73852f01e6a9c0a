// The matching view: what near-duplicate detection and repeated-paragraph
// removal compare. NFKC_Casefold (full-width and compatibility forms, case),
// traditional folded to simplified, punctuation, separators, control and format
// characters dropped. It never changes output text. One table lookup per code
// point (ScriptTables::AppendMatchView); no ICU calls.
#ifndef NEWSCLEAN_SRC_TEXT_MATCH_VIEW_H_
#define NEWSCLEAN_SRC_TEXT_MATCH_VIEW_H_

#include <string_view>
#include <vector>

namespace newsclean {

// Replaces *out with the matching view of valid UTF-8 `text`.
void MatchView(std::string_view text, std::vector<char32_t>* out);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_TEXT_MATCH_VIEW_H_
