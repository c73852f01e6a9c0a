#include "src/text/script_tables.h"

#include <algorithm>

#include "src/text/utf8.h"

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
struct FoldEntry {
  char32_t cp;
  const char* utf8;
};
struct CodePointCount {
  char32_t cp;
  unsigned long count;
};

#include "script_tables_data.inc"

}  // namespace

const ScriptTables& ScriptTables::Get() {
  static const ScriptTables* tables = new ScriptTables();
  return *tables;
}

ScriptTables::ScriptTables()
    : bmp_reading_(kBmpLimit - kBmpBase, 0),
      bmp_simplified_(kBmpLimit - kBmpBase, 0),
      bmp_folds_(kBmpLimit / 64, 0),
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
      SetBit(&bmp_folds_, p.from);
      bmp_changed_[p.from - kBmpBase] = true;
    } else {
      supp_simplified_[p.from] = p.to;
      supp_changed_[p.from] = true;
    }
  }
  for (const CodePointPair& p : kSimpToTradEntries) {
    traditional_[p.from] = p.to;
    if (p.from < kBmpLimit) {
      bmp_changed_[p.from - kBmpBase] = true;
    } else {
      supp_changed_[p.from] = true;
    }
  }
  bmp_cased_.assign(0x10000 / 64, 0);
  for (const CodePointPair& r : kCasedRanges) {
    for (char32_t cp = r.from; cp <= r.to && cp < 0x10000; ++cp) SetBit(&bmp_cased_, cp);
  }
  BuildMatchView();
}

bool ScriptTables::SuppHasCase(char32_t cp) const {
  auto it = std::upper_bound(std::begin(kCasedRanges), std::end(kCasedRanges), cp,
                             [](char32_t c, const CodePointPair& r) { return c < r.from; });
  return it != std::begin(kCasedRanges) && cp <= std::prev(it)->to;
}

namespace {

bool InDropRanges(char32_t cp) {
  size_t lo = 0, hi = std::size(kDropRanges);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kDropRanges[mid].to < cp) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < std::size(kDropRanges) && kDropRanges[lo].from <= cp;
}

}  // namespace

void ScriptTables::BuildMatchView() {
  absl::flat_hash_map<char32_t, const char*> folds;
  for (const FoldEntry& e : kNfkcCasefoldEntries) folds.emplace(e.cp, e.utf8);
  // The view of one code point, encoded as AppendMatchView reads it. (Two
  // buffers for all 65,536 and more calls: allocating them in each call was
  // 134,000 allocations at start-up.)
  std::vector<char32_t> seq, kept;
  auto encode = [&](char32_t cp) -> uint32_t {
    seq.clear();
    kept.clear();
    auto it = folds.find(cp);
    if (it == folds.end()) {
      seq.push_back(cp);
    } else {
      std::string_view utf8(it->second);
      size_t i = 0, len = 0;
      while (i < utf8.size()) {
        seq.push_back(DecodeUtf8(utf8, i, &len));
        i += len;
      }
    }
    for (char32_t c : seq) {
      c = ToSimplified(c);
      if (!InDropRanges(c)) kept.push_back(c);
    }
    if (kept.empty()) return kMatchDrop;
    if (kept.size() == 1) return kept[0] == cp ? kMatchIdentity : kept[0];
    max_view_length_ = std::max(max_view_length_, kept.size());
    uint32_t off = static_cast<uint32_t>(match_pool_.size());
    match_pool_.insert(match_pool_.end(), kept.begin(), kept.end());
    return kMatchPoolBit | (static_cast<uint32_t>(kept.size()) << 24) | off;
  };
  for (char32_t cp = 0; cp < 0x80; ++cp) ascii_match_[cp] = encode(cp);
  bmp_match_.resize(0x10000);
  bmp_match_class_.assign(0x10000, kViewSelf);
  for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
    bmp_match_[cp] = (cp >= 0xD800 && cp <= 0xDFFF) ? kMatchIdentity : encode(cp);
    const uint32_t v = bmp_match_[cp];
    bmp_match_class_[cp] = v == kMatchIdentity ? kViewSelf
                           : v == kMatchDrop   ? kViewDrop
                           : v & kMatchPoolBit ? kViewMany
                                               : kViewOther;
  }
  for (const FoldEntry& e : kNfkcCasefoldEntries) {
    if (e.cp >= 0x10000) supp_match_[e.cp] = encode(e.cp);
  }
  for (const CodePointPair& p : kTradToSimpEntries) {
    if (p.from >= 0x10000) supp_match_[p.from] = encode(p.from);
  }
  for (const CodePointPair& r : kDropRanges) {
    if (r.to < 0x10000) continue;
    for (char32_t cp = std::max<char32_t>(r.from, 0x10000); cp <= r.to; ++cp)
      supp_match_[cp] = kMatchDrop;
  }
}

