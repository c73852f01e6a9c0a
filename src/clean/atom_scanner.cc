#include "src/clean/atom_scanner.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "src/text/script_tables.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// Whether `text` starts with `atom` once its ASCII letters are lowered.
bool StartsWithLowered(std::string_view text, std::string_view atom) {
  if (text.size() < atom.size()) return false;
  for (size_t i = 0; i < atom.size(); ++i) {
    if (LowerAscii(text[i]) != atom[i]) return false;
  }
  return true;
}

}  // namespace

size_t AtomScanner::SecondIndex(unsigned char b0, unsigned char b1) {
  b0 = static_cast<unsigned char>(LowerAscii(static_cast<char>(b0)));
  b1 = static_cast<unsigned char>(LowerAscii(static_cast<char>(b1)));
  return (static_cast<size_t>(b0) * 131 + b1) & 255;
}

bool AtomScanner::MayContinue(const SecondFilter& filter, const char* p, size_t s, size_t n) const {
  if (s >= n) return false;
  const unsigned char b0 = static_cast<unsigned char>(LowerAscii(p[s]));
  if ((filter.one[b0 >> 6] >> (b0 & 63)) & 1) return true;
  if (s + 1 >= n) return false;
  // A character not yet folded may change its bytes: keep the position.
  if ((b0 & 0xF0) == 0xE0 && s + 2 < n && (bmp_[DecodeUtf8Three(p + s)] & kFolds)) return true;
  if ((b0 & 0xE0) == 0xC0 || b0 >= 0xF0) return true;  // two- and four-byte characters
  const size_t idx = SecondIndex(b0, static_cast<unsigned char>(p[s + 1]));
  return (filter.two[idx >> 6] >> (idx & 63)) & 1;
}

AtomScanner::AtomScanner(std::vector<std::string> atoms)
    : atoms_(std::move(atoms)), bmp_(0x10000, 0) {
  absl::flat_hash_map<char32_t, int> bucket_of;
  has_letters_.assign(atoms_.size(), 0);
  prefix_.assign(atoms_.size(), 0);
  prefix_mask_.assign(atoms_.size(), 0);
  for (size_t a = 0; a < atoms_.size(); ++a) {
    for (char c : atoms_[a]) has_letters_[a] |= (c >= 'a' && c <= 'z');
    // The first (up to) eight bytes as a word and a mask, to reject most
    // candidates with one comparison.
    uint64_t prefix = 0, mask = 0;
    const size_t k = std::min<size_t>(8, atoms_[a].size());
    std::memcpy(&prefix, atoms_[a].data(), k);
    std::memset(&mask, 0xFF, k);
    prefix_[a] = prefix;
    prefix_mask_[a] = mask;
    if (atoms_[a].empty()) {
      always_.push_back(static_cast<int>(a));
      continue;
    }
    size_t len = 0;
    char32_t first = DecodeUtf8(atoms_[a], 0, &len);
    auto [it, added] = bucket_of.emplace(first, static_cast<int>(buckets_.size()));
    if (added) buckets_.emplace_back();
    buckets_[it->second].push_back(static_cast<int>(a));
  }
  if (buckets_.size() >= kBucketMask) usable_ = false;
  slots_.assign(buckets_.size() + 1, Slot{});
  filters_.assign(buckets_.size(), SecondFilter{});
  for (size_t b = 0; b < buckets_.size(); ++b) {
    SecondFilter& filter = filters_[b];
    for (int a : buckets_[b]) {
      size_t len = 0;
      DecodeUtf8(atoms_[a], 0, &len);
      filter.first_len = static_cast<uint8_t>(len);
      if (atoms_[a].size() == len) {
        slots_[b + 1].single_word = static_cast<uint32_t>(a >> 6);
        slots_[b + 1].single_bit = uint64_t{1} << (a & 63);
        continue;
      }
      slots_[b + 1].longer = true;
      const unsigned char b0 =
          static_cast<unsigned char>(LowerAscii(static_cast<char>(atoms_[a][len])));
      if (atoms_[a].size() < len + 2) {  // one byte after the first character
        filter.one[b0 >> 6] |= uint64_t{1} << (b0 & 63);
        filter.short_atoms.push_back(a);
        continue;
      }
      size_t idx = SecondIndex(b0, static_cast<unsigned char>(atoms_[a][len + 1]));
      filter.two[idx >> 6] |= uint64_t{1} << (idx & 63);
      filter.by_second.emplace_back(static_cast<uint8_t>(idx), a);
    }
    std::sort(filter.by_second.begin(), filter.by_second.end());
  }
  const ScriptTables& tables = ScriptTables::Get();
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    char32_t folded = cp < 0x80 ? static_cast<char32_t>(LowerAscii(static_cast<char>(cp)))
                                : tables.ToSimplified(cp);
    uint16_t entry = 0;
    if (auto it = bucket_of.find(folded); it != bucket_of.end() && usable_) {
      entry = static_cast<uint16_t>(it->second + 1);
    }
    if (cp >= 0x80 && folded != cp) entry |= kFolds;
    if (tables.HasCaseBeyondAscii(cp)) entry |= kHasCase;
    bmp_[cp] = entry;
  }
  bmp_nonzero_.assign(0x10000 / 64, 0);
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    if (bmp_[cp] != 0) bmp_nonzero_[cp >> 6] |= uint64_t{1} << (cp & 63);
  }
  for (const auto& [cp, bucket] : bucket_of) {
    if (cp >= 0x10000) supp_bucket_[cp] = bucket;
  }
}

