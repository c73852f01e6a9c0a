#include "src/run/batch_runner.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace newsclean {

absl::StatusOr<int> ResolveThreads(int threads) {
  if (threads < 0 || threads > kMaxThreads) {
    return absl::InvalidArgumentError(
        absl::StrCat("thread count ", threads, " is out of range: 0 (all cores) to ", kMaxThreads));
  }
  if (threads > 0) return threads;
  return std::min(kMaxThreads, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

}  // namespace newsclean
