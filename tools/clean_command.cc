#include "tools/clean_command.h"

#include <cstdio>

#include "newsclean/cleaner.h"
#include "newsclean/pipeline.h"
#include "newsclean/report.h"
#include "tools/cli_util.h"

namespace newsclean {

CLI::App* AddCleanCommand(CLI::App* app, CleanArgs* args) {
  CLI::App* cmd = app->add_subcommand(
      "clean",
      "Clean scraped news: strip pinyin glosses, boilerplate, copyright notices, image captions\n"
      "and repeated paragraphs; re-join paragraphs broken mid-sentence.\n"
      "Exit status: 0 success, 2 usage, input or I/O error.");
  cmd->add_option("inputs", args->pipeline.inputs,
                  "Files or directories (recursive, sorted); '-' or none for stdin. "
                  "gzip, bzip2, xz and zstd are detected from their magic bytes.");
  cmd->add_option("-o,--output", args->pipeline.output,
                  "Output file, '-' for stdout; compressed by extension (.gz .bz2 .xz .zst). "
                  "Written to a temporary file and renamed when complete.")
      ->capture_default_str();
  cmd->add_option("--text-field", args->pipeline.text_field, "JSONL field that holds the text")
      ->capture_default_str();
  cmd->add_option("--format", args->input_format,
                  "Input format: auto (by extension, else a first '{' means JSONL), jsonl, text")
      ->check(CLI::IsMember({"auto", "jsonl", "text"}))
      ->capture_default_str();
  cmd->add_option("--output-format", args->output_format,
                  "Output format: auto (text for one text file in, else JSONL), jsonl, text")
      ->check(CLI::IsMember({"auto", "jsonl", "text"}))
      ->capture_default_str();
  cmd->add_option("-j,--threads", args->pipeline.threads,
                  "Worker threads, 0 for all cores; output is identical for every value")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--on-error", args->on_error,
                  "Malformed JSON lines: fail (exit 2 naming file and line) or skip (count and "
                  "list them in the report)")
      ->check(CLI::IsMember({"fail", "skip"}))
      ->capture_default_str();
  cmd->add_flag("--annotate", args->pipeline.annotate,
                "Add a \"newsclean\" object to each record: every removal (reason, rule, span, "
                "text) and the metadata removed (byline, editor, date, source, captions)");
  cmd->add_option("--report", args->pipeline.report_path,
                  "Write a JSON report (documents, bytes, hits per rule, skipped records, MB/s) "
                  "to FILE, '-' for stderr");
  cmd->add_option("--disable", args->clean.disabled_rules,
                  "Switch rules off by name (comma-separated or repeated); see --list-rules")
      ->delimiter(',');
  cmd->add_option("--rules", args->clean.rule_files,
                  "Add rules from FILE (format: README.md, 'Rule files'); may be repeated");
  cmd->add_flag("--list-rules", args->list_rules, "List every rule with its reason and exit");
  cmd->add_flag("--progress", args->progress, "Draw a progress line on stderr (default: on a terminal)");
  cmd->add_flag("--no-progress", args->no_progress, "Never draw a progress line");
  return cmd;
}

int RunCleanCommand(CleanArgs args) {
  absl::StatusOr<std::unique_ptr<Cleaner>> cleaner = Cleaner::Create(args.clean);
  if (!cleaner.ok()) return ReportError(cleaner.status());
  if (args.list_rules) {
    std::printf("%-24s %-20s %-8s %-8s %s\n", "RULE", "REASON", "SCOPE", "ENABLED", "ORIGIN");
    for (const RuleInfo& r : (*cleaner)->rules()) {
      std::printf("%-24s %-20s %-8s %-8s %s\n", r.name.c_str(), r.reason.c_str(),
                  r.scope.c_str(), r.enabled ? "yes" : "no", r.origin.c_str());
    }
    return kExitOk;
  }
  PipelineOptions& p = args.pipeline;
  if (p.inputs.empty()) p.inputs.push_back("-");
  p.input_format = args.input_format == "jsonl"  ? InputFormat::kJsonl
                   : args.input_format == "text" ? InputFormat::kText
                                                 : InputFormat::kAuto;
  p.output_format = args.output_format == "jsonl"  ? OutputFormat::kJsonl
                    : args.output_format == "text" ? OutputFormat::kText
                                                   : OutputFormat::kAuto;
  p.on_error = args.on_error == "skip" ? OnBadRecord::kSkipAndCount : OnBadRecord::kFail;
  p.progress = !args.no_progress && (args.progress || IsTerminal(stderr));
  absl::StatusOr<RunStats> stats = RunClean(**cleaner, p);
  if (!stats.ok()) return ReportError(stats.status());
  if (!p.report_path.empty()) {
    absl::Status st = WriteReport(*stats, p.report_path);
    if (!st.ok()) return ReportError(st);
  }
  if (stats->skipped > 0) {
    std::fprintf(stderr, "newsclean: skipped %zu malformed record(s); see --report\n",
                 stats->skipped);
  }
  return kExitOk;
}

}  // namespace newsclean