int AtomScanner::BucketOf(char32_t cp) const {
  if (cp < 0x10000) return (bmp_[cp] & kBucketMask) - 1;
  auto it = supp_bucket_.find(cp);
  return it == supp_bucket_.end() ? -1 : it->second;
}

bool AtomScanner::FoldAndScan(std::string* line, std::vector<int>* found) const {
  found->clear();
  const ScriptTables& tables = ScriptTables::Get();
  if (line->size() > UINT32_MAX) {  // offsets below are 32-bit: fold, and call it undecided
    tables.FoldToSimplified(line);
    return false;
  }
  // A bit per atom: an atom seen once is not compared again.
  constexpr size_t kInlineWords = 16;  // up to 1024 atoms without allocating
  uint64_t inline_seen[kInlineWords] = {};
  std::vector<uint64_t> heap_seen;
  uint64_t* seen = inline_seen;
  const size_t words = (atoms_.size() + 63) / 64;
  if (words > kInlineWords) {
    heap_seen.assign(words, 0);
    seen = heap_seen.data();
  }
  for (int a : always_) seen[a >> 6] |= uint64_t{1} << (a & 63);
  bool decided = usable_;
  // (byte offset, bucket) where longer atoms may start: a fixed buffer, a
  // vector only for lines with very many.
  constexpr size_t kInlinePending = 1024;
  struct Pending {  // 8 bytes: written for every character of the fast path
    uint32_t at;
    int32_t bucket;
  };
  Pending inline_pending[kInlinePending];  // not zeroed: only [0, num_pending) is read
  size_t num_pending = 0;
  std::vector<std::pair<size_t, int>> more_pending;

  char* p = line->data();
  const size_t n = line->size();
  size_t i = 0;
  while (i < n) {
    // Fast path: runs of three-byte characters (Han, CJK punctuation) that
    // neither fold nor have case, without a branch on what they are: the
    // atoms a character starts are marked, and a pending entry is written
    // always and kept only when longer atoms start there.
    while (i + 2 < n && (static_cast<unsigned char>(p[i]) & 0xF0) == 0xE0 &&
           num_pending < kInlinePending) {
      const char32_t cp = DecodeUtf8Three(p + i);
      const uint16_t entry = bmp_[cp];
      if (entry & (kFolds | kHasCase)) break;
      const size_t bucket_slot = entry & kBucketMask;
      const Slot& slot = slots_[bucket_slot];
      // Most characters are no atom: skipping the store keeps successive
      // characters from waiting on each other's read-modify-write of seen[0].
      if (slot.single_bit != 0) seen[slot.single_word] |= slot.single_bit;
      inline_pending[num_pending] =
          Pending{static_cast<uint32_t>(i), static_cast<int32_t>(bucket_slot) - 1};
      // Kept only if the next bytes can continue a longer atom (most cannot).
      if (slot.longer) num_pending += MayContinue(filters_[bucket_slot - 1], p, i + 3, n);
      i += 3;
    }
    if (i >= n) break;
    const unsigned char c = static_cast<unsigned char>(p[i]);
    size_t len;
    int bucket;
    if (c < 0x80) {
      len = 1;
      bucket = (bmp_[c] & kBucketMask) - 1;
    } else if (c < 0xF0) {
      char32_t cp;
      if (c < 0xE0) {
        len = 2;
        cp = ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
      } else {
        len = 3;
        cp = DecodeUtf8Three(p + i);
      }
      if (((bmp_nonzero_[cp >> 6] >> (cp & 63)) & 1) == 0) {  // most code points
        i += len;
        continue;
      }
      const uint16_t entry = bmp_[cp];
      // Same byte length by construction of the tables.
      if (entry & kFolds) OverwriteUtf8(tables.ToSimplified(cp), len, p + i);
      if (entry & kHasCase) decided = false;
      bucket = (entry & kBucketMask) - 1;
    } else {
      len = 4;
      char32_t cp = ((c & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) |
                    (p[i + 3] & 0x3Fu);
      char32_t to = tables.ToSimplified(cp);
      if (to != cp) {
        OverwriteUtf8(to, len, p + i);  // same length by construction of the tables
        cp = to;
      }
      if (tables.HasCaseBeyondAscii(cp)) decided = false;
      bucket = BucketOf(cp);
    }
    // Branch-free for most code points: slot 0 marks nothing.
    const Slot& slot = slots_[static_cast<size_t>(bucket + 1)];
    seen[slot.single_word] |= slot.single_bit;
    if (slot.longer) {  // compared once the line is folded
      if (num_pending < kInlinePending) {
        inline_pending[num_pending++] = Pending{static_cast<uint32_t>(i), bucket};
      } else {
        more_pending.emplace_back(i, bucket);
      }
    }
    i += len;
  }
  if (!decided) return false;
  // Compares the atoms of `bucket` that may start at `at`: those whose byte or
  // two bytes after the first character are the line's there.
  auto compare = [&](size_t at, int bucket) {
    const SecondFilter& filter = filters_[static_cast<size_t>(bucket)];
    const size_t s = at + filter.first_len;
    if (s >= n) return;  // no room for a longer atom
    std::string_view rest(p + at, n - at);
    uint64_t head = 0;  // the next eight bytes (zero past the end)
    std::memcpy(&head, rest.data(), std::min<size_t>(8, rest.size()));
    auto try_atom = [&](int a) {
      if ((seen[a >> 6] >> (a & 63)) & 1) return;
      const std::string& atom = atoms_[a];
      bool match;
      if (has_letters_[a]) {
        match = StartsWithLowered(rest, atom);
      } else {
        match = (head & prefix_mask_[a]) == prefix_[a] && rest.size() >= atom.size() &&
                (atom.size() <= 8 ||
                 std::memcmp(rest.data() + 8, atom.data() + 8, atom.size() - 8) == 0);
      }
      if (match) seen[a >> 6] |= uint64_t{1} << (a & 63);
    };
    const unsigned char b0 = static_cast<unsigned char>(LowerAscii(p[s]));
    if ((filter.one[b0 >> 6] >> (b0 & 63)) & 1) {
      for (int a : filter.short_atoms) try_atom(a);
    }
    if (s + 1 >= n) return;
    const size_t idx = SecondIndex(b0, static_cast<unsigned char>(p[s + 1]));
    if (((filter.two[idx >> 6] >> (idx & 63)) & 1) == 0) return;
    auto it = std::lower_bound(filter.by_second.begin(), filter.by_second.end(),
                               std::pair<uint8_t, int>(static_cast<uint8_t>(idx), -1));
    for (; it != filter.by_second.end() && it->first == idx; ++it) try_atom(it->second);
  };
  for (size_t k = 0; k < num_pending; ++k) compare(inline_pending[k].at, inline_pending[k].bucket);
  for (const auto& [at, bucket] : more_pending) compare(at, bucket);
  for (size_t w = 0; w < words; ++w) {
    for (uint64_t bits = seen[w]; bits != 0; bits &= bits - 1) {
      found->push_back(static_cast<int>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
    }
  }
  return true;
}

}  // namespace newsclean
