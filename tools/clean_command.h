// `newsclean clean`: flags, and the call into the library.
#ifndef NEWSCLEAN_TOOLS_CLEAN_COMMAND_H_
#define NEWSCLEAN_TOOLS_CLEAN_COMMAND_H_

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "newsclean/options.h"

namespace newsclean {

struct CleanArgs {
  PipelineOptions pipeline;
  CleanOptions clean;
  std::string input_format = "auto";
  std::string output_format = "auto";
  std::string on_error = "fail";
  bool list_rules = false;
  bool progress = false;
  bool no_progress = false;
};

// Adds the `clean` subcommand to `app`, filling *args when parsed.
CLI::App* AddCleanCommand(CLI::App* app, CleanArgs* args);

// Runs `clean` and returns the exit status.
int RunCleanCommand(CleanArgs args);

}  // namespace newsclean

#endif  // NEWSCLEAN_TOOLS_CLEAN_COMMAND_H_
