#include "tools/clean_command.h"

#include <cstdio>

#include "newsclean/cleaner.h"
#include "newsclean/pipeline.h"
#include "newsclean/report.h"
#include "tools/cli_util.h"

namespace newsclean {

namespace {

int RunAndReport(const Cleaner* cleaner, const PipelineOptions& p) {
  // RunPipeline writes the report too, with the output and the index.
  absl::StatusOr<RunStats> stats = RunPipeline(cleaner, p);
  if (!stats.ok()) return ReportError(stats.status());
  if (stats->skipped > 0) {
    std::fprintf(stderr, "newsclean: skipped %zu record(s), malformed or too large; see --report\n",
                 stats->skipped);
  }
  return kExitOk;
}

}  // namespace

CLI::App* AddCleanCommand(CLI::App* app, CleanArgs* args) {
  CLI::App* cmd = app->add_subcommand(
      "clean",
      "Clean scraped news: strip pinyin glosses, boilerplate, copyright notices, image captions\n"
      "and repeated paragraphs; re-join paragraphs broken mid-sentence. With --dedup, also drop\n"
      "near-duplicate documents in the same pass.\n"
      "Exit status: 0 success, 2 usage, input or I/O error.");
  AddPipelineFlags(cmd, &args->flags);
  cmd->add_flag("--annotate", args->flags.options.annotate,
                "Add a \"newsclean\" object to each record: every removal (reason, rule, span, "
                "text) and the metadata removed (byline, editor, date, source, captions)");
  AddCleanerFlags(cmd, &args->clean);
  cmd->add_flag("--list-rules", args->list_rules, "List every rule with its reason and exit");
  cmd->add_option("--repeated-paragraphs", args->flags.options.repeated_paragraphs,
                  "Remove paragraphs seen in N or more earlier documents (boilerplate no rule "
                  "names; reason repeated-across-documents); 0: off")
      ->check(CLI::Range(0, 255))
      ->capture_default_str();
  cmd->add_option("--repeated-paragraphs-memory", args->flags.options.repeated_paragraph_memory,
                  "Bytes of the count-min sketch behind --repeated-paragraphs")
      ->capture_default_str();
  cmd->add_flag("--dedup", args->flags.options.dedup,
                "Also remove near-duplicate documents (see `newsclean dedup --help`)");
  AddDedupFlags(cmd, &args->flags);
  return cmd;
}

CLI::App* AddDedupCommand(CLI::App* app, PipelineFlags* flags) {
  CLI::App* cmd = app->add_subcommand(
      "dedup",
      "Remove near-duplicate documents (MinHash over character shingles of a normalized view:\n"
      "NFKC, case, traditional->simplified, no punctuation or spaces; LSH; verification).\n"
      "The first copy seen is kept; texts are not changed. Exit status: 0 success, 2 usage,\n"
      "input or I/O error.");
  AddPipelineFlags(cmd, flags);
  AddDedupFlags(cmd, flags);
  return cmd;
}

int RunCleanCommand(CleanArgs args) {
  absl::StatusOr<std::unique_ptr<Cleaner>> cleaner = Cleaner::Create(args.clean);
  if (!cleaner.ok()) return ReportError(cleaner.status());
  if (args.list_rules) {
    std::printf("%-24s %-20s %-8s %-8s %s\n", "RULE", "REASON", "SCOPE", "ENABLED", "ORIGIN");
    for (const RuleInfo& r : (*cleaner)->rules()) {
      std::printf("%-24s %-20s %-8s %-8s %s\n", r.name.c_str(), r.reason.c_str(), r.scope.c_str(),
                  r.enabled ? "yes" : "no", r.origin.c_str());
    }
    return kExitOk;
  }
  FinishPipelineFlags(&args.flags);
  return RunAndReport(cleaner->get(), args.flags.options);
}

int RunDedupCommand(PipelineFlags flags) {
  FinishPipelineFlags(&flags);
  flags.options.dedup = true;
  return RunAndReport(nullptr, flags.options);
}

}  // namespace newsclean
