// Helpers shared by the subcommands: exit codes, errors, terminal detection.
#ifndef NEWSCLEAN_TOOLS_CLI_UTIL_H_
#define NEWSCLEAN_TOOLS_CLI_UTIL_H_

#include <cstdio>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "newsclean/cleaner.h"

namespace newsclean {

// Exit statuses, the same for every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;  // `check`: a threshold was exceeded
inline constexpr int kExitError = 2;     // usage, input or I/O error

// Prints "newsclean: MESSAGE" to stderr and returns kExitError.
int ReportError(const absl::Status& status);

// Cleaner::Create, with its errors in the CLI's words: a rule that is not
// there to switch off names --disable and --list-rules.
absl::StatusOr<std::unique_ptr<Cleaner>> CreateCleaner(const CleanOptions& options);

// True if `f` is a terminal.
bool IsTerminal(FILE* f);

}  // namespace newsclean

#endif  // NEWSCLEAN_TOOLS_CLI_UTIL_H_
