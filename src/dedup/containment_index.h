// ContainmentIndex: which kept documents a document is contained in, or
// contains, estimated from mod-sampled shingles.
//
// Method: MOD-m sampling (Broder, "On the resemblance and containment of
// documents", 1997). Every shingle of twice the MinHash's shingle length (8
// code points by default) of the matching view is hashed (from the hashes of
// its two halves, which MinHash computes anyway); a document's samples at
// level j are the shingles whose hash has its top kBaseBits + j bits zero, one
// in 32 * 2^j. Sampling by a property of the value commutes with set
// operations: the samples of A ∩ B are exactly the samples of A that are
// samples of B. So |S(A) ∩ S(B)| / |S(A)| estimates |A ∩ B| / |A|, the
// containment of A in B, without bias, and a copy contained whole has every
// sample found however small its share of the container (where a Jaccard
// estimate sees only that share). Shingles of 8 code points, not the MinHash's
// 4: unrelated articles share many 4-grams (a short text is 0.1-0.2 contained
// in a long unrelated one) and few 8-grams.
//
// An indexed document keeps the samples of the lowest level that holds at most
// kMaxSamples of them, so memory per document is bounded and long documents are
// sampled more sparsely. A query brings its samples at level 0 and, for each
// indexed document K that shares one, counts the shared samples against each
// side's samples at K's level:
//   contained in K:  shared / (the query's samples at K's level, stop samples
//                    left out)
//   contains K:      shared / (the samples K holds in the table)
// An estimate counts only with at least kMinSamples samples on its side: fewer
// would let a handful of lucky samples decide.
//
// A sample that kMaxPostings kept documents already hold is a stop sample (a
// site template, a stock phrase): evidence of no particular copy. It is not
// indexed again (a document's count is of the samples it holds), and a query
// counts it neither as shared nor in its own denominator, except towards a
// document that holds it. Bounded posting lists also bound each query's time.
//
// Memory: a tag's slot (9 bytes, in a table kept at load 0.56-0.7) holds its
// only holder; a tag two or more documents hold has its holders in a block of
// 2, 4 or 8 document numbers. Plus 3 bytes a document with samples: about 310
// bytes a kept document on the generated corpus (bench/RESULTS.md).
//
// Const methods may run concurrently with each other (scratch is per thread);
// Insert needs the caller's exclusion. Deterministic for a given order of
// insertion.
#ifndef NEWSCLEAN_SRC_DEDUP_CONTAINMENT_INDEX_H_
#define NEWSCLEAN_SRC_DEDUP_CONTAINMENT_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace newsclean {

// The level-0 samples of a matching view, sorted and unique, from the hashes of
// its `ngram`-code-point shingles (MinHasher::SignView's): of its shingles of
// 2 * ngram code points (one when the view is shorter), those sampled at level
// 0, each as its tag (high 32 bits) and the bits that decide its level (low 32).
void ContainmentSamples(std::span<const uint64_t> shingle_hashes, int ngram,
                        std::vector<uint64_t>* samples);

struct ContainmentMatch {
  uint32_t doc = 0;
  double contained_in = 0;  // estimated |query ∩ doc| / |query|; 0 if too few samples
  double contains = 0;      // estimated |query ∩ doc| / |doc|; 0 if too few samples
  double best() const { return contained_in > contains ? contained_in : contains; }
};

class ContainmentIndex {
 public:
  static constexpr int kBaseBits = 5;
  static constexpr int kMaxLevel = 15;
  static constexpr size_t kMaxSamples = 64;
  static constexpr size_t kMinSamples = 5;
  static constexpr size_t kMaxPostings = 8;
  // Spells every parameter that changes what is stored, for MinHash shingles
  // of `ngram` code points: index files record it.
  static std::string Name(int ngram);

  ContainmentIndex();  // holds nothing until a document with samples comes

  // Adds document `doc` (numbered as DedupIndex numbers them, ascending) with
  // its level-0 samples (sorted, unique; empty: never a candidate, and nothing
  // is held for it).
  void Insert(uint32_t doc, std::span<const uint64_t> samples);
  // Adds document `doc` as stored: its level, count and the tags it held in
  // the table (StoredTags()).
  void InsertStored(uint32_t doc, int level, size_t count, std::span<const uint32_t> tags);

  // Appends the indexed documents that share a sample with `samples` (level 0,
  // sorted, unique) and whose best estimate reaches `threshold`, in the order
  // the samples first met them.
  void Matches(std::span<const uint64_t> samples, double threshold,
               std::vector<ContainmentMatch>* out) const;

  // What Save needs: each document's level and sample count (0 for one
  // without samples), and the tags each of documents 0 .. num_docs - 1 holds
  // in the table, by document then tag.
  int level(uint32_t doc) const { return doc < levels_.size() ? levels_[doc] : 0; }
  size_t count(uint32_t doc) const { return doc < counts_.size() ? counts_[doc] : 0; }
  std::vector<std::vector<uint32_t>> StoredTags(size_t num_docs) const;

  size_t MemoryBytes() const {
    return slots_.capacity() * sizeof(Slot) + holders_.capacity() +
           pool_.capacity() * sizeof(uint32_t) + levels_.capacity() + counts_.capacity() * 2;
  }

 private:
  // A tag's slot holds its one holder, or, once two or more documents hold it,
  // where their block starts in pool_: a run of Capacity(holders) document
  // numbers, read in one go by a query.
  struct Slot {
    uint32_t tag;
    uint32_t head;  // kEmpty when free; a document (one holder) or a pool_ offset
  };
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  static constexpr size_t kNotFound = ~size_t{0};
  static uint32_t Tag(uint64_t sample) { return static_cast<uint32_t>(sample >> 32); }
  size_t Home(uint32_t tag) const;
  // The slot of `tag`, or kNotFound.
  size_t Find(uint32_t tag) const;
  template <typename F>
  void ForEachHolder(size_t slot, F&& f) const {
    if (holders_[slot] == 1) return f(slots_[slot].head);
    const uint32_t* block = pool_.data() + slots_[slot].head;
    for (size_t h = 0; h < holders_[slot]; ++h) f(block[h]);
  }
  // Blocks hold 2, 4, 8, ... documents; freed ones are reused by size.
  static size_t SizeClass(size_t holders);  // 0 for 2, 1 for 4, ...
  uint32_t Allocate(size_t size_class);
  void Free(uint32_t block, size_t size_class);
  // Adds the entry unless kMaxPostings documents hold the tag; true if added.
  bool Add(uint32_t doc, uint32_t tag);
  void Grow();

  std::vector<Slot> slots_;
  std::vector<uint8_t> holders_;  // by slot: how many documents hold its tag
  std::vector<uint32_t> pool_;
  std::vector<std::vector<uint32_t>> free_;  // by size class: freed blocks
  size_t used_ = 0;                          // slots in use
  // Start a document's entries: the arrays grow only up to the last document
  // with samples, so an index without containment holds nothing here.
  void Begin(uint32_t doc, int level, size_t count);

  std::vector<uint8_t> levels_;   // by document
  std::vector<uint16_t> counts_;  // by document: the samples it holds in the table
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_DEDUP_CONTAINMENT_INDEX_H_
