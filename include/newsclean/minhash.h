// MinHash signatures of character shingles of the matching view.
//
// Method: one-permutation hashing (Li, Owen & Zhang 2012) with optimal
// densification (Shrivastava 2017). Each shingle (n consecutive code points of
// the matching view, see src/text/match_view.h) is hashed once with XXH3-64; the
// high 32 bits pick one of K bins, the low 32 bits compete for that bin's
// minimum. Bins no shingle reached borrow the value of a non-empty bin chosen
// by a fixed hash sequence, the same for every document, so that matching bins
// still estimate Jaccard similarity. The cost per shingle does not grow with K.
//
// Name() spells every parameter that changes signatures; a stored index
// records it and refuses to mix signatures of different names.
#ifndef NEWSCLEAN_MINHASH_H_
#define NEWSCLEAN_MINHASH_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace newsclean {

struct MinHashParams {
  int num_perm = 128;  // K, the number of signature values, 1 to MinHasher::kMaxNumPerm
  int ngram = 4;  // shingle length in code points of the matching view (bench/RESULTS.md: why 4)
  uint64_t seed = 0;
};

// Computes signatures; a value type, cheap to copy. Every method is const and
// thread-safe.
class MinHasher {
 public:
  static constexpr int kMaxNumPerm = 1024;
  static constexpr int kMaxNgram = 32;

  // InvalidArgument unless 1 <= params.num_perm <= kMaxNumPerm and
  // 1 <= params.ngram <= kMaxNgram.
  static absl::StatusOr<MinHasher> Create(MinHashParams params);

  // Computes the signature of a matching view into *sig (K values) and
  // returns true; returns false, leaving *sig empty, when the view is empty.
  // A view shorter than one shingle is one shingle. With `shingle_hashes`,
  // also stores each shingle's hash there, in order (containment sampling
  // builds on them).
  bool SignView(std::span<const char32_t> view, std::vector<uint32_t>* sig,
                std::vector<uint64_t>* shingle_hashes = nullptr) const;

  // As SignView, on the matching view of UTF-8 `text`.
  bool Sign(std::string_view text, std::vector<uint32_t>* sig) const;

  // "minhash-v1-oph-xxh3-nfkccf-hans-c4-k128-s0".
  std::string Name() const;
  const MinHashParams& params() const { return params_; }

  // The fraction of equal values: the estimate of Jaccard similarity.
  static double EstimateJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b);

 private:
  explicit MinHasher(MinHashParams params) : params_(params) {}
  MinHashParams params_;
};

// The shingle hashes of a view (XXH3-64 with `seed`), sorted and unique; for
// exact Jaccard similarity in tests and for short texts.
std::vector<uint64_t> ShingleSet(std::span<const char32_t> view, int ngram, uint64_t seed);

// |a ∩ b| / |a ∪ b| of two sorted, unique sets.
double ExactJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

}  // namespace newsclean

#endif  // NEWSCLEAN_MINHASH_H_
