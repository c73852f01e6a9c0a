#include "src/clean/atom_scanner.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>

#include "src/text/script_tables.h"
#include "src/text/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// How common `cp` is in Chinese news text, on the scale of
// ScriptTables::HanyuPinluCount (occurrences in about two million
// characters): that count for a Han character, a rough estimate by class for
// the rest. Only the scan's speed depends on it, never what it finds.
unsigned long Commonness(char32_t cp) {
  if (cp == ' ') return 20000;
  if (cp < 0x80) {
    if (cp >= '0' && cp <= '9') return 6000;
    if (cp >= 'a' && cp <= 'z') return 400;
    return 2000;  // ASCII punctuation and controls
  }
  static constexpr std::u32string_view kCommonPunctuation = U"，。、：；“”（）《》";
  if (kCommonPunctuation.find(cp) != std::u32string_view::npos) return 40000;
  if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
      (cp >= 0xFF00 && cp <= 0xFFEF)) {
    return 3000;  // other punctuation and full-width forms
  }
  return ScriptTables::Get().HanyuPinluCount(cp);
}

// Bit k set if flags[k] is true, for k below 16.
uint32_t HitBits(const bool* flags) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(flags));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_slli_epi16(v, 7)));  // 0 or 1 a byte
#else
  uint32_t bits = 0;
  for (int k = 0; k < 16; ++k) bits |= static_cast<uint32_t>(flags[k]) << k;
  return bits;
#endif
}

}  // namespace

