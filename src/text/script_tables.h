// ScriptTables: pinyin readings and traditional<->simplified mappings.
//
// Derived from ICU at build time (tools/gen_script_tables.cc) and turned into
// dense lookup arrays once, on first use, so that hot loops do table lookups
// and never call ICU. Thread-safe after construction (read-only).
#ifndef NEWSCLEAN_SRC_TEXT_SCRIPT_TABLES_H_
#define NEWSCLEAN_SRC_TEXT_SCRIPT_TABLES_H_

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
  // Returns true if toneless syllable `id` is a reading of `cp`: ICU's, or one
  // of the others Unihan lists (kMandarin, kHanyuPinyin) for a polyphonic
  // character ("長" reads zhang and chang).
  bool IsReadingOf(char32_t cp, int id) const;
  // Returns the toneless syllable ("zhong") for a reading id.
  std::string_view SyllableName(int id) const { return syllable_names_[id]; }
  // Returns the id of a toneless syllable ("zhong", "lv"), or -1 if it is not one.
  int SyllableId(std::string_view toneless) const;
  size_t num_syllables() const { return syllable_names_.size(); }

  // Returns how often `cp` occurs in modern Chinese text: its count in the
  // Xiandai Hanyu Pinlu Cidian's sample of about two million characters
  // (Unihan's kHanyuPinlu, all readings together; "的" 75837, "网" 120; a
  // traditional form has its simplified form's count), or 0 for a character
  // the sample does not list (rarer ones, anything not Han). A binary
  // search: for building tables, not for hot loops.
  unsigned long HanyuPinluCount(char32_t cp) const;

  // Returns the simplified form of `cp` (itself if it has none).
  char32_t ToSimplified(char32_t cp) const {
    if (cp < kBmpBase) return cp;
    if (cp < kBmpLimit) {
      if (!TestBit(bmp_folds_, cp)) return cp;
      return bmp_simplified_[cp - kBmpBase];
    }
    return SuppToSimplified(cp);
  }
  // Returns the traditional form of `cp` (itself if it has none).
  char32_t ToTraditional(char32_t cp) const;
  // Returns true if a simplified<->traditional converter changes `cp`.
  bool IsConverterChanged(char32_t cp) const;

  // Appends the matching view of valid UTF-8 `text` to *out: for each code
  // point its NFKC_Casefold form, each character of that folded
  // traditional->simplified, with punctuation, separators, control and format
  // characters dropped (zero or more code points per input code point).
  void AppendMatchView(std::string_view text, std::vector<char32_t>* out) const;
  // Appends the matching view of the one code point `cp`, read from the full
  // table (what WriteMatchView's run loop, which reads a class table first,
  // must agree with).
  void AppendMatchViewOf(char32_t cp, std::vector<char32_t>* out) const;
  // For a pass that writes the view as it goes, beside other work on each code
  // point (AtomScanner::FoldScanAndView), what WriteMatchView's run loop
  // reads: the view class of each BMP code point (kViewSelf: the view is the
  // code point; kViewDrop: empty; kViewOther: the one code point
  // match_others()[cp]; kViewMany: several, WriteMatchViewOf) by code point.
  static constexpr uint32_t kViewSelf = 0, kViewDrop = 1, kViewOther = 2, kViewMany = 3;
  const uint8_t* match_classes() const { return bmp_match_class_.data(); }
  const uint32_t* match_others() const { return bmp_match_.data(); }
  // Writes the view of any code point `cp` at `w`, which has room for
  // max_view_length() code points, and returns its end.
  char32_t* WriteMatchViewOf(char32_t cp, char32_t* w) const;
  size_t max_view_length() const { return max_view_length_; }
  // Writes the same view at (*out)[at] on, and returns where it ends; *out
  // grows when it is too short and never shrinks. Past the end it may write
  // scratch up to at + text.size(), and leaves the rest as it was. For a
  // scratch buffer kept between calls, which then is not zero-filled again.
  // REQUIRES: at <= out->size().
  size_t WriteMatchView(std::string_view text, std::vector<char32_t>* out, size_t at) const;

  // Returns true for a non-ASCII character that has case or changes under
  // case mapping or folding (ICU's Cased, Changes_When_Casemapped and
  // Changes_When_Casefolded): 'é', 'Ａ', 'ſ', Greek, Cyrillic.
  bool HasCaseBeyondAscii(char32_t cp) const {
    if (cp < 0x10000) return TestBit(bmp_cased_, cp);
    return SuppHasCase(cp);
  }

  // Returns valid UTF-8 `text` with each character in its traditional form.
  std::string ToTraditionalText(std::string_view text) const;

  // Folds traditional characters of valid UTF-8 `s` to simplified, in place.
  // Byte offsets do not move: only same-length mappings are in the tables.
  void FoldToSimplified(std::string* s) const;

 private:
  ScriptTables();
  void BuildMatchView();
  char32_t SuppToSimplified(char32_t cp) const;
  bool SuppHasCase(char32_t cp) const;

  // Bit sets over the BMP (8 KiB each, so they stay in L1 cache where the
  // 100-250 KiB tables behind them do not): most text never touches those.
  static bool TestBit(const std::vector<uint64_t>& bits, char32_t cp) {
    return (bits[cp >> 6] >> (cp & 63)) & 1;
  }
  static void SetBit(std::vector<uint64_t>* bits, char32_t cp) {
    (*bits)[cp >> 6] |= uint64_t{1} << (cp & 63);
  }

  // Dense tables cover U+3400 (CJK Extension A) to U+FFFF.
  static constexpr char32_t kBmpBase = 0x3400;
  static constexpr char32_t kBmpLimit = 0x10000;
  uint32_t SuppMatch(char32_t cp) const;

  // Match-view encoding: identity, drop, a single code point, or a pool run.
  static constexpr uint32_t kMatchIdentity = 0;
  static constexpr uint32_t kMatchDrop = 0xFFFFFFFFu;
  static constexpr uint32_t kMatchPoolBit = 0x80000000u;
  uint32_t ascii_match_[0x80];
  std::vector<uint32_t> bmp_match_;
  // A byte a BMP code point (64 KiB; the Han rows, 21 KiB, stay in L1 where
  // bmp_match_'s do not): kViewSelf, kViewDrop, kViewOther (the view
  // is the one code point in bmp_match_) or kViewMany (a pool run).
  std::vector<uint8_t> bmp_match_class_;
  size_t max_view_length_ = 1;  // the longest view of one code point
  absl::flat_hash_map<char32_t, uint32_t> supp_match_;
  std::vector<char32_t> match_pool_;

  std::vector<std::string_view> syllable_names_;
  absl::flat_hash_map<std::string_view, int> syllable_ids_;
  std::vector<uint16_t> bmp_reading_;     // index cp - kBmpBase; 0 = none, else id + 1
  std::vector<uint16_t> bmp_simplified_;  // index cp - kBmpBase; 0 = unchanged
  std::vector<uint64_t> bmp_folds_;       // bit set by cp: bmp_simplified_ is not 0
  std::vector<uint64_t> bmp_cased_;       // bit set by cp: HasCaseBeyondAscii
  absl::flat_hash_map<char32_t, char32_t> traditional_;
  std::vector<bool> bmp_changed_;
  absl::flat_hash_map<char32_t, int> supp_reading_;
  absl::flat_hash_map<char32_t, char32_t> supp_simplified_;
  absl::flat_hash_map<char32_t, bool> supp_changed_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_TEXT_SCRIPT_TABLES_H_
