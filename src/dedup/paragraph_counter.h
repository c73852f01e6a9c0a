// ParagraphCounter: how many earlier documents held a paragraph, in bounded
// memory: a count-min sketch (Cormode & Muthukrishnan 2005) with conservative
// update (only the smallest counters grow) and 8-bit saturating counters.
//
// Size: `memory_bytes` split into kDepth rows. A count is never under-
// estimated; it is over-estimated to N or more only if every row's counter was
// pushed there by other paragraphs. With n distinct paragraphs and w counters
// a row, the chance for one paragraph is at most P(Poisson(n/w) >= N)^kDepth:
// with the default 64 MiB (w = 16M) and 10 million distinct paragraphs,
// about 1e-7 for N = 3 and 3e-14 for N = 5. Not thread-safe.
#ifndef NEWSCLEAN_SRC_DEDUP_PARAGRAPH_COUNTER_H_
#define NEWSCLEAN_SRC_DEDUP_PARAGRAPH_COUNTER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"

namespace newsclean {

class ParagraphCounter {
 public:
  static constexpr int kDepth = 4;
  // The most memory a counter may take: kDepth rows of 2^32 counters (the
  // slot arithmetic is 32-bit).
  static constexpr size_t kMaxMemoryBytes = size_t{kDepth} << 32;

  // Allocates a counter of about `memory_bytes`; an error when that is above
  // kMaxMemoryBytes or cannot be allocated.
  static absl::StatusOr<std::unique_ptr<ParagraphCounter>> Create(size_t memory_bytes);
  // REQUIRES: memory_bytes <= kMaxMemoryBytes. Throws std::bad_alloc.
  explicit ParagraphCounter(size_t memory_bytes);

  // The estimated number of documents that held paragraph `hash` (<= 255).
  int Estimate(uint64_t hash) const;
  // Counts one more document holding paragraph `hash`.
  void Add(uint64_t hash);
  size_t MemoryBytes() const { return counters_.size(); }

 private:
  size_t Slot(uint64_t hash, int row) const;
  size_t width_;
  std::vector<uint8_t> counters_;  // kDepth rows of width_
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_DEDUP_PARAGRAPH_COUNTER_H_
