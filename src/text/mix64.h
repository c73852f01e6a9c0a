// Mix64: the splitmix64 finalizer, a bijection on 64-bit words whose every
// output bit depends on every input bit. Used where a fixed pseudo-random
// sequence is derived from small integers (MinHash densification probes).
// Changing it changes MinHash signatures (minhash.h: Name()).
#ifndef NEWSCLEAN_SRC_TEXT_MIX64_H_
#define NEWSCLEAN_SRC_TEXT_MIX64_H_

#include <cstdint>

namespace newsclean {

inline uint64_t Mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_TEXT_MIX64_H_
