// `newsclean check` (a CI gate for scraped feeds) and `newsclean explain`.
#ifndef NEWSCLEAN_TOOLS_CHECK_COMMAND_H_
#define NEWSCLEAN_TOOLS_CHECK_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "newsclean/check.h"
#include "tools/pipeline_flags.h"

namespace newsclean {

struct CheckArgs {
  PipelineFlags flags;
  CleanOptions clean;
  std::vector<std::string> limits;  // --max KIND=LIMIT
  std::string config;               // --config FILE
  std::string report_format = "text";
  std::string report_path = "-";
  std::string color = "auto";
  size_t max_findings = 1000;
  bool no_duplicates = false;
};

struct ExplainArgs {
  std::string input;
  std::string id;
  std::string text_field = "text";
  std::string color = "auto";
  CleanOptions clean;
};

CLI::App* AddCheckCommand(CLI::App* app, CheckArgs* args);
CLI::App* AddExplainCommand(CLI::App* app, ExplainArgs* args);
int RunCheckCommand(CheckArgs args);
int RunExplainCommand(const ExplainArgs& args);

}  // namespace newsclean

#endif  // NEWSCLEAN_TOOLS_CHECK_COMMAND_H_
