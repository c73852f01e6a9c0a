// Shape tests on a paragraph's text, shared by the caption and reflow stages:
// is it a heading, does it end a sentence, where does it end.
#ifndef NEWSCLEAN_SRC_PARAGRAPH_SHAPE_H_
#define NEWSCLEAN_SRC_PARAGRAPH_SHAPE_H_

#include <string_view>

namespace newsclean {

// Sentence-final punctuation: 。！？!?…
bool IsSentenceFinal(char32_t cp);

// Returns true if trimmed paragraph `p` ends a sentence: a sentence-final mark,
// possibly followed by closing quotes or brackets.
bool EndsSentence(std::string_view p);

// Returns true if `p` has the shape of a heading or a title line: it starts
// with an enumerator ("一、", "(一)", "1.", "第三章") or a dash ("——"), holds a
// space between two words (Chinese subheads set two phrases apart so), is a
// short line with a colon ("新民市：…"), or ends with a closing quote or
// bracket without any sentence punctuation inside.
bool IsHeadingLike(std::string_view p);

// Returns the last code point of `p` (0 if empty).
char32_t LastCodePoint(std::string_view p);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_PARAGRAPH_SHAPE_H_
