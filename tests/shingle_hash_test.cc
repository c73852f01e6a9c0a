#include "src/dedup/shingle_hash.h"

#include <xxhash.h>

#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "newsclean/minhash.h"

namespace newsclean {
namespace {

// Code points of every UTF-8 length, the views' usual ones most often.
std::vector<char32_t> RandomView(std::mt19937* rng, size_t size) {
  std::uniform_int_distribution<int> kind(0, 9);
  std::vector<char32_t> v(size);
  for (char32_t& cp : v) {
    switch (kind(*rng)) {
      case 0:
        cp = std::uniform_int_distribution<char32_t>(0, 0x7F)(*rng);
        break;
      case 1:
        cp = std::uniform_int_distribution<char32_t>(0x10000, 0x10FFFF)(*rng);
        break;
      case 2:
        cp = std::uniform_int_distribution<char32_t>(0x80, 0xFFFF)(*rng);
        break;
      default:
        cp = std::uniform_int_distribution<char32_t>(0x4E00, 0x9FFF)(*rng);
    }
  }
  return v;
}

TEST(ShingleHashTest, EightAtATimeEqualsXxh3OfEachShingle) {
  if (!CanHashShinglesEightAtATime()) GTEST_SKIP() << "this CPU has no AVX-512 (F, DQ, BW)";
  std::mt19937 rng(5);
  std::uniform_int_distribution<uint64_t> seeds;
  for (size_t size : {0, 3, 15, 16, 17, 23, 24, 25, 40, 100, 257}) {
    for (int round = 0; round < 20; ++round) {
      const std::vector<char32_t> view = RandomView(&rng, size);
      const uint64_t seed = round == 0 ? 0 : seeds(rng);
      const size_t shingles = size >= 4 ? size - 3 : 0;
      std::vector<uint64_t> out(shingles + 1, 0);
      const size_t hashed = HashFourCharShingles(view.data(), size, shingles, seed, out.data());
      // As many as its contract allows: steps of eight, each reading 16 code points.
      const size_t steps = std::min(shingles / 8, size >= 16 ? (size - 16) / 8 + 1 : 0);
      ASSERT_EQ(hashed, 8 * steps) << "size " << size;
      for (size_t i = 0; i < hashed; ++i) {
        ASSERT_EQ(out[i], XXH3_64bits_withSeed(view.data() + i, 16, seed))
            << "size " << size << ", shingle " << i << ", seed " << seed;
      }
      EXPECT_EQ(out[shingles], 0u) << "wrote past its room";
      // A smaller `max` is kept to.
      EXPECT_EQ(HashFourCharShingles(view.data(), size, 7, seed, out.data()), 0u);
    }
  }
}

TEST(ShingleHashTest, BinsAreThoseOfEachShinglesHash) {
  if (!CanHashShinglesEightAtATime()) GTEST_SKIP() << "this CPU has no AVX-512 (F, DQ, BW)";
  std::mt19937 rng(7);
  for (uint32_t bins : {1u, 64u, 100u, 128u, 1024u}) {
    const std::vector<char32_t> view = RandomView(&rng, 300);
    const uint64_t seed = rng();
    std::vector<uint64_t> out(297, 0);
    const size_t hashed =
        HashFourCharShingleBins(view.data(), view.size(), 297, seed, bins, out.data());
    ASSERT_EQ(hashed, 288u);  // 36 steps of eight: the last reads view[280, 296)
    for (size_t i = 0; i < hashed; ++i) {
      const uint64_t h = XXH3_64bits_withSeed(view.data() + i, 16, seed);
      ASSERT_EQ(out[i] >> 32, ((h >> 32) * bins) >> 32) << "bins " << bins << ", shingle " << i;
      ASSERT_EQ(static_cast<uint32_t>(out[i]), static_cast<uint32_t>(h));
    }
  }
  const std::vector<char32_t> view = RandomView(&rng, 40);
  std::vector<uint64_t> out(37);
  EXPECT_EQ(HashFourCharShingleBins(view.data(), view.size(), 37, 0, 0, out.data()), 0u);
}

// MinHasher::SignView's shingle hashes are XXH3's whichever way it computes
// them, across its chunks of 256 shingles and their tail.
TEST(ShingleHashTest, SignViewHashesEveryShingleWithXxh3) {
  MinHasher hasher = *MinHasher::Create(MinHashParams{128, 4, 42});
  std::mt19937 rng(6);
  for (size_t size : {1, 4, 5, 19, 200, 259, 260, 261, 263, 700}) {
    const std::vector<char32_t> view = RandomView(&rng, size);
    std::vector<uint32_t> sig;
    std::vector<uint64_t> hashes;
    ASSERT_TRUE(hasher.SignView(view, &sig, &hashes));
    // Without the hashes (where the eight-lane path writes bins and values
    // instead), the same signature.
    std::vector<uint32_t> sig_alone;
    ASSERT_TRUE(hasher.SignView(view, &sig_alone));
    EXPECT_EQ(sig_alone, sig) << "size " << size;
    const size_t n = size >= 4 ? 4 : size;
    ASSERT_EQ(hashes.size(), size - n + 1);
    for (size_t i = 0; i < hashes.size(); ++i) {
      ASSERT_EQ(hashes[i], XXH3_64bits_withSeed(view.data() + i, n * sizeof(char32_t), 42))
          << "size " << size << ", shingle " << i;
    }
    // Each bin holds the least value of the hashes that fall in it.
    std::vector<uint32_t> least(128, UINT32_MAX);
    std::vector<bool> filled(128, false);
    for (uint64_t h : hashes) {
      const uint32_t bin = static_cast<uint32_t>(((h >> 32) * 128) >> 32);
      least[bin] = std::min(least[bin], static_cast<uint32_t>(h));
      filled[bin] = true;
    }
    for (size_t bin = 0; bin < 128; ++bin) {
      if (filled[bin]) {
        ASSERT_EQ(sig[bin], least[bin]) << "size " << size << ", bin " << bin;
      }
    }
  }
}

}  // namespace
}  // namespace newsclean
