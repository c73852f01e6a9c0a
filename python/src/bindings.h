// Declarations shared by the binding files of the Python module
// (newsclean._newsclean): the cleaner wrapper the check and the distributed
// steps take, the options dict of a DedupIndex, the thread helper, and one
// Bind* function per file that registers its classes and functions.
#ifndef NEWSCLEAN_PYTHON_BINDINGS_H_
#define NEWSCLEAN_PYTHON_BINDINGS_H_

#include <pybind11/pybind11.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "newsclean/cleaner.h"
#include "newsclean/explain.h"
#include "newsclean/metadata.h"
#include "newsclean/options.h"
#include "python/src/errors.h"
#include "python/src/utf8_text.h"

namespace newsclean::python {

namespace py = pybind11;

// Runs fn(i) for i in [0, n) on `threads` threads (0: every core) without the
// GIL. fn must not touch Python objects.
void ParallelWithoutGil(size_t n, int threads, const std::function<void(size_t)>& fn);

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

// Cleans one text: what Cleaner.clean returns.
PyCleanResult CleanOne(const Cleaner& cleaner, const Utf8Text& input);

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

// The options of a DedupIndex from its `options` dict (as pickled).
DedupOptions DedupOptionsFromDict(const py::dict& d);

void BindCleaning(py::module_& m);  // Removal, CleanResult, Cleaner
void BindDedup(py::module_& m);     // MinHasher, Fingerprints, Decision, Verdict, DedupIndex
void BindCheck(py::module_& m);     // CheckResult, check()
void BindDistributedSteps(py::module_& m);  // the steps newsclean.dask runs on workers

}  // namespace newsclean::python

#endif  // NEWSCLEAN_PYTHON_BINDINGS_H_
