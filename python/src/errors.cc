#include "python/src/errors.h"

#include <optional>
#include <string>

#include "newsclean/options.h"

namespace py = pybind11;

namespace newsclean::python {
namespace {

// Set once by RegisterErrors, kept for the life of the interpreter.
PyObject* error_type = nullptr;

}  // namespace

void RegisterErrors(py::module_& m) {
  static py::exception<std::exception> error(m, "Error", PyExc_RuntimeError);
  error_type = error.ptr();
  error.doc() =
      "A newsclean error that is neither a bad value (ValueError) nor a missing file "
      "(FileNotFoundError): damaged or foreign index, busy index, I/O failure.";
}

void Raise(const absl::Status& status) {
  PyObject* type = error_type;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      type = PyExc_ValueError;
      break;
    case absl::StatusCode::kNotFound:
      // A missing file; a name no rule has (an option's value) is a bad value.
      type = ErrorOption(status) ? PyExc_ValueError : PyExc_FileNotFoundError;
      break;
    default:
      break;
  }
  py::object exc = py::reinterpret_borrow<py::object>(type)(std::string(status.message()));
  if (std::optional<std::string> option = ErrorOption(status)) {
    exc.attr("option") = *option;
  } else {
    exc.attr("option") = py::none();
  }
  PyErr_SetObject(type, exc.ptr());
  throw py::error_already_set();
}

}  // namespace newsclean::python
