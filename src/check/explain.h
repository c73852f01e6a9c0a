// Rendering for `newsclean explain`: a document's original text with every
// removal marked where it was, so a wrong removal shows at a glance.
//   removed text      [-rule: text-]           (on a terminal: red, struck through)
//   a reflow join     [+reflow+] in place of the paragraph break it joined
// Removals nested inside a larger removal are shown as part of it.
#ifndef NEWSCLEAN_SRC_CHECK_EXPLAIN_H_
#define NEWSCLEAN_SRC_CHECK_EXPLAIN_H_

#include <string>
#include <string_view>
#include <vector>

#include "newsclean/document.h"

namespace newsclean {

std::string RenderExplain(std::string_view original, const std::vector<Removal>& removals, bool color);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CHECK_EXPLAIN_H_
