// AtomScanner: folds a line to simplified script and finds which of a fixed
// set of literal strings occur in it, in one pass.
//
// The literals are the "atoms" re2::FilteredRE2 extracts from the boilerplate
// rules (a rule can match only if its atoms, combined by AND and OR, occur).
// RE2 lowercases every atom, so lines are compared with ASCII letters lowered
// on the fly. A line holding a non-ASCII character with case ('Ａ', 'é', 'ſ',
// Greek) could match an atom only after Unicode lowering; the scan calls such
// a line undecided, and the caller then treats every atom as present, so the
// prefilter never hides a match.
//
// Each BMP code point reads one 16-bit table entry that says whether it folds,
// whether it has case, and its slot: set when its folded form is a
// one-character atom or the anchor of longer ones. An atom's anchor is its
// least common character in Chinese text (ScriptTables::HanyuPinluCount), so
// that few positions of a line hold one: the scan sets a flag per slot and
// notes the position of each anchor without a branch, leaves its fast loop only
// at characters that have case and at the first that folds (after which it
// folds each character without a branch: traditional text folds a third of
// them), and compares the atoms anchored at the positions noted once the line
// is folded. FoldScanAndView writes the line's matching view in the same pass
// (the entry holds the class of each code point's view too), for the
// repeated-paragraph stage (src/clean/line_views.h). Thread-safe after
// construction.
#ifndef NEWSCLEAN_SRC_CLEAN_ATOM_SCANNER_H_
#define NEWSCLEAN_SRC_CLEAN_ATOM_SCANNER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace newsclean {

class AtomScanner {
 public:
  // `atoms`: valid UTF-8, in simplified script, ASCII letters in lower case
  // (an empty one is in every line).
  explicit AtomScanner(std::vector<std::string> atoms);
  // Not copyable: the comparison tables point into atoms_.
  AtomScanner(const AtomScanner&) = delete;
  AtomScanner& operator=(const AtomScanner&) = delete;

  // Folds valid UTF-8 *line to simplified in place (as
  // ScriptTables::FoldToSimplified). Then sets *found to the indices of the
  // atoms that occur in it, ascending, and returns true; or returns false, with
  // *found empty, when the line holds a non-ASCII character with case.
  bool FoldAndScan(std::string* line, std::vector<int>* found) const;

  // FoldAndScan, and in the same pass over the line the matching view of the
  // line as it was before folding (ScriptTables::WriteMatchView), written at
  // (*view)[*view_end] on; *view_end moves to its end. *view grows when it is
  // too short and never shrinks; past the view's end it may hold scratch.
  // REQUIRES: *view_end <= view->size().
  bool FoldScanAndView(std::string* line, std::vector<int>* found, std::vector<char32_t>* view,
                       size_t* view_end) const;

 private:
  // Both of the above: with kView, the view too.
  template <bool kView>
  bool Scan(std::string* line, std::vector<int>* found, std::vector<char32_t>* view,
            size_t* view_end) const;

  // Table entry bits.
  static constexpr uint16_t kSlotMask = 0x07FF;  // slot of the folded form (0: none)
  // The class of the code point's matching view (ScriptTables::kViewSelf to
  // kViewMany), for FoldScanAndView, which then reads one table a character.
  static constexpr int kViewShift = 11;
  static constexpr uint16_t kViewMask = 0x1800;
  static constexpr uint16_t kAnchor = 0x2000;   // the folded form anchors longer atoms
  static constexpr uint16_t kFolds = 0x4000;    // has a simplified form
  static constexpr uint16_t kHasCase = 0x8000;  // non-ASCII with case

  // Returns the entry of code point `cp` (folded form's slot and anchor bit).
  uint16_t EntryOf(char32_t cp) const;

  std::vector<std::string> atoms_;
  std::vector<uint16_t> bmp_;          // by code point (ASCII: lowered)
  std::vector<uint64_t> bmp_nonzero_;  // bit set: bmp_ entry is not 0 (8 KiB, stays in L1)
  char32_t ascii_view_[0x80] = {};     // an ASCII character's matching view; 0: none
  // By three-byte code point that folds: its simplified form's three bytes,
  // the first in the lowest eight bits (0 for the others).
  std::vector<uint32_t> fold_three_;
  absl::flat_hash_map<char32_t, uint16_t> supp_entry_;  // code points beyond the BMP
  size_t num_slots_ = 1;  // slot 0: a code point that is no atom and anchors none
  // The one-character atom of each slot below num_single_slots_ (-1 for slot 0).
  std::vector<int> single_atom_;
  size_t num_single_slots_ = 1;
  // By slot: the longer atoms anchored at its character, with what comparing
  // one needs in one place: the byte offset of the anchor in the atom, the
  // atom's first (up to) eight bytes as a word and a mask (most candidates fail
  // on those), and whether it holds ASCII letters (compared lowered).
  struct Anchored {
    int atom = 0;
    uint32_t offset = 0;
    uint32_t size = 0;
    bool has_letters = false;
    uint64_t prefix = 0, prefix_mask = 0;
    const char* data = nullptr;  // atoms_[atom].data()
  };
  std::vector<std::vector<Anchored>> anchored_;
  // By slot: the neighbours the atoms anchored at its character need, as a
  // filter that passes most anchors in text over without comparing any atom.
  // Bit (b & 63) of `before` is set for b, the byte just before the anchor in
  // an atom where something precedes it (the last byte of a character); of
  // `after`, for the last byte of the character after the anchor in an atom
  // that starts with it (both lowered).
  // `anchor_size`: the anchor character's byte length.
  struct Neighbours {
    uint64_t before = 0, after = 0;
    uint32_t anchor_size = 0;
  };
  std::vector<Neighbours> neighbours_;
  std::vector<int> always_;  // empty atoms: present in every line
  bool usable_ = true;       // false when the atoms need more slots than an entry holds
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_ATOM_SCANNER_H_
