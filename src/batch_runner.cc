#include "src/batch_runner.h"

#include <algorithm>

namespace newsclean {

int ResolveThreads(int threads) {
  return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace newsclean
