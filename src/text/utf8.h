// UTF-8 helpers for the hot loops: decoding without allocation, repair of
// ill-formed input, and the character classes the cleaner needs (Han, spaces).
// Character classes are fixed code point ranges, not ICU calls; punctuation
// for matching comes from ICU-derived tables (src/text/match_view.h).
#ifndef NEWSCLEAN_SRC_TEXT_UTF8_H_
#define NEWSCLEAN_SRC_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace newsclean {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// The length of the UTF-8 sequence that lead byte `c` starts (1 for ASCII and,
// in ill-formed text, for a stray continuation byte).
inline size_t Utf8SequenceLength(unsigned char c) {
  return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

// Decodes the three-byte sequence at p. REQUIRES: valid UTF-8, p[0] in E0..EF.
inline char32_t DecodeUtf8Three(const char* p) {
  return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
}

// Writes `cp` over the `len` bytes at p (2, 3 or 4), which hold a code point
// of the same UTF-8 length: folds in place keep byte offsets.
inline void OverwriteUtf8(char32_t cp, size_t len, char* p) {
  if (len == 2) {
    p[0] = static_cast<char>(0xC0 | (cp >> 6));
  } else if (len == 3) {
    p[0] = static_cast<char>(0xE0 | (cp >> 12));
    p[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  } else {
    p[0] = static_cast<char>(0xF0 | (cp >> 18));
    p[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    p[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  }
  p[len - 1] = static_cast<char>(0x80 | (cp & 0x3F));
}

// Decodes the code point starting at s[i] and stores its byte length in *len.
// REQUIRES: s is valid UTF-8 and i < s.size() is the start of a code point.
inline char32_t DecodeUtf8(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  if (c < 0xE0) {
    *len = 2;
    return ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
  }
  if (c < 0xF0) {
    *len = 3;
    return DecodeUtf8Three(s.data() + i);
  }
  *len = 4;
  return ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
         (s[i + 3] & 0x3F);
}

// Returns the start of the code point that ends just before s[i].
// REQUIRES: 0 < i <= s.size(), s valid UTF-8.
inline size_t PreviousCodePointStart(std::string_view s, size_t i) {
  do {
    --i;
  } while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
  return i;
}

void AppendUtf8(char32_t cp, std::string* out);

// Returns true if `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// Copies `in` to *out, replacing every maximal ill-formed subsequence with
// U+FFFD (the Unicode "substitution of maximal subparts" practice). Returns
// the number of replacements.
size_t RepairUtf8(std::string_view in, std::string* out);

// Han ideographs: the URO, extension A, the compatibility ideographs and the
// supplementary-plane extensions B-H and compatibility supplement.
inline bool IsHan(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF);
}

// Whitespace as scraped pages have it: ASCII, NBSP, ideographic space, the
// zero-width space and the byte-order mark.
inline bool IsSpaceChar(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v' ||
         cp == 0x00A0 || cp == 0x3000 || cp == 0x200B || cp == 0xFEFF ||
         (cp >= 0x2000 && cp <= 0x200A);
}

// Returns `s` without leading and trailing IsSpaceChar characters. Reads only
// bytes inside `s`: safe on ill-formed UTF-8 (raw input lines before repair).
std::string_view TrimSpaces(std::string_view s);

// Number of code points in valid UTF-8 `s`.
size_t CountCodePoints(std::string_view s);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_TEXT_UTF8_H_
