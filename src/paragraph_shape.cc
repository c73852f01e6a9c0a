#include "src/paragraph_shape.h"

#include "src/utf8.h"

namespace newsclean {
namespace {

bool IsClosingMark(char32_t cp) {
  return cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F || cp == 0x300B ||
         cp == 0x3009 || cp == ')' || cp == 0xFF09 || cp == '"' || cp == 0x3011;
}

bool IsChineseNumeral(char32_t cp) {
  switch (cp) {
    case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七':
    case U'八': case U'九': case U'十': case U'百': case U'零':
      return true;
    default:
      return false;
  }
}

bool StartsWithEnumerator(std::string_view p) {
  size_t i = 0, len = 0;
  if (p.empty()) return false;
  char32_t cp = DecodeUtf8(p, 0, &len);
  if (cp == 0x2014 || cp == 0x2015) return true;  // —— subtitle dash
  if (cp == '(' || cp == 0xFF08) {  // (一) （1）
    i = len;
    size_t digits = 0;
    while (i < p.size()) {
      char32_t c = DecodeUtf8(p, i, &len);
      if (!IsChineseNumeral(c) && !(c >= '0' && c <= '9')) break;
      ++digits;
      i += len;
    }
    if (digits == 0 || i >= p.size()) return false;
    char32_t close = DecodeUtf8(p, i, &len);
    return close == ')' || close == 0xFF09;
  }
  if (cp == U'第') {  // 第三章, 第二部分
    i = len;
    size_t digits = 0;
    while (i < p.size()) {
      char32_t c = DecodeUtf8(p, i, &len);
      if (!IsChineseNumeral(c) && !(c >= '0' && c <= '9')) break;
      ++digits;
      i += len;
    }
    if (digits == 0 || i >= p.size()) return false;
    char32_t unit = DecodeUtf8(p, i, &len);
    return unit == U'章' || unit == U'节' || unit == U'節' || unit == U'部' || unit == U'篇';
  }
  size_t digits = 0;
  while (i < p.size()) {
    char32_t c = DecodeUtf8(p, i, &len);
    if (!IsChineseNumeral(c) && !(c >= '0' && c <= '9')) break;
    ++digits;
    i += len;
  }
  if (digits == 0 || digits > 3 || i >= p.size()) return false;
  char32_t mark = DecodeUtf8(p, i, &len);
  return mark == 0x3001 || mark == '.' || mark == 0xFF0E;  // 一、 1. １．
}

}  // namespace

bool IsSentenceFinal(char32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?' ||
         cp == 0x2026 || cp == 0xFF0E;
}

char32_t FirstCodePoint(std::string_view p) {
  size_t len = 0;
  return p.empty() ? 0 : DecodeUtf8(p, 0, &len);
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

bool IsHeadingLike(std::string_view p) {
  if (StartsWithEnumerator(p)) return true;
  size_t i = 0, len = 0, chars = 0;
  bool inner_space = false, colon = false, sentence_punct = false;
  char32_t prev = 0;
  while (i < p.size()) {
    char32_t cp = DecodeUtf8(p, i, &len);
    if (IsSpaceChar(cp) && prev != 0 && !IsSpaceChar(prev)) inner_space = true;
    if (cp == ':' || cp == 0xFF1A) colon = true;
    if (IsSentenceFinal(cp) || cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';') {
      sentence_punct = true;
    }
    prev = cp;
    ++chars;
    i += len;
  }
  if (inner_space) return true;
  if (colon && chars <= 30) return true;
  if (IsClosingMark(LastCodePoint(p)) && !sentence_punct) return true;
  return false;
}

}  // namespace newsclean
