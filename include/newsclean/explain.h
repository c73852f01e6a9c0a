// Explain: a document's original text with every removal marked where it
// was, so a wrong removal shows at a glance (what `newsclean explain` prints).
//   removed text      [-rule: text-]           (on a terminal: red, struck through)
//   a reflow join     [+reflow+] in place of the paragraph break it joined
// Removals nested inside a larger removal are shown as part of it.
#ifndef NEWSCLEAN_EXPLAIN_H_
#define NEWSCLEAN_EXPLAIN_H_

#include <string>
#include <string_view>
#include <vector>

#include "newsclean/cleaner.h"
#include "newsclean/document.h"

namespace newsclean {

// Cleans *doc (its text as read) and returns the marked-up original text,
// then a summary line: "# ID: N removals, RULE COUNT, ...[; dropped (REASON)]".
// Paragraph separators other than '\n' (a bare '\r', U+2028, ...) are shown
// as line breaks. `color`: ANSI colours for a terminal. Thread-safe as
// Cleaner::Clean is.
std::string ExplainDocument(const Cleaner& cleaner, Document* doc, bool color);

// The marked-up text alone: `original` with `removals` (byte spans of it)
// marked.
std::string RenderExplain(std::string_view original, const std::vector<Removal>& removals,
                          bool color);

}  // namespace newsclean

#endif  // NEWSCLEAN_EXPLAIN_H_