AtomScanner::AtomScanner(std::vector<std::string> atoms)
    : atoms_(std::move(atoms)), bmp_(0x10000, 0) {
  // Slots by code point: the characters that are one-character atoms or
  // anchor longer ones.
  absl::flat_hash_map<char32_t, size_t> slot_of;
  auto slot = [&](char32_t cp) {
    auto [it, added] = slot_of.emplace(cp, num_slots_);
    if (added) {
      ++num_slots_;
      anchored_.emplace_back();
      neighbours_.emplace_back();
    }
    return it->second;
  };
  anchored_.emplace_back();  // slot 0
  neighbours_.emplace_back();
  // The one-character atoms first: their slots are 1 to num_single_slots_ - 1,
  // read 16 at a time after the scan.
  single_atom_.push_back(-1);  // slot 0
  for (size_t a = 0; a < atoms_.size(); ++a) {
    const std::string& atom = atoms_[a];
    size_t len = 0;
    if (atom.empty()) continue;
    const char32_t first = DecodeUtf8(atom, 0, &len);
    if (len != atom.size()) continue;
    slot(first);  // a new slot: atoms are distinct
    single_atom_.push_back(static_cast<int>(a));
  }
  num_single_slots_ = num_slots_;
  for (size_t a = 0; a < atoms_.size(); ++a) {
    const std::string& atom = atoms_[a];
    if (atom.empty()) {
      always_.push_back(static_cast<int>(a));
      continue;
    }
    size_t len = 0;
    char32_t first = DecodeUtf8(atom, 0, &len);
    if (len == atom.size()) continue;  // a one-character atom: slotted above
    // The anchor: the character of the atom least common in text.
    size_t best_offset = 0;
    char32_t best = first;
    unsigned long best_count = Commonness(first);
    for (size_t i = len; i < atom.size(); i += len) {
      const char32_t cp = DecodeUtf8(atom, i, &len);
      const unsigned long count = Commonness(cp);
      if (count < best_count) {
        best = cp;
        best_count = count;
        best_offset = i;
      }
    }
    Anchored anchored;
    anchored.atom = static_cast<int>(a);
    anchored.offset = static_cast<uint32_t>(best_offset);
    anchored.size = static_cast<uint32_t>(atom.size());
    anchored.data = atom.data();
    for (char c : atom) anchored.has_letters |= (c >= 'a' && c <= 'z');
    // The first (up to) eight bytes as a word and a mask, to reject most
    // candidates with one comparison.
    const size_t k = std::min<size_t>(8, atom.size());
    std::memcpy(&anchored.prefix, atom.data(), k);
    std::memset(&anchored.prefix_mask, 0xFF, k);
    const size_t anchor_slot = slot(best);
    anchored_[anchor_slot].push_back(anchored);
    Neighbours& nb = neighbours_[anchor_slot];
    nb.anchor_size =
        static_cast<uint32_t>(Utf8SequenceLength(static_cast<unsigned char>(atom[best_offset])));
    if (best_offset > 0) {
      nb.before |= uint64_t{1} << (static_cast<unsigned char>(atom[best_offset - 1]) & 63);
    } else {  // a longer atom: a character follows the anchor; its last byte
      const size_t last =
          nb.anchor_size + Utf8SequenceLength(static_cast<unsigned char>(atom[nb.anchor_size])) - 1;
      nb.after |= uint64_t{1} << (static_cast<unsigned char>(atom[last]) & 63);
    }
  }
  if (num_slots_ > kSlotMask) usable_ = false;
  // A slot anchors atoms when some are anchored at it.
  auto entry_of_folded = [&](char32_t folded) -> uint16_t {
    if (!usable_) return 0;
    auto it = slot_of.find(folded);
    if (it == slot_of.end()) return 0;
    return static_cast<uint16_t>(it->second | (anchored_[it->second].empty() ? 0 : kAnchor));
  };
  const ScriptTables& tables = ScriptTables::Get();
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    char32_t folded = cp < 0x80 ? static_cast<char32_t>(LowerAscii(static_cast<char>(cp)))
                                : tables.ToSimplified(cp);
    uint16_t entry = entry_of_folded(folded);
    if (cp >= 0x80 && folded != cp) entry |= kFolds;
    if (tables.HasCaseBeyondAscii(cp)) entry |= kHasCase;
    bmp_[cp] = entry;
  }
  // The simplified form's bytes of each three-byte character that folds
  // (three bytes too: ScriptTables keeps only same-length mappings).
  fold_three_.assign(0x10000, 0);
  for (char32_t cp = 0x800; cp < 0x10000; ++cp) {
    if (!(bmp_[cp] & kFolds)) continue;
    std::string utf8;
    AppendUtf8(tables.ToSimplified(cp), &utf8);
    if (utf8.size() != 3) {  // never, by the tables' construction: no fast path for it
      bmp_[cp] |= kHasCase;
      continue;
    }
    fold_three_[cp] = static_cast<unsigned char>(utf8[0]) |
                      static_cast<uint32_t>(static_cast<unsigned char>(utf8[1])) << 8 |
                      static_cast<uint32_t>(static_cast<unsigned char>(utf8[2])) << 16;
  }
  bmp_nonzero_.assign(0x10000 / 64, 0);
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    if (bmp_[cp] != 0) bmp_nonzero_[cp >> 6] |= uint64_t{1} << (cp & 63);
  }
  // ASCII's views, each one code point or none.
  for (char32_t cp = 0; cp < 0x80; ++cp) {
    std::vector<char32_t> v;
    tables.AppendMatchViewOf(cp, &v);
    ascii_view_[cp] = v.empty() ? 0 : v[0];  // (NUL's view is none)
  }
  // The view classes, which FoldAndScan ignores (so not in bmp_nonzero_).
  // ASCII's are never read from here.
  const uint8_t* const view_classes = tables.match_classes();
  static_assert(ScriptTables::kViewMany << kViewShift == kViewMask);
  for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
    bmp_[cp] |= static_cast<uint16_t>(view_classes[cp] << kViewShift);
  }
  for (const auto& [cp, s] : slot_of) {
    if (cp >= 0x10000) supp_entry_[cp] = entry_of_folded(cp);
  }
}

uint16_t AtomScanner::EntryOf(char32_t cp) const {
  auto it = supp_entry_.find(cp);
  return it == supp_entry_.end() ? 0 : it->second;
}

bool AtomScanner::FoldAndScan(std::string* line, std::vector<int>* found) const {
  return Scan<false>(line, found, nullptr, nullptr);
}

bool AtomScanner::FoldScanAndView(std::string* line, std::vector<int>* found,
                                  std::vector<char32_t>* view, size_t* view_end) const {
  return Scan<true>(line, found, view, view_end);
}

