#include "src/clean/layout_stage.h"

#include <vector>

#include "src/clean/document_splits.h"
#include "src/text/scratch.h"
#include "src/text/text_lines.h"

namespace newsclean {
namespace {

// `text` laid out, given its paragraphs.
std::string LayOut(std::string_view text, const std::vector<Paragraph>& paragraphs) {
  std::string out;
  out.reserve(text.size());
  for (const Paragraph& p : paragraphs) {
    if (!out.empty()) out.push_back('\n');
    out.append(text.substr(p.begin, p.end - p.begin));
  }
  return out;
}

}  // namespace

std::string LayOut(std::string_view text) {
  thread_local std::vector<Paragraph> paragraphs;  // scratch: no allocation a page
  ScratchRelease release_paragraphs(&paragraphs);
  SplitParagraphs(text, &paragraphs);
  return LayOut(text, paragraphs);
}

void LayoutStage::Process(Document* doc) const {
  // The split the stages before took, when they left the text as it was.
  doc->ReplaceTextForLayout(LayOut(doc->text(), DocumentSplits::Paragraphs(*doc)));
}

}  // namespace newsclean
