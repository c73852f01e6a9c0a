// Flags shared by the subcommands that run the pipeline (clean, dedup):
// inputs, output, formats, threads, error policy, document size limit, report,
// progress (AddPipelineFlags), the near-duplicate options (AddDedupFlags:
// threshold, num-perm, ngram, mode, keep, date-field, index) and the rule
// switches (AddCleanerFlags).
#ifndef NEWSCLEAN_TOOLS_PIPELINE_FLAGS_H_
#define NEWSCLEAN_TOOLS_PIPELINE_FLAGS_H_

#include <CLI/CLI.hpp>
#include <string>

#include "newsclean/options.h"

namespace newsclean {

struct PipelineFlags {
  PipelineOptions options;
  std::string input_format = "auto";
  std::string output_format = "auto";
  std::string on_error = "fail";
  std::string mode = "drop";
  std::string keep = "first";
  bool progress = false;
  bool no_progress = false;
};

// Adds the I/O flags to `cmd`.
void AddPipelineFlags(CLI::App* cmd, PipelineFlags* flags);
// Adds --threshold, --num-perm and --ngram (shared by clean, dedup and check).
void AddSimilarityFlags(CLI::App* cmd, DedupOptions* d);

// Adds the similarity flags, --mode, --keep, --date-field and --index.
void AddDedupFlags(CLI::App* cmd, PipelineFlags* flags);
// Adds --disable and --rules (the cleaner's rule switches) to `cmd`.
void AddCleanerFlags(CLI::App* cmd, CleanOptions* clean);
// Turns the parsed strings into options (stdin when no input is given).
void FinishPipelineFlags(PipelineFlags* flags);

}  // namespace newsclean

#endif  // NEWSCLEAN_TOOLS_PIPELINE_FLAGS_H_
