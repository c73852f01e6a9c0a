// Helpers shared by the subcommands: exit codes, errors, terminal detection.
#ifndef NEWSCLEAN_TOOLS_CLI_UTIL_H_
#define NEWSCLEAN_TOOLS_CLI_UTIL_H_

#include <cstdio>

#include "absl/status/status.h"

namespace newsclean {

// Exit statuses, the same for every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;  // `check`: a threshold was exceeded
inline constexpr int kExitError = 2;     // usage, input or I/O error

// Prints "newsclean: MESSAGE" to stderr and returns kExitError. An error about
// an option (newsclean/options.h, ErrorOption) ends with the flags that set it.
int ReportError(const absl::Status& status);

// True if `f` is a terminal.
bool IsTerminal(FILE* f);

}  // namespace newsclean

#endif  // NEWSCLEAN_TOOLS_CLI_UTIL_H_
