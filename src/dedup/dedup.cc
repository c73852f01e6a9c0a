#include "newsclean/dedup.h"

#include <xxhash.h>

#include <cstdio>
#include <cstring>
#include <optional>
#include <span>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/dedup/containment_index.h"
#include "src/dedup/record_store.h"
#include "src/io/input_stream.h"
#include "src/io/output_stream.h"
#include "src/text/match_view_access.h"
#include "src/text/scratch.h"
#include "src/text/script_tables.h"
#include "src/text/strings.h"

namespace newsclean {
namespace {

constexpr char kMagic[8] = {'N', 'C', 'D', 'E', 'D', 'U', 'P', '\n'};
// Version 2 adds, after the MinHash name, the containment sampler's name, and
// after each document's id its containment level, sample count and stored
// sample tags. Version 1 files load: their documents have no samples.
constexpr uint32_t kFormatVersion = 2;

void PutU32(uint32_t v, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutU64(uint64_t v, std::string* out) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// Reads little-endian fields from a buffer; any read past the end fails.
class Cursor {
 public:
  explicit Cursor(std::string_view data) : data_(data) {}
  bool U32(uint32_t* v) {
    if (pos_ + 4 > data_.size()) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i)
      *v |= static_cast<uint32_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return true;
  }
  bool U64(uint64_t* v) {
    if (pos_ + 8 > data_.size()) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i)
      *v |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    pos_ += 8;
    return true;
  }
  bool Bytes(size_t n, std::string_view* out) {
    if (pos_ + n > data_.size()) return false;
    *out = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace

DedupIndex::DedupIndex(const DedupOptions& options, MinHasher hasher, LshParams lsh)
    : options_(options),
      hasher_(hasher),
      lsh_(options.minhash.num_perm, lsh),
      packed_size_((static_cast<size_t>(options.minhash.num_perm) + 1) / 2),
      signatures_(std::make_unique<RecordStore>(packed_size_)),
      exact_(std::make_unique<RecordStore>(16)),
      exact_slots_(1024, kNoDoc),
      containment_(std::make_unique<ContainmentIndex>()) {
  name_ = absl::StrCat(hasher_.Name(), "-b", kSignatureBits);
  id_offsets_.push_back(0);
}

DedupIndex::~DedupIndex() = default;

namespace {

size_t ExactHome(uint64_t low, size_t n) { return static_cast<size_t>(((low >> 32) * n) >> 32); }

}  // namespace

bool DedupIndex::FindExact(uint64_t low, uint64_t high, uint32_t* doc) const {
  const size_t n = exact_slots_.size();
  for (size_t i = ExactHome(low, n); exact_slots_[i] != kNoDoc; i = i + 1 == n ? 0 : i + 1) {
    const uint8_t* stored = exact_->Record(exact_slots_[i]);
    uint64_t l, h;
    std::memcpy(&l, stored, 8);
    std::memcpy(&h, stored + 8, 8);
    if (l == low && h == high) {
      *doc = exact_slots_[i];
      return true;
    }
  }
  return false;
}

void DedupIndex::InsertExact(uint64_t low, uint32_t doc) {
  if ((exact_used_ + 1) * 20 > exact_slots_.size() * 17) {  // load factor <= 0.85
    std::vector<uint32_t> old = std::move(exact_slots_);
    exact_slots_.assign(old.size() + old.size() / 4, kNoDoc);
    exact_used_ = 0;
    for (uint32_t d : old) {
      if (d == kNoDoc) continue;
      uint64_t l;
      std::memcpy(&l, exact_->Record(d), 8);
      InsertExact(l, d);
    }
  }
  const size_t n = exact_slots_.size();
  size_t i = ExactHome(low, n);
  while (exact_slots_[i] != kNoDoc) i = i + 1 == n ? 0 : i + 1;
  exact_slots_[i] = doc;
  ++exact_used_;
}

absl::StatusOr<std::unique_ptr<DedupIndex>> DedupIndex::CreateEmpty(const DedupOptions& options) {
  if (!(options.threshold > 0.0 && options.threshold <= 1.0)) {
    return WithOption(absl::InvalidArgumentError(
                          absl::StrCat("threshold ", options.threshold, " is not in (0, 1]")),
                      "threshold");
  }
  if (!(options.containment >= 0.0 && options.containment <= 1.0)) {
    return WithOption(absl::InvalidArgumentError(absl::StrCat("containment ", options.containment,
                                                              " is not in [0, 1] (0: off)")),
                      "containment");
  }
  if (options.minhash.num_perm < 8) {  // fewer values cannot make LSH bands worth having
    return WithOption(absl::InvalidArgumentError(
                          absl::StrCat("MinHash signature length ", options.minhash.num_perm,
                                       " is not between 8 and ", MinHasher::kMaxNumPerm)),
                      "minhash.num_perm");
  }
  absl::StatusOr<MinHasher> hasher = MinHasher::Create(options.minhash);
  if (!hasher.ok()) return hasher.status();
  LshParams lsh = OptimalLshParams(options.threshold, options.minhash.num_perm);
  return std::unique_ptr<DedupIndex>(new DedupIndex(options, *hasher, lsh));
}

absl::StatusOr<std::unique_ptr<DedupIndex>> DedupIndex::Create(const DedupOptions& options) {
  absl::StatusOr<std::unique_ptr<DedupIndex>> index = CreateEmpty(options);
  if (!index.ok() || options.index_path.empty()) return index;
  // Only a missing file starts a fresh index; any other failure is an error.
  absl::StatusOr<std::string> data = ReadFileContents(options.index_path);
  if (data.ok()) {
    absl::Status st = (*index)->LoadBytes(options.index_path, *data);
    if (!st.ok()) return st;
  } else if (!absl::IsNotFound(data.status())) {
    return data.status();
  }
  return index;
}

absl::StatusOr<std::unique_ptr<DedupIndex>> DedupIndex::Load(const DedupOptions& options,
                                                             std::string_view bytes,
                                                             std::string_view name) {
  absl::StatusOr<std::unique_ptr<DedupIndex>> index = CreateEmpty(options);
  if (!index.ok()) return index;
  absl::Status st = (*index)->LoadBytes(name, bytes);
  if (!st.ok()) return st;
  return index;
}

void DedupIndex::ComputeFingerprint(std::string_view text, Fingerprint* fp) const {
  thread_local std::vector<char32_t> view;  // never shrunk: not zero-filled again
  ScratchRelease release_view(&view);
  const size_t size = ScriptTables::Get().WriteMatchView(text, &view, 0);
  FingerprintOfView(std::span<const char32_t>(view.data(), size), fp);
}

void DedupIndex::ComputeFingerprint(Document* doc, Fingerprint* fp) const {
  std::optional<std::vector<char32_t>> view = MatchViewAccess::Take(*doc);
  if (view) {
    FingerprintOfView(*view, fp);
  } else {
    ComputeFingerprint(doc->text(), fp);
  }
}

void DedupIndex::FingerprintOfView(std::span<const char32_t> view, Fingerprint* fp) const {
  thread_local std::vector<uint32_t> sig;
  ScratchRelease release_sig(&sig);
  thread_local std::vector<uint64_t> shingles;
  ScratchRelease release_shingles(&shingles);
  fp->empty = view.empty();
  fp->packed.clear();
  fp->band_keys.clear();
  fp->containment_samples.clear();
  if (fp->empty) return;
  XXH128_hash_t h = XXH3_128bits(view.data(), view.size() * sizeof(char32_t));
  fp->exact_low = h.low64;
  fp->exact_high = h.high64;
  const bool containment = options_.containment > 0;
  hasher_.SignView(view, &sig, containment ? &shingles : nullptr);
  fp->packed = PackSignature(sig);
  lsh_.BandKeys(fp->packed, &fp->band_keys);
  if (containment) ContainmentSamples(shingles, options_.minhash.ngram, &fp->containment_samples);
}

uint32_t DedupIndex::Resolve(uint32_t doc) const {
  while (superseded_by_[doc] != doc) doc = superseded_by_[doc];
  return doc;
}

std::string DedupIndex::KeepPreference(KeepPolicy keep, const Document& doc) {
  return KeepPreference(keep, doc.text().size(), doc.sort_key);
}

std::string DedupIndex::KeepPreference(KeepPolicy keep, size_t text_bytes,
                                       const std::optional<std::string>& sort_key) {
  if (keep == KeepPolicy::kLongest) {
    // Longer sorts first: the complement of the length, fixed width.
    return absl::StrFormat("%016x", ~static_cast<uint64_t>(text_bytes));
  }
  if (keep == KeepPolicy::kEarliest) return sort_key ? *sort_key : std::string("\xff");
  return {};
}

DedupDecision DedupIndex::Decide(const Fingerprint& fp, const Document& doc) {
  return Decide(fp, doc.id, KeepPreference(options_.keep, doc));
}

DedupVerdict DedupIndex::Verdict(const DedupDecision& decided) const {
  DedupVerdict v;
  if (decided.inserted != DedupDecision::kNotInserted) {
    // Kept when it came: still kept unless a preferred copy superseded it.
    const uint32_t kept = Resolve(decided.inserted);
    if (kept != decided.inserted) {
      v.duplicate = true;
      v.of = kept;
      v.similarity = superseded_similarity_[decided.inserted];
      if (decided.inserted < superseded_containment_.size()) {
        v.containment = superseded_containment_[decided.inserted];
      }
      v.exact = v.containment == 0 && v.similarity >= 1.0;
    }
    return v;
  }
  if (decided.kind == DedupDecision::Kind::kExact || decided.kind == DedupDecision::Kind::kNear ||
      decided.kind == DedupDecision::Kind::kContained) {
    v.duplicate = true;
    v.of = Resolve(decided.duplicate_of);
    v.similarity = decided.similarity;
    v.containment = decided.containment;
    v.exact = decided.kind == DedupDecision::Kind::kExact;
  }
  return v;
}

DedupDecision DedupIndex::Query(const Fingerprint& fp) const {
  std::vector<uint32_t> scratch;
  DedupDecision d = DecideAgainstKept(fp, &scratch);
  if (d.kind != DedupDecision::Kind::kUnique) d.duplicate_of = Resolve(d.duplicate_of);
  return d;
}

DedupDecision DedupIndex::Decide(const Fingerprint& fp, std::string_view id,
                                 std::string_view preference) {
  decided_any_ = true;
  DedupDecision d = DecideAgainstKept(fp, &scratch_);
  if (fp.empty) return d;  // nothing to match on: kept, never indexed
  if (d.kind == DedupDecision::Kind::kUnique) {
    d.inserted = Insert(fp, id, preference);
    return d;
  }
  d.duplicate_of = Resolve(d.duplicate_of);
  // Documents loaded from an earlier run's index were written then: they stay.
  if (options_.keep != KeepPolicy::kFirst && d.duplicate_of >= num_loaded_ &&
      preference < preferences_[d.duplicate_of - num_loaded_]) {
    d.kind = DedupDecision::Kind::kSupersedes;
    d.inserted = Insert(fp, id, preference);
    superseded_by_[d.duplicate_of] = d.inserted;
    superseded_similarity_[d.duplicate_of] = static_cast<float>(d.similarity);
    if (d.duplicate_of < superseded_containment_.size()) {
      superseded_containment_[d.duplicate_of] = static_cast<float>(d.containment);
    }
  }
  return d;
}

DedupDecision DedupIndex::DecideAgainstKept(const Fingerprint& fp,
                                            std::vector<uint32_t>* scratch) const {
  DedupDecision d;
  if (fp.empty) return d;
  uint32_t exact_doc = 0;
  if (FindExact(fp.exact_low, fp.exact_high, &exact_doc)) {
    d.kind = DedupDecision::Kind::kExact;
    d.duplicate_of = exact_doc;
    d.similarity = 1.0;
    return d;
  }
  scratch->clear();
  lsh_.Candidates(fp.band_keys, scratch);
  double best = -1;
  uint32_t best_doc = 0;
  const int k = options_.minhash.num_perm;
  for (uint32_t doc : *scratch) {
    std::span<const uint8_t> other(signatures_->Record(doc), packed_size_);
    double s = EstimatePackedJaccard(fp.packed, other, k);
    if (s > best) {
      best = s;
      best_doc = doc;
    }
  }
  if (best >= options_.threshold) {
    d.kind = DedupDecision::Kind::kNear;
    d.duplicate_of = best_doc;
    d.similarity = best;
    return d;
  }
  if (options_.containment <= 0 || fp.containment_samples.empty()) return d;
  // No near duplicate: a kept document this one is contained in, or contains.
  // The best containment wins, then the higher similarity, then the earlier
  // document, so that the choice depends on nothing but the index.
  std::vector<ContainmentMatch> matches;
  containment_->Matches(fp.containment_samples, options_.containment, &matches);
  double best_containment = -1, best_similarity = -1;
  for (const ContainmentMatch& m : matches) {
    std::span<const uint8_t> other(signatures_->Record(m.doc), packed_size_);
    const double s = EstimatePackedJaccard(fp.packed, other, k);
    if (m.best() > best_containment ||
        (m.best() == best_containment &&
         (s > best_similarity || (s == best_similarity && m.doc < best_doc)))) {
      best_containment = m.best();
      best_similarity = s;
      best_doc = m.doc;
    }
  }
  if (best_containment >= options_.containment) {
    d.kind = DedupDecision::Kind::kContained;
    d.duplicate_of = best_doc;
    d.similarity = best_similarity;
    d.containment = best_containment;
  }
  return d;
}

uint32_t DedupIndex::Insert(const Fingerprint& fp, std::string_view id,
                            std::string_view preference) {
  uint32_t doc = static_cast<uint32_t>(num_docs_++);
  signatures_->Append(fp.packed.data());
  uint8_t exact[16];
  std::memcpy(exact, &fp.exact_low, 8);
  std::memcpy(exact + 8, &fp.exact_high, 8);
  exact_->Append(exact);
  InsertExact(fp.exact_low, doc);
  lsh_.Insert(doc, fp.band_keys);
  id_bytes_.append(id);
  id_offsets_.push_back(id_bytes_.size());
  if (options_.keep != KeepPolicy::kFirst && !loading_) preferences_.emplace_back(preference);
  superseded_by_.push_back(doc);
  if (options_.keep != KeepPolicy::kFirst) {
    superseded_similarity_.push_back(0);
    if (options_.containment > 0) superseded_containment_.push_back(0);
  }
  // A stored document's samples come from its file (LoadBytes).
  if (!restoring_) containment_->Insert(doc, fp.containment_samples);
  return doc;
}

std::string_view DedupIndex::IdOf(uint32_t doc) const {
  doc = Resolve(doc);
  return std::string_view(id_bytes_).substr(id_offsets_[doc],
                                            id_offsets_[doc + 1] - id_offsets_[doc]);
}

size_t DedupIndex::DecisionBytes() const {
  return signatures_->MemoryBytes() + exact_->MemoryBytes() +
         exact_slots_.capacity() * sizeof(uint32_t) + lsh_.MemoryBytes() +
         superseded_by_.capacity() * sizeof(uint32_t) +
         superseded_similarity_.capacity() * sizeof(float) +
         superseded_containment_.capacity() * sizeof(float) + ContainmentBytes();
}

size_t DedupIndex::ContainmentBytes() const { return containment_->MemoryBytes(); }

std::string DedupIndex::Serialize() const {
  std::string out(kMagic, sizeof kMagic);
  PutU32(kFormatVersion, &out);
  PutU32(static_cast<uint32_t>(name_.size()), &out);
  out.append(name_);
  const std::string containment_name = ContainmentIndex::Name(options_.minhash.ngram);
  PutU32(static_cast<uint32_t>(containment_name.size()), &out);
  out.append(containment_name);
  PutU64(num_docs_, &out);
  const std::vector<std::vector<uint32_t>> tags = containment_->StoredTags(num_docs_);
  for (size_t doc = 0; doc < num_docs_; ++doc) {
    uint64_t low, high;
    std::memcpy(&low, exact_->Record(doc), 8);
    std::memcpy(&high, exact_->Record(doc) + 8, 8);
    PutU64(low, &out);
    PutU64(high, &out);
    out.append(reinterpret_cast<const char*>(signatures_->Record(doc)), packed_size_);
    std::string_view id = IdOf(static_cast<uint32_t>(doc));
    PutU32(static_cast<uint32_t>(id.size()), &out);
    out.append(id);
    PutU32(static_cast<uint32_t>(containment_->level(static_cast<uint32_t>(doc))), &out);
    PutU32(static_cast<uint32_t>(containment_->count(static_cast<uint32_t>(doc))), &out);
    PutU32(static_cast<uint32_t>(tags[doc].size()), &out);
    for (uint32_t tag : tags[doc]) PutU32(tag, &out);
  }
  PutU64(XXH3_64bits(out.data(), out.size()), &out);
  return out;
}

absl::Status DedupIndex::Save(const std::string& path, OutputCommit* commit) const {
  const std::string out = Serialize();
  // Never compressed by the name: Load reads the bytes as they are.
  absl::StatusOr<std::unique_ptr<ByteSink>> sink = OpenOutput(path, /*compress=*/false, commit);
  if (!sink.ok()) return sink.status();
  absl::Status st = (*sink)->Write(out);
  if (!st.ok()) return st;
  return (*sink)->Close();
}

absl::Status DedupIndex::LoadBytes(std::string_view path, std::string_view data) {
  auto corrupt = [&](std::string_view why) {
    return absl::DataLossError(absl::StrCat(AV(path), ": not a usable newsclean index: ", AV(why)));
  };
  if (data.size() < sizeof kMagic + 8 || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) {
    return corrupt("wrong magic bytes (not a newsclean dedup index)");
  }
  uint64_t stored_sum = 0;
  Cursor tail(std::string_view(data).substr(data.size() - 8));
  tail.U64(&stored_sum);
  if (XXH3_64bits(data.data(), data.size() - 8) != stored_sum) {
    return corrupt("checksum mismatch (truncated or damaged)");
  }
  Cursor c(std::string_view(data).substr(0, data.size() - 8));
  std::string_view skip, name;
  uint32_t version = 0, name_len = 0;
  uint64_t docs = 0;
  c.Bytes(sizeof kMagic, &skip);
  if (!c.U32(&version) || version < 1 || version > kFormatVersion) {
    return corrupt(
        absl::StrCat("format version ", version, ", this build reads 1 to ", kFormatVersion));
  }
  if (!c.U32(&name_len) || !c.Bytes(name_len, &name)) return corrupt("truncated header");
  if (name != name_) {
    return WithOption(
        absl::FailedPreconditionError(absl::StrCat(
            AV(path), ": index was built with ", AV(name), " but these options give ", name_,
            " (it needs the MinHash signature length and shingle length it was built with)")),
        "minhash");
  }
  if (version >= 2) {
    uint32_t len = 0;
    std::string_view containment_name;
    if (!c.U32(&len) || !c.Bytes(len, &containment_name)) return corrupt("truncated header");
    const std::string expected = ContainmentIndex::Name(options_.minhash.ngram);
    if (containment_name != expected) {
      return WithOption(absl::FailedPreconditionError(absl::StrCat(
                            AV(path), ": index samples containment with ", AV(containment_name),
                            " but this build samples with ", expected)),
                        "containment");
    }
  }
  if (!c.U64(&docs)) return corrupt("truncated header");
  loading_ = true;
  restoring_ = true;
  std::vector<uint32_t> tags;
  for (uint64_t d = 0; d < docs; ++d) {
    Fingerprint fp;
    fp.empty = false;
    std::string_view packed, id;
    uint32_t id_len = 0;
    if (!c.U64(&fp.exact_low) || !c.U64(&fp.exact_high) || !c.Bytes(packed_size_, &packed) ||
        !c.U32(&id_len) || !c.Bytes(id_len, &id)) {
      return corrupt(absl::StrCat("truncated at document ", d));
    }
    uint32_t level = 0, count = 0, num_tags = 0;
    tags.clear();
    if (version >= 2) {
      if (!c.U32(&level) || !c.U32(&count) || !c.U32(&num_tags) ||
          num_tags > (data.size() - c.pos()) / 4) {
        return corrupt(absl::StrCat("truncated at document ", d));
      }
      if (level > static_cast<uint32_t>(ContainmentIndex::kMaxLevel) || num_tags > count) {
        return corrupt(absl::StrCat("bad containment samples at document ", d));
      }
      for (uint32_t t = 0; t < num_tags; ++t) {
        uint32_t tag = 0;
        if (!c.U32(&tag)) return corrupt(absl::StrCat("truncated at document ", d));
        tags.push_back(tag);
      }
    }
    fp.packed.assign(packed.begin(), packed.end());
    lsh_.BandKeys(fp.packed, &fp.band_keys);
    const uint32_t doc = Insert(fp, id, "");
    containment_->InsertStored(doc, static_cast<int>(level), count, tags);
  }
  restoring_ = false;
  loading_ = false;
  num_loaded_ = num_docs_;
  return absl::OkStatus();
}

absl::Status DedupIndex::AddLoaded(const Fingerprint& fp, std::string_view id) {
  if (decided_any_) {
    return absl::FailedPreconditionError("documents are added as loaded only before any Decide()");
  }
  if (fp.empty || fp.packed.size() != packed_size_) {
    return absl::InvalidArgumentError(
        absl::StrCat("a loaded document needs a fingerprint of ", packed_size_, " packed bytes"));
  }
  Fingerprint keyed = fp;
  lsh_.BandKeys(keyed.packed, &keyed.band_keys);  // this index's bands, whatever fp carries
  loading_ = true;
  Insert(keyed, id, "");
  loading_ = false;
  num_loaded_ = num_docs_;
  return absl::OkStatus();
}

Fingerprint DedupIndex::IndexedFingerprint(uint32_t doc) const {
  Fingerprint fp;
  if (doc >= num_docs_) return fp;
  fp.empty = false;
  std::memcpy(&fp.exact_low, exact_->Record(doc), 8);
  std::memcpy(&fp.exact_high, exact_->Record(doc) + 8, 8);
  const uint8_t* packed = signatures_->Record(doc);
  fp.packed.assign(packed, packed + packed_size_);
  lsh_.BandKeys(fp.packed, &fp.band_keys);
  return fp;
}

}  // namespace newsclean
