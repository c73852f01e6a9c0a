#include "src/dedup/containment_index.h"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "src/text/mix64.h"

namespace newsclean {
namespace {

// A sample is 64 bits: the high half is its tag in the table (a Mix64 of the
// shingle's hash), the low half the top 32 bits of the shingle's hash, whose
// leading zeros decide its level: a shingle is sampled at level j when its
// hash's top kBaseBits + j bits are zero. The hash joins two XXH3 hashes, so
// its bits are uniform as they are, and the scan mixes only the one shingle in
// 32 it keeps.

// The highest level a level-0 sample belongs to: how many leading zero bits
// its low half has beyond the base ones.
int LevelOf(uint64_t sample) {
  const uint32_t pick = static_cast<uint32_t>(sample);
  if (pick == 0) return ContainmentIndex::kMaxLevel;
  const int zeros = __builtin_clz(pick) - ContainmentIndex::kBaseBits;
  return std::min(zeros, ContainmentIndex::kMaxLevel);
}

// Mixed into a kept shingle's hash for its tag.
constexpr uint64_t kSeed = 0x6E63636F6E746E31ull;  // "nccontn1"

}  // namespace

void ContainmentSamples(std::span<const uint64_t> shingle_hashes, int ngram,
                        std::vector<uint64_t>* samples) {
  samples->clear();
  const size_t count = shingle_hashes.size();
  if (count == 0) return;
  const size_t n = static_cast<size_t>(ngram);
  // The shingle of 2n code points at i is the n-shingles at i and i + n; a
  // view shorter than that is one shingle, of its first and last n-shingles.
  const uint64_t* h = shingle_hashes.data();
  const size_t last = count <= n ? 1 : count - n;
  const size_t step = count <= n ? count - 1 : n;
  constexpr int kShift = 64 - ContainmentIndex::kBaseBits;
  for (size_t i = 0; i < last; ++i) {
    const uint64_t second = h[i + step];
    const uint64_t joined = h[i] ^ ((second << 31) | (second >> 33));
    if ((joined >> kShift) != 0) [[likely]]
      continue;
    samples->push_back((Mix64(joined ^ kSeed) & 0xFFFFFFFF00000000ull) | (joined >> 32));
  }
  std::sort(samples->begin(), samples->end());
  samples->erase(std::unique(samples->begin(), samples->end()), samples->end());
}

std::string ContainmentIndex::Name(int ngram) {
  return absl::StrCat("containment-v1-c", 2 * ngram, "-b", kBaseBits, "-s", kMaxSamples, "-p",
                      kMaxPostings);
}

ContainmentIndex::ContainmentIndex() = default;

size_t ContainmentIndex::Home(uint32_t tag) const {
  const uint64_t mixed = (static_cast<uint64_t>(tag) * 0x9E3779B97F4A7C15ull) >> 32;
  return static_cast<size_t>((mixed * slots_.size()) >> 32);
}

size_t ContainmentIndex::Find(uint32_t tag) const {
  const size_t n = slots_.size();
  for (size_t i = Home(tag); slots_[i].head != kEmpty; i = i + 1 == n ? 0 : i + 1) {
    if (slots_[i].tag == tag) return i;
  }
  return kNotFound;
}

bool ContainmentIndex::Add(uint32_t doc, uint32_t tag) {
  // One slot a tag: the table grows by a quarter (slot counts are not powers
  // of two), keeping the load between 0.56 and 0.7.
  if (slots_.empty()) {  // allocated on first use
    slots_.assign(1024, Slot{0, kEmpty});
    holders_.assign(1024, 0);
  }
  if ((used_ + 1) * 10 > slots_.size() * 7) Grow();
  const size_t n = slots_.size();
  size_t i = Home(tag);
  for (; slots_[i].head != kEmpty; i = i + 1 == n ? 0 : i + 1) {
    if (slots_[i].tag != tag) continue;
    const size_t held = holders_[i];
    if (held == kMaxPostings) return false;  // a stop sample
    if (held == 1) {                         // the first holder moves to a block of two
      const uint32_t block = Allocate(0);
      pool_[block] = slots_[i].head;
      slots_[i].head = block;
    } else if (SizeClass(held + 1) != SizeClass(held)) {  // a block twice as large
      const uint32_t block = Allocate(SizeClass(held + 1));
      std::copy_n(pool_.data() + slots_[i].head, held, pool_.data() + block);
      Free(slots_[i].head, SizeClass(held));
      slots_[i].head = block;
    }
    pool_[slots_[i].head + held] = doc;
    ++holders_[i];
    return true;
  }
  slots_[i] = Slot{tag, doc};
  holders_[i] = 1;
  ++used_;
  return true;
}

size_t ContainmentIndex::SizeClass(size_t holders) {
  size_t c = 0;
  while ((size_t{2} << c) < holders) ++c;
  return c;
}

uint32_t ContainmentIndex::Allocate(size_t size_class) {
  if (size_class < free_.size() && !free_[size_class].empty()) {
    const uint32_t block = free_[size_class].back();
    free_[size_class].pop_back();
    return block;
  }
  const uint32_t block = static_cast<uint32_t>(pool_.size());
  pool_.resize(pool_.size() + (size_t{2} << size_class));
  return block;
}

void ContainmentIndex::Free(uint32_t block, size_t size_class) {
  if (free_.size() <= size_class) free_.resize(size_class + 1);
  free_[size_class].push_back(block);
}

void ContainmentIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  std::vector<uint8_t> old_holders = std::move(holders_);
  slots_.assign(old.size() + old.size() / 4, Slot{0, kEmpty});
  holders_.assign(slots_.size(), 0);
  const size_t n = slots_.size();
  for (size_t k = 0; k < old.size(); ++k) {
    if (old[k].head == kEmpty) continue;
    size_t i = Home(old[k].tag);
    while (slots_[i].head != kEmpty) i = i + 1 == n ? 0 : i + 1;
    slots_[i] = old[k];
    holders_[i] = old_holders[k];
  }
}

