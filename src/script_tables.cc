#include "src/script_tables.h"

#include "src/utf8.h"

namespace newsclean {
namespace {

struct ReadingEntry {
  char32_t cp;
  int syllable;
};
struct CodePointPair {
  char32_t from;
  char32_t to;
};

#include "script_tables_data.inc"

constexpr char32_t kBmpBase = 0x3400;
constexpr char32_t kBmpLimit = 0x10000;

}  // namespace

const ScriptTables& ScriptTables::Get() {
  static const ScriptTables* tables = new ScriptTables();
  return *tables;
}

ScriptTables::ScriptTables()
    : bmp_reading_(kBmpLimit - kBmpBase, 0),
      bmp_simplified_(kBmpLimit - kBmpBase, 0),
      bmp_changed_(kBmpLimit - kBmpBase, false) {
  for (const char* name : kSyllableNames) {
    syllable_ids_.emplace(name, static_cast<int>(syllable_names_.size()));
    syllable_names_.push_back(name);
  }
  for (const ReadingEntry& e : kReadingEntries) {
    if (e.cp < kBmpLimit) {
      bmp_reading_[e.cp - kBmpBase] = static_cast<uint16_t>(e.syllable + 1);
    } else {
      supp_reading_[e.cp] = e.syllable;
    }
  }
  for (const CodePointPair& p : kTradToSimpEntries) {
    if (p.from < kBmpLimit) {
      bmp_simplified_[p.from - kBmpBase] = static_cast<uint16_t>(p.to);
      bmp_changed_[p.from - kBmpBase] = true;
    } else {
      supp_simplified_[p.from] = p.to;
      supp_changed_[p.from] = true;
    }
  }
  for (const CodePointPair& p : kSimpToTradEntries) {
    if (p.from < kBmpLimit) {
      bmp_changed_[p.from - kBmpBase] = true;
    } else {
      supp_changed_[p.from] = true;
    }
  }
}

int ScriptTables::ReadingOf(char32_t cp) const {
  if (cp >= kBmpBase && cp < kBmpLimit) return static_cast<int>(bmp_reading_[cp - kBmpBase]) - 1;
  auto it = supp_reading_.find(cp);
  return it == supp_reading_.end() ? -1 : it->second;
}

int ScriptTables::SyllableId(std::string_view toneless) const {
  auto it = syllable_ids_.find(toneless);
  return it == syllable_ids_.end() ? -1 : it->second;
}

char32_t ScriptTables::ToSimplified(char32_t cp) const {
  if (cp >= kBmpBase && cp < kBmpLimit) {
    uint16_t s = bmp_simplified_[cp - kBmpBase];
    return s ? s : cp;
  }
  if (cp < kBmpBase) return cp;
  auto it = supp_simplified_.find(cp);
  return it == supp_simplified_.end() ? cp : it->second;
}

bool ScriptTables::IsConverterChanged(char32_t cp) const {
  if (cp >= kBmpBase && cp < kBmpLimit) return bmp_changed_[cp - kBmpBase];
  return cp >= kBmpLimit && supp_changed_.contains(cp);
}

void ScriptTables::FoldToSimplified(std::string* s) const {
  std::string& t = *s;
  size_t i = 0, len = 0;
  while (i < t.size()) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c < 0xE3) {  // below U+3000: nothing to fold
      i += c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
      continue;
    }
    char32_t cp = DecodeUtf8(t, i, &len);
    char32_t to = ToSimplified(cp);
    if (to != cp) {
      std::string enc;
      AppendUtf8(to, &enc);
      t.replace(i, len, enc);  // same length by construction of the tables
    }
    i += len;
  }
}

}  // namespace newsclean
