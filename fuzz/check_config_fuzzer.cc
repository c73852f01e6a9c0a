// Fuzzes the `check` configuration parser (.newsclean-check files and --max
// specs): any bytes as a config file, and as one spec. Checks: never crashes,
// and every limit it accepts is a count, a rate between 0 and 1, or none.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_util.h"
#include "newsclean/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const std::string path = newsclean::ScratchPath(".cfg");
  newsclean::WriteScratch(path, bytes);
  for (int pass = 0; pass < 2; ++pass) {
    newsclean::Limits limits = newsclean::DefaultLimits();
    absl::Status st = pass == 0 ? newsclean::ApplyLimitsFile(path, &limits)
                                : newsclean::ApplyLimit(bytes, &limits);
    if (!st.ok()) continue;
    for (const newsclean::Limit& l : limits) {
      if (l.type == newsclean::Limit::Type::kRate && !(l.value >= 0 && l.value <= 1)) std::abort();
      if (l.type == newsclean::Limit::Type::kCount && !(l.value >= 0)) std::abort();
    }
  }
  return 0;
}
