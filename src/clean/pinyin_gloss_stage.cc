// Pinyin gloss removal: design note.
//
// The artifact: some sites run a simplified->traditional converter that leaves
// the reading of each character it changed in parentheses after it:
// "興(xing) 縣", "黨(dang) 組織", or tone-marked without a space, "發(fā)展".
// Real parentheticals look alike at the byte level: "(社區)", "(2022)",
// "(WHO)", "(一)", "(Theresa May)", "第五條(a)款", and an article about
// pronunciation writes readings on purpose: "莘(xīn)莊".
//
// A parenthesis is removed only when all the evidence agrees:
//   1. it holds one lowercase Mandarin syllable (the inventory of toneless
//      syllables ICU's Han-Latin transform gives, 416 of them), with or
//      without tone marks or a tone digit, u-umlaut as "ü" or "v", in ASCII or
//      full-width parentheses;
//   2. it follows a Han character directly, and the syllable is one of that
//      character's readings (so "條(a)" stays: 條 reads tiao): ICU's, or one
//      of the others Unihan gives a polyphonic character (長: zhang, chang);
//   3. the syllable is not written elsewhere in the document as a word of its
//      own (authored readings are usually discussed in the running text);
//   4. the document shows the systematic pattern of the artifact, in either
//      of two forms:
//      - the converter's: at least two such glosses sit on characters a
//        simplified<->traditional converter changes, and they outnumber those
//        on unchanged characters two to one;
//      - glosses wherever they sit: at least kMinSpreadGlosses readings, at
//        least nine in ten of the page's parenthesized syllables after Han
//        characters are readings of their hosts, and they are spread over the
//        page (from the first to the last at least a third of its length).
//      An article about pronunciation has a few readings, close together, on
//      characters the converter mostly leaves alone; a glossed page has
//      dozens, all through it. Brackets whose syllables are not their hosts'
//      readings ("风(wai)土(li)", a web joke) count against the pattern.
// A doubled gloss "中(zhong)(zhong)" goes as one; one ASCII space after the
// gloss goes with it: the scraper adds it ("黨(dang) 組織", "於(yu) 10月").
// A real parenthesis right after a gloss stays: "鄉(xiāng)(鎮)" -> "鄉(鎮)".
//
//
// Romanized labels ("县区传真 CHUANZHEN") are an upper-case Latin word at the
// end of a line that spells, toneless, the readings of the Han characters just
// before it; the match of a whole multi-syllable word is the evidence.
#include "src/clean/pinyin_gloss_stage.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "src/clean/document_splits.h"
#include "src/text/script_tables.h"
#include "src/text/strings.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

// Returns the toneless ASCII letter for a pinyin letter (tone-marked or not),
// 0 for a combining tone mark to skip, or -1 if `cp` is not part of pinyin.
int PinyinLetter(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return static_cast<int>(cp);
  switch (cp) {
    case 0x0101:
    case 0x00E1:
    case 0x01CE:
    case 0x00E0:
      return 'a';
    case 0x0113:
    case 0x00E9:
    case 0x011B:
    case 0x00E8:
    case 0x00EA:
      return 'e';
    case 0x012B:
    case 0x00ED:
    case 0x01D0:
    case 0x00EC:
      return 'i';
    case 0x014D:
    case 0x00F3:
    case 0x01D2:
    case 0x00F2:
      return 'o';
    case 0x016B:
    case 0x00FA:
    case 0x01D4:
    case 0x00F9:
      return 'u';
    case 0x01D6:
    case 0x01D8:
    case 0x01DA:
    case 0x01DC:
    case 0x00FC:
      return 'v';
    case 0x0144:
    case 0x0148:
    case 0x01F9:
      return 'n';
    case 0x1E3F:
      return 'm';
    default:
      break;
  }
  if (cp >= 0x0300 && cp <= 0x036F) return 0;  // combining marks
  return -1;
}

bool IsOpenParen(char32_t cp) { return cp == '(' || cp == 0xFF08; }
bool IsCloseParen(char32_t cp) { return cp == ')' || cp == 0xFF09; }

