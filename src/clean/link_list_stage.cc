// Link lists without a heading: design note.
//
// Sites insert the headlines of other stories into a page, three or more in a
// row, between two paragraphs of the story; a scraper keeps them as
// paragraphs. Subheadings look alike but come one at a time, followed by the
// text they head. A run of paragraphs is removed as a link list only when all
// of these hold:
//   - it has at least kMinItems paragraphs, one after another;
//   - each is headline-shaped: kMinItemChars to kMaxItemChars characters, no
//     '。' or '；', at most one '，', not enumerated ("一、", "（二）"), not
//     ending with a colon (which would introduce what follows);
//   - the paragraphs on both sides of the run are body text: they end a
//     sentence and have at least kMinBodyChars characters, so the run sits
//     inside the story, not at a heading or a table of contents;
//   - a subheading right after the list is not part of it: a paragraph set
//     off by more blank lines than the list's items starts a new run, and of
//     a run of more than kMinItems the last is kept (a list followed by a
//     subheading and its text looks like a longer list).
// Lists at the end of a page, or with a heading, are left to the boilerplate
// rules (related-links): here the body text around the run is the evidence.
#include "src/clean/link_list_stage.h"

#include "src/clean/document_splits.h"
#include "src/text/paragraph_shape.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

constexpr size_t kMinItems = 3;
constexpr size_t kMinItemChars = 10;
constexpr size_t kMaxItemChars = 40;
constexpr size_t kMinBodyChars = 20;

bool IsHeadlineShaped(std::string_view p) {
  if (p.size() > 4 * kMaxItemChars) return false;  // too long in any encoding
  size_t i = 0, len = 0, chars = 0, commas = 0;
  char32_t last = 0;
  while (i < p.size()) {
    char32_t cp = DecodeUtf8(p, i, &len);
    if (cp == 0x3002 || cp == 0xFF1B || cp == ';') return false;  // 。；
    if (cp == 0xFF0C || cp == ',') ++commas;
    last = cp;
    ++chars;
    i += len;
  }
  if (chars < kMinItemChars || chars > kMaxItemChars || commas > 1) return false;
  if (last == 0xFF1A || last == ':') return false;
  return !ParagraphShape::Of(p).enumerator;
}

bool IsBody(std::string_view p) { return EndsSentence(p) && CountCodePoints(p) >= kMinBodyChars; }

}  // namespace

void LinkListStage::Process(Document* doc) const {
  std::string_view text = doc->text();
  const std::vector<Paragraph>& paragraphs = DocumentSplits::Paragraphs(*doc);
  auto content = [&](size_t i) {
    return text.substr(paragraphs[i].begin, paragraphs[i].end - paragraphs[i].begin);
  };
  std::vector<Cut> cuts;
  size_t i = 1;
  while (i + 1 < paragraphs.size()) {
    size_t end = i;
    while (end < paragraphs.size() && IsHeadlineShaped(content(end)) &&
           (end == i || end == i + 1 ||
            paragraphs[end].blank_lines_before <= paragraphs[i + 1].blank_lines_before)) {
      ++end;
    }
    const bool wider_gap =
        end < paragraphs.size() && end > i + 1 &&
        paragraphs[end].blank_lines_before > paragraphs[i + 1].blank_lines_before;
    size_t last = end;  // items [i, last) go
    if (end - i > kMinItems) --last;
    if (last - i >= kMinItems && end < paragraphs.size() && IsBody(content(i - 1)) &&
        (IsBody(content(end)) || (wider_gap && IsHeadlineShaped(content(end))))) {
      for (size_t k = i; k < last; ++k) {
        cuts.push_back(
            Cut{paragraphs[k].begin, paragraphs[k].end, Reason::kRelatedLinks, "link-list"});
      }
    }
    i = end > i ? end : i + 1;
  }
  if (!cuts.empty()) doc->ApplyCuts(std::move(cuts));
}

}  // namespace newsclean
