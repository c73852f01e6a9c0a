// Line splitting with byte offsets, shared by the line-oriented stages.
#ifndef NEWSCLEAN_SRC_TEXT_TEXT_LINES_H_
#define NEWSCLEAN_SRC_TEXT_TEXT_LINES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace newsclean {

// A line of a text: [begin, end) excludes the '\n' (and a '\r' before it).
struct LineSpan {
  size_t begin = 0;
  size_t end = 0;
  bool blank = false;  // holds nothing but IsSpaceChar characters
};

// Splits `text` at '\n'. A final line without '\n' counts; an empty text has none.
std::vector<LineSpan> SplitLines(std::string_view text);
// The same into *lines, cleared first: a caller that keeps the vector from
// one document to the next (a thread_local scratch) allocates nothing once
// it has grown.
void SplitLines(std::string_view text, std::vector<LineSpan>* lines);

// A paragraph: one non-blank line (scraped pages put one paragraph on each
// line), with the number of blank lines that precede it.
struct Paragraph {
  size_t begin = 0;  // trimmed content span in the text
  size_t end = 0;
  size_t line_begin = 0;  // untrimmed line span
  size_t line_end = 0;
  size_t blank_lines_before = 0;  // blank lines between it and the previous paragraph
};

std::vector<Paragraph> SplitParagraphs(std::string_view text);
// The same into *paragraphs, cleared first (as SplitLines above).
void SplitParagraphs(std::string_view text, std::vector<Paragraph>* paragraphs);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_TEXT_TEXT_LINES_H_
