// `newsclean clean` and `newsclean dedup`: flags, and the call into the library.
#ifndef NEWSCLEAN_TOOLS_CLEAN_COMMAND_H_
#define NEWSCLEAN_TOOLS_CLEAN_COMMAND_H_

#include <CLI/CLI.hpp>

#include "newsclean/options.h"
#include "tools/pipeline_flags.h"

namespace newsclean {

struct CleanArgs {
  PipelineFlags flags;
  CleanOptions clean;
  bool list_rules = false;
};

// Adds the `clean` subcommand to `app`, filling *args when parsed.
CLI::App* AddCleanCommand(CLI::App* app, CleanArgs* args);
// Adds the `dedup` subcommand (near-duplicate removal without cleaning).
CLI::App* AddDedupCommand(CLI::App* app, PipelineFlags* flags);

// Run the subcommands; return the exit status.
int RunCleanCommand(CleanArgs args);
int RunDedupCommand(PipelineFlags flags);

}  // namespace newsclean

#endif  // NEWSCLEAN_TOOLS_CLEAN_COMMAND_H_
