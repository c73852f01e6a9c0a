#include "tools/cli_util.h"

#include <unistd.h>

#include <string>

namespace newsclean {

int ReportError(const absl::Status& status) {
  std::string message(status.message());
  std::fprintf(stderr, "newsclean: %s\n", message.c_str());
  return kExitError;
}

bool IsTerminal(FILE* f) { return ::isatty(::fileno(f)) == 1; }

}  // namespace newsclean
