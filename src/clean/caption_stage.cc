// Image captions: design note.
//
// A caption is a short sentence that a page sets apart where its image was,
// and scrapers keep it as a paragraph of its own. Ordinary short paragraphs
// look the same, so one piece of evidence is never enough; a paragraph goes as
// a caption only when all of these hold:
//   1. the gap: two or more blank lines before it, in a document whose usual
//      separator is fewer (the lines the image left);
//   2. the shape: one sentence of at most kMaxCaptionChars characters ending
//      with '。', with at most one comma, no question or exclamation mark, no
//      colon or semicolon, no 「」 quotation and no parenthesis (captions name
//      what is shown; body text argues, quotes and asks);
//   3. the place: the sentence around it continues through it (the paragraph
//      before ends mid-sentence and the one after completes it, so the caption
//      interrupted it), or it sits next to a heading (images open or close a
//      section).
// Captions that carry their own marker (图为…, 资料照片：…, a photo credit such
// as （記者某某攝）) are removed by the boilerplate rules, whatever their place.
#include "src/clean/caption_stage.h"

#include "src/clean/document_splits.h"
#include "src/clean/paragraph_join_stage.h"
#include "src/text/paragraph_shape.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

constexpr size_t kMaxHeadingChars = 40;

// The caption shape (point 2 above).
bool HasCaptionShape(std::string_view p, size_t max_chars) {
  if (p.size() > 4 * max_chars) return false;                        // too long in any encoding
  if (!EndsSentence(p) || LastCodePoint(p) != 0x3002) return false;  // 。
  size_t i = 0, len = 0, chars = 0, finals = 0, commas = 0;
  char32_t prev = 0;
  while (i < p.size()) {
    char32_t cp = DecodeUtf8(p, i, &len);
    switch (cp) {
      case 0xFF1F:
      case '?':
      case 0xFF01:
      case '!':
      case 0xFF1A:
      case ':':
      case 0xFF1B:
      case ';':
      case 0x300C:
      case 0x300E:
      case 0xFF08:
      case '(':
        return false;
      case 0xFF0C:
      case ',':
        ++commas;
        break;
      default:
        break;
    }
    if (IsSentenceFinal(cp) && !IsSentenceFinal(prev)) ++finals;
    prev = cp;
    ++chars;
    i += len;
  }
  return finals == 1 && commas <= 1 && chars <= max_chars;
}

// A heading: short, heading-shaped and not a sentence.
bool IsHeading(std::string_view p) {
  return !EndsSentence(p) && CountCodePoints(p) <= kMaxHeadingChars && IsHeadingLike(p);
}

}  // namespace

void CaptionStage::Process(Document* doc) const {
  std::string_view text = doc->text();
  const std::vector<Paragraph>& paragraphs = DocumentSplits::Paragraphs(*doc);
  if (paragraphs.size() < 3) return;
  // The extra blank lines must be extra: skip documents whose paragraphs are
  // usually set two or more blank lines apart.
  size_t wide = 0;
  for (size_t i = 1; i < paragraphs.size(); ++i) wide += paragraphs[i].blank_lines_before >= 2;
  if (wide * 3 > paragraphs.size() - 1) return;
  auto content = [&](size_t i) {
    return text.substr(paragraphs[i].begin, paragraphs[i].end - paragraphs[i].begin);
  };
  std::vector<Cut> cuts;
  for (size_t i = 1; i < paragraphs.size(); ++i) {
    if (paragraphs[i].blank_lines_before < 2) continue;
    if (!HasCaptionShape(content(i), max_chars_)) continue;
    const bool last = i + 1 == paragraphs.size();
    const bool interrupts = !last && IsBrokenParagraph(content(i - 1), content(i + 1));
    const bool by_heading = IsHeading(content(i - 1)) || (!last && IsHeading(content(i + 1)));
    if (!interrupts && !by_heading) continue;
    cuts.push_back(
        Cut{paragraphs[i].begin, paragraphs[i].end, Reason::kImageCaption, "image-caption"});
  }
  if (!cuts.empty()) doc->ApplyCuts(std::move(cuts));
}

}  // namespace newsclean
