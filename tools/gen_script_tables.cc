// gen_script_tables: derives newsclean's script tables from ICU at build time.
//
// For every code point of the Han script it writes
//   - the Mandarin reading from ICU's Han-Latin transform, tone marks removed,
//     u-umlaut written as "v" (one reading per character: ICU knows no more);
//   - the other readings Unihan gives the character (kMandarin and
//     kHanyuPinyin, from Debian's unicode-data), so that a gloss of a
//     polyphonic character's second reading ("長(chang)", ICU: zhang) is
//     recognised as a reading;
//   - how often each character occurs in modern Chinese text: the counts
//     Unihan's kHanyuPinlu gives (Xiandai Hanyu Pinlu Cidian, a sample of
//     about two million characters), summed over the character's readings;
//   - the Traditional-Simplified and Simplified-Traditional mappings, kept only
//     where one code point maps to one other code point of the same UTF-8 length,
//     so that folding can happen in place without moving byte offsets.
//   - the NFKC_Casefold mapping of every code point it changes (full-width and
//     compatibility forms, case), for the matching view of near-duplicate
//     detection, and the ranges of code points that view drops (punctuation,
//     separators, control and format characters).
// The output is a C++ fragment included by src/text/script_tables.cc. Doing this at
// build time keeps ICU transliteration (about 10 us per character) out of
// start-up, where it would cost about a second.
//
// Usage: gen_script_tables OUTPUT.inc UNIHAN_READINGS.txt
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

int Utf8Length(UChar32 cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// Returns the toneless ASCII form of a pinyin reading, or "" when the reading
// is not plain pinyin letters.
std::string TonelessPinyin(const icu::UnicodeString& reading, const icu::Normalizer2* nfd) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfd->normalize(reading, status);
  if (U_FAILURE(status)) return "";
  std::string out;
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    char16_t c = decomposed.charAt(i);
    if (c == 0x0308) {  // combining diaeresis: u-umlaut
      if (!out.empty() && out.back() == 'u') out.back() = 'v';
      continue;
    }
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    if (c < 'a' || c > 'z') return "";
    out.push_back(static_cast<char>(c));
  }
  return out;
}

