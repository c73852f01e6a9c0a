// Bindings of check: CheckResult and check().
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
#include "python/src/bindings.h"

namespace newsclean::python {
namespace {

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

void BindCheck(py::module_& m) {
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

  m.def("check", &Check, py::arg("documents") = py::none(), py::kw_only(),
        py::arg("files") = py::none(), py::arg("cleaner") = nullptr,
        py::arg("limits") = std::vector<std::string>(), py::arg("config") = py::none(),
        py::arg("duplicates") = true, py::arg("dedup") = py::none(), py::arg("index") = py::none(),
        py::arg("max_findings") = 1000, py::arg("text_field") = "text", py::arg("threads") = 0,
        "Checks documents (str, (id, text) or mappings) or files as `newsclean check` does: a "
        "CheckResult. limits: ['KIND=LIMIT', ...]; config: a limits file; dedup: a DedupIndex's "
        "options; index: an index file to look for earlier duplicates in (read only).");
}

}  // namespace newsclean::python
