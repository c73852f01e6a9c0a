// JSON string escaping for the writer and the report.
#ifndef NEWSCLEAN_SRC_IO_JSON_ESCAPE_H_
#define NEWSCLEAN_SRC_IO_JSON_ESCAPE_H_

#include <string>
#include <string_view>

namespace newsclean {

// Appends `s` (valid UTF-8) as a quoted JSON string: '"', '\\' and control
// characters are escaped, everything else is copied as UTF-8.
void AppendJsonString(std::string_view s, std::string* out);

inline std::string JsonString(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_IO_JSON_ESCAPE_H_
