// Utf8Text: a Python str as UTF-8 bytes, for every binding that takes text.
//
// A str can hold lone surrogates (json.loads makes one of "\ud800", which
// Python's json.dumps writes), which have no UTF-8. Each is replaced by U+FFFD
// and counted, as the CLI does with such escapes in a JSONL record; one code
// point for one, so code-point offsets into the str stay right. Anything but
// a str does not convert (pybind11 then raises TypeError).
#ifndef NEWSCLEAN_PYTHON_UTF8_TEXT_H_
#define NEWSCLEAN_PYTHON_UTF8_TEXT_H_

#include <pybind11/pybind11.h>

#include <cstddef>
#include <string>

namespace newsclean::python {

struct Utf8Text {
  std::string bytes;
  size_t repaired = 0;  // lone surrogates replaced by U+FFFD
};

// Converts `str` (REQUIRES: a str); false, with no Python error set, if it
// cannot be encoded at all.
bool ToUtf8Text(PyObject* str, Utf8Text* out);

}  // namespace newsclean::python

namespace pybind11::detail {

template <>
struct type_caster<newsclean::python::Utf8Text> {
  PYBIND11_TYPE_CASTER(newsclean::python::Utf8Text, const_name("str"));
  bool load(handle src, bool) {
    return PyUnicode_Check(src.ptr()) && newsclean::python::ToUtf8Text(src.ptr(), &value);
  }
  static handle cast(const newsclean::python::Utf8Text& text, return_value_policy, handle) {
    return PyUnicode_DecodeUTF8(text.bytes.data(), static_cast<Py_ssize_t>(text.bytes.size()),
                                "replace");
  }
};

}  // namespace pybind11::detail

#endif  // NEWSCLEAN_PYTHON_UTF8_TEXT_H_
