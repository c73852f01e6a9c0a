// DocumentSplits: the lines and the paragraphs of a document's current text,
// split once while the text stays the same.
//
// Most cleaning stages read the text line by line or paragraph by paragraph
// and change nothing on most pages: each split the same text again. Here the
// split of the text last asked for is kept, per thread, and handed to the
// next stage that asks while the text is unchanged (every change of a
// document's text gives it a version no text had before; the key is that
// version with the text's address and size, so a copied or moved-from
// document is split anew rather than taken for another).
//
// The reference returned stays valid until the next call of the same function
// on the same thread, or until the document's text changes: a stage takes it,
// reads it, and cuts only after it is done with it.
#ifndef NEWSCLEAN_SRC_CLEAN_DOCUMENT_SPLITS_H_
#define NEWSCLEAN_SRC_CLEAN_DOCUMENT_SPLITS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "newsclean/document.h"
#include "src/text/text_lines.h"

namespace newsclean {

// What identifies a document's current text for a cache kept per thread:
// its version with its address and size.
struct TextKey {
  uint64_t version = 0;
  const char* data = nullptr;  // nullptr: no text yet (a text's data() never is)
  size_t size = 0;
  bool operator==(const TextKey&) const = default;
};

class DocumentSplits {
 public:
  // The key of doc's current text.
  static TextKey KeyOf(const Document& doc);
  // SplitParagraphs(doc.text()).
  static const std::vector<Paragraph>& Paragraphs(const Document& doc);
  // SplitLines(doc.text()).
  static const std::vector<LineSpan>& Lines(const Document& doc);
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_DOCUMENT_SPLITS_H_