struct Gloss {
  size_t begin;  // offset of the opening parenthesis
  size_t end;    // past the closing parenthesis (and a removable space)
  int syllable;
  bool reading_match;
  bool changed;  // the glossed character is changed by a script converter
};

// Collects Latin words written outside parentheses, lower-cased and toneless,
// for the "authored reading" veto.
absl::flat_hash_set<std::string> LatinWordsOutsideParens(std::string_view text) {
  absl::flat_hash_set<std::string> words;
  std::string word;
  int depth = 0;
  size_t i = 0, len = 0;
  auto flush = [&] {
    if (!word.empty() && depth == 0) words.insert(word);
    word.clear();
  };
  while (i < text.size()) {
    char32_t cp = DecodeUtf8(text, i, &len);
    if (IsOpenParen(cp)) {
      flush();
      ++depth;
    } else if (IsCloseParen(cp)) {
      word.clear();
      depth = std::max(0, depth - 1);
    } else {
      char32_t lower = (cp >= 'A' && cp <= 'Z') ? cp - 'A' + 'a' : cp;
      int letter = PinyinLetter(lower);
      if (letter > 0) {
        word.push_back(static_cast<char>(letter));
      } else if (letter < 0 && !(cp >= '1' && cp <= '5' && !word.empty())) {
        flush();
      }
    }
    i += len;
  }
  flush();
  return words;
}

void FindGlosses(std::string_view text, std::vector<Gloss>* glosses) {
  // Jumps from one opening parenthesis to the next (ASCII or full-width); a
  // parenthesis right after a removed gloss does not follow a Han character.
  constexpr std::string_view kFullWidthOpen = "\xEF\xBC\x88";  // U+FF08
  const ScriptTables& tables = ScriptTables::Get();
  size_t next_ascii = text.find('(');
  size_t next_wide = text.find(kFullWidthOpen);
  size_t gloss_end = 0;  // end of the last gloss taken
  while (next_ascii != std::string_view::npos || next_wide != std::string_view::npos) {
    const bool ascii = next_ascii < next_wide;
    const size_t i = ascii ? next_ascii : next_wide;
    if (ascii) {
      next_ascii = text.find('(', i + 1);
    } else {
      next_wide = text.find(kFullWidthOpen, i + 1);
    }
    if (i < gloss_end || i == 0 || (i == gloss_end && !glosses->empty())) continue;
    size_t len = 0;
    char32_t prev = DecodeUtf8(text, PreviousCodePointStart(text, i), &len);
    if (!IsHan(prev)) continue;
    size_t end = 0;
    int syllable = ParseGlossSyllable(text, i, &end);
    if (syllable < 0) continue;
    // A doubled gloss of the same syllable goes with the first.
    size_t end2 = 0;
    while (end < text.size() && ParseGlossSyllable(text, end, &end2) == syllable) end = end2;
    if (end < text.size() && text[end] == ' ') ++end;  // the scraper's space
    glosses->push_back(Gloss{i, end, syllable, tables.IsReadingOf(prev, syllable),
                             tables.IsConverterChanged(prev)});
    gloss_end = end;
  }
}

// Returns the offset where a trailing romanized label of `line` begins (the
// space before it), or npos.
size_t FindRomanizedLabel(std::string_view line) {
  const ScriptTables& tables = ScriptTables::Get();
  size_t e = line.size();
  size_t b = e;
  std::string letters;
  while (b > 0) {
    char c = line[b - 1];
    if (c >= 'A' && c <= 'Z') {
      letters.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c != ' ') {
      break;
    }
    --b;
  }
  // b is now just after the Han word (spaces included in the label span).
  if (letters.size() < 4 || b == 0 || b == e || line[b] != ' ') return std::string_view::npos;
  std::reverse(letters.begin(), letters.end());
  std::string spelled;
  size_t pos = b;
  for (int k = 0; k < 8 && pos > 0; ++k) {
    size_t start = PreviousCodePointStart(line, pos);
    size_t len = 0;
    char32_t cp = DecodeUtf8(line, start, &len);
    if (!IsHan(cp)) break;
    int reading = tables.ReadingOf(cp);
    if (reading < 0) break;
    spelled.insert(0, tables.SyllableName(reading));
    pos = start;
    if (k >= 1 && spelled == letters) return b;
    if (spelled.size() > letters.size()) break;
  }
  return std::string_view::npos;
}

}  // namespace

