#include "newsclean/dedup.h"

#include <xxhash.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/match_view.h"
#include "src/output_stream.h"
#include "src/strings.h"

namespace newsclean {
namespace {

constexpr char kMagic[8] = {'N', 'C', 'D', 'E', 'D', 'U', 'P', '\n'};
constexpr uint32_t kFormatVersion = 1;

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
    for (int i = 0; i < 4; ++i) *v |= static_cast<uint32_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return true;
  }
  bool U64(uint64_t* v) {
    if (pos_ + 8 > data_.size()) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i) *v |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
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

DedupIndex::DedupIndex(const DedupOptions& options, LshParams lsh)
    : options_(options),
      hasher_(options.minhash),
      lsh_(options.minhash.num_perm, lsh),
      packed_size_((static_cast<size_t>(options.minhash.num_perm) + 1) / 2) {
  name_ = absl::StrCat(hasher_.Name(), "-b", kSignatureBits);
  id_offsets_.push_back(0);
}

absl::StatusOr<std::unique_ptr<DedupIndex>> DedupIndex::Create(const DedupOptions& options) {
  if (!(options.threshold > 0.0 && options.threshold <= 1.0)) {
    return absl::InvalidArgumentError("--threshold must be in (0, 1]");
  }
  if (options.minhash.num_perm < 8 || options.minhash.num_perm > 1024) {
    return absl::InvalidArgumentError("--num-perm must be between 8 and 1024");
  }
  if (options.minhash.ngram < 1 || options.minhash.ngram > 32) {
    return absl::InvalidArgumentError("--ngram must be between 1 and 32");
  }
  LshParams lsh = OptimalLshParams(options.threshold, options.minhash.num_perm);
  std::unique_ptr<DedupIndex> index(new DedupIndex(options, lsh));
  if (!options.index_path.empty()) {
    std::ifstream probe(options.index_path, std::ios::binary);
    if (probe.good()) {
      absl::Status st = index->Load(options.index_path);
      if (!st.ok()) return st;
    }
  }
  return index;
}

void DedupIndex::ComputeFingerprint(std::string_view text, Fingerprint* fp) const {
  thread_local std::vector<char32_t> view;
  thread_local std::vector<uint32_t> sig;
  MatchView(text, &view);
  fp->empty = view.empty();
  fp->packed.clear();
  fp->band_keys.clear();
  if (fp->empty) return;
  XXH128_hash_t h = XXH3_128bits(view.data(), view.size() * sizeof(char32_t));
  fp->exact_low = h.low64;
  fp->exact_high = h.high64;
  hasher_.SignView(view, &sig);
  fp->packed = PackSignature(sig);
  lsh_.BandKeys(fp->packed, &fp->band_keys);
}

DedupDecision DedupIndex::Decide(const Fingerprint& fp, std::string_view id) {
  DedupDecision d;
  if (fp.empty) return d;
  auto exact = exact_index_.find(Hash128{fp.exact_low, fp.exact_high});
  if (exact != exact_index_.end()) {
    d.kind = DedupDecision::kExact;
    d.duplicate_of = exact->second;
    d.similarity = 1.0;
    return d;
  }
  scratch_.clear();
  lsh_.Candidates(fp.band_keys, &scratch_);
  double best = -1;
  uint32_t best_doc = 0;
  const int k = options_.minhash.num_perm;
  for (uint32_t doc : scratch_) {
    std::span<const uint8_t> other(signatures_.data() + doc * packed_size_, packed_size_);
    double s = EstimatePackedJaccard(fp.packed, other, k);
    if (s > best) {
      best = s;
      best_doc = doc;
    }
  }
  if (best >= options_.threshold) {
    d.kind = DedupDecision::kNear;
    d.duplicate_of = best_doc;
    d.similarity = best;
    return d;
  }
  Insert(fp, id);
  return d;
}

uint32_t DedupIndex::Insert(const Fingerprint& fp, std::string_view id) {
  uint32_t doc = static_cast<uint32_t>(num_docs_++);
  signatures_.insert(signatures_.end(), fp.packed.begin(), fp.packed.end());
  Hash128 h{fp.exact_low, fp.exact_high};
  exact_.push_back(h);
  exact_index_.emplace(h, doc);
  lsh_.Insert(doc, fp.band_keys);
  id_bytes_.append(id);
  id_offsets_.push_back(id_bytes_.size());
  return doc;
}

std::string_view DedupIndex::IdOf(uint32_t doc) const {
  return std::string_view(id_bytes_).substr(id_offsets_[doc], id_offsets_[doc + 1] - id_offsets_[doc]);
}

size_t DedupIndex::DecisionBytes() const {
  // flat_hash_map: one control byte and one slot per bucket.
  size_t exact_bytes = exact_index_.bucket_count() * (sizeof(Hash128) + sizeof(uint32_t) + 1);
  return signatures_.capacity() + lsh_.MemoryBytes() + exact_bytes;
}

absl::Status DedupIndex::Save(const std::string& path) const {
  std::string out(kMagic, sizeof kMagic);
  PutU32(kFormatVersion, &out);
  PutU32(static_cast<uint32_t>(name_.size()), &out);
  out.append(name_);
  PutU64(num_docs_, &out);
  for (size_t doc = 0; doc < num_docs_; ++doc) {
    PutU64(exact_[doc].low, &out);
    PutU64(exact_[doc].high, &out);
    out.append(reinterpret_cast<const char*>(signatures_.data() + doc * packed_size_), packed_size_);
    std::string_view id = IdOf(static_cast<uint32_t>(doc));
    PutU32(static_cast<uint32_t>(id.size()), &out);
    out.append(id);
  }
  PutU64(XXH3_64bits(out.data(), out.size()), &out);
  absl::StatusOr<std::unique_ptr<ByteSink>> sink = OpenOutput(path);
  if (!sink.ok()) return sink.status();
  absl::Status st = (*sink)->Write(out);
  if (!st.ok()) return st;
  return (*sink)->Close();
}

absl::Status DedupIndex::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string data = buffer.str();
  auto corrupt = [&](std::string_view why) {
    return absl::DataLossError(absl::StrCat(path, ": not a usable newsclean index: ", AV(why)));
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
  if (!c.U32(&version) || version != kFormatVersion) {
    return corrupt(absl::StrCat("format version ", version, ", this build reads ", kFormatVersion));
  }
  if (!c.U32(&name_len) || !c.Bytes(name_len, &name)) return corrupt("truncated header");
  if (name != name_) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, ": index was built with ", AV(name), " but this run uses ", name_,
        " (the same --num-perm and --ngram are needed)"));
  }
  if (!c.U64(&docs)) return corrupt("truncated header");
  for (uint64_t d = 0; d < docs; ++d) {
    Fingerprint fp;
    fp.empty = false;
    std::string_view packed, id;
    uint32_t id_len = 0;
    if (!c.U64(&fp.exact_low) || !c.U64(&fp.exact_high) || !c.Bytes(packed_size_, &packed) ||
        !c.U32(&id_len) || !c.Bytes(id_len, &id)) {
      return corrupt(absl::StrCat("truncated at document ", d));
    }
    fp.packed.assign(packed.begin(), packed.end());
    lsh_.BandKeys(fp.packed, &fp.band_keys);
    Insert(fp, id);
  }
  return absl::OkStatus();
}

}  // namespace newsclean
