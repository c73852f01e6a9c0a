#include "src/check/mojibake.h"

#include "src/text/utf8.h"

namespace newsclean {
namespace {

// The byte Windows-1252 decodes to `cp`, or -1.
int Cp1252Byte(char32_t cp) {
  if (cp >= 0xA0 && cp <= 0xFF) return static_cast<int>(cp);
  if (cp >= 0x80 && cp <= 0x9F) return static_cast<int>(cp);  // C1 controls: Latin-1 reading
  switch (cp) {
    case 0x20AC:
      return 0x80;
    case 0x201A:
      return 0x82;
    case 0x0192:
      return 0x83;
    case 0x201E:
      return 0x84;
    case 0x2026:
      return 0x85;
    case 0x2020:
      return 0x86;
    case 0x2021:
      return 0x87;
    case 0x02C6:
      return 0x88;
    case 0x2030:
      return 0x89;
    case 0x0160:
      return 0x8A;
    case 0x2039:
      return 0x8B;
    case 0x0152:
      return 0x8C;
    case 0x017D:
      return 0x8E;
    case 0x2018:
      return 0x91;
    case 0x2019:
      return 0x92;
    case 0x201C:
      return 0x93;
    case 0x201D:
      return 0x94;
    case 0x2022:
      return 0x95;
    case 0x2013:
      return 0x96;
    case 0x2014:
      return 0x97;
    case 0x02DC:
      return 0x98;
    case 0x2122:
      return 0x99;
    case 0x0161:
      return 0x9A;
    case 0x203A:
      return 0x9B;
    case 0x0153:
      return 0x9C;
    case 0x017E:
      return 0x9E;
    case 0x0178:
      return 0x9F;
    default:
      return -1;
  }
}

void FindLatin1Runs(std::string_view text, std::vector<MojibakeSpan>* out) {
  size_t i = 0, len = 0;
  while (i < text.size()) {
    size_t run_begin = i;
    std::string bytes;
    size_t j = i;
    while (j < text.size()) {
      char32_t cp = DecodeUtf8(text, j, &len);
      int b = Cp1252Byte(cp);
      if (b < 0) break;
      bytes.push_back(static_cast<char>(b));
      j += len;
    }
    if (j == run_begin) {
      DecodeUtf8(text, i, &len);
      i += len;
      continue;
    }
    // A lead byte of a 3-byte sequence is the signature of CJK read as Latin-1.
    bool multibyte = false;
    for (char c : bytes) multibyte |= (static_cast<unsigned char>(c) & 0xF0) == 0xE0;
    if (bytes.size() >= 3 && multibyte && IsValidUtf8(bytes)) {
      out->push_back(MojibakeSpan{run_begin, j, "utf8-as-latin1", bytes});
    }
    i = j;
  }
}

}  // namespace

std::vector<MojibakeSpan> FindMojibake(std::string_view text) {
  std::vector<MojibakeSpan> found;
  FindLatin1Runs(text, &found);
  size_t i = 0, len = 0, chars = 0, han = 0, replacements = 0, first_replacement = 0;
  size_t run_begin = 0, run = 0;
  while (i < text.size()) {
    char32_t cp = DecodeUtf8(text, i, &len);
    ++chars;
    han += IsHan(cp);
    if (cp == kReplacementChar) {
      if (replacements++ == 0) first_replacement = i;
    }
    if (cp >= 0x3400 && cp <= 0x4DBF) {
      if (run++ == 0) run_begin = i;
    } else {
      if (run >= 3) found.push_back(MojibakeSpan{run_begin, i, "rare-character-run", ""});
      run = 0;
    }
    i += len;
  }
  if (run >= 3) found.push_back(MojibakeSpan{run_begin, text.size(), "rare-character-run", ""});
  // Rare-character runs only count in text that is mostly Han.
  if (han * 2 < chars) {
    std::erase_if(found, [](const MojibakeSpan& s) { return s.kind == "rare-character-run"; });
  }
  if (replacements >= 3 && replacements * 200 >= chars) {
    size_t end = first_replacement + 3;
    found.push_back(
        MojibakeSpan{first_replacement, std::min(end, text.size()), "replacement-characters", ""});
  }
  return found;
}

}  // namespace newsclean
