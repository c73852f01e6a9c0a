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
// whether it has case, and which atoms start with its folded form (most code
// points start none). Thread-safe after construction.
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

  // Folds valid UTF-8 *line to simplified in place (as
  // ScriptTables::FoldToSimplified). Then sets *found to the indices of the
  // atoms that occur in it, ascending, and returns true; or returns false, with
  // *found empty, when the line holds a non-ASCII character with case.
  bool FoldAndScan(std::string* line, std::vector<int>* found) const;

 private:
  // Table entry bits.
  static constexpr uint16_t kBucketMask = 0x3FFF;  // bucket + 1 of the folded form, 0: none
  static constexpr uint16_t kFolds = 0x4000;       // has a simplified form
  static constexpr uint16_t kHasCase = 0x8000;     // non-ASCII with case

  // Returns the bucket of the atoms that start with code point `cp`, or -1.
  int BucketOf(char32_t cp) const;

  std::vector<std::string> atoms_;
  std::vector<uint16_t> bmp_;          // by code point (ASCII: lowered)
  std::vector<uint64_t> bmp_nonzero_;  // bit set: bmp_ entry is not 0 (8 KiB, stays in L1)
  absl::flat_hash_map<char32_t, int> supp_bucket_;  // code points beyond the BMP
  std::vector<std::vector<int>> buckets_;           // atom indices by first code point
  // By bucket + 1 (slot 0: no bucket, all zero): the atom that is the bucket's
  // code point alone, as a word index and bit of the seen set, and whether
  // longer atoms start there. Lets the scan mark without branching.
  struct Slot {
    uint32_t single_word = 0;
    uint64_t single_bit = 0;
    bool longer = false;
  };
  std::vector<Slot> slots_;
  // By bucket: which two bytes can follow the first character in the bucket's
  // longer atoms (a 256-bit filter), so that most positions are not compared.
  struct SecondFilter {
    uint64_t one[4] = {};          // by the byte after the first character (atoms of one more byte)
    uint64_t two[4] = {};          // by the two bytes after it, hashed (longer atoms)
    uint8_t first_len = 0;         // byte length of the bucket's first character
    std::vector<int> short_atoms;  // atoms of one byte more
    std::vector<std::pair<uint8_t, int>> by_second;  // longer atoms by their `two` index
  };
  std::vector<SecondFilter> filters_;

  // The index in a SecondFilter's `two` of the two bytes after an atom's first
  // character (ASCII letters lowered).
  static size_t SecondIndex(unsigned char b0, unsigned char b1);
  // False only if no atom of `filter`'s bucket can continue at p[s] (the bytes
  // after a first character, of a line of n bytes, not all of it folded yet).
  bool MayContinue(const SecondFilter& filter, const char* p, size_t s, size_t n) const;
  std::vector<int> always_;                     // empty atoms: present in every line
  std::vector<uint8_t> has_letters_;            // by atom: holds ASCII letters (compare lowered)
  std::vector<uint64_t> prefix_, prefix_mask_;  // by atom: first <= 8 bytes, and their mask
  bool usable_ = true;  // false when the atoms need more buckets than an entry holds
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_ATOM_SCANNER_H_
