#include "src/text/text_lines.h"

#include <algorithm>

#include "src/text/utf8.h"

namespace newsclean {

namespace {

// Calls fn(begin, end) for each line of `text`: [begin, end) without the '\n'
// and a '\r' before it.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    const size_t end = nl == std::string_view::npos ? text.size() : nl;
    size_t content_end = end;
    if (content_end > pos && text[content_end - 1] == '\r') --content_end;
    fn(pos, content_end);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
}

}  // namespace

void SplitLines(std::string_view text, std::vector<LineSpan>* lines) {
  lines->clear();
  ForEachLine(text, [&](size_t begin, size_t end) {
    lines->push_back(LineSpan{begin, end, TrimSpaces(text.substr(begin, end - begin)).empty()});
  });
}

std::vector<LineSpan> SplitLines(std::string_view text) {
  std::vector<LineSpan> lines;
  // Most pages have fewer than 32 lines: one allocation, not five; none for
  // an empty text, and no more than a line a byte for a short one.
  lines.reserve(std::min<size_t>(32, text.size()));
  SplitLines(text, &lines);
  return lines;
}

void SplitParagraphs(std::string_view text, std::vector<Paragraph>* paragraphs) {
  paragraphs->clear();
  size_t blanks = 0;
  ForEachLine(text, [&](size_t begin, size_t end) {
    const std::string_view content = text.substr(begin, end - begin);
    const std::string_view trimmed = TrimSpaces(content);
    if (trimmed.empty()) {
      ++blanks;
      return;
    }
    const size_t b = begin + static_cast<size_t>(trimmed.data() - content.data());
    paragraphs->push_back(Paragraph{b, b + trimmed.size(), begin, end, blanks});
    blanks = 0;
  });
}

std::vector<Paragraph> SplitParagraphs(std::string_view text) {
  std::vector<Paragraph> paragraphs;
  paragraphs.reserve(std::min<size_t>(32, text.size()));
  SplitParagraphs(text, &paragraphs);
  return paragraphs;
}

}  // namespace newsclean
