#include "tools/cli_util.h"

#include <unistd.h>

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace newsclean {

int ReportError(const absl::Status& status) {
  std::string message(status.message());
  std::fprintf(stderr, "newsclean: %s\n", message.c_str());
  return kExitError;
}

absl::StatusOr<std::unique_ptr<Cleaner>> CreateCleaner(const CleanOptions& options) {
  absl::StatusOr<std::unique_ptr<Cleaner>> cleaner = Cleaner::Create(options);
  if (absl::IsNotFound(cleaner.status()) &&
      absl::StartsWith(cleaner.status().message(), "no rule named")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--disable: ", cleaner.status().message(), " (newsclean clean --list-rules lists them)"));
  }
  return cleaner;
}

bool IsTerminal(FILE* f) { return ::isatty(::fileno(f)) == 1; }

}  // namespace newsclean
