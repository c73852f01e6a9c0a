// Shape tests on a paragraph's text, shared by the caption and reflow stages:
// is it a heading, does it end a sentence, where does it end.
#ifndef NEWSCLEAN_SRC_TEXT_PARAGRAPH_SHAPE_H_
#define NEWSCLEAN_SRC_TEXT_PARAGRAPH_SHAPE_H_

#include <string_view>

namespace newsclean {

// Sentence-final punctuation: 。！？!?…
bool IsSentenceFinal(char32_t cp);

// Returns true if trimmed paragraph `p` ends a sentence: a sentence-final mark,
// possibly followed by closing quotes or brackets.
bool EndsSentence(std::string_view p);

// The shape of a trimmed paragraph, summarized in one pass. Summaries of two
// trimmed paragraphs combine into the summary of their concatenation
// (Append), so that a paragraph joined piece by piece is never scanned again.
struct ParagraphShape {
  size_t chars = 0;
  bool enumerator = false;      // starts with an enumerator or a dash
  bool inner_space = false;     // a space between two words
  bool colon = false;           // ':' or '：'
  bool sentence_punct = false;  // sentence-final marks, '，' ',' '；' ';'
  bool clause_punct = false;    // '，' ',' '、' '；' ';' '：' ':' or a sentence-final mark
  char32_t last = 0;            // the last code point

  static ParagraphShape Of(std::string_view p);
  // Makes this the shape of this paragraph followed directly by `next`.
  void Append(const ParagraphShape& next);

  // True for the shape of a heading or a title line: it starts with an
  // enumerator ("一、", "(一)", "1.", "第三章") or a dash ("——"), holds a space
  // between two words (Chinese subheads set two phrases apart so), is a short
  // line with a colon ("新民市：…"), or ends with a closing quote or bracket
  // without any sentence punctuation inside.
  bool HeadingLike() const;
};

// Clause punctuation: '，' ',' '、' '；' ';' '：' ':' and sentence-final marks.
bool IsClausePunct(char32_t cp);

// ParagraphShape::Of(p).HeadingLike().
bool IsHeadingLike(std::string_view p);

// Returns the last code point of `p` (0 if empty).
char32_t LastCodePoint(std::string_view p);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_TEXT_PARAGRAPH_SHAPE_H_