void ScriptTables::AppendMatchView(std::string_view text, std::vector<char32_t>* out) const {
  out->resize(WriteMatchView(text, out, out->size()));
}

size_t ScriptTables::WriteMatchView(std::string_view text, std::vector<char32_t>* out,
                                    size_t at) const {
  // One output code point per input byte is an upper bound except for pool
  // runs (expansions such as U+FDFA), which grow the buffer when they need to.
  // The buffer grows (and so is zero-filled) only where it is too short.
  size_t used = at;
  if (out->size() < used + text.size()) out->resize(used + text.size());
  char32_t* w = out->data() + used;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* const end = p + text.size();
  const uint8_t* const classes = bmp_match_class_.data();
  const uint32_t* const match = bmp_match_.data();
  bool folding = false;  // a character's view was another code point
  while (p < end) {
    // Runs of three-byte characters (Han, CJK punctuation), without the tests
    // on each lead byte below. (There is room: the buffer holds a code point
    // per byte of the rest.) Until the text shows a character whose view is
    // another code point (a traditional one), the run takes the characters
    // whose view is themselves or nothing: the code point is written, and kept
    // unless it is dropped. From then on (a third of the characters of a
    // Taiwanese or Hong Kong page fold, in no pattern a branch could follow)
    // it takes those too, without a branch: every character reads an entry of
    // bmp_match_, its own if its view is another code point and entry 0 if
    // not, so that only the folding characters' rows of that table are read.
    if (!folding) {
      while (end - p >= 3 && (*p & 0xF0) == 0xE0) {
        const char32_t run_cp = DecodeUtf8Three(reinterpret_cast<const char*>(p));
        const uint32_t cls = classes[run_cp];
        if (cls > kViewDrop) break;
        *w = run_cp;
        w += cls ^ 1;
        p += 3;
      }
    } else {
      while (end - p >= 3 && (*p & 0xF0) == 0xE0) {
        const char32_t run_cp = DecodeUtf8Three(reinterpret_cast<const char*>(p));
        const uint32_t cls = classes[run_cp];
        if (cls == kViewMany) break;
        const uint32_t single = 0u - static_cast<uint32_t>(cls == kViewOther);  // all ones or 0
        const char32_t other = match[run_cp & single];
        *w = run_cp ^ ((other ^ run_cp) & single);
        w += cls != kViewDrop;
        p += 3;
      }
    }
    if (p >= end) break;
    const unsigned char c = *p;
    char32_t cp;
    uint32_t v;
    if (c < 0x80) {
      cp = c;
      v = ascii_match_[c];
      p += 1;
    } else if (c < 0xE0) {
      cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
      v = bmp_match_[cp];
      p += 2;
    } else if (c < 0xF0) {  // one the run loop above left: its view is another
      cp = DecodeUtf8Three(reinterpret_cast<const char*>(p));
      p += 3;
      v = bmp_match_[cp];
      folding = true;
    } else {
      cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
      v = SuppMatch(cp);
      p += 4;
    }
    if (v == kMatchIdentity) {
      *w++ = cp;
    } else if (v == kMatchDrop) {
      continue;
    } else if (!(v & kMatchPoolBit)) {
      *w++ = v;
    } else {
      const uint32_t len = (v >> 24) & 0x7F, off = v & 0xFFFFFF;
      used = static_cast<size_t>(w - out->data());
      const size_t need = used + len + static_cast<size_t>(end - p);
      if (need > out->size()) {
        out->resize(need);
        w = out->data() + used;
      }
      w = std::copy_n(match_pool_.data() + off, len, w);
    }
  }
  return static_cast<size_t>(w - out->data());
}

