#include "src/caption_stage.h"

#include "src/paragraph_shape.h"
#include "src/text_lines.h"
#include "src/utf8.h"

namespace newsclean {
namespace {

// A single sentence: ends a sentence and has no sentence-final mark before its
// last one.
bool IsSingleSentence(std::string_view p) {
  if (!EndsSentence(p)) return false;
  size_t i = 0, len = 0, finals = 0;
  char32_t prev = 0;
  while (i < p.size()) {
    char32_t cp = DecodeUtf8(p, i, &len);
    if (IsSentenceFinal(cp) && !IsSentenceFinal(prev)) ++finals;
    prev = cp;
    i += len;
  }
  return finals == 1;
}

}  // namespace

void CaptionStage::Process(Document* doc) const {
  std::string_view text = doc->text();
  std::vector<Paragraph> paragraphs = SplitParagraphs(text);
  if (paragraphs.size() < 3) return;
  // The extra blank lines must be extra: skip documents whose paragraphs are
  // usually set two or more blank lines apart.
  size_t wide = 0;
  for (size_t i = 1; i < paragraphs.size(); ++i) wide += paragraphs[i].blank_lines_before >= 2;
  if (wide * 3 > paragraphs.size() - 1) return;
  std::vector<Cut> cuts;
  for (size_t i = 1; i < paragraphs.size(); ++i) {
    const Paragraph& p = paragraphs[i];
    if (p.blank_lines_before < 2) continue;
    std::string_view content = text.substr(p.begin, p.end - p.begin);
    if (CountCodePoints(content) > max_chars_ || !IsSingleSentence(content)) continue;
    cuts.push_back(Cut{p.begin, p.end, Reason::kImageCaption, "image-caption"});
  }
  if (!cuts.empty()) doc->ApplyCuts(std::move(cuts));
}

}  // namespace newsclean
