#include "newsclean/minhash.h"

// Inlined XXH3: shingles are 4 to 128 bytes, where a library call costs more
// than the hash itself. Same function, same values as libxxhash.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "absl/strings/str_cat.h"
#include "newsclean/options.h"
#include "src/dedup/shingle_hash.h"
#include "src/text/match_view.h"
#include "src/text/mix64.h"

namespace newsclean {
namespace {

uint64_t ShingleHash(const char32_t* p, int n, uint64_t seed) {
  return XXH3_64bits_withSeed(p, static_cast<size_t>(n) * sizeof(char32_t), seed);
}

}  // namespace

absl::StatusOr<MinHasher> MinHasher::Create(MinHashParams params) {
  if (params.num_perm < 1 || params.num_perm > kMaxNumPerm) {
    return WithOption(
        absl::InvalidArgumentError(absl::StrCat("MinHash signature length ", params.num_perm,
                                                " is not between 1 and ", kMaxNumPerm)),
        "minhash.num_perm");
  }
  if (params.ngram < 1 || params.ngram > kMaxNgram) {
    return WithOption(absl::InvalidArgumentError(absl::StrCat("shingle length ", params.ngram,
                                                              " is not between 1 and ", kMaxNgram)),
                      "minhash.ngram");
  }
  return MinHasher(params);
}

bool MinHasher::SignView(std::span<const char32_t> view, std::vector<uint32_t>* sig,
                         std::vector<uint64_t>* shingle_hashes) const {
  sig->clear();
  if (view.empty()) {
    if (shingle_hashes != nullptr) shingle_hashes->clear();
    return false;
  }
  const uint32_t k = static_cast<uint32_t>(params_.num_perm);
  const int n = std::min<int>(params_.ngram, static_cast<int>(view.size()));
  constexpr uint32_t kEmpty = std::numeric_limits<uint32_t>::max();
  sig->assign(k, kEmpty);
  // Whether a bin got a value (its value may be kEmpty itself): a byte per
  // bin, set with a plain store. (A bit per bin was a load and a store into
  // the same word for every shingle, a chain through memory that bounded the
  // loop.)
  std::array<uint8_t, kMaxNumPerm> filled;
  std::fill_n(filled.begin(), k, uint8_t{0});
  uint32_t* s = sig->data();
  const size_t shingles = view.size() - static_cast<size_t>(n) + 1;
  const size_t bytes = static_cast<size_t>(n) * sizeof(char32_t);
  const uint64_t seed = params_.seed;
  uint64_t* out = nullptr;
  if (shingle_hashes != nullptr) {
    shingle_hashes->resize(shingles);  // a reused buffer shrinks for free
    out = shingle_hashes->data();
  }
  auto fill = [&](uint32_t bin, uint32_t value) {
    s[bin] = std::min(s[bin], value);  // branch-free: a branch here mispredicts
    filled[bin] = 1;
  };
  auto add = [&](size_t i, uint64_t h) {
    fill(static_cast<uint32_t>(((h >> 32) * k) >> 32), static_cast<uint32_t>(h));
    if (out != nullptr) out[i] = h;
  };
  if (bytes == 16) {
    size_t i = 0;
    if (CanHashShinglesEightAtATime()) {
      // Eight shingles' hashes at a time, a chunk at a time, then added: as
      // bins and values where the hashes themselves are not wanted.
      constexpr size_t kChunk = 256;
      uint64_t chunk[kChunk];
      for (;;) {
        const size_t max = std::min(kChunk, shingles - i);
        size_t hashed;
        if (out == nullptr) {
          hashed = HashFourCharShingleBins(view.data() + i, view.size() - i, max, seed, k, chunk);
          for (size_t j = 0; j < hashed; ++j) {
            fill(static_cast<uint32_t>(chunk[j] >> 32), static_cast<uint32_t>(chunk[j]));
          }
        } else {
          hashed = HashFourCharShingles(view.data() + i, view.size() - i, max, seed, chunk);
          for (size_t j = 0; j < hashed; ++j) add(i + j, chunk[j]);
        }
        i += hashed;
        if (hashed < kChunk) break;
      }
    }
    // The default four-character shingle: with the length a constant, XXH3
    // inlines down to its 9-16 byte path.
    for (; i < shingles; ++i) add(i, XXH3_64bits_withSeed(view.data() + i, 16, seed));
  } else {
    for (size_t i = 0; i < shingles; ++i) {
      add(i, XXH3_64bits_withSeed(view.data() + i, bytes, seed));
    }
  }
  auto is_filled = [&](uint32_t bin) { return filled[bin] != 0; };
  // Optimal densification: an empty bin takes the value of the first filled
  // bin along its own probe sequence, which depends only on (bin, attempt).
  // x % k is x & (k - 1) when k is a power of two: same donors, no division.
  const bool pow2 = (k & (k - 1)) == 0;
  for (uint32_t bin = 0; bin < k; ++bin) {
    if (is_filled(bin)) continue;
    for (uint64_t attempt = 1;; ++attempt) {
      uint64_t x = Mix64(seed ^ (static_cast<uint64_t>(bin) << 32) ^ attempt);
      uint32_t donor = static_cast<uint32_t>(pow2 ? x & (k - 1) : x % k);
      if (is_filled(donor)) {
        s[bin] = s[donor];
        break;
      }
    }
  }
  return true;
}

bool MinHasher::Sign(std::string_view text, std::vector<uint32_t>* sig) const {
  std::vector<char32_t> view;
  MatchView(text, &view);
  return SignView(view, sig);
}

std::string MinHasher::Name() const {
  return absl::StrCat("minhash-v1-oph-xxh3-nfkccf-hans-c", params_.ngram, "-k", params_.num_perm,
                      "-s", params_.seed);
}

double MinHasher::EstimateJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  if (a.empty() || a.size() != b.size()) return 0.0;
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

std::vector<uint64_t> ShingleSet(std::span<const char32_t> view, int ngram, uint64_t seed) {
  std::vector<uint64_t> set;
  if (view.empty()) return set;
  int n = std::min<int>(ngram, static_cast<int>(view.size()));
  for (size_t i = 0; i + static_cast<size_t>(n) <= view.size(); ++i) {
    set.push_back(ShingleHash(view.data() + i, n, seed));
  }
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

double ExactJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  if (a.empty() && b.empty()) return 1.0;
  size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++both;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

}  // namespace newsclean
