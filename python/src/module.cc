// The newsclean Python module (newsclean._newsclean): bindings of the
// embedding API in include/newsclean/, one file per part (clean_bindings,
// dedup_bindings, check_bindings, steps_bindings). The Python package
// (python/newsclean) re-exports it and adds the adapters and the Dask run.
// Batch calls release the GIL and run on a WorkerPool; every object is
// picklable, rebuilt from its options (an index also from its bytes).
#include <pybind11/pybind11.h>

#include "newsclean/version.h"
#include "python/src/bindings.h"
#include "python/src/errors.h"

PYBIND11_MODULE(_newsclean, m) {
  m.doc() =
      "newsclean: clean and de-duplicate scraped news text (Chinese in simplified and "
      "traditional script). Bindings of the C++ library; see help(newsclean).";
  m.attr("__version__") = NEWSCLEAN_VERSION;
  newsclean::python::RegisterErrors(m);
  newsclean::python::BindCleaning(m);
  newsclean::python::BindDedup(m);
  newsclean::python::BindCheck(m);
  newsclean::python::BindDistributedSteps(m);
}
