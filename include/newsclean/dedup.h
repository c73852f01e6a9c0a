// Near-duplicate documents across a corpus: exact fast path, MinHash, LSH,
// verification, and a persistent index.
//
// ComputeFingerprint() (thread-safe) computes what a decision needs: a 128-bit
// XXH3 hash of the matching view (exact duplicates), the MinHash signature
// packed to 4 bits a value, and its LSH band keys; with containment on, also
// the view's sampled 8-character shingles (src/dedup/containment_index.h).
// Decide() is called once per document in input order on one thread: it looks
// for an exact duplicate, then for LSH candidates whose packed-signature
// estimate reaches the threshold, then (with containment on) for a kept
// document it is contained in or that it contains, and keeps the document
// (inserting it) when there is none. Only documents that were kept when they
// came are in the index, so chains of small edits cannot merge unrelated
// articles through intermediate copies (a dropped copy is never compared
// with), and under KeepPolicy::kFirst the first copy seen wins whatever the
// thread count.
//
// Containment and the keep policy: a document contained in a kept one (a page
// of an article) is its duplicate under every policy. A document that contains
// a kept one (the article with a block added, a roundup holding it) is its
// duplicate too: under kFirst, which can only drop what comes later, the later
// container goes, and with it whatever it adds; under kLongest the container
// is longer, so it supersedes the kept copy (which then resolves to it);
// under kEarliest the earlier date is kept, whichever holds the other.
//
// Under kLongest and kEarliest a preferred copy supersedes the indexed one:
// the superseded document stays in the index and later matches with it
// resolve (Resolve) to the copy that superseded it. Which copy is kept is
// known only once every document has been decided, so these policies take
// two steps: Decide() every document and keep each DedupDecision, then ask
// Verdict() for each. Under kFirst, Verdict() right after Decide() is final.
//
//   auto index = DedupIndex::Create(options);          // options.keep = kLongest
//   std::vector<DedupDecision> decided;
//   for (Document& doc : docs) {
//     Fingerprint fp;
//     (*index)->ComputeFingerprint(doc.text(), &fp);
//     decided.push_back((*index)->Decide(fp, doc));
//   }
//   for (size_t i = 0; i < docs.size(); ++i) {
//     DedupVerdict v = (*index)->Verdict(decided[i]);  // v.duplicate, IdOf(v.of), ...
//   }
//
// The index can be saved and loaded, to a file (DedupOptions::index_path,
// Save) or a byte buffer (Serialize, Load): a versioned binary format with the
// signer's Name() and an XXH3-64 checksum; a file is written atomically. A
// corrupt, truncated or foreign index is an error, never a silent fresh start.
//
// Thread safety: const methods may run concurrently with each other; Decide()
// and Save() need the caller's exclusion from everything else.
#ifndef NEWSCLEAN_DEDUP_H_
#define NEWSCLEAN_DEDUP_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "newsclean/document.h"
#include "newsclean/lsh_index.h"
#include "newsclean/minhash.h"
#include "newsclean/options.h"

namespace newsclean {

class ContainmentIndex;
class OutputCommit;
class RecordStore;
}  // namespace newsclean

namespace newsclean {

struct Fingerprint {
  bool empty = true;  // the matching view is empty: never a duplicate, never indexed
  uint64_t exact_low = 0, exact_high = 0;
  std::vector<uint8_t> packed;
  std::vector<uint64_t> band_keys;
  // With DedupOptions::containment > 0: the view's level-0 shingle samples
  // (sorted, unique); empty otherwise.
  std::vector<uint64_t> containment_samples;
};

// What Decide() found for one document when it came.
struct DedupDecision {
  enum class Kind {
    kUnique,     // kept and inserted as `inserted`
    kExact,      // an exact duplicate of `duplicate_of`
    kNear,       // a near duplicate of `duplicate_of`
    kContained,  // contained in `duplicate_of`, or containing it (DedupOptions::containment)
    kSupersedes  // a duplicate of `duplicate_of` that the keep policy prefers: inserted as
                 // `inserted`, and `duplicate_of` now resolves to it
  } kind = Kind::kUnique;
  static constexpr uint32_t kNotInserted = 0xFFFFFFFFu;
  uint32_t duplicate_of = 0;  // index document (IdOf), resolved to the kept one
  // For kUnique and kSupersedes: the index document it became; kNotInserted
  // for a document with an empty matching view (kept, never indexed).
  uint32_t inserted = kNotInserted;
  double similarity = 0;   // 1 for exact duplicates
  double containment = 0;  // for kContained (and a kSupersedes found by containment)
};

// What became of a document once every document has been decided: a
// duplicate, and of which kept document, or kept. `exact` and `similarity`
// describe the match the document was decided on, with the copy then kept;
// `of` is the copy kept in the end, which may have superseded that one.
struct DedupVerdict {
  bool duplicate = false;
  bool exact = false;     // the match was exact (same matching view)
  uint32_t of = 0;        // when duplicate: the kept index document (IdOf(of))
  double similarity = 0;  // when duplicate: estimated Jaccard similarity, 1 if exact
  // When the match was by containment: the estimated containment of the
  // smaller copy in the larger (> 0); 0 for exact and near duplicates.
  double containment = 0;
};

class DedupIndex {
 public:
  ~DedupIndex();
  // Builds an empty index, or loads options.index_path when it is set and that
  // file exists. InvalidArgument for options out of range (threshold in
  // (0, 1], MinHasher::Create's limits); DataLoss for a damaged file;
  // FailedPrecondition for an index built with other MinHash settings. Errors
  // about an option carry its name (ErrorOption, newsclean/options.h).
  static absl::StatusOr<std::unique_ptr<DedupIndex>> Create(const DedupOptions& options);
  // Builds an index from Serialize()'s bytes (options.index_path is ignored);
  // `name` stands for the buffer in errors.
  static absl::StatusOr<std::unique_ptr<DedupIndex>> Load(const DedupOptions& options,
                                                          std::string_view bytes,
                                                          std::string_view name = "index");

