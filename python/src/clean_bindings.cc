// Bindings of cleaning: Removal, CleanResult and Cleaner.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "python/src/bindings.h"
#include "src/run/batch_runner.h"
#include "src/run/worker_pool.h"

namespace newsclean::python {

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

namespace {

// Code-point offsets of the removals' byte offsets in `original`, one pass.
void FillCodePointOffsets(const std::string& original, std::vector<PyRemoval>* removals) {
  std::vector<size_t*> points;
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

}  // namespace

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

namespace {

py::dict MetadataDict(const DocumentMetadata& m) {
  py::dict d;
  d["byline"] = m.byline;
  d["editor"] = m.editor;
  d["date"] = m.date;
  d["source"] = m.source;
  d["captions"] = m.captions;
  return d;
}

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

}  // namespace

void BindCleaning(py::module_& m) {
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
}

}  // namespace newsclean::python
