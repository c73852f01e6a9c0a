#include "src/text/utf8.h"

#include <simdjson.h>

namespace newsclean {

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

// Returns the length of the well-formed sequence at s[i], or 0 if ill-formed;
// on 0, *bad is the length of the maximal ill-formed subpart to replace.
size_t WellFormedLength(std::string_view s, size_t i, size_t* bad) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n = s.size() - i;
  if (c < 0x80) return 1;
  *bad = 1;
  unsigned char lo = 0x80, hi = 0xBF;
  size_t need;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (size_t k = 1; k < need; ++k) {
    if (k >= n) return 0;
    unsigned char b = byte(i + k);
    unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (b < l || b > h) return 0;
    *bad = k + 1;
  }
  return need;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  // simdjson's validator is SIMD (about 10 GB/s); RepairUtf8 below only runs
  // on the rare input that fails it.
  return simdjson::validate_utf8(s.data(), s.size());
}

size_t RepairUtf8(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size() + 8);
  size_t replaced = 0, i = 0;
  while (i < in.size()) {
    size_t bad = 1;
    size_t len = WellFormedLength(in, i, &bad);
    if (len > 0) {
      out->append(in.data() + i, len);
      i += len;
    } else {
      // A truncated sequence's lead and continuation bytes form one maximal
      // subpart; `bad` counts them (at least the lead byte).
      AppendUtf8(kReplacementChar, out);
      ++replaced;
      i += bad;
    }
  }
  return replaced;
}

namespace {

// Length of the IsSpaceChar character that starts at s[i] (0 if none). Reads
// only bytes inside `s`, so it is safe on ill-formed input.
size_t SpaceAt(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const size_t left = s.size() - i;
  unsigned char c = b(0);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c == 0xC2) return left >= 2 && b(1) == 0xA0 ? 2 : 0;  // U+00A0
  if (left < 3) return 0;
  if (c == 0xE3) return b(1) == 0x80 && b(2) == 0x80 ? 3 : 0;                  // U+3000
  if (c == 0xEF) return b(1) == 0xBB && b(2) == 0xBF ? 3 : 0;                  // U+FEFF
  if (c == 0xE2) return b(1) == 0x80 && b(2) >= 0x80 && b(2) <= 0x8B ? 3 : 0;  // U+2000-200B
  return 0;
}

// Length of the IsSpaceChar character that ends just before s[e] (0 if none),
// decided from the last byte first: most characters end in a byte no space
// ends in.
size_t SpaceBefore(std::string_view s, size_t e) {
  const auto b = [&](size_t back) { return static_cast<unsigned char>(s[e - back]); };
  const unsigned char last = b(1);
  if (last == ' ' || (last >= '\t' && last <= '\r')) return 1;
  if (last == 0xA0) return e >= 2 && b(2) == 0xC2 ? 2 : 0;  // U+00A0
  if (e < 3) return 0;
  if (last == 0x80)
    return b(3) == 0xE3 && b(2) == 0x80 ? 3 : (b(3) == 0xE2 && b(2) == 0x80 ? 3 : 0);
  if (last == 0xBF) return b(3) == 0xEF && b(2) == 0xBB ? 3 : 0;                 // U+FEFF
  if (last > 0x80 && last <= 0x8B) return b(3) == 0xE2 && b(2) == 0x80 ? 3 : 0;  // U+2001-200B
  return 0;
}

}  // namespace

std::string_view TrimSpaces(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e) {
    size_t len = SpaceAt(s, b);
    if (len == 0) break;
    b += len;
  }
  while (e > b) {
    size_t len = SpaceBefore(s, e);
    if (len == 0 || e - len < b) break;
    e -= len;
  }
  return s.substr(b, e - b);
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace newsclean