template <bool kView>
bool AtomScanner::Scan(std::string* line, std::vector<int>* found, std::vector<char32_t>* view,
                       size_t* view_end) const {
  found->clear();
  const ScriptTables& tables = ScriptTables::Get();
  if (line->size() > UINT32_MAX) {  // offsets below are 32-bit: fold, and call it undecided
    if constexpr (kView) *view_end = tables.WriteMatchView(*line, view, *view_end);
    tables.FoldToSimplified(line);
    return false;
  }
  // The view: one code point per byte of the line is room enough but for a
  // code point whose view is several (U+FDFA is 18), where `write_view_of`
  // grows the buffer.
  [[maybe_unused]] char32_t* w = nullptr;
  [[maybe_unused]] const uint32_t* const view_others = tables.match_others();
  if constexpr (kView) {
    if (view->size() < *view_end + line->size()) view->resize(*view_end + line->size());
    w = view->data() + *view_end;
  }
  // A flag per slot, set where its character occurs ([0]: a sink that other
  // characters write to). Stores only, whatever the character: no branch, and
  // successive characters do not wait on each other. (bool, not a character
  // type: its stores cannot alias the table or the line's bounds, which the
  // loop then keeps in registers.)
  // Zeroed up to a multiple of 16 past the one-character atoms' slots, which
  // are read 16 at a time below.
  constexpr size_t kInlineSlots = 1024;
  const size_t hit_size = std::max(num_slots_, (num_single_slots_ + 15) / 16 * 16);
  bool inline_hit[kInlineSlots];
  std::unique_ptr<bool[]> heap_hit;
  bool* hit = inline_hit;
  if (hit_size > kInlineSlots) {
    heap_hit = std::make_unique<bool[]>(hit_size);  // zeroed
    hit = heap_hit.get();
  } else {
    std::fill_n(inline_hit, hit_size, false);
  }
  const uint16_t* const bmp = bmp_.data();
  const uint32_t* const fold_three = fold_three_.data();
  bool folding = false;  // a character of the line folded
  bool decided = usable_;
  // (byte offset, slot) of the anchors met: compared once the line is folded.
  constexpr size_t kInlinePending = 1024;  // 8 KiB: a vector only for very long lines
  struct Pending {  // no constructor: the buffer is not zeroed, [0, num_pending) is read
    uint32_t at;
    uint32_t slot;
  };
  Pending inline_pending[kInlinePending];
  size_t num_pending = 0;
  std::vector<Pending> more_pending;

  char* p = line->data();
  const size_t n = line->size();
  size_t i = 0;
  while (i < n) {
    // Fast path: runs of three-byte characters (Han, CJK punctuation) without
    // case. An anchor is noted without a branch: its entry is stored at the
    // end of the pending list, which grows by one only if the anchor bit is
    // set. (Common characters anchor atoms whose every character is common,
    // "记者", "以上": a branch on them mispredicts.) The run is bounded so that
    // the inline list never overflows.
    static_assert(kAnchor == 1u << 13, "the anchor bit is shifted down to 0 or 1");
    static_assert(kFolds == 1u << 14, "the fold bit is shifted down to 0 or 1");
    if (num_pending == kInlinePending) {  // full: moved out, so that this run has room
      more_pending.insert(more_pending.end(), inline_pending, inline_pending + num_pending);
      num_pending = 0;
    }
    const size_t room = kInlinePending - num_pending;  // at least 1
    const size_t stop = n - i > 3 * room ? i + 3 * room : n;
    if (!folding) {
      // Until the line shows a character that folds, the run takes those
      // that do not.
      // With the view, the run also takes only the characters whose view is
      // themselves or nothing (one test for both: a single branch).
      while (i + 2 < stop && (static_cast<unsigned char>(p[i]) & 0xF0) == 0xE0) {
        const char32_t cp = DecodeUtf8Three(p + i);
        const uint16_t entry = bmp[cp];
        if constexpr (kView) {
          // (kViewOther and kViewMany have the high bit of the class.)
          static_assert(ScriptTables::kViewOther == 2 && ScriptTables::kViewMany == 3);
          if (entry & (kFolds | kHasCase | (2u << kViewShift))) break;
          *w = cp;
          w += ((entry >> kViewShift) & 1u) ^ 1u;  // not for kViewDrop
        } else {
          if (entry & (kFolds | kHasCase)) break;
        }
        const uint32_t slot = entry & kSlotMask;
        hit[slot] = true;
        inline_pending[num_pending] = Pending{static_cast<uint32_t>(i), slot};
        num_pending += (entry >> 13) & 1u;
        i += 3;
      }
    } else {
      // From then on (a third of the characters of a Taiwanese or Hong Kong
      // page fold, in no pattern a branch could follow) it takes those too,
      // without a branch: every character is written back, as its simplified
      // form's bytes if it folds (read from fold_three_, whose entry 0 the
      // others read), as its own bytes if not.
      while (i + 2 < stop && (static_cast<unsigned char>(p[i]) & 0xF0) == 0xE0) {
        const char32_t cp = DecodeUtf8Three(p + i);
        const uint16_t entry = bmp[cp];
        if constexpr (kView) {
          // The view of every character but those of several code points,
          // without a branch, as WriteMatchView's folding run.
          const uint32_t cls = (entry & kViewMask) >> kViewShift;
          if ((entry & kHasCase) | (cls == ScriptTables::kViewMany)) break;
          const uint32_t other = 0u - static_cast<uint32_t>(cls == ScriptTables::kViewOther);
          *w = cp ^ ((view_others[cp & other] ^ cp) & other);
          w += cls != ScriptTables::kViewDrop;
        } else {
          if (entry & kHasCase) break;
        }
        const uint32_t folds = 0u - ((entry >> 14) & 1u);  // all ones or 0
        // The character's bytes, packed as in fold_three_ (from registers:
        // a copy through memory would stall the load on the narrower stores).
        const uint32_t own = static_cast<unsigned char>(p[i]) |
                             static_cast<uint32_t>(static_cast<unsigned char>(p[i + 1])) << 8 |
                             static_cast<uint32_t>(static_cast<unsigned char>(p[i + 2])) << 16;
        const uint32_t bytes = own ^ ((fold_three[cp & folds] ^ own) & folds);
        p[i] = static_cast<char>(bytes);
        p[i + 1] = static_cast<char>(bytes >> 8);
        p[i + 2] = static_cast<char>(bytes >> 16);
        const uint32_t slot = entry & kSlotMask;
        hit[slot] = true;
        inline_pending[num_pending] = Pending{static_cast<uint32_t>(i), slot};
        num_pending += (entry >> 13) & 1u;
        i += 3;
      }
    }
    if (i >= n) break;
    const unsigned char c = static_cast<unsigned char>(p[i]);
    size_t len;
    uint16_t entry;
    // The view of the character at i (before it is folded), written first:
    // ASCII from the scanner's own table (0: none), the BMP by the class in
    // its entry; a view of several code points, and a four-byte character's,
    // by ScriptTables, after making room (the only views longer than the
    // character's bytes).
    auto write_view_of = [&]([[maybe_unused]] char32_t cp, [[maybe_unused]] size_t len) {
      if constexpr (kView) {
        const size_t at = static_cast<size_t>(w - view->data());
        const size_t room = tables.max_view_length() + (n - i - len);
        if (view->size() < at + room) {
          view->resize(at + room);
          w = view->data() + at;
        }
        w = tables.WriteMatchViewOf(cp, w);
      }
    };
    if (c < 0x80) {
      len = 1;
      entry = bmp_[c];
      if constexpr (kView) {
        const char32_t v = ascii_view_[c];
        *w = v;
        w += v != 0;
      }
    } else if (c < 0xF0) {
      char32_t cp;
      if (c < 0xE0) {
        len = 2;
        cp = ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
      } else {
        len = 3;
        cp = DecodeUtf8Three(p + i);
      }
      if constexpr (kView) {
        entry = bmp_[cp];
        switch ((entry & kViewMask) >> kViewShift) {
          case ScriptTables::kViewSelf:
            *w++ = cp;
            break;
          case ScriptTables::kViewDrop:
            break;
          case ScriptTables::kViewOther:
            *w++ = view_others[cp];
            break;
          default:
            write_view_of(cp, len);
        }
        if ((entry & ~kViewMask) == 0) {  // most code points
          i += len;
          continue;
        }
      } else {
        if (((bmp_nonzero_[cp >> 6] >> (cp & 63)) & 1) == 0) {  // most code points
          i += len;
          continue;
        }
        entry = bmp_[cp];
      }
      // Same byte length by construction of the tables.
      if (entry & kFolds) {
        OverwriteUtf8(tables.ToSimplified(cp), len, p + i);
        folding = true;
      }
      if (entry & kHasCase) decided = false;
    } else {
      len = 4;
      char32_t cp = ((c & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) |
                    (p[i + 3] & 0x3Fu);
      write_view_of(cp, 4);
      char32_t to = tables.ToSimplified(cp);
      if (to != cp) {
        OverwriteUtf8(to, len, p + i);  // same length by construction of the tables
        cp = to;
      }
      if (tables.HasCaseBeyondAscii(cp)) decided = false;
      entry = EntryOf(cp);
    }
    const uint32_t slot = entry & kSlotMask;
    hit[slot] = true;
    if (entry & kAnchor) {
      if (num_pending < kInlinePending) {
        inline_pending[num_pending++] = Pending{static_cast<uint32_t>(i), slot};
      } else {
        more_pending.push_back(Pending{static_cast<uint32_t>(i), slot});
      }
    }
    i += len;
  }
  if constexpr (kView) *view_end = static_cast<size_t>(w - view->data());
  if (!decided) return false;
  // A bit per atom.
  constexpr size_t kInlineWords = 16;  // up to 1024 atoms without allocating
  uint64_t inline_seen[kInlineWords];  // only [0, words) is used: zeroed below
  std::vector<uint64_t> heap_seen;
  uint64_t* seen = inline_seen;
  const size_t words = (atoms_.size() + 63) / 64;
  if (words > kInlineWords) {
    heap_seen.assign(words, 0);
    seen = heap_seen.data();
  } else {
    std::fill_n(inline_seen, words, 0);
  }
  for (int a : always_) seen[a >> 6] |= uint64_t{1} << (a & 63);
  // The one-character atoms: their slots' flags, 16 to a step, as bits; few
  // are set on a line, and each sets its atom's.
  for (size_t base = 0; base < num_single_slots_; base += 16) {
    uint32_t bits = HitBits(hit + base);
    if (base == 0) bits &= ~uint32_t{1};  // slot 0 is no atom
    if (num_single_slots_ - base < 16) bits &= (uint32_t{1} << (num_single_slots_ - base)) - 1;
    for (; bits != 0; bits &= bits - 1) {
      const int a = single_atom_[base + static_cast<size_t>(__builtin_ctz(bits))];
      seen[a >> 6] |= uint64_t{1} << (a & 63);
    }
  }
  // Compares the atoms anchored at the character at byte `at`, unless neither
  // of its neighbours is one that some of them need.
  auto compare = [&](uint32_t at, uint32_t slot) {
    const Neighbours& nb = neighbours_[slot];
    const bool before_fits =
        at > 0 && (nb.before >> (static_cast<unsigned char>(LowerAscii(p[at - 1])) & 63)) & 1;
    const size_t next = at + nb.anchor_size;  // the character after the anchor
    const size_t last =
        next < n ? next + Utf8SequenceLength(static_cast<unsigned char>(p[next])) - 1 : n;
    const bool after_fits =
        last < n && (nb.after >> (static_cast<unsigned char>(LowerAscii(p[last])) & 63)) & 1;
    if (!before_fits && !after_fits) return;
    for (const Anchored& anchored : anchored_[slot]) {
      if (at < anchored.offset) continue;
      const size_t start = at - anchored.offset;
      if (n - start < anchored.size) continue;
      const char* text = p + start;
      bool match;
      if (anchored.has_letters) {
        match = StartsWithLowered(std::string_view(text, anchored.size),
                                  std::string_view(anchored.data, anchored.size));
      } else {
        uint64_t head = 0;  // the next eight bytes (zero past the end)
        std::memcpy(&head, text, std::min<size_t>(8, n - start));
        match = (head & anchored.prefix_mask) == anchored.prefix &&
                (anchored.size <= 8 ||
                 std::memcmp(text + 8, anchored.data + 8, anchored.size - 8) == 0);
      }
      const int a = anchored.atom;
      seen[a >> 6] |= static_cast<uint64_t>(match) << (a & 63);
    }
  };
  for (size_t k = 0; k < num_pending; ++k) {
    compare(inline_pending[k].at, inline_pending[k].slot);
  }
  for (const Pending& pending : more_pending) compare(pending.at, pending.slot);
  for (size_t w = 0; w < words; ++w) {
    for (uint64_t bits = seen[w]; bits != 0; bits &= bits - 1) {
      found->push_back(static_cast<int>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
    }
  }
  return true;
}

}  // namespace newsclean
