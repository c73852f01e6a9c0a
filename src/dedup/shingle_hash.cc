#include "src/dedup/shingle_hash.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>

#include "src/text/avx512_intrinsics.h"
#include "src/text/cpu_features.h"

namespace newsclean {
namespace {

#if defined(NEWSCLEAN_AVX512_INTRINSICS)
uint64_t SecretWord(size_t at) {
  uint64_t w;
  std::memcpy(&w, XXH3_kSecret + at, sizeof(w));  // little-endian, as XXH_readLE64 on x86
  return w;
}

// XXH3_len_9to16_64b (xxhash.h) at len 16, in eight 64-bit lanes:
//   lo = input[0, 8) ^ bitflip1, hi = input[8, 16) ^ bitflip2,
//   acc = 16 + bswap64(lo) + hi + fold(lo * hi as 128 bits),
//   then XXH3_avalanche(acc).
// The 64 x 64 -> 128-bit product is four 32 x 32 -> 64-bit ones.
// With `bins` > 0, writes each hash's bin and value instead (ShingleBins).
__attribute__((target("avx512f,avx512dq,avx512bw"))) size_t Avx512Hash(const char32_t* view,
                                                                       size_t size, size_t max,
                                                                       uint64_t seed, uint32_t bins,
                                                                       uint64_t* out) {
  const __m512i bitflip1 =
      _mm512_set1_epi64(static_cast<long long>((SecretWord(24) ^ SecretWord(32)) + seed));
  const __m512i bitflip2 =
      _mm512_set1_epi64(static_cast<long long>((SecretWord(40) ^ SecretWord(48)) - seed));
  // Lane j of `lo` takes code points j and j + 1 of the step; of `hi`, j + 2 and j + 3.
  const __m512i lo_points = _mm512_setr_epi32(0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8);
  const __m512i hi_points = _mm512_setr_epi32(2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10);
  // Reverses the bytes of each 64-bit lane (within 128-bit halves, as vpshufb does).
  const __m512i swap =
      _mm512_broadcast_i32x4(_mm_setr_epi8(7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8));
  const __m512i len = _mm512_set1_epi64(16);
  const __m512i low32 = _mm512_set1_epi64(0xFFFFFFFF);
  const __m512i prime = _mm512_set1_epi64(static_cast<long long>(0x165667919E3779F9ULL));
  const __m512i bin_count = _mm512_set1_epi64(bins);
  size_t i = 0;
  for (; i + 8 <= max && i + 16 <= size; i += 8) {
    const __m512i points = _mm512_loadu_si512(view + i);
    const __m512i lo = _mm512_xor_si512(_mm512_permutexvar_epi32(lo_points, points), bitflip1);
    const __m512i hi = _mm512_xor_si512(_mm512_permutexvar_epi32(hi_points, points), bitflip2);
    // lo * hi, 128 bits: ll, lh, hl, hh are the products of the 32-bit halves.
    const __m512i lo_high = _mm512_srli_epi64(lo, 32);
    const __m512i hi_high = _mm512_srli_epi64(hi, 32);
    const __m512i ll = _mm512_mul_epu32(lo, hi);
    const __m512i lh = _mm512_mul_epu32(lo, hi_high);
    const __m512i hl = _mm512_mul_epu32(lo_high, hi);
    const __m512i hh = _mm512_mul_epu32(lo_high, hi_high);
    // Below 2^64: (2^32 - 1)^2 + 2 (2^32 - 1).
    const __m512i cross = _mm512_add_epi64(_mm512_add_epi64(_mm512_srli_epi64(ll, 32), hl),
                                           _mm512_and_si512(lh, low32));
    const __m512i product_low =
        _mm512_or_si512(_mm512_slli_epi64(cross, 32), _mm512_and_si512(ll, low32));
    const __m512i product_high = _mm512_add_epi64(_mm512_add_epi64(hh, _mm512_srli_epi64(lh, 32)),
                                                  _mm512_srli_epi64(cross, 32));
    const __m512i fold = _mm512_xor_si512(product_low, product_high);
    __m512i acc = _mm512_add_epi64(_mm512_add_epi64(len, _mm512_shuffle_epi8(lo, swap)),
                                   _mm512_add_epi64(hi, fold));
    acc = _mm512_xor_si512(acc, _mm512_srli_epi64(acc, 37));
    acc = _mm512_mullo_epi64(acc, prime);
    acc = _mm512_xor_si512(acc, _mm512_srli_epi64(acc, 32));
    if (bins > 0) {
      const __m512i bin =
          _mm512_srli_epi64(_mm512_mul_epu32(_mm512_srli_epi64(acc, 32), bin_count), 32);
      acc = _mm512_or_si512(_mm512_slli_epi64(bin, 32), _mm512_and_si512(acc, low32));
    }
    _mm512_storeu_si512(out + i, acc);
  }
  return i;
}

#endif

}  // namespace

bool CanHashShinglesEightAtATime() {
#if defined(NEWSCLEAN_AVX512_INTRINSICS)
  return CpuHasAvx512();
#else
  return false;
#endif
}

size_t HashFourCharShingles(const char32_t* view, size_t size, size_t max, uint64_t seed,
                            uint64_t* out) {
#if defined(NEWSCLEAN_AVX512_INTRINSICS)
  if (CpuHasAvx512()) return Avx512Hash(view, size, max, seed, 0, out);
#endif
  return 0;
}

size_t HashFourCharShingleBins(const char32_t* view, size_t size, size_t max, uint64_t seed,
                               uint32_t bins, uint64_t* out) {
#if defined(NEWSCLEAN_AVX512_INTRINSICS)
  if (CpuHasAvx512() && bins > 0) return Avx512Hash(view, size, max, seed, bins, out);
#endif
  return 0;
}

}  // namespace newsclean