int ParseGlossSyllable(std::string_view text, size_t pos, size_t* end) {
  size_t len = 0;
  if (pos >= text.size() || !IsOpenParen(DecodeUtf8(text, pos, &len))) return -1;
  size_t i = pos + len;
  std::string toneless;
  bool tone_digit = false;
  while (i < text.size()) {
    char32_t cp = DecodeUtf8(text, i, &len);
    i += len;
    if (IsCloseParen(cp)) {
      if (toneless.empty() || toneless.size() > 6) return -1;
      *end = i;
      return ScriptTables::Get().SyllableId(toneless);
    }
    if (tone_digit) return -1;  // the tone digit must come last
    if (cp >= '1' && cp <= '5' && !toneless.empty()) {
      tone_digit = true;
      continue;
    }
    if (cp == 0x0308 && !toneless.empty() && toneless.back() == 'u') {
      toneless.back() = 'v';
      continue;
    }
    int letter = PinyinLetter(cp);
    if (letter < 0) return -1;
    if (letter > 0) toneless.push_back(static_cast<char>(letter));
    if (toneless.size() > 6) return -1;
  }
  return -1;
}

namespace {

constexpr size_t kMinSpreadGlosses = 4;

void AddGlossCuts(std::string_view text, std::vector<Cut>* cuts) {
  std::vector<Gloss> glosses;
  FindGlosses(text, &glosses);
  size_t changed = 0, unchanged = 0;
  size_t first = SIZE_MAX, last = 0;
  absl::flat_hash_set<std::string> authored;
  bool have_words = false;
  for (Gloss& g : glosses) {
    if (!g.reading_match) continue;
    if (!have_words) {
      authored = LatinWordsOutsideParens(text);
      have_words = true;
    }
    if (authored.contains(AV(ScriptTables::Get().SyllableName(g.syllable)))) {
      g.reading_match = false;  // written elsewhere as a word: an authored reading
      continue;
    }
    (g.changed ? changed : unchanged) += 1;
    first = std::min(first, g.begin);
    last = std::max(last, g.begin);
  }
  const size_t readings = changed + unchanged;
  const bool converter = changed >= 2 && changed >= 2 * unchanged;
  const bool spread = readings >= kMinSpreadGlosses && readings * 10 >= glosses.size() * 9 &&
                      (last - first) * 3 >= text.size();
  const bool systematic = converter || spread;
  if (!systematic) return;
  for (const Gloss& g : glosses) {
    if (g.reading_match) cuts->push_back(Cut{g.begin, g.end, Reason::kPinyinGloss, "pinyin-gloss"});
  }
}

void AddLabelCuts(std::string_view text, const std::vector<LineSpan>& lines,
                  std::vector<Cut>* cuts) {
  for (const LineSpan& line : lines) {
    std::string_view content = TrimSpaces(text.substr(line.begin, line.end - line.begin));
    size_t at = FindRomanizedLabel(content);
    if (at == std::string_view::npos) continue;
    size_t begin = static_cast<size_t>(content.data() - text.data()) + at;
    cuts->push_back(
        Cut{begin, begin + (content.size() - at), Reason::kRomanizedLabel, "romanized-label"});
  }
}

}  // namespace

void PinyinGlossStage::Process(Document* doc) const {
  std::string_view text = doc->text();
  std::vector<Cut> cuts;
  constexpr std::string_view kFullWidthOpen = "\xEF\xBC\x88";  // U+FF08
  if (glosses_ && (text.find('(') != std::string_view::npos ||
                   text.find(kFullWidthOpen) != std::string_view::npos)) {
    AddGlossCuts(text, &cuts);
  }
  if (labels_) AddLabelCuts(text, DocumentSplits::Lines(*doc), &cuts);
  if (!cuts.empty()) doc->ApplyCuts(std::move(cuts));
}

}  // namespace newsclean