  // Computes the fingerprint of a (cleaned) text. Thread-safe.
  void ComputeFingerprint(std::string_view text, Fingerprint* fp) const;
  // The same for a cleaned document's text; where the pipeline had the
  // cleaner leave the text's matching view in *doc, uses it instead of
  // computing it again, and releases it. Thread-safe for distinct documents.
  void ComputeFingerprint(Document* doc, Fingerprint* fp) const;

  // Decides one document and inserts it when it is kept (unless its matching
  // view is empty: such a document is kept and never indexed). Call once per
  // document, in input order. The keep policy's preference comes from `doc`:
  // its text's length (kLongest) or its sort_key (kEarliest; a document
  // without one loses to every document with one).
  DedupDecision Decide(const Fingerprint& fp, const Document& doc);
  // As above, with the id and the preference given: among duplicates a
  // strictly smaller preference supersedes the kept document (kFirst: pass
  // ""; nothing supersedes). Documents loaded from an index were written by an
  // earlier run and are never superseded.
  DedupDecision Decide(const Fingerprint& fp, std::string_view id,
                       std::string_view preference = {});
  // The preference Decide(fp, doc) uses: smaller is kept.
  static std::string KeepPreference(KeepPolicy keep, const Document& doc);
  // The same from what it reads: the text's length in bytes and the sort key.
  static std::string KeepPreference(KeepPolicy keep, size_t text_bytes,
                                    const std::optional<std::string>& sort_key);

  // What became of a document Decide() answered `decided` for, given every
  // decision made since: under kFirst the same as `decided`; under kLongest
  // and kEarliest final once every document has been decided.
  DedupVerdict Verdict(const DedupDecision& decided) const;

  // What Decide() would answer, without inserting anything or superseding:
  // is this text a duplicate of a kept document? Thread-safe (const).
  DedupDecision Query(const Fingerprint& fp) const;

  // Adds a document as if it had been loaded from an index file: kept and
  // never superseded. FailedPrecondition once Decide() has been called;
  // InvalidArgument for an empty fingerprint or one of another signature
  // length. For a front end that assembles an index from parts (the
  // distributed run decides each group of documents that can meet in an index
  // of its own, holding the loaded documents of that group).
  absl::Status AddLoaded(const Fingerprint& fp, std::string_view id);
  // The fingerprint index document `doc` was inserted with (band keys
  // recomputed, containment samples not: the index keeps only some of them);
  // an empty one when there is no such document.
  Fingerprint IndexedFingerprint(uint32_t doc) const;

  // The kept document that index document `doc` resolves to (itself unless a
  // preferred copy superseded it).
  uint32_t Resolve(uint32_t doc) const;
  // The id of the kept document `doc` resolves to. The view lives until the
  // next Decide().
  std::string_view IdOf(uint32_t doc) const;
  size_t size() const { return num_docs_; }
  // Bytes held for deciding (signatures, LSH table, exact-hash table,
  // containment samples), and the document ids on top, kept for
  // --mode=annotate.
  size_t DecisionBytes() const;
  // Of DecisionBytes(), the containment samples' share.
  size_t ContainmentBytes() const;
  size_t IdBytes() const {
    return id_bytes_.capacity() + id_offsets_.capacity() * sizeof(uint64_t);
  }
  // The format name stored in index files: the signer's name and the packed
  // width. Band keys are recomputed on load, so --threshold may differ.
  const std::string& name() const { return name_; }
  const LshParams& lsh_params() const { return lsh_.params(); }

  // The index as bytes, for Load(): what Save() writes.
  std::string Serialize() const;
  // Writes the index to `path` atomically; with a `commit`, leaves the rename
  // to it (newsclean/output_commit.h).
  absl::Status Save(const std::string& path, OutputCommit* commit = nullptr) const;

 private:
  DedupIndex(const DedupOptions& options, MinHasher hasher, LshParams lsh);
  // Builds an empty index for `options`.
  static absl::StatusOr<std::unique_ptr<DedupIndex>> CreateEmpty(const DedupOptions& options);
  // Adds the documents of an index's bytes; `name` names them in errors.
  absl::Status LoadBytes(std::string_view name, std::string_view data);
  uint32_t Insert(const Fingerprint& fp, std::string_view id, std::string_view preference);
  // ComputeFingerprint's work once the text's matching view is known.
  void FingerprintOfView(std::span<const char32_t> view, Fingerprint* fp) const;

  // The decision against kept documents alone, without inserting.
  DedupDecision DecideAgainstKept(const Fingerprint& fp, std::vector<uint32_t>* scratch) const;
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
  std::unique_ptr<RecordStore> exact_;       // the 128-bit exact hash of each document
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
  size_t num_loaded_ = 0;                 // documents loaded from an index file: never superseded
  bool loading_ = false;
  bool restoring_ = false;    // LoadBytes: samples come from the file, not the fingerprint
  bool decided_any_ = false;  // AddLoaded() is refused once true
  std::vector<uint32_t> superseded_by_;
  // For a superseded document: its similarity with the copy that superseded it,
  // and the containment when that copy was found by containment (else 0).
  std::vector<float> superseded_similarity_;
  std::vector<float> superseded_containment_;
  // Every document's containment samples as kept (none when containment is
  // off and none were loaded).
  std::unique_ptr<ContainmentIndex> containment_;
  std::vector<uint32_t> scratch_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_DEDUP_H_
