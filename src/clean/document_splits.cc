#include "src/clean/document_splits.h"

namespace newsclean {
namespace {

// A split kept for the thread, with the text it was made of. A split of a
// very large text is not kept past the next one, so that one huge page does
// not pin its memory for the rest of the run.
template <typename Item>
struct KeptSplit {
  static constexpr size_t kMaxKeptBytes = size_t{1} << 20;
  TextKey key;
  std::vector<Item> items;

  template <typename SplitFn>
  const std::vector<Item>& Get(const TextKey& for_key, std::string_view text, SplitFn split) {
    if (key == for_key) return items;
    if (items.capacity() * sizeof(Item) > kMaxKeptBytes) std::vector<Item>().swap(items);
    split(text, &items);
    key = for_key;
    return items;
  }
};

}  // namespace

TextKey DocumentSplits::KeyOf(const Document& doc) {
  return TextKey{doc.text_version_, doc.text_.data(), doc.text_.size()};
}

const std::vector<Paragraph>& DocumentSplits::Paragraphs(const Document& doc) {
  thread_local KeptSplit<Paragraph> kept;
  const TextKey key = KeyOf(doc);
  return kept.Get(key, doc.text_, [](std::string_view text, std::vector<Paragraph>* out) {
    SplitParagraphs(text, out);
  });
}

const std::vector<LineSpan>& DocumentSplits::Lines(const Document& doc) {
  thread_local KeptSplit<LineSpan> kept;
  const TextKey key = KeyOf(doc);
  return kept.Get(key, doc.text_,
                  [](std::string_view text, std::vector<LineSpan>* out) { SplitLines(text, out); });
}

}  // namespace newsclean
