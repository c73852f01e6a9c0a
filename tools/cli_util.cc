#include "tools/cli_util.h"

#include <unistd.h>

#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "newsclean/options.h"

namespace newsclean {

namespace {

// The flags that set an option the library names in an error.
const char* FlagsOf(std::string_view option) {
  if (option == "threshold") return "--threshold";
  if (option == "containment") return "--containment";
  if (option == "minhash.num_perm") return "--num-perm";
  if (option == "minhash.ngram") return "--ngram";
  if (option == "minhash") return "--num-perm and --ngram";
  if (option == "keep") return "--keep";
  if (option == "disabled_rules") return "--disable; --list-rules lists the rules";
  return nullptr;
}

}  // namespace

int ReportError(const absl::Status& status) {
  std::string message(status.message());
  std::optional<std::string> option = ErrorOption(status);
  if (option && FlagsOf(*option) != nullptr) absl::StrAppend(&message, " [", FlagsOf(*option), "]");
  std::fprintf(stderr, "newsclean: %s\n", message.c_str());
  return kExitError;
}

bool IsTerminal(FILE* f) { return ::isatty(::fileno(f)) == 1; }

}  // namespace newsclean
