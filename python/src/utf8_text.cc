#include "python/src/utf8_text.h"

namespace newsclean::python {

bool ToUtf8Text(PyObject* str, Utf8Text* out) {
  out->repaired = 0;
  Py_ssize_t size = 0;
  if (const char* utf8 = PyUnicode_AsUTF8AndSize(str, &size)) {
    out->bytes.assign(utf8, static_cast<size_t>(size));
    return true;
  }
  PyErr_Clear();  // lone surrogates: encode them as they are, then replace them
  PyObject* encoded = PyUnicode_AsEncodedString(str, "utf-8", "surrogatepass");
  if (encoded == nullptr) {
    PyErr_Clear();
    return false;
  }
  const char* p = PyBytes_AS_STRING(encoded);
  const size_t n = static_cast<size_t>(PyBytes_GET_SIZE(encoded));
  out->bytes.clear();
  out->bytes.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    // A surrogate is ED A0..BF xx in this encoding; U+FFFD is EF BF BD.
    if (static_cast<unsigned char>(p[i]) == 0xED && i + 2 < n &&
        (static_cast<unsigned char>(p[i + 1]) & 0xE0) == 0xA0) {
      out->bytes.append("\xEF\xBF\xBD");
      ++out->repaired;
      i += 2;
    } else {
      out->bytes.push_back(p[i]);
    }
  }
  Py_DECREF(encoded);
  return true;
}

}  // namespace newsclean::python
