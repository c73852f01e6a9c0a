#include "src/text/paragraph_shape.h"

#include "src/text/utf8.h"

namespace newsclean {
namespace {

bool IsClosingMark(char32_t cp) {
  return cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F || cp == 0x300B ||
         cp == 0x3009 || cp == ')' || cp == 0xFF09 || cp == '"' || cp == 0x3011;
}

bool IsChineseNumeral(char32_t cp) {
  switch (cp) {
    case U'一':
    case U'二':
    case U'三':
    case U'四':
    case U'五':
    case U'六':
    case U'七':
    case U'八':
    case U'九':
    case U'十':
    case U'百':
    case U'零':
      return true;
    default:
      return false;
  }
}

// Skips the Chinese or Arabic numerals at p[*i]; returns how many there were
// and leaves *i at the code point after them.
size_t SkipNumerals(std::string_view p, size_t* i) {
  size_t count = 0, len = 0;
  while (*i < p.size()) {
    char32_t c = DecodeUtf8(p, *i, &len);
    if (!IsChineseNumeral(c) && !(c >= '0' && c <= '9')) break;
    ++count;
    *i += len;
  }
  return count;
}

bool StartsWithEnumerator(std::string_view p) {
  if (p.empty()) return false;
  size_t len = 0;
  char32_t cp = DecodeUtf8(p, 0, &len);
  if (cp == 0x2014 || cp == 0x2015) return true;  // —— subtitle dash
  bool paren = cp == '(' || cp == 0xFF08;         // (一) （1）
  bool ordinal = cp == U'第';                     // 第三章, 第二部分
  size_t i = paren || ordinal ? len : 0;
  size_t numerals = SkipNumerals(p, &i);
  if (numerals == 0 || i >= p.size()) return false;
  char32_t next = DecodeUtf8(p, i, &len);
  if (paren) return next == ')' || next == 0xFF09;
  if (ordinal)
    return next == U'章' || next == U'节' || next == U'節' || next == U'部' || next == U'篇';
  return numerals <= 3 && (next == 0x3001 || next == '.' || next == 0xFF0E);  // 一、 1. １．
}

}  // namespace

bool IsSentenceFinal(char32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?' || cp == 0x2026 ||
         cp == 0xFF0E;
}

char32_t LastCodePoint(std::string_view p) {
  size_t len = 0;
  return p.empty() ? 0 : DecodeUtf8(p, PreviousCodePointStart(p, p.size()), &len);
}

bool EndsSentence(std::string_view p) {
  size_t end = p.size(), len = 0;
  while (end > 0) {
    size_t start = PreviousCodePointStart(p, end);
    char32_t cp = DecodeUtf8(p, start, &len);
    if (IsSentenceFinal(cp)) return true;
    if (!IsClosingMark(cp)) return false;
    end = start;
  }
  return false;
}

bool IsClausePunct(char32_t cp) {
  return cp == 0xFF0C || cp == ',' || cp == 0x3001 || cp == 0xFF1B || cp == ';' || cp == 0xFF1A ||
         cp == ':' || IsSentenceFinal(cp);
}

ParagraphShape ParagraphShape::Of(std::string_view p) {
  ParagraphShape shape;
  shape.enumerator = StartsWithEnumerator(p);
  size_t i = 0, len = 0;
  char32_t prev = 0;
  while (i < p.size()) {
    char32_t cp = DecodeUtf8(p, i, &len);
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'z')) {
      // Han characters, digits and letters: none of the marks below.
      prev = cp;
      ++shape.chars;
      i += len;
      continue;
    }
    if (IsSpaceChar(cp) && prev != 0 && !IsSpaceChar(prev)) shape.inner_space = true;
    if (cp == ':' || cp == 0xFF1A) shape.colon = true;
    if (IsSentenceFinal(cp) || cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';') {
      shape.sentence_punct = true;
    }
    if (IsClausePunct(cp)) shape.clause_punct = true;
    prev = cp;
    ++shape.chars;
    i += len;
  }
  shape.last = prev;
  return shape;
}

void ParagraphShape::Append(const ParagraphShape& next) {
  if (chars == 0) {
    *this = next;
    return;
  }
  if (next.chars == 0) return;
  // Both are trimmed: nothing at the seam is a space, and the enumerator is
  // the first part's.
  chars += next.chars;
  inner_space = inner_space || next.inner_space;
  colon = colon || next.colon;
  sentence_punct = sentence_punct || next.sentence_punct;
  clause_punct = clause_punct || next.clause_punct;
  last = next.last;
}

bool ParagraphShape::HeadingLike() const {
  if (enumerator || inner_space) return true;
  if (colon && chars <= 30) return true;
  if (IsClosingMark(last) && !sentence_punct) return true;
  return false;
}

bool IsHeadingLike(std::string_view p) { return ParagraphShape::Of(p).HeadingLike(); }

}  // namespace newsclean
