#include "src/run/progress.h"

#include <cstdio>

namespace newsclean {

Progress::Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}

void Progress::Update(size_t documents, size_t bytes, bool final_line) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (!final_line && now - last_ < std::chrono::milliseconds(500)) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double mb = static_cast<double>(bytes) / 1e6;
  std::fprintf(stderr, "\rnewsclean: %zu documents  %.1f MB  %.1f MB/s%s", documents, mb,
               secs > 0 ? mb / secs : 0.0, final_line ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace newsclean
