#include "src/clean/paragraph_sketch.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <limits>

#include "src/text/avx512_intrinsics.h"
#include "src/text/cpu_features.h"
#include "src/text/mix64.h"

namespace newsclean {
namespace {

constexpr int kCodePointBits = 21;  // every code point is below 0x110000
constexpr uint64_t kMulMixFactor = 0x9E3779B97F4A7C15ull;

// One multiply by an odd constant and a fold of the high half: a bijection
// (so packed shingle sets stay exact) whose high bits, which pick the bin and
// carry the value, depend on every bit of the key.
inline uint64_t MulMix(uint64_t x) {
  x *= kMulMixFactor;
  return x ^ (x >> 29);
}

#if defined(NEWSCLEAN_AVX512_INTRINSICS)
// view[0, 8), a 64-bit lane each.
__attribute__((target("avx512f"))) inline __m512i EightPoints(const char32_t* view) {
  return _mm512_cvtepu32_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(view)));
}

// The hashes of three-code-point shingles (the default), eight at a time:
// out[j] = MulMix(view[j] << 42 | view[j + 1] << 21 | view[j + 2]) for j
// below the returned count, the largest multiple of 8 at most `max` whose
// steps read within view[0, size).
__attribute__((target("avx512f,avx512dq"))) size_t Avx512ThreePointHashes(const char32_t* view,
                                                                          size_t size, size_t max,
                                                                          uint64_t* out) {
  const __m512i factor = _mm512_set1_epi64(static_cast<long long>(kMulMixFactor));
  size_t j = 0;
  for (; j + 8 <= max && j + 10 <= size; j += 8) {
    const __m512i packed = _mm512_or_si512(
        _mm512_or_si512(_mm512_slli_epi64(EightPoints(view + j), 2 * kCodePointBits),
                        _mm512_slli_epi64(EightPoints(view + j + 1), kCodePointBits)),
        EightPoints(view + j + 2));
    const __m512i x = _mm512_mullo_epi64(packed, factor);
    _mm512_storeu_si512(out + j, _mm512_xor_si512(x, _mm512_srli_epi64(x, 29)));
  }
  return j;
}

#endif

}  // namespace

template <typename Fn>
void ParagraphSketcher::ForEachShingle(std::span<const char32_t> view, Fn fn) const {
  if (view.empty()) return;
  const size_t n = std::min<size_t>(static_cast<size_t>(ngram_), view.size());
  if (n <= 3) {
    // The end of the first shingle hashed one at a time below.
    size_t first_end = n - 1;
#if defined(NEWSCLEAN_AVX512_INTRINSICS)
    if (n == 3 && CpuHasAvx512()) {
      // Eight at a time, a chunk at a time; the rest below.
      constexpr size_t kChunk = 256;
      uint64_t chunk[kChunk];
      const size_t shingles = view.size() - 2;
      size_t done = 0;
      for (;;) {
        const size_t hashed = Avx512ThreePointHashes(view.data() + done, view.size() - done,
                                                     std::min(kChunk, shingles - done), chunk);
        for (size_t k = 0; k < hashed; ++k) fn(chunk[k]);
        done += hashed;
        if (hashed < kChunk) break;
      }
      first_end = done + 2;
    }
#endif
    // The packed word of the shingle ending at i: the last n code points.
    const uint64_t mask = (uint64_t{1} << (kCodePointBits * n)) - 1;
    uint64_t packed = 0;
    for (size_t i = first_end + 1 - n; i < first_end; ++i) {
      packed = (packed << kCodePointBits) | view[i];
    }
    for (size_t i = first_end; i < view.size(); ++i) {
      packed = ((packed << kCodePointBits) | view[i]) & mask;
      fn(MulMix(packed));
    }
    return;
  }
  const size_t bytes = n * sizeof(char32_t);
  for (size_t i = 0; i + n <= view.size(); ++i) fn(XXH3_64bits(view.data() + i, bytes));
}

ParagraphSketcher::Sketch ParagraphSketcher::Sign(std::span<const char32_t> view) const {
  Sketch s;
  s.fill(std::numeric_limits<uint32_t>::max());
  if (view.empty()) return s;  // no shingle: no bin to fill
  // Whether a bin got a value (its value may be the maximum itself): a byte
  // per bin, set with a plain store (a bit set by a shift of a variable count
  // is more than one micro-op on Intel), as in MinHasher::SignView.
  static_assert(kSketchSize == 32, "bins are the top 5 bits of the hash");
  std::array<uint8_t, kSketchSize> filled{};
  ForEachShingle(view, [&](uint64_t h) {
    uint32_t bin = static_cast<uint32_t>(h >> 59);
    uint32_t value = static_cast<uint32_t>(h);
    s[bin] = std::min(s[bin], value);  // branch-free: a branch here mispredicts
    filled[bin] = 1;
  });
  // Optimal densification: an empty bin copies the first filled bin along its
  // own fixed probe sequence.
  for (uint32_t bin = 0; bin < kSketchSize; ++bin) {
    if (filled[bin]) continue;
    for (uint64_t attempt = 1;; ++attempt) {
      uint32_t donor = static_cast<uint32_t>(Mix64((uint64_t{bin} << 32) ^ attempt) & 31);
      if (filled[donor]) {
        s[bin] = s[donor];
        break;
      }
    }
  }
  return s;
}

std::vector<uint64_t> ParagraphSketcher::ShingleSet(std::span<const char32_t> view) const {
  std::vector<uint64_t> set;
  set.reserve(view.size());
  ForEachShingle(view, [&](uint64_t h) { set.push_back(h); });
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

double ParagraphSketcher::Estimate(const Sketch& a, const Sketch& b) {
  int equal = 0;
  for (int i = 0; i < kSketchSize; ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / kSketchSize;
}

}  // namespace newsclean
