// Helpers shared by the fuzz targets: a scratch file per process.
#ifndef NEWSCLEAN_FUZZ_FUZZ_UTIL_H_
#define NEWSCLEAN_FUZZ_FUZZ_UTIL_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace newsclean {

// A path under $TMPDIR (or /tmp) unique to this process, ending in `suffix`.
inline std::string ScratchPath(const std::string& suffix) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/newsclean_fuzz_" +
         std::to_string(::getpid()) + suffix;
}

// Writes `data` to `path`, replacing it. Aborts if it cannot (the fuzzer's
// machine is broken, not the code under test).
inline void WriteScratch(const std::string& path, std::string_view data) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr || std::fwrite(data.data(), 1, data.size(), f) != data.size()) std::abort();
  std::fclose(f);
}

}  // namespace newsclean

#endif  // NEWSCLEAN_FUZZ_FUZZ_UTIL_H_
