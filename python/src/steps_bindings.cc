// The steps newsclean.dask runs on its workers (private: their names start
// with '_'): clean and fingerprint a file, write a file's survivors, expand
// inputs as the CLI does, and the CLI's index lock.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "newsclean/reader.h"
#include "python/src/bindings.h"
#include "python/src/corpus_files.h"
#include "python/src/fingerprints.h"
#include "src/dedup/index_lock.h"

namespace newsclean::python {

void BindDistributedSteps(py::module_& m) {
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
}

}  // namespace newsclean::python
