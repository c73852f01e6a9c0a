// ScriptTables: pinyin readings and traditional<->simplified mappings.
//
// Derived from ICU at build time (tools/gen_script_tables.cc) and turned into
// dense lookup arrays once, on first use, so that hot loops do table lookups
// and never call ICU. Thread-safe after construction (read-only).
#ifndef NEWSCLEAN_SRC_SCRIPT_TABLES_H_
#define NEWSCLEAN_SRC_SCRIPT_TABLES_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace newsclean {

class ScriptTables {
 public:
  // Returns the process-wide tables, built on first call.
  static const ScriptTables& Get();

  // Returns the id of the toneless reading ICU gives `cp`, or -1.
  int ReadingOf(char32_t cp) const;
  // Returns the toneless syllable ("zhong") for a reading id.
  std::string_view SyllableName(int id) const { return syllable_names_[id]; }
  // Returns the id of a toneless syllable ("zhong", "lv"), or -1 if it is not one.
  int SyllableId(std::string_view toneless) const;
  size_t num_syllables() const { return syllable_names_.size(); }

  // Returns the simplified form of `cp` (itself if it has none).
  char32_t ToSimplified(char32_t cp) const;
  // Returns the traditional form of `cp` (itself if it has none).
  char32_t ToTraditional(char32_t cp) const;
  // Returns true if a simplified<->traditional converter changes `cp`.
  bool IsConverterChanged(char32_t cp) const;

  // Appends the matching view of `cp` to *out: its NFKC_Casefold form, each
  // character of that folded traditional->simplified, with punctuation,
  // separators, control and format characters dropped (zero or more code points).
  void AppendMatchView(char32_t cp, std::vector<char32_t>* out) const {
    uint32_t v = cp < 0x80 ? ascii_match_[cp] : cp < 0x10000 ? bmp_match_[cp] : SuppMatch(cp);
    if (v == kMatchDrop) return;
    if (v == kMatchIdentity) {
      out->push_back(cp);
    } else if (v & kMatchPoolBit) {
      uint32_t len = (v >> 24) & 0x7F, off = v & 0xFFFFFF;
      out->insert(out->end(), match_pool_.begin() + off, match_pool_.begin() + off + len);
    } else {
      out->push_back(v);
    }
  }

  // Returns valid UTF-8 `text` with each character in its traditional form.
  std::string ToTraditionalText(std::string_view text) const;

  // Folds traditional characters of valid UTF-8 `s` to simplified, in place.
  // Byte offsets do not move: only same-length mappings are in the tables.
  void FoldToSimplified(std::string* s) const;

 private:
  ScriptTables();
  void BuildMatchView();
  uint32_t SuppMatch(char32_t cp) const;

  // Match-view encoding: identity, drop, a single code point, or a pool run.
  static constexpr uint32_t kMatchIdentity = 0;
  static constexpr uint32_t kMatchDrop = 0xFFFFFFFFu;
  static constexpr uint32_t kMatchPoolBit = 0x80000000u;
  uint32_t ascii_match_[0x80];
  std::vector<uint32_t> bmp_match_;
  absl::flat_hash_map<char32_t, uint32_t> supp_match_;
  std::vector<char32_t> match_pool_;

  std::vector<std::string_view> syllable_names_;
  absl::flat_hash_map<std::string_view, int> syllable_ids_;
  std::vector<uint16_t> bmp_reading_;  // index cp - kBmpBase; 0 = none, else id + 1
  std::vector<uint16_t> bmp_simplified_;  // index cp - kBmpBase; 0 = unchanged
  absl::flat_hash_map<char32_t, char32_t> traditional_;
  std::vector<bool> bmp_changed_;
  absl::flat_hash_map<char32_t, int> supp_reading_;
  absl::flat_hash_map<char32_t, char32_t> supp_simplified_;
  absl::flat_hash_map<char32_t, bool> supp_changed_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_SCRIPT_TABLES_H_
