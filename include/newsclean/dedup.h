// Near-duplicate documents across a corpus: exact fast path, MinHash, LSH,
// verification, and a persistent index.
//
// ComputeFingerprint() (thread-safe) computes what a decision needs: a 128-bit
// XXH3 hash of the matching view (exact duplicates), the MinHash signature
// packed to 4 bits a value, and its LSH band keys. Decide() is called once per
// document in input order on one thread: it looks for an exact duplicate, then
// for LSH candidates whose packed-signature estimate reaches the threshold,
// and keeps the document (inserting it) when there is none. Only documents
// that were kept when they came are in the index, so chains of small edits
// cannot merge unrelated articles through intermediate copies (a dropped copy
// is never compared with), and under KeepPolicy::kFirst the first copy seen
// wins whatever the thread count. Under kLongest and kEarliest a preferred
// copy supersedes the indexed one: the superseded document stays in the index
// and a later match with it resolves (Resolve) to the copy that superseded it.
//
// The index can be saved and loaded (--index): a versioned binary format with
// the signer's Name() and an XXH3-64 checksum, written atomically; a corrupt,
// truncated or foreign file is an error, never a silent fresh start.
#ifndef NEWSCLEAN_DEDUP_H_
#define NEWSCLEAN_DEDUP_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "newsclean/lsh_index.h"
#include "newsclean/minhash.h"
#include "newsclean/options.h"

namespace newsclean {

class OutputCommit;
class RecordStore;
}

namespace newsclean {

struct Fingerprint {
  bool empty = true;  // the matching view is empty: never a duplicate, never indexed
  uint64_t exact_low = 0, exact_high = 0;
  std::vector<uint8_t> packed;
  std::vector<uint64_t> band_keys;
};

struct DedupDecision {
  enum Kind {
    kUnique,     // kept and inserted as `inserted`
    kExact,      // an exact duplicate of `duplicate_of`
    kNear,       // a near duplicate of `duplicate_of`
    kSupersedes  // a duplicate of `duplicate_of` that the keep policy prefers: inserted as
                 // `inserted`, and `duplicate_of` now resolves to it
  } kind = kUnique;
  static constexpr uint32_t kNotInserted = 0xFFFFFFFFu;
  uint32_t duplicate_of = 0;  // index document (IdOf), resolved to the kept one
  // For kUnique and kSupersedes: the index document it became; kNotInserted
  // for a document with an empty matching view (kept, never indexed).
  uint32_t inserted = kNotInserted;
  double similarity = 0;      // 1 for exact duplicates
};

class DedupIndex {
 public:
  ~DedupIndex();
  // Builds an empty index, or loads options.index_path when that file exists.
  static absl::StatusOr<std::unique_ptr<DedupIndex>> Create(const DedupOptions& options);

  // Thread-safe.
  void ComputeFingerprint(std::string_view text, Fingerprint* fp) const;
  // Not thread-safe; call in input order. Inserts the document when unique
  // (unless its matching view is empty: such a document is kept and not indexed).
  // `preference` orders copies for the keep policy: among duplicates, a
  // strictly smaller preference supersedes the kept document (KeepPolicy
  // kFirst: pass ""; nothing supersedes). Documents loaded from an index file
  // were written by an earlier run and are never superseded.
  DedupDecision Decide(const Fingerprint& fp, std::string_view id,
                       std::string_view preference = {});

  // The kept document that index document `doc` resolves to (itself unless a
  // preferred copy superseded it).
  uint32_t Resolve(uint32_t doc) const;
  // The id of the kept document `doc` resolves to.
  std::string_view IdOf(uint32_t doc) const;
  size_t size() const { return num_docs_; }
  // Bytes held for deciding (signatures, LSH table, exact-hash table), and the
  // document ids on top, kept for --mode=annotate.
  size_t DecisionBytes() const;
  size_t IdBytes() const { return id_bytes_.capacity() + id_offsets_.capacity() * sizeof(uint64_t); }
  // The format name stored in index files: the signer's name and the packed
  // width. Band keys are recomputed on load, so --threshold may differ.
  const std::string& name() const { return name_; }
  const LshParams& lsh_params() const { return lsh_.params(); }

  // Writes the index to `path` atomically; with a `commit`, leaves the rename
  // to it (newsclean/output_commit.h).
  absl::Status Save(const std::string& path, OutputCommit* commit = nullptr) const;

 private:
  DedupIndex(const DedupOptions& options, LshParams lsh);
  // Loads an index file's bytes; `path` names it in errors.
  absl::Status Load(const std::string& path, std::string_view data);
  uint32_t Insert(const Fingerprint& fp, std::string_view id, std::string_view preference);

  // The decision against kept documents alone, without inserting.
  DedupDecision DecideAgainstKept(const Fingerprint& fp);
  // Finds the document whose exact hash is (low, high), or returns false.
  bool FindExact(uint64_t low, uint64_t high, uint32_t* doc) const;
  void InsertExact(uint64_t low, uint32_t doc);

  DedupOptions options_;
  MinHasher hasher_;
  LshIndex lsh_;
  std::string name_;
  size_t packed_size_;
  size_t num_docs_ = 0;
  std::unique_ptr<RecordStore> signatures_;  // packed_size_ bytes a document
  std::unique_ptr<RecordStore> exact_;        // the 128-bit exact hash of each document
  // Open addressing over document numbers (4 bytes a slot, load 0.68-0.85),
  // keyed by the exact hash's low word and verified against exact_.
  std::vector<uint32_t> exact_slots_;
  size_t exact_used_ = 0;
  static constexpr uint32_t kNoDoc = 0xFFFFFFFFu;
  std::string id_bytes_;
  std::vector<uint64_t> id_offsets_;  // num_docs_ + 1
  // Keep policies other than kFirst: each document's preference and the
  // document that superseded it (itself when none).
  std::vector<std::string> preferences_;  // for documents num_loaded_ and on
  size_t num_loaded_ = 0;  // documents loaded from an index file: never superseded
  bool loading_ = false;
  std::vector<uint32_t> superseded_by_;
  std::vector<uint32_t> scratch_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_DEDUP_H_
