#include "src/dedup/paragraph_counter.h"

#include <algorithm>
#include <new>

#include "absl/strings/str_cat.h"

namespace newsclean {

ParagraphCounter::ParagraphCounter(size_t memory_bytes)
    : width_(std::max<size_t>(memory_bytes / kDepth, 1024)), counters_(width_ * kDepth, 0) {}

absl::StatusOr<std::unique_ptr<ParagraphCounter>> ParagraphCounter::Create(size_t memory_bytes) {
  if (memory_bytes > kMaxMemoryBytes) {
    return absl::InvalidArgumentError(absl::StrCat("repeated-paragraph counter of ", memory_bytes,
                                                   " bytes is above the limit of ", kMaxMemoryBytes,
                                                   " bytes"));
  }
  try {
    return std::make_unique<ParagraphCounter>(memory_bytes);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(absl::StrCat("cannot allocate ", memory_bytes,
                                                     " bytes for the repeated-paragraph counter"));
  }
}

size_t ParagraphCounter::Slot(uint64_t hash, int row) const {
  // Row-specific remix of a 64-bit hash, then multiply-shift onto the width.
  uint64_t h =
      (hash ^ (0x9E3779B97F4A7C15ull * static_cast<uint64_t>(row + 1))) * 0xBF58476D1CE4E5B9ull;
  h ^= h >> 31;
  return static_cast<size_t>(row) * width_ + static_cast<size_t>(((h >> 32) * width_) >> 32);
}

int ParagraphCounter::Estimate(uint64_t hash) const {
  int best = 255;
  for (int row = 0; row < kDepth; ++row) best = std::min<int>(best, counters_[Slot(hash, row)]);
  return best;
}

void ParagraphCounter::Add(uint64_t hash) {
  int current = Estimate(hash);
  if (current == 255) return;
  for (int row = 0; row < kDepth; ++row) {
    uint8_t& c = counters_[Slot(hash, row)];
    if (c == current) c = static_cast<uint8_t>(current + 1);
  }
}

}  // namespace newsclean
