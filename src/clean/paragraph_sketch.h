// ParagraphSketcher: shingle hashes, 32-value MinHash sketches and exact
// shingle sets of paragraphs, for near-duplicate paragraph detection inside
// one document (repeated_paragraph_stage.h).
//
// Nothing here is stored or compared across runs, so the hash is chosen for
// speed, not for compatibility with MinHasher (minhash.h): a shingle of up to
// three code points (each below 2^21) is packed into one 64-bit word, rolled
// along the view with a shift and a mask, and mixed with one multiply by an
// odd constant and a fold of the high half (a bijection, so shingle sets stay
// exact); longer shingles are hashed with inlined XXH3. The sketch is
// one-permutation hashing (top 5 bits pick the bin, low 32 bits compete for
// its minimum) with optimal densification, as in MinHasher.
#ifndef NEWSCLEAN_SRC_CLEAN_PARAGRAPH_SKETCH_H_
#define NEWSCLEAN_SRC_CLEAN_PARAGRAPH_SKETCH_H_

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace newsclean {

class ParagraphSketcher {
 public:
  static constexpr int kSketchSize = 32;
  using Sketch = std::array<uint32_t, kSketchSize>;

  // REQUIRES: ngram >= 1.
  explicit ParagraphSketcher(int ngram) : ngram_(ngram) {}

  // The sketch of a non-empty view (a view shorter than one shingle is one
  // shingle).
  Sketch Sign(std::span<const char32_t> view) const;

  // The shingle hashes of a view, sorted and unique (for ExactJaccard).
  std::vector<uint64_t> ShingleSet(std::span<const char32_t> view) const;

  // The fraction of equal values: the estimate of Jaccard similarity.
  static double Estimate(const Sketch& a, const Sketch& b);

 private:
  // Calls fn(hash) for every shingle of a non-empty view, in order.
  template <typename Fn>
  void ForEachShingle(std::span<const char32_t> view, Fn fn) const;

  int ngram_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_PARAGRAPH_SKETCH_H_
