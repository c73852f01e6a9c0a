// LSH banding over b-bit MinHash signatures, with verification.
//
// Signatures are kept as 4-bit values (b-bit minwise hashing, Li & König
// 2010): K/2 bytes a document. Two values agree by chance with probability
// 1/16, so the Jaccard estimate from packed signatures corrects for it:
// J = (p - 1/16) / (1 - 1/16), p the fraction of equal 4-bit values.
//
// The K values are cut into `bands` bands of `rows` values; documents that
// agree on a whole band are candidates. OptimalLshParams() picks bands and rows
// for a threshold by minimizing the weighted areas under the S-curve 1-(1-s^r)^b
// below the threshold (false positives) and above it (false negatives), as
// datasketch does; since every candidate is verified against its signature
// estimate, a false positive costs one comparison while a false negative loses
// a duplicate, so the default weights are 0.2 and 0.8.
#ifndef NEWSCLEAN_LSH_INDEX_H_
#define NEWSCLEAN_LSH_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace newsclean {

struct LshParams {
  int bands = 0;
  int rows = 0;
};

LshParams OptimalLshParams(double threshold, int num_perm, double fp_weight = 0.2,
                           double fn_weight = 0.8);

// Probability that a pair of Jaccard similarity `s` shares a band.
double CandidateProbability(double s, LshParams params);

inline constexpr int kSignatureBits = 4;

// Packs the low 4 bits of each value: (K + 1) / 2 bytes.
std::vector<uint8_t> PackSignature(std::span<const uint32_t> sig);

// The b-bit-corrected Jaccard estimate of two packed signatures of K values.
double EstimatePackedJaccard(std::span<const uint8_t> a, std::span<const uint8_t> b, int k);

// A multimap from band keys to document numbers. Not thread-safe.
class LshIndex {
 public:
  LshIndex(int num_perm, LshParams params);

  // The `bands` keys of a packed signature.
  void BandKeys(std::span<const uint8_t> packed, std::vector<uint64_t>* keys) const;
  // Appends the documents that share at least one key, sorted and unique.
  void Candidates(std::span<const uint64_t> keys, std::vector<uint32_t>* out) const;
  void Insert(uint32_t doc, std::span<const uint64_t> keys);

  const LshParams& params() const { return params_; }
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint32_t tag;
    uint32_t doc;  // kEmptySlot when free
  };
  static constexpr uint32_t kEmptySlot = 0xFFFFFFFFu;
  static uint32_t Tag(uint64_t key) { return static_cast<uint32_t>(key ^ (key >> 32)); }
  size_t Home(uint32_t tag) const;
  void Grow();

  int num_perm_;
  LshParams params_;
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_LSH_INDEX_H_
