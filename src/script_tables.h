// ScriptTables: pinyin readings and traditional<->simplified mappings.
//
// Derived from ICU at build time (tools/gen_script_tables.cc) and turned into
// dense lookup arrays once, on first use, so that hot loops do table lookups
// and never call ICU. Thread-safe after construction (read-only).
#ifndef NEWSCLEAN_SRC_SCRIPT_TABLES_H_
#define NEWSCLEAN_SRC_SCRIPT_TABLES_H_

#include <cstddef>
#include <cstdint>
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
  // Returns true if a simplified<->traditional converter changes `cp`.
  bool IsConverterChanged(char32_t cp) const;

  // Folds traditional characters of valid UTF-8 `s` to simplified, in place.
  // Byte offsets do not move: only same-length mappings are in the tables.
  void FoldToSimplified(std::string* s) const;

 private:
  ScriptTables();

  std::vector<std::string_view> syllable_names_;
  absl::flat_hash_map<std::string_view, int> syllable_ids_;
  std::vector<uint16_t> bmp_reading_;  // index cp - kBmpBase; 0 = none, else id + 1
  std::vector<uint16_t> bmp_simplified_;  // index cp - kBmpBase; 0 = unchanged
  std::vector<bool> bmp_changed_;
  absl::flat_hash_map<char32_t, int> supp_reading_;
  absl::flat_hash_map<char32_t, char32_t> supp_simplified_;
  absl::flat_hash_map<char32_t, bool> supp_changed_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_SCRIPT_TABLES_H_
