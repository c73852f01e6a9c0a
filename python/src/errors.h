// Library errors as Python exceptions: an absl::Status that is not OK is
// raised with the library's message. InvalidArgument and OutOfRange become
// ValueError, NotFound FileNotFoundError (ValueError when an option's value
// names nothing, e.g. a rule to disable), everything else newsclean.Error; an
// error about an option (ErrorOption) carries its name as `.option`.
#ifndef NEWSCLEAN_PYTHON_ERRORS_H_
#define NEWSCLEAN_PYTHON_ERRORS_H_

#include <pybind11/pybind11.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace newsclean::python {

// Registers newsclean.Error on `m`; call once, before any Raise().
void RegisterErrors(pybind11::module_& m);

// Throws the Python exception for `status`. REQUIRES: !status.ok().
[[noreturn]] void Raise(const absl::Status& status);

inline void ThrowIfError(const absl::Status& status) {
  if (!status.ok()) Raise(status);
}

template <typename T>
T ValueOrThrow(absl::StatusOr<T> result) {
  if (!result.ok()) Raise(result.status());
  return std::move(*result);
}

}  // namespace newsclean::python

#endif  // NEWSCLEAN_PYTHON_ERRORS_H_
