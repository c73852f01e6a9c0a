// Bindings of duplicate detection: MinHasher, Fingerprints, Decision, Verdict
// and DedupIndex.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "newsclean/dedup.h"
#include "newsclean/minhash.h"
#include "python/src/bindings.h"
#include "python/src/fingerprints.h"

namespace newsclean::python {
namespace {

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

KeepPolicy ParseKeep(const std::string& keep) {
  if (std::optional<KeepPolicy> parsed = ParseKeepPolicy(keep)) return *parsed;
  Raise(WithOption(absl::InvalidArgumentError(
                       absl::StrCat("keep must be first, longest or earliest, not '", keep, "'")),
                   "keep"));
}

std::string KindName(DedupDecision::Kind kind) {
  switch (kind) {
    case DedupDecision::Kind::kExact:
      return "exact";
    case DedupDecision::Kind::kNear:
      return "near";
    case DedupDecision::Kind::kContained:
      return "contained";
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
  if (name == "contained") return DedupDecision::Kind::kContained;
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
  d["keep"] = std::string(KeepPolicyName(o.keep));
  d["date_field"] = o.date_field;
  return d;
}

}  // namespace

DedupOptions DedupOptionsFromDict(const py::dict& d) {
  return DedupOptionsFrom(d["threshold"].cast<double>(), d["num_perm"].cast<int>(),
                          d["ngram"].cast<int>(), d["seed"].cast<uint64_t>(),
                          d["keep"].cast<std::string>(), d["date_field"].cast<std::string>());
}

namespace {

template <typename T>
py::array_t<T> Matrix(size_t rows, size_t cols, const std::function<const T*(size_t)>& row) {
  py::array_t<T> out({rows, cols});
  T* data = out.mutable_data();
  for (size_t i = 0; i < rows; ++i) std::copy(row(i), row(i) + cols, data + i * cols);
  return out;
}

// The widths of the packed signature and the band keys (those of the first
// non-empty fingerprint; 0 when all are empty).
std::pair<size_t, size_t> PackedAndBandWidths(const PyFingerprints& f) {
  for (const Fingerprint& fp : f.fps) {
    if (!fp.empty) return {fp.packed.size(), fp.band_keys.size()};
  }
  return {0, 0};
}

// The bytes .arrays holds, without building the arrays.
size_t ArraysBytes(const PyFingerprints& f) {
  const auto [packed, bands] = PackedAndBandWidths(f);
  return f.fps.size() * (sizeof(bool) + 2 * sizeof(uint64_t) + packed + bands * sizeof(uint64_t) +
                         sizeof(uint64_t));
}

// The arrays of a PyFingerprints, and back (for pickling and for moving
// fingerprints between processes).
py::tuple FingerprintArrays(const PyFingerprints& f) {
  const size_t n = f.fps.size();
  const auto [packed, bands] = PackedAndBandWidths(f);
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

}  // namespace

void BindDedup(py::module_& m) {
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
      .def_property_readonly(
          "empty",
          [](const PyFingerprints& f) {
            py::array_t<bool> empty(f.fps.size());
            for (size_t i = 0; i < f.fps.size(); ++i) empty.mutable_at(i) = f.fps[i].empty;
            return empty;
          },
          "bool[n]: the texts whose matching view is empty (never indexed); .arrays[0]")
      .def_property_readonly("nbytes", &ArraysBytes,
                             "The bytes .arrays holds (what moving them costs), without "
                             "building them")
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
}

}  // namespace newsclean::python