void ContainmentIndex::Begin(uint32_t doc, int level, size_t count) {
  levels_.resize(doc, 0);
  counts_.resize(doc, 0);
  levels_.push_back(static_cast<uint8_t>(std::clamp(level, 0, kMaxLevel)));
  counts_.push_back(static_cast<uint16_t>(std::min<size_t>(count, 0xFFFF)));
}

void ContainmentIndex::Insert(uint32_t doc, std::span<const uint64_t> samples) {
  if (samples.empty()) return;
  // How many samples each level holds: the lowest level with at most
  // kMaxSamples is this document's.
  std::array<size_t, kMaxLevel + 2> at_least{};
  for (uint64_t s : samples) ++at_least[static_cast<size_t>(LevelOf(s))];
  for (int j = kMaxLevel - 1; j >= 0; --j) at_least[j] += at_least[j + 1];
  int level = 0;
  while (level < kMaxLevel && at_least[static_cast<size_t>(level)] > kMaxSamples) ++level;
  size_t stored = 0;
  for (uint64_t s : samples) {
    if (LevelOf(s) >= level) stored += Add(doc, Tag(s));
  }
  if (stored > 0) Begin(doc, level, stored);
}

void ContainmentIndex::InsertStored(uint32_t doc, int level, size_t count,
                                    std::span<const uint32_t> tags) {
  size_t stored = 0;
  for (uint32_t tag : tags) stored += Add(doc, tag);
  if (stored > 0) Begin(doc, level, std::min(count, stored));
}

std::vector<std::vector<uint32_t>> ContainmentIndex::StoredTags(size_t num_docs) const {
  std::vector<std::vector<uint32_t>> tags(std::max(num_docs, levels_.size()));
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].head == kEmpty) continue;
    ForEachHolder(i, [&](uint32_t doc) { tags[doc].push_back(slots_[i].tag); });
  }
  for (std::vector<uint32_t>& t : tags) std::sort(t.begin(), t.end());
  return tags;
}

void ContainmentIndex::Matches(std::span<const uint64_t> samples, double threshold,
                               std::vector<ContainmentMatch>* out) const {
  // For each document holding one of the query's countable samples: how many
  // it shares (low half) and, when it may matter, how many of the query's stop
  // samples it holds (high half; a document holds at most kMaxSamples tags, so
  // neither half overflows); zeroed again once read. Only a document sharing a
  // countable sample is a candidate: one that shares nothing but stop samples
  // shares nothing particular. And the query's countable samples, by level.
  thread_local std::vector<uint32_t> counts, touched;
  thread_local std::vector<size_t> stops;  // slots of the query's stop samples
  if (slots_.empty()) return;
  if (counts.size() < levels_.size()) counts.resize(levels_.size(), 0);
  touched.clear();
  stops.clear();
  // Each sample's slot and holder count are cache misses: ask for them all first.
  for (uint64_t s : samples) {
    const size_t home = Home(Tag(s));
    __builtin_prefetch(&slots_[home]);
    __builtin_prefetch(&holders_[home]);
  }
  std::array<size_t, kMaxLevel + 2> countable{};
  for (uint64_t sample : samples) {
    const size_t slot = Find(Tag(sample));
    if (slot != kNotFound && holders_[slot] == kMaxPostings) {
      stops.push_back(slot);
      continue;
    }
    ++countable[static_cast<size_t>(LevelOf(sample))];
    if (slot == kNotFound) continue;
    ForEachHolder(slot, [&](uint32_t d) {
      if (counts[d] == 0) touched.push_back(d);
      ++counts[d];
    });
  }
  for (int j = kMaxLevel - 1; j >= 0; --j) countable[j] += countable[j + 1];
  // The stop samples count only towards "contains", for a candidate that could
  // reach the threshold with all of them: walk their holders only then.
  bool walk_stops = false;
  for (uint32_t doc : touched) {
    walk_stops = walk_stops || static_cast<double>(counts[doc] + stops.size()) >=
                                   threshold * static_cast<double>(counts_[doc]);
  }
  if (walk_stops) {
    for (size_t slot : stops) {
      ForEachHolder(slot, [&](uint32_t d) {
        if (counts[d] != 0) counts[d] += 0x10000u;
      });
    }
  }
  for (uint32_t doc : touched) {
    const size_t shared = counts[doc] & 0xFFFF, shared_stop = counts[doc] >> 16;
    counts[doc] = 0;
    // "Contained in": the query's countable samples at the document's level.
    const size_t mine = countable[levels_[doc]];
    const size_t theirs = counts_[doc];
    ContainmentMatch m;
    m.doc = doc;
    if (mine >= kMinSamples) {
      m.contained_in = static_cast<double>(std::min(shared, mine)) / static_cast<double>(mine);
    }
    // "Contains": every sample the document holds counts, stop samples included.
    if (theirs >= kMinSamples) {
      m.contains =
          static_cast<double>(std::min(shared + shared_stop, theirs)) / static_cast<double>(theirs);
    }
    if (m.best() >= threshold) out->push_back(m);
  }
}

}  // namespace newsclean