void ScriptTables::AppendMatchViewOf(char32_t cp, std::vector<char32_t>* out) const {
  const size_t used = out->size();
  out->resize(used + max_view_length_);
  out->resize(static_cast<size_t>(WriteMatchViewOf(cp, out->data() + used) - out->data()));
}

char32_t* ScriptTables::WriteMatchViewOf(char32_t cp, char32_t* w) const {
  const uint32_t v = cp < 0x80 ? ascii_match_[cp] : cp < 0x10000 ? bmp_match_[cp] : SuppMatch(cp);
  if (v == kMatchIdentity) {
    *w++ = cp;
  } else if (v == kMatchDrop) {
    return w;
  } else if (!(v & kMatchPoolBit)) {
    *w++ = v;
  } else {
    const uint32_t len = (v >> 24) & 0x7F, off = v & 0xFFFFFF;
    w = std::copy_n(match_pool_.data() + off, len, w);
  }
  return w;
}

uint32_t ScriptTables::SuppMatch(char32_t cp) const {
  auto it = supp_match_.find(cp);
  return it == supp_match_.end() ? kMatchIdentity : it->second;
}

unsigned long ScriptTables::HanyuPinluCount(char32_t cp) const {
  const CodePointCount* end = std::end(kHanyuPinluCounts);
  const CodePointCount* it =
      std::lower_bound(std::begin(kHanyuPinluCounts), end, cp,
                       [](const CodePointCount& entry, char32_t key) { return entry.cp < key; });
  return it != end && it->cp == cp ? it->count : 0;
}

bool ScriptTables::IsReadingOf(char32_t cp, int id) const {
  if (id < 0) return false;
  if (ReadingOf(cp) == id) return true;
  // The generated table is sorted by code point: a binary search, no set-up.
  const ReadingEntry* begin = std::begin(kOtherReadingEntries);
  const ReadingEntry* end = std::end(kOtherReadingEntries);
  const ReadingEntry* it =
      std::lower_bound(begin, end, cp, [](const ReadingEntry& e, char32_t c) { return e.cp < c; });
  for (; it != end && it->cp == cp; ++it) {
    if (it->syllable == id) return true;
  }
  return false;
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

char32_t ScriptTables::SuppToSimplified(char32_t cp) const {
  auto it = supp_simplified_.find(cp);
  return it == supp_simplified_.end() ? cp : it->second;
}

char32_t ScriptTables::ToTraditional(char32_t cp) const {
  auto it = traditional_.find(cp);
  return it == traditional_.end() ? cp : it->second;
}

std::string ScriptTables::ToTraditionalText(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  size_t i = 0, len = 0;
  while (i < text.size()) {
    AppendUtf8(ToTraditional(DecodeUtf8(text, i, &len)), &out);
    i += len;
  }
  return out;
}

bool ScriptTables::IsConverterChanged(char32_t cp) const {
  if (cp >= kBmpBase && cp < kBmpLimit) return bmp_changed_[cp - kBmpBase];
  return cp >= kBmpLimit && supp_changed_.contains(cp);
}

void ScriptTables::FoldToSimplified(std::string* s) const {
  char* p = s->data();
  const size_t n = s->size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c < 0xE3) {  // below U+3000: nothing to fold
      i += c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
      continue;
    }
    if (c < 0xF0) {  // three bytes: U+3000..U+FFFF, the dense table, in place
      char32_t cp = DecodeUtf8Three(p + i);
      // Tables hold only same-length mappings: the result is 3 bytes too.
      if (TestBit(bmp_folds_, cp)) OverwriteUtf8(bmp_simplified_[cp - kBmpBase], 3, p + i);
      i += 3;
      continue;
    }
    size_t len = 0;
    char32_t cp = DecodeUtf8(*s, i, &len);
    char32_t to = SuppToSimplified(cp);
    if (to != cp) OverwriteUtf8(to, len, p + i);  // same length by construction of the tables
    i += len;
  }
}

}  // namespace newsclean
