#include "src/clean/layout_stage.h"

#include "src/text/scratch.h"
#include "src/text/text_lines.h"

namespace newsclean {

std::string LayOut(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  thread_local std::vector<Paragraph> paragraphs;  // scratch: no allocation a page
  ScratchRelease release_paragraphs(&paragraphs);
  SplitParagraphs(text, &paragraphs);
  for (const Paragraph& p : paragraphs) {
    if (!out.empty()) out.push_back('\n');
    out.append(text.substr(p.begin, p.end - p.begin));
  }
  return out;
}

void LayoutStage::Process(Document* doc) const { doc->ReplaceTextForLayout(LayOut(doc->text())); }

}  // namespace newsclean