// Reads kMandarin and kHanyuPinyin from Unihan_Readings.txt: every reading of
// every code point, as UTF-8 pinyin with tone marks; and kHanyuPinlu's counts
// ("zhōng(4875) zhòng(66)"), summed by code point, into *counts. Returns false
// if the file cannot be read.
bool ReadUnihanReadings(const char* path, std::map<UChar32, std::vector<std::string>>* out,
                        std::map<UChar32, unsigned long>* counts) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("U+", 0) != 0) continue;
    size_t tab1 = line.find('\t');
    size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos) continue;
    std::string field = line.substr(tab1 + 1, tab2 - tab1 - 1);
    if (field == "kHanyuPinlu") {
      UChar32 cp = static_cast<UChar32>(std::stoul(line.substr(2, tab1 - 2), nullptr, 16));
      for (size_t open = line.find('(', tab2); open != std::string::npos;
           open = line.find('(', open + 1)) {
        (*counts)[cp] += std::stoul(line.substr(open + 1));
      }
      continue;
    }
    if (field != "kMandarin" && field != "kHanyuPinyin") continue;
    UChar32 cp = static_cast<UChar32>(std::stoul(line.substr(2, tab1 - 2), nullptr, 16));
    // kMandarin: "xíng" or "háng xíng"; kHanyuPinyin: "20811.060:háng,xìng 1234.5:x".
    std::string value = line.substr(tab2 + 1);
    std::string reading;
    auto flush = [&] {
      if (!reading.empty()) (*out)[cp].push_back(reading);
      reading.clear();
    };
    bool in_location = field == "kHanyuPinyin";
    for (char c : value) {
      if (c == ' ') {
        flush();
        in_location = field == "kHanyuPinyin";
      } else if (c == ':') {
        reading.clear();
        in_location = false;
      } else if (c == ',') {
        flush();
      } else if (!in_location) {
        reading.push_back(c);
      }
    }
    flush();
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s OUTPUT.inc UNIHAN_READINGS.txt\n", argv[0]);
    return 2;
  }
  std::map<UChar32, std::vector<std::string>> unihan;
  std::map<UChar32, unsigned long> pinlu_counts;
  if (!ReadUnihanReadings(argv[2], &unihan, &pinlu_counts)) {
    std::fprintf(stderr, "gen_script_tables: cannot read %s\n", argv[2]);
    return 1;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> han_latin(
      icu::Transliterator::createInstance("Han-Latin", UTRANS_FORWARD, status));
  std::unique_ptr<icu::Transliterator> t2s(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  std::unique_ptr<icu::Transliterator> s2t(
      icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, status));
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "gen_script_tables: ICU: %s\n", u_errorName(status));
    return 1;
  }

  std::map<std::string, int> syllable_ids;
  std::vector<std::string> syllables;
  std::vector<std::pair<UChar32, int>> readings, other_readings;
  auto syllable_id = [&](const std::string& toneless) {
    auto [it, inserted] = syllable_ids.emplace(toneless, static_cast<int>(syllables.size()));
    if (inserted) syllables.push_back(toneless);
    return it->second;
  };
  std::vector<std::pair<UChar32, UChar32>> trad_to_simp, simp_to_trad;

  for (UChar32 cp = 0x3400; cp <= 0x323AF; ++cp) {
    if (!u_isdefined(cp)) continue;
    UErrorCode err = U_ZERO_ERROR;
    if (uscript_getScript(cp, &err) != USCRIPT_HAN || !u_hasBinaryProperty(cp, UCHAR_IDEOGRAPHIC)) {
      continue;
    }
    icu::UnicodeString ch(cp);
    icu::UnicodeString latin = ch;
    han_latin->transliterate(latin);
    int primary = -1;
    if (latin != ch) {
      std::string toneless = TonelessPinyin(latin, nfd);
      if (!toneless.empty() && toneless.size() <= 6) {
        primary = syllable_id(toneless);
        readings.emplace_back(cp, primary);
      }
    }
    if (auto it = unihan.find(cp); it != unihan.end()) {
      std::vector<int> seen;
      for (const std::string& r : it->second) {
        std::string toneless = TonelessPinyin(icu::UnicodeString::fromUTF8(r), nfd);
        if (toneless.empty() || toneless.size() > 6) continue;
        int id = syllable_id(toneless);
        if (id == primary || std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
        seen.push_back(id);
        other_readings.emplace_back(cp, id);
      }
    }
    for (auto [translit, table] :
         {std::pair{t2s.get(), &trad_to_simp}, {s2t.get(), &simp_to_trad}}) {
      icu::UnicodeString mapped = ch;
      translit->transliterate(mapped);
      if (mapped.countChar32() != 1) continue;
      UChar32 to = mapped.char32At(0);
      if (to != cp && Utf8Length(to) == Utf8Length(cp)) table->emplace_back(cp, to);
    }
  }

  // NFKC_Casefold over every code point, and the classes the matching view drops.
  std::vector<std::pair<UChar32, std::string>> folds;
  std::vector<std::pair<UChar32, UChar32>> drop_ranges;
  for (UChar32 cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    int8_t type = u_charType(cp);
    bool drop = type == U_CONNECTOR_PUNCTUATION || type == U_DASH_PUNCTUATION ||
                type == U_START_PUNCTUATION || type == U_END_PUNCTUATION ||
                type == U_INITIAL_PUNCTUATION || type == U_FINAL_PUNCTUATION ||
                type == U_OTHER_PUNCTUATION || type == U_SPACE_SEPARATOR ||
                type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR ||
                type == U_CONTROL_CHAR || type == U_FORMAT_CHAR;
    if (drop) {
      if (!drop_ranges.empty() && drop_ranges.back().second == cp - 1) {
        drop_ranges.back().second = cp;
      } else {
        drop_ranges.emplace_back(cp, cp);
      }
      continue;
    }
    if (!u_isdefined(cp)) continue;
    UErrorCode err = U_ZERO_ERROR;
    icu::UnicodeString ch(cp);
    icu::UnicodeString folded = nfkc_cf->normalize(ch, err);
    if (U_FAILURE(err) || folded == ch) continue;
    std::string utf8;
    folded.toUTF8String(utf8);
    folds.emplace_back(cp, utf8);
  }

  // Non-ASCII characters with case: regex prefilters compare lowercased
  // literals, which only ASCII letters can be lowered to on the fly.
  std::vector<std::pair<UChar32, UChar32>> cased_ranges;
  for (UChar32 cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (!u_hasBinaryProperty(cp, UCHAR_CASED) &&
        !u_hasBinaryProperty(cp, UCHAR_CHANGES_WHEN_CASEMAPPED) &&
        !u_hasBinaryProperty(cp, UCHAR_CHANGES_WHEN_CASEFOLDED)) {
      continue;
    }
    if (!cased_ranges.empty() && cased_ranges.back().second == cp - 1) {
      cased_ranges.back().second = cp;
    } else {
      cased_ranges.emplace_back(cp, cp);
    }
  }

  std::ofstream out(argv[1]);
  out << "// Generated by tools/gen_script_tables.cc from ICU " << U_ICU_VERSION
      << ". Do not edit.\n";
  out << "constexpr const char* kSyllableNames[] = {\n";
  for (const auto& s : syllables) out << "  \"" << s << "\",\n";
  out << "};\n";
  out << "constexpr ReadingEntry kReadingEntries[] = {\n";
  for (const auto& [cp, id] : readings)
    out << "  {0x" << std::hex << cp << std::dec << ", " << id << "},\n";
  out << "};\n";
  out << "// Unihan's other readings, sorted by code point.\n";
  out << "constexpr ReadingEntry kOtherReadingEntries[] = {\n";
  for (const auto& [cp, id] : other_readings) {
    out << "  {0x" << std::hex << cp << std::dec << ", " << id << "},\n";
  }
  out << "};\n";
  for (auto [name, table] :
       {std::pair{"kTradToSimpEntries", &trad_to_simp}, {"kSimpToTradEntries", &simp_to_trad}}) {
    out << "constexpr CodePointPair " << name << "[] = {\n";
    for (const auto& [from, to] : *table) {
      out << "  {0x" << std::hex << from << ", 0x" << to << std::dec << "},\n";
    }
    out << "};\n";
  }
  out << "constexpr FoldEntry kNfkcCasefoldEntries[] = {\n";
  for (const auto& [cp, utf8] : folds) {
    out << "  {0x" << std::hex << cp << std::dec << ", \"";
    for (unsigned char c : utf8) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out << buf;
    }
    out << "\"},\n";
  }
  out << "};\n";
  out << "constexpr CodePointPair kDropRanges[] = {\n";
  for (const auto& [from, to] : drop_ranges) {
    out << "  {0x" << std::hex << from << ", 0x" << to << std::dec << "},\n";
  }
  out << "};\n";
  out << "// kHanyuPinlu's counts, by code point.\n";
  out << "constexpr CodePointCount kHanyuPinluCounts[] = {\n";
  for (const auto& [cp, count] : pinlu_counts) {
    out << "  {0x" << std::hex << cp << std::dec << ", " << count << "},\n";
  }
  out << "};\n";
  out << "constexpr CodePointPair kCasedRanges[] = {\n";
  for (const auto& [from, to] : cased_ranges) {
    out << "  {0x" << std::hex << from << ", 0x" << to << std::dec << "},\n";
  }
  out << "};\n";
  if (!out) {
    std::fprintf(stderr, "gen_script_tables: cannot write %s\n", argv[1]);
    return 1;
  }
  std::fprintf(
      stderr,
      "gen_script_tables: %zu readings, %zu other readings, %zu syllables, %zu trad->simp, "
      "%zu simp->trad, %zu NFKC_CF folds, %zu drop ranges, %zu cased ranges, %zu pinlu "
      "counts\n",
      readings.size(), other_readings.size(), syllables.size(), trad_to_simp.size(),
      simp_to_trad.size(), folds.size(), drop_ranges.size(), cased_ranges.size(),
      pinlu_counts.size());
  return 0;
}
