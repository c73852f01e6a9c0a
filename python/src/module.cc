// The newsclean Python module (newsclean._newsclean): bindings of the
// embedding API in include/newsclean/. The Python package (python/newsclean)
// re-exports it and adds the adapters. Batch calls release the GIL and run on
// a WorkerPool; every object is picklable, rebuilt from its options (an
// index also from its bytes).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "newsclean/check.h"
#include "newsclean/cleaner.h"
#include "newsclean/dedup.h"
#include "newsclean/explain.h"
#include "newsclean/metadata.h"
#include "newsclean/minhash.h"
#include "newsclean/options.h"
#include "newsclean/reader.h"
#include "newsclean/version.h"
#include "python/src/corpus_files.h"
#include "python/src/errors.h"
#include "python/src/fingerprints.h"
#include "python/src/utf8_text.h"
#include "src/dedup/index_lock.h"
#include "src/run/batch_runner.h"
#include "src/run/worker_pool.h"

namespace py = pybind11;

namespace newsclean::python {
namespace {

// --- Threads --------------------------------------------------------------

// Runs fn(i) for i in [0, n) on `threads` threads (0: every core) without the
// GIL. fn must not touch Python objects.
void ParallelWithoutGil(size_t n, int threads, const std::function<void(size_t)>& fn) {
  const int resolved = ValueOrThrow(ResolveThreads(threads));
  py::gil_scoped_release release;
  if (resolved <= 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  WorkerPool pool(std::min<size_t>(static_cast<size_t>(resolved), n));
  pool.ParallelFor(n, fn);
}

// --- Cleaning ---------------------------------------------------------------

struct PyRemoval {
  std::string reason;
  std::string rule;
  size_t start = 0, end = 0;            // code points of the original text
  size_t byte_start = 0, byte_end = 0;  // bytes of its UTF-8
  std::string text;
};

struct PyCleanResult {
  std::string text;
  size_t invalid_utf8 = 0;             // lone surrogates in the str, replaced by U+FFFD
  std::optional<std::string> dropped;  // the reason, when nothing is left
  std::vector<PyRemoval> removals;
  DocumentMetadata metadata;
};

// Code-point offsets of the removals' byte offsets in `original`, one pass.
void FillCodePointOffsets(const std::string& original, std::vector<PyRemoval>* removals) {
  std::vector<size_t*> bytes, points;
  std::vector<std::pair<size_t, size_t>> order;  // (byte offset, slot)
  for (PyRemoval& r : *removals) {
    order.push_back({r.byte_start, order.size()});
    points.push_back(&r.start);
    order.push_back({r.byte_end, order.size()});
    points.push_back(&r.end);
  }
  std::sort(order.begin(), order.end());
  size_t at = 0, count = 0;
  for (const auto& [offset, slot] : order) {
    for (; at < offset && at < original.size(); ++at) {
      if ((static_cast<unsigned char>(original[at]) & 0xC0) != 0x80) ++count;
    }
    *points[slot] = count;
  }
}

PyCleanResult CleanOne(const Cleaner& cleaner, const Utf8Text& input) {
  const std::string& text = input.bytes;
  Document doc;
  doc.SetOriginalText(text);
  doc.invalid_utf8 = input.repaired;
  cleaner.Clean(&doc);
  PyCleanResult result;
  result.invalid_utf8 = input.repaired;
  result.metadata = ExtractMetadata(doc);
  if (doc.dropped) result.dropped = std::string(ReasonName(*doc.dropped));
  for (Removal& r : doc.removals) {
    PyRemoval p;
    p.reason = std::string(ReasonName(r.reason));
    p.rule = std::move(r.rule);
    p.byte_start = r.begin;
    p.byte_end = r.end;
    p.text = std::move(r.text);
    result.removals.push_back(std::move(p));
  }
  FillCodePointOffsets(text, &result.removals);
  result.text = doc.text();
  return result;
}

py::dict MetadataDict(const DocumentMetadata& m) {
  py::dict d;
  d["byline"] = m.byline;
  d["editor"] = m.editor;
  d["date"] = m.date;
  d["source"] = m.source;
  d["captions"] = m.captions;
  return d;
}

// A Cleaner and the options it was built from (for pickling).
class PyCleaner {
 public:
  explicit PyCleaner(CleanOptions options)
      : options_(std::move(options)), cleaner_(ValueOrThrow(Cleaner::Create(options_))) {}

  PyCleanResult Clean(const Utf8Text& text) const { return CleanOne(*cleaner_, text); }

  std::vector<PyCleanResult> CleanBatch(const std::vector<Utf8Text>& texts, int threads) const {
    std::vector<PyCleanResult> results(texts.size());
    ParallelWithoutGil(texts.size(), threads,
                       [&](size_t i) { results[i] = CleanOne(*cleaner_, texts[i]); });
    return results;
  }

  std::string Explain(const Utf8Text& text, bool color) const {
    Document doc;
    doc.SetOriginalText(text.bytes);
    return ExplainDocument(*cleaner_, &doc, color);
  }

  const CleanOptions& options() const { return options_; }
  const Cleaner& cleaner() const { return *cleaner_; }

 private:
  CleanOptions options_;
  std::shared_ptr<Cleaner> cleaner_;
};

py::dict CleanOptionsDict(const CleanOptions& o) {
  py::dict d;
  d["disabled_rules"] = o.disabled_rules;
  d["rule_files"] = o.rule_files;
  d["rule_texts"] = o.rule_texts;
  d["repeated_paragraph_min_chars"] = o.repeated_paragraph_min_chars;
  d["near_paragraph_threshold"] = o.near_paragraph_threshold;
  d["near_paragraph_min_chars"] = o.near_paragraph_min_chars;
  d["near_paragraph_ngram"] = o.near_paragraph_ngram;
  d["caption_max_chars"] = o.caption_max_chars;
  return d;
}

CleanOptions CleanOptionsFrom(const py::dict& d) {
  CleanOptions o;
  o.disabled_rules = d["disabled_rules"].cast<std::vector<std::string>>();
  o.rule_files = d["rule_files"].cast<std::vector<std::string>>();
  o.rule_texts = d["rule_texts"].cast<std::vector<std::string>>();
  o.repeated_paragraph_min_chars = d["repeated_paragraph_min_chars"].cast<size_t>();
  o.near_paragraph_threshold = d["near_paragraph_threshold"].cast<double>();
  o.near_paragraph_min_chars = d["near_paragraph_min_chars"].cast<size_t>();
  o.near_paragraph_ngram = d["near_paragraph_ngram"].cast<int>();
  o.caption_max_chars = d["caption_max_chars"].cast<size_t>();
  return o;
}

// --- MinHash signatures -----------------------------------------------------

py::array_t<uint32_t> Signatures(const MinHasher& hasher, const std::vector<Utf8Text>& texts,
                                 int threads) {
  const size_t k = static_cast<size_t>(hasher.params().num_perm);
  std::vector<uint32_t> flat(texts.size() * k, 0xFFFFFFFFu);
  ParallelWithoutGil(texts.size(), threads, [&](size_t i) {
    std::vector<uint32_t> sig;
    if (hasher.Sign(texts[i].bytes, &sig)) std::copy(sig.begin(), sig.end(), flat.begin() + i * k);
  });
  py::array_t<uint32_t> out({texts.size(), k});
  std::copy(flat.begin(), flat.end(), out.mutable_data());
  return out;
}

// --- Dedup ------------------------------------------------------------------

KeepPolicy ParseKeep(const std::string& keep) {
  if (keep == "first") return KeepPolicy::kFirst;
  if (keep == "longest") return KeepPolicy::kLongest;
  if (keep == "earliest") return KeepPolicy::kEarliest;
  Raise(WithOption(absl::InvalidArgumentError(
                       absl::StrCat("keep must be first, longest or earliest, not '", keep, "'")),
                   "keep"));
}

std::string KeepName(KeepPolicy keep) {
  switch (keep) {
    case KeepPolicy::kLongest:
      return "longest";
    case KeepPolicy::kEarliest:
      return "earliest";
    case KeepPolicy::kFirst:
      break;
  }
  return "first";
}

std::string KindName(DedupDecision::Kind kind) {
  switch (kind) {
    case DedupDecision::Kind::kExact:
      return "exact";
    case DedupDecision::Kind::kNear:
      return "near";
    case DedupDecision::Kind::kSupersedes:
      return "supersedes";
    case DedupDecision::Kind::kUnique:
      break;
  }
  return "unique";
}

DedupDecision::Kind ParseKind(const std::string& name) {
  if (name == "exact") return DedupDecision::Kind::kExact;
  if (name == "near") return DedupDecision::Kind::kNear;
  if (name == "supersedes") return DedupDecision::Kind::kSupersedes;
  if (name == "unique") return DedupDecision::Kind::kUnique;
  Raise(absl::InvalidArgumentError(absl::StrCat("no decision kind '", name, "'")));
}

struct PyVerdict {
  bool duplicate = false;
  bool exact = false;
  std::optional<uint32_t> of;        // the kept index document, when a duplicate
  std::optional<std::string> of_id;  // and its id
  double similarity = 0;
};

class PyDedupIndex {
 public:
  explicit PyDedupIndex(DedupOptions options)
      : options_(std::move(options)), index_(ValueOrThrow(DedupIndex::Create(options_))) {}
  PyDedupIndex(DedupOptions options, std::unique_ptr<DedupIndex> index)
      : options_(std::move(options)), index_(std::move(index)) {}

  PyFingerprints Fingerprints(const std::vector<Utf8Text>& texts, int threads) const {
    PyFingerprints out;
    out.fps.resize(texts.size());
    out.text_bytes.resize(texts.size());
    ParallelWithoutGil(texts.size(), threads, [&](size_t i) {
      index_->ComputeFingerprint(texts[i].bytes, &out.fps[i]);
      out.text_bytes[i] = texts[i].bytes.size();
    });
    return out;
  }

  std::vector<DedupDecision> Decide(
      const PyFingerprints& fps, const std::vector<std::string>& ids,
      const std::optional<std::vector<std::optional<std::string>>>& dates) {
    if (ids.size() != fps.fps.size() || (dates && dates->size() != fps.fps.size())) {
      Raise(absl::InvalidArgumentError(
          absl::StrCat("decide: ", fps.fps.size(), " fingerprints, ", ids.size(), " ids",
                       dates ? absl::StrCat(", ", dates->size(), " dates") : std::string())));
    }
    std::vector<DedupDecision> out(fps.fps.size());
    py::gil_scoped_release release;
    for (size_t i = 0; i < fps.fps.size(); ++i) {
      const std::optional<std::string> none;
      const std::string preference =
          DedupIndex::KeepPreference(options_.keep, fps.text_bytes[i], dates ? (*dates)[i] : none);
      out[i] = index_->Decide(fps.fps[i], ids[i], preference);
    }
    return out;
  }

  std::vector<DedupDecision> Query(const PyFingerprints& fps) const {
    std::vector<DedupDecision> out(fps.fps.size());
    py::gil_scoped_release release;
    for (size_t i = 0; i < fps.fps.size(); ++i) out[i] = index_->Query(fps.fps[i]);
    return out;
  }

  PyVerdict Verdict(const DedupDecision& decided) const {
    const DedupVerdict v = index_->Verdict(decided);
    PyVerdict p;
    p.duplicate = v.duplicate;
    p.exact = v.exact;
    p.similarity = v.similarity;
    if (v.duplicate) {
      p.of = v.of;
      p.of_id = std::string(index_->IdOf(v.of));
    }
    return p;
  }

  std::string IdOf(uint32_t doc) const {
    if (doc >= index_->size()) throw py::index_error(absl::StrCat("no index document ", doc));
    return std::string(index_->IdOf(doc));
  }

  void AddLoaded(const PyFingerprints& fps, const std::vector<std::string>& ids) {
    if (ids.size() != fps.fps.size()) {
      Raise(absl::InvalidArgumentError(
          absl::StrCat("add_loaded: ", fps.fps.size(), " fingerprints, ", ids.size(), " ids")));
    }
    for (size_t i = 0; i < ids.size(); ++i) ThrowIfError(index_->AddLoaded(fps.fps[i], ids[i]));
  }

  py::tuple Indexed() const {
    PyFingerprints out;
    std::vector<std::string> ids;
    for (uint32_t d = 0; d < index_->size(); ++d) {
      out.fps.push_back(index_->IndexedFingerprint(d));
      out.text_bytes.push_back(0);
      ids.emplace_back(index_->IdOf(d));
    }
    return py::make_tuple(out, ids);
  }

  py::bytes ToBytes() const { return py::bytes(index_->Serialize()); }
  void Save(const std::string& path) const { ThrowIfError(index_->Save(path)); }

  const DedupOptions& options() const { return options_; }
  const DedupIndex& index() const { return *index_; }

 private:
  DedupOptions options_;
  std::unique_ptr<DedupIndex> index_;
};

DedupOptions DedupOptionsFrom(double threshold, int num_perm, int ngram, uint64_t seed,
                              const std::string& keep, const std::string& date_field) {
  DedupOptions o;
  o.threshold = threshold;
  o.minhash.num_perm = num_perm;
  o.minhash.ngram = ngram;
  o.minhash.seed = seed;
  o.keep = ParseKeep(keep);
  o.date_field = date_field;
  return o;
}

py::dict DedupOptionsDict(const DedupOptions& o) {
  py::dict d;
  d["threshold"] = o.threshold;
  d["num_perm"] = o.minhash.num_perm;
  d["ngram"] = o.minhash.ngram;
  d["seed"] = o.minhash.seed;
  d["keep"] = KeepName(o.keep);
  d["date_field"] = o.date_field;
  return d;
}

DedupOptions DedupOptionsFromDict(const py::dict& d) {
  return DedupOptionsFrom(d["threshold"].cast<double>(), d["num_perm"].cast<int>(),
                          d["ngram"].cast<int>(), d["seed"].cast<uint64_t>(),
                          d["keep"].cast<std::string>(), d["date_field"].cast<std::string>());
}

template <typename T>
py::array_t<T> Matrix(size_t rows, size_t cols, const std::function<const T*(size_t)>& row) {
  py::array_t<T> out({rows, cols});
  T* data = out.mutable_data();
  for (size_t i = 0; i < rows; ++i) std::copy(row(i), row(i) + cols, data + i * cols);
  return out;
}

// The arrays of a PyFingerprints, and back (for pickling and for moving
// fingerprints between processes).
py::tuple FingerprintArrays(const PyFingerprints& f) {
  const size_t n = f.fps.size();
  size_t packed = 0, bands = 0;
  for (const Fingerprint& fp : f.fps) {
    if (!fp.empty) {
      packed = fp.packed.size();
      bands = fp.band_keys.size();
      break;
    }
  }
  py::array_t<bool> empty(n);
  py::array_t<uint64_t> exact({n, size_t{2}});
  py::array_t<uint8_t> packed_arr({n, packed});
  py::array_t<uint64_t> keys({n, bands});
  py::array_t<uint64_t> text_bytes(n);
  auto e = empty.mutable_unchecked<1>();
  auto x = exact.mutable_unchecked<2>();
  auto p = packed_arr.mutable_unchecked<2>();
  auto k = keys.mutable_unchecked<2>();
  auto t = text_bytes.mutable_unchecked<1>();
  for (size_t i = 0; i < n; ++i) {
    const Fingerprint& fp = f.fps[i];
    e(i) = fp.empty;
    x(i, 0) = fp.exact_low;
    x(i, 1) = fp.exact_high;
    for (size_t j = 0; j < packed; ++j) p(i, j) = fp.empty ? 0 : fp.packed[j];
    for (size_t j = 0; j < bands; ++j) k(i, j) = fp.empty ? 0 : fp.band_keys[j];
    t(i) = f.text_bytes[i];
  }
  return py::make_tuple(empty, exact, packed_arr, keys, text_bytes);
}

PyFingerprints FingerprintsFromArrays(const py::tuple& arrays) {
  if (arrays.size() != 5) Raise(absl::InvalidArgumentError("fingerprints: 5 arrays expected"));
  auto empty = arrays[0].cast<py::array_t<bool, py::array::c_style | py::array::forcecast>>();
  auto exact = arrays[1].cast<py::array_t<uint64_t, py::array::c_style | py::array::forcecast>>();
  auto packed = arrays[2].cast<py::array_t<uint8_t, py::array::c_style | py::array::forcecast>>();
  auto keys = arrays[3].cast<py::array_t<uint64_t, py::array::c_style | py::array::forcecast>>();
  auto bytes = arrays[4].cast<py::array_t<uint64_t, py::array::c_style | py::array::forcecast>>();
  const size_t n = static_cast<size_t>(empty.size());
  if (exact.ndim() != 2 || packed.ndim() != 2 || keys.ndim() != 2 ||
      static_cast<size_t>(exact.shape(0)) != n || static_cast<size_t>(packed.shape(0)) != n ||
      static_cast<size_t>(keys.shape(0)) != n || static_cast<size_t>(bytes.size()) != n ||
      exact.shape(1) != 2) {
    Raise(absl::InvalidArgumentError("fingerprints: arrays of inconsistent shapes"));
  }
  PyFingerprints f;
  f.fps.resize(n);
  f.text_bytes.assign(bytes.data(), bytes.data() + n);
  const size_t pw = static_cast<size_t>(packed.shape(1)), kw = static_cast<size_t>(keys.shape(1));
  for (size_t i = 0; i < n; ++i) {
    Fingerprint& fp = f.fps[i];
    fp.empty = empty.data()[i];
    fp.exact_low = exact.data()[2 * i];
    fp.exact_high = exact.data()[2 * i + 1];
    if (!fp.empty) {
      fp.packed.assign(packed.data() + i * pw, packed.data() + (i + 1) * pw);
      fp.band_keys.assign(keys.data() + i * kw, keys.data() + (i + 1) * kw);
    }
  }
  return f;
}

// --- Check --------------------------------------------------------------------

struct InputDocument {
  std::string id;
  std::string text;
  size_t repaired = 0;  // lone surrogates replaced (Utf8Text)
};

// Documents as str, (id, text) pairs or mappings with "text" (and "id").
std::vector<InputDocument> ReadDocuments(const py::iterable& documents,
                                         const std::string& text_field) {
  std::vector<InputDocument> out;
  for (py::handle item : documents) {
    InputDocument d;
    if (py::isinstance<py::str>(item)) {
      Utf8Text t = item.cast<Utf8Text>();
      d.text = std::move(t.bytes);
      d.repaired = t.repaired;
    } else if (py::isinstance<py::tuple>(item) && py::len(item) == 2) {
      d.id = item[py::int_(0)].cast<std::string>();
      Utf8Text t = item[py::int_(1)].cast<Utf8Text>();
      d.text = std::move(t.bytes);
      d.repaired = t.repaired;
    } else if (py::hasattr(item, "get")) {
      py::object text = item.attr("get")(text_field);
      if (text.is_none()) {
        Raise(absl::InvalidArgumentError(
            absl::StrCat("document ", out.size() + 1, " has no '", text_field, "' field")));
      }
      Utf8Text t = text.cast<Utf8Text>();
      d.text = std::move(t.bytes);
      d.repaired = t.repaired;
      py::object id = item.attr("get")("id");
      if (!id.is_none()) d.id = py::str(id).cast<std::string>();
    } else {
      Raise(absl::InvalidArgumentError(absl::StrCat(
          "document ", out.size() + 1, ": a str, an (id, text) pair or a mapping expected")));
    }
    if (d.id.empty()) d.id = absl::StrCat("<memory>:", out.size() + 1);
    out.push_back(std::move(d));
  }
  return out;
}

py::dict FindingDict(const Finding& f) {
  py::dict d;
  d["kind"] = std::string(FindingKindName(f.kind));
  d["file"] = f.file;
  d["line"] = f.line;
  d["id"] = f.id;
  d["rule"] = f.rule;
  d["count"] = f.count;
  d["excerpt"] = f.excerpt;
  return d;
}

py::dict SummaryDict(const CheckResult& r) {
  py::dict d;
  for (int k = 0; k < kNumFindingKinds; ++k) {
    const KindSummary& s = r.summary[k];
    py::dict e;
    e["documents"] = s.documents;
    e["findings"] = s.findings;
    switch (s.limit.type) {
      case Limit::Type::kNone:
        e["limit"] = py::none();
        break;
      case Limit::Type::kCount:
        e["limit"] = static_cast<size_t>(s.limit.value);
        break;
      case Limit::Type::kRate:
        e["limit"] = absl::StrCat(s.limit.value * 100, "%");
        break;
    }
    e["exceeded"] = s.exceeded;
    d[py::str(std::string(FindingKindName(static_cast<FindingKind>(k))))] = e;
  }
  return d;
}

CheckResult Check(const std::optional<py::iterable>& documents,
                  const std::optional<std::vector<std::string>>& files, const PyCleaner* cleaner,
                  const std::vector<std::string>& limits, const std::optional<std::string>& config,
                  bool duplicates, const std::optional<py::dict>& dedup,
                  const std::optional<std::string>& index, size_t max_findings,
                  const std::string& text_field, int threads) {
  if (documents.has_value() == files.has_value()) {
    Raise(absl::InvalidArgumentError("check: pass either documents or files"));
  }
  std::optional<PyCleaner> own;
  if (cleaner == nullptr) cleaner = &own.emplace(CleanOptions());
  CheckOptions options;
  options.duplicates = duplicates;
  if (dedup) options.dedup = DedupOptionsFromDict(*dedup);
  if (index) options.dedup.index_path = *index;
  options.max_listed = max_findings;
  if (config) ThrowIfError(ApplyLimitsFile(*config, &options.limits));
  for (const std::string& spec : limits) ThrowIfError(ApplyLimit(spec, &options.limits));
  if (files) {
    options.pipeline.inputs = *files;
    options.pipeline.text_field = text_field;
    options.pipeline.threads = threads;
    py::gil_scoped_release release;
    absl::StatusOr<CheckResult> result = RunCheck(cleaner->cleaner(), options);
    py::gil_scoped_acquire acquire;
    return ValueOrThrow(std::move(result));
  }
  std::vector<InputDocument> docs = ReadDocuments(*documents, text_field);
  std::unique_ptr<FeedChecker> checker =
      ValueOrThrow(FeedChecker::Create(&cleaner->cleaner(), options));
  py::gil_scoped_release release;
  for (size_t i = 0; i < docs.size(); ++i) {
    Document doc;
    doc.id = std::move(docs[i].id);
    doc.source = SourceLocation{"<memory>", i + 1};
    doc.SetOriginalText(std::move(docs[i].text));
    doc.invalid_utf8 = docs[i].repaired;
    checker->Check(&doc);
  }
  return checker->Result();
}

}  // namespace
}  // namespace newsclean::python

PYBIND11_MODULE(_newsclean, m) {
  using namespace newsclean;          // NOLINT
  using namespace newsclean::python;  // NOLINT
  m.doc() =
      "newsclean: clean and de-duplicate scraped news text (Chinese in simplified and "
      "traditional script). Bindings of the C++ library; see help(newsclean).";
  m.attr("__version__") = NEWSCLEAN_VERSION;
  RegisterErrors(m);

  py::class_<PyRemoval>(m, "Removal", "A piece of text a rule removed.")
      .def_readonly("reason", &PyRemoval::reason, "Why, e.g. 'pinyin-gloss'")
      .def_readonly("rule", &PyRemoval::rule, "The rule's name, e.g. 'editor-credit-paren'")
      .def_readonly("start", &PyRemoval::start, "Start in code points of the original text")
      .def_readonly("end", &PyRemoval::end, "End (exclusive) in code points")
      .def_readonly("byte_start", &PyRemoval::byte_start, "Start in bytes of its UTF-8")
      .def_readonly("byte_end", &PyRemoval::byte_end, "End (exclusive) in bytes")
      .def_readonly("text", &PyRemoval::text, "The text removed")
      .def("__repr__", [](const PyRemoval& r) {
        return absl::StrCat("Removal(reason='", r.reason, "', rule='", r.rule, "', start=", r.start,
                            ", end=", r.end, ")");
      });

  py::class_<PyCleanResult>(m, "CleanResult", "A cleaned text, its removals and metadata.")
      .def_readonly("text", &PyCleanResult::text, "The cleaned text")
      .def_readonly("invalid_utf8", &PyCleanResult::invalid_utf8,
                    "Lone surrogates in the str, cleaned as U+FFFD (as the CLI does)")
      .def_readonly("dropped", &PyCleanResult::dropped,
                    "None, or the reason the whole document goes ('empty')")
      .def_readonly("removals", &PyCleanResult::removals, "Every removal, as Removal values")
      .def_property_readonly(
          "metadata", [](const PyCleanResult& r) { return MetadataDict(r.metadata); },
          "What removed furniture said: {'byline', 'editor', 'date', 'source', 'captions'}")
      .def("__repr__", [](const PyCleanResult& r) {
        return absl::StrCat("CleanResult(", r.text.size(), " bytes, ", r.removals.size(),
                            " removals", r.dropped ? ", dropped" : "", ")");
      });

  py::class_<PyCleaner>(m, "Cleaner",
                        "The cleaning stages, built once (rules compiled) and shared by threads.")
      .def(py::init([](std::vector<std::string> disabled_rules, std::vector<std::string> rule_files,
                       std::vector<std::string> rule_texts, size_t repeated_paragraph_min_chars,
                       double near_paragraph_threshold, size_t near_paragraph_min_chars,
                       int near_paragraph_ngram, size_t caption_max_chars) {
             CleanOptions o;
             o.disabled_rules = std::move(disabled_rules);
             o.rule_files = std::move(rule_files);
             o.rule_texts = std::move(rule_texts);
             o.repeated_paragraph_min_chars = repeated_paragraph_min_chars;
             o.near_paragraph_threshold = near_paragraph_threshold;
             o.near_paragraph_min_chars = near_paragraph_min_chars;
             o.near_paragraph_ngram = near_paragraph_ngram;
             o.caption_max_chars = caption_max_chars;
             return PyCleaner(std::move(o));
           }),
           py::kw_only(), py::arg("disabled_rules") = std::vector<std::string>(),
           py::arg("rule_files") = std::vector<std::string>(),
           py::arg("rule_texts") = std::vector<std::string>(),
           py::arg("repeated_paragraph_min_chars") = CleanOptions().repeated_paragraph_min_chars,
           py::arg("near_paragraph_threshold") = CleanOptions().near_paragraph_threshold,
           py::arg("near_paragraph_min_chars") = CleanOptions().near_paragraph_min_chars,
           py::arg("near_paragraph_ngram") = CleanOptions().near_paragraph_ngram,
           py::arg("caption_max_chars") = CleanOptions().caption_max_chars,
           "Builds a cleaner: rules to disable by name, rule files, rules as text (the "
           "rule-file format). ValueError or FileNotFoundError for a bad rule or file.")
      .def("clean", &PyCleaner::Clean, py::arg("text"), "Cleans one text: a CleanResult.")
      .def("clean_batch", &PyCleaner::CleanBatch, py::arg("texts"), py::arg("threads") = 0,
           "Cleans texts on `threads` threads (0: every core) without the GIL: CleanResults in "
           "order, the same for any thread count.")
      .def("explain", &PyCleaner::Explain, py::arg("text"), py::arg("color") = false,
           "The text with every removal marked in place, as `newsclean explain` prints it.")
      .def_property_readonly(
          "rules",
          [](const PyCleaner& c) {
            py::list out;
            for (const RuleInfo& r : c.cleaner().rules()) {
              py::dict d;
              d["name"] = r.name;
              d["reason"] = r.reason;
              d["scope"] = r.scope;
              d["origin"] = r.origin;
              d["enabled"] = r.enabled;
              out.append(d);
            }
            return out;
          },
          "Every rule (built-in and user) with its reason, scope, origin and whether enabled")
      .def_property_readonly(
          "options", [](const PyCleaner& c) { return CleanOptionsDict(c.options()); },
          "The options it was built from")
      .def(py::pickle([](const PyCleaner& c) { return CleanOptionsDict(c.options()); },
                      [](const py::dict& d) { return PyCleaner(CleanOptionsFrom(d)); }));

  py::class_<MinHasher>(m, "MinHasher",
                        "MinHash signatures of character shingles of the matching view.")
      .def(py::init([](int num_perm, int ngram, uint64_t seed) {
             return ValueOrThrow(MinHasher::Create(MinHashParams{num_perm, ngram, seed}));
           }),
           py::kw_only(), py::arg("num_perm") = MinHashParams().num_perm,
           py::arg("ngram") = MinHashParams().ngram, py::arg("seed") = MinHashParams().seed)
      .def(
          "signatures",
          [](const MinHasher& h, const std::vector<Utf8Text>& texts, int threads) {
            return Signatures(h, texts, threads);
          },
          py::arg("texts"), py::arg("threads") = 0,
          "uint32[n, num_perm]; a text with an empty matching view gets a row of 0xFFFFFFFF.")
      .def_property_readonly("name", &MinHasher::Name)
      .def_property_readonly("num_perm", [](const MinHasher& h) { return h.params().num_perm; })
      .def_property_readonly("ngram", [](const MinHasher& h) { return h.params().ngram; })
      .def_static(
          "estimate_jaccard",
          [](py::array_t<uint32_t, py::array::c_style | py::array::forcecast> a,
             py::array_t<uint32_t, py::array::c_style | py::array::forcecast> b) {
            if (a.size() != b.size())
              Raise(absl::InvalidArgumentError("signatures differ in length"));
            return MinHasher::EstimateJaccard({a.data(), static_cast<size_t>(a.size())},
                                              {b.data(), static_cast<size_t>(b.size())});
          },
          "The fraction of equal values of two signatures.")
      .def(py::pickle(
          [](const MinHasher& h) {
            return py::make_tuple(h.params().num_perm, h.params().ngram, h.params().seed);
          },
          [](const py::tuple& t) {
            return ValueOrThrow(MinHasher::Create(
                MinHashParams{t[0].cast<int>(), t[1].cast<int>(), t[2].cast<uint64_t>()}));
          }));

  py::class_<PyFingerprints>(m, "Fingerprints",
                             "What dedup decisions need of a batch of texts (DedupIndex."
                             "fingerprints); picklable, so it can move between processes.")
      .def("__len__", [](const PyFingerprints& f) { return f.fps.size(); })
      .def_property_readonly(
          "arrays", [](const PyFingerprints& f) { return FingerprintArrays(f); },
          "(empty bool[n], exact uint64[n,2], packed uint8[n,P], band_keys uint64[n,B], "
          "text_bytes uint64[n])")
      .def_static("from_arrays", &FingerprintsFromArrays, py::arg("arrays"),
                  "Rebuilds fingerprints from .arrays")
      .def_static(
          "concat",
          [](const std::vector<const PyFingerprints*>& parts) {
            PyFingerprints out;
            for (const PyFingerprints* p : parts) {
              out.fps.insert(out.fps.end(), p->fps.begin(), p->fps.end());
              out.text_bytes.insert(out.text_bytes.end(), p->text_bytes.begin(),
                                    p->text_bytes.end());
            }
            return out;
          },
          py::arg("parts"), "One batch of the given batches' fingerprints, in order")
      .def(
          "select",
          [](const PyFingerprints& f, const std::vector<size_t>& rows) {
            PyFingerprints out;
            for (size_t r : rows) {
              if (r >= f.fps.size()) throw py::index_error(absl::StrCat("no row ", r));
              out.fps.push_back(f.fps[r]);
              out.text_bytes.push_back(f.text_bytes[r]);
            }
            return out;
          },
          py::arg("rows"), "The fingerprints of the given rows, in the given order")
      .def(py::pickle([](const PyFingerprints& f) { return FingerprintArrays(f); },
                      [](const py::tuple& t) { return FingerprintsFromArrays(t); }));

  py::class_<DedupDecision>(m, "Decision", "What DedupIndex.decide found for one document.")
      .def_property_readonly(
          "kind", [](const DedupDecision& d) { return KindName(d.kind); },
          "'unique', 'exact', 'near' or 'supersedes'")
      .def_property_readonly(
          "duplicate_of",
          [](const DedupDecision& d) -> std::optional<uint32_t> {
            if (d.kind == DedupDecision::Kind::kUnique) return std::nullopt;
            return d.duplicate_of;
          },
          "The index document it duplicates (None when unique)")
      .def_property_readonly(
          "inserted",
          [](const DedupDecision& d) -> std::optional<uint32_t> {
            if (d.inserted == DedupDecision::kNotInserted) return std::nullopt;
            return d.inserted;
          },
          "The index document it became (None when not inserted)")
      .def_readonly("similarity", &DedupDecision::similarity)
      .def("__repr__",
           [](const DedupDecision& d) {
             return absl::StrCat("Decision(kind='", KindName(d.kind),
                                 "', similarity=", d.similarity, ")");
           })
      .def(py::pickle(
          [](const DedupDecision& d) {
            return py::make_tuple(KindName(d.kind), d.duplicate_of, d.inserted, d.similarity);
          },
          [](const py::tuple& t) {
            DedupDecision d;
            d.kind = ParseKind(t[0].cast<std::string>());
            d.duplicate_of = t[1].cast<uint32_t>();
            d.inserted = t[2].cast<uint32_t>();
            d.similarity = t[3].cast<double>();
            return d;
          }));

  py::class_<PyVerdict>(m, "Verdict", "What became of a document once all are decided.")
      .def_readonly("duplicate", &PyVerdict::duplicate)
      .def_readonly("exact", &PyVerdict::exact)
      .def_readonly("of", &PyVerdict::of, "The kept index document (None when kept)")
      .def_readonly("of_id", &PyVerdict::of_id, "Its id (None when kept)")
      .def_readonly("similarity", &PyVerdict::similarity)
      .def("__repr__", [](const PyVerdict& v) {
        return v.duplicate
                   ? absl::StrCat("Verdict(duplicate of '", *v.of_id,
                                  "', similarity=", v.similarity, v.exact ? ", exact)" : ")")
                   : std::string("Verdict(kept)");
      });

  py::class_<PyDedupIndex>(
      m, "DedupIndex",
      "Near-duplicate index (MinHash, LSH, verification) that decides documents in input order, "
      "under keep='first', 'longest' or 'earliest'. Saved and loaded in the CLI's --index "
      "format. Not thread-safe.")
      .def(py::init([](double threshold, int num_perm, int ngram, uint64_t seed,
                       const std::string& keep, const std::string& date_field,
                       const std::optional<std::string>& path) {
             DedupOptions o = DedupOptionsFrom(threshold, num_perm, ngram, seed, keep, date_field);
             if (path) o.index_path = *path;
             return PyDedupIndex(std::move(o));
           }),
           py::kw_only(), py::arg("threshold") = DedupOptions().threshold,
           py::arg("num_perm") = MinHashParams().num_perm, py::arg("ngram") = MinHashParams().ngram,
           py::arg("seed") = MinHashParams().seed, py::arg("keep") = "first",
           py::arg("date_field") = DedupOptions().date_field, py::arg("path") = py::none(),
           "An empty index, or the one saved at `path` when that file exists (as the CLI's "
           "--index). ValueError for options out of range; newsclean.Error for a damaged file "
           "or one built with other MinHash settings.")
      .def_static(
          "from_bytes",
          [](py::bytes data, double threshold, int num_perm, int ngram, uint64_t seed,
             const std::string& keep, const std::string& date_field) {
            DedupOptions o = DedupOptionsFrom(threshold, num_perm, ngram, seed, keep, date_field);
            std::string bytes = data;
            return PyDedupIndex(o, ValueOrThrow(DedupIndex::Load(o, bytes)));
          },
          py::arg("data"), py::kw_only(), py::arg("threshold") = DedupOptions().threshold,
          py::arg("num_perm") = MinHashParams().num_perm, py::arg("ngram") = MinHashParams().ngram,
          py::arg("seed") = MinHashParams().seed, py::arg("keep") = "first",
          py::arg("date_field") = DedupOptions().date_field, "An index from to_bytes()'s bytes.")
      .def("fingerprints", &PyDedupIndex::Fingerprints, py::arg("texts"), py::arg("threads") = 0,
           "Fingerprints of (cleaned) texts, on `threads` threads without the GIL.")
      .def("decide", &PyDedupIndex::Decide, py::arg("fingerprints"), py::arg("ids"),
           py::arg("dates") = py::none(),
           "Decides documents in order and inserts the kept ones: a Decision each. keep='longest' "
           "prefers the longer text; keep='earliest' the smaller date (None sorts last).")
      .def("query", &PyDedupIndex::Query, py::arg("fingerprints"),
           "What decide would answer, without inserting: a Decision each.")
      .def("verdict", &PyDedupIndex::Verdict, py::arg("decision"),
           "The final word on a decided document, once every document is decided.")
      .def(
          "verdicts",
          [](const PyDedupIndex& idx, const std::vector<DedupDecision>& decisions) {
            std::vector<PyVerdict> out;
            out.reserve(decisions.size());
            for (const DedupDecision& d : decisions) out.push_back(idx.Verdict(d));
            return out;
          },
          py::arg("decisions"))
      .def("id_of", &PyDedupIndex::IdOf, py::arg("doc"), "The id of index document `doc`.")
      .def("save", &PyDedupIndex::Save, py::arg("path"),
           "Writes the index to `path` atomically, in the CLI's --index format.")
      .def("to_bytes", &PyDedupIndex::ToBytes, "The index as bytes (what save writes).")
      .def("add_loaded", &PyDedupIndex::AddLoaded, py::arg("fingerprints"), py::arg("ids"),
           "Adds documents as if loaded from an index file (kept, never superseded); only "
           "before the first decide.")
      .def("indexed", &PyDedupIndex::Indexed,
           "(Fingerprints, ids) of every document in the index, in index order.")
      .def("__len__", [](const PyDedupIndex& idx) { return idx.index().size(); })
      .def_property_readonly("name", [](const PyDedupIndex& idx) { return idx.index().name(); })
      .def_property_readonly(
          "lsh_params",
          [](const PyDedupIndex& idx) {
            return py::make_tuple(idx.index().lsh_params().bands, idx.index().lsh_params().rows);
          },
          "(bands, rows)")
      .def_property_readonly(
          "options", [](const PyDedupIndex& idx) { return DedupOptionsDict(idx.options()); })
      .def(py::pickle(
          [](const PyDedupIndex& idx) {
            return py::make_tuple(DedupOptionsDict(idx.options()), idx.ToBytes());
          },
          [](const py::tuple& t) {
            DedupOptions o = DedupOptionsFromDict(t[0].cast<py::dict>());
            std::string bytes = t[1].cast<py::bytes>();
            return PyDedupIndex(o, ValueOrThrow(DedupIndex::Load(o, bytes)));
          }));

  py::class_<CheckResult>(m, "CheckResult", "Findings, a summary per kind and the verdict.")
      .def_readonly("documents", &CheckResult::documents)
      .def_readonly("truncated", &CheckResult::truncated, "More findings than listed")
      .def_readonly("passed", &CheckResult::passed, "Every kind within its limit")
      .def_property_readonly(
          "findings",
          [](const CheckResult& r) {
            py::list out;
            for (const Finding& f : r.findings) out.append(FindingDict(f));
            return out;
          },
          "The listed findings, in input order, as dicts")
      .def_property_readonly("summary", &SummaryDict, "Per kind: documents, findings, limit")
      .def(
          "report",
          [](const CheckResult& r, const std::string& format, bool color) {
            std::optional<CheckReportFormat> f = ParseCheckReportFormat(format);
            if (!f) {
              Raise(WithOption(
                  absl::InvalidArgumentError(absl::StrCat(
                      "report format must be text, json, github or junit, not '", format, "'")),
                  "format"));
            }
            return CheckReport(r, *f, color);
          },
          py::arg("format") = "text", py::arg("color") = false,
          "The report: 'text', 'json' (schema newsclean-check/1), 'github' or 'junit'.");

  m.def(
      "_clean_file",
      [](const std::string& path, const std::string& part_path, const PyCleaner* cleaner,
         const py::dict& dedup, const std::string& text_field, bool skip_bad_records) {
        const DedupOptions options = DedupOptionsFromDict(dedup);
        absl::StatusOr<FileFingerprints> result;
        {
          py::gil_scoped_release release;
          result = CleanAndFingerprintFile(
              path, part_path, cleaner ? &cleaner->cleaner() : nullptr, options, text_field,
              skip_bad_records ? OnBadRecord::kSkipAndCount : OnBadRecord::kFail);
        }
        FileFingerprints f = ValueOrThrow(std::move(result));
        py::dict d;
        d["fingerprints"] = py::cast(std::move(f.fingerprints));
        d["ids"] = f.ids;
        d["dates"] = f.dates;
        d["records"] = f.records;
        d["written"] = f.written;
        d["skipped"] = f.skipped;
        d["dropped"] = f.dropped;
        d["bytes_in"] = f.bytes_in;
        d["text_bytes_in"] = f.text_bytes_in;
        d["text_bytes_out"] = f.text_bytes_out;
        return d;
      },
      py::arg("path"), py::arg("part_path"), py::arg("cleaner"), py::arg("dedup"),
      py::arg("text_field") = "text", py::arg("skip_bad_records") = false,
      "Distributed run, step 1 for one file: clean (cleaner None: no cleaning), write the "
      "survivors to part_path, return their fingerprints, ids, dates and counts.");
  m.def(
      "_write_survivors",
      [](const std::string& part_path, const std::string& out_path, std::vector<bool> drop) {
        py::gil_scoped_release release;
        absl::Status st = WriteSurvivors(part_path, out_path, drop);
        py::gil_scoped_acquire acquire;
        ThrowIfError(st);
      },
      py::arg("part_path"), py::arg("out_path"), py::arg("drop"),
      "Distributed run, last step for one file: the part file's kept lines to out_path.");
  py::class_<IndexLock, std::unique_ptr<IndexLock>>(
      m, "_IndexLock",
      "The CLI's lock on an index file (one run at a time): taken by the constructor, "
      "released when the object goes. newsclean.Error when another process holds it.")
      .def(py::init([](const std::string& path) { return ValueOrThrow(IndexLock::Acquire(path)); }),
           py::arg("path"));
  m.def(
      "_expand_inputs",
      [](const std::vector<std::string>& inputs) {
        PipelineOptions options;
        options.inputs = inputs;
        std::unique_ptr<DocumentReader> reader =
            ValueOrThrow(DocumentReader::Open(options, nullptr));
        return reader->files();
      },
      py::arg("inputs"), "The files the CLI would read for these inputs, in its order.");

  m.def("check", &Check, py::arg("documents") = py::none(), py::kw_only(),
        py::arg("files") = py::none(), py::arg("cleaner") = nullptr,
        py::arg("limits") = std::vector<std::string>(), py::arg("config") = py::none(),
        py::arg("duplicates") = true, py::arg("dedup") = py::none(), py::arg("index") = py::none(),
        py::arg("max_findings") = 1000, py::arg("text_field") = "text", py::arg("threads") = 0,
        "Checks documents (str, (id, text) or mappings) or files as `newsclean check` does: a "
        "CheckResult. limits: ['KIND=LIMIT', ...]; config: a limits file; dedup: a DedupIndex's "
        "options; index: an index file to look for earlier duplicates in (read only).");
}
