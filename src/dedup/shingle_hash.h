// The hashes of four-character shingles (MinHash's default), eight at a time
// with AVX-512 where the CPU has it: XXH3_64bits_withSeed of each shingle's
// 16 bytes, the same values as the library's, computed in vector lanes.
#ifndef NEWSCLEAN_SRC_DEDUP_SHINGLE_HASH_H_
#define NEWSCLEAN_SRC_DEDUP_SHINGLE_HASH_H_

#include <cstddef>
#include <cstdint>

namespace newsclean {

// Whether HashFourCharShingles does any work on this CPU (AVX-512 F, DQ and
// BW, checked once).
bool CanHashShinglesEightAtATime();

// out[i] = XXH3_64bits_withSeed(view + i, 16, seed) for i below the returned
// count: the largest multiple of 8 that is at most `max` and whose every
// shingle's eight-lane step reads within view[0, size) (it reads 16 code
// points from the step's first). 0 where the CPU cannot
// (CanHashShinglesEightAtATime). REQUIRES: `out` has room for `max`.
size_t HashFourCharShingles(const char32_t* view, size_t size, size_t max, uint64_t seed,
                            uint64_t* out);

// As HashFourCharShingles, but out[i] holds where shingle i's hash h falls
// among `bins` one-permutation bins (MinHasher::SignView's), and its value
// there: ((h >> 32) * bins) >> 32 in the high 32 bits, h's low 32 bits in the
// low ones. 0 also for `bins` = 0.
size_t HashFourCharShingleBins(const char32_t* view, size_t size, size_t max, uint64_t seed,
                               uint32_t bins, uint64_t* out);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_DEDUP_SHINGLE_HASH_H_
