#include "src/text/text_lines.h"

#include <algorithm>

#include "src/text/utf8.h"

namespace newsclean {

std::vector<LineSpan> SplitLines(std::string_view text) {
  std::vector<LineSpan> lines;
  // Most pages have fewer than 32 lines: one allocation, not five; none for
  // an empty text, and no more than a line a byte for a short one.
  lines.reserve(std::min<size_t>(32, text.size()));
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    size_t content_end = end;
    if (content_end > pos && text[content_end - 1] == '\r') --content_end;
    std::string_view line = text.substr(pos, content_end - pos);
    lines.push_back(LineSpan{pos, content_end, TrimSpaces(line).empty()});
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return lines;
}

std::vector<Paragraph> SplitParagraphs(std::string_view text) {
  std::vector<Paragraph> paragraphs;
  const std::vector<LineSpan> lines = SplitLines(text);
  paragraphs.reserve(lines.size());
  size_t blanks = 0;
  for (const LineSpan& line : lines) {
    if (line.blank) {
      ++blanks;
      continue;
    }
    std::string_view content = text.substr(line.begin, line.end - line.begin);
    std::string_view trimmed = TrimSpaces(content);
    size_t b = line.begin + static_cast<size_t>(trimmed.data() - content.data());
    paragraphs.push_back(Paragraph{b, b + trimmed.size(), line.begin, line.end, blanks});
    blanks = 0;
  }
  return paragraphs;
}

}  // namespace newsclean
