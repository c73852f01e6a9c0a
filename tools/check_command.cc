#include "tools/check_command.h"

#include <cstdio>
#include <filesystem>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "newsclean/cleaner.h"
#include "newsclean/explain.h"
#include "newsclean/reader.h"
#include "src/io/output_stream.h"
#include "tools/cli_util.h"

namespace newsclean {
namespace {

constexpr const char* kDefaultConfig = ".newsclean-check";

bool UseColor(const std::string& mode, FILE* f) {
  return mode == "always" || (mode == "auto" && IsTerminal(f));
}

}  // namespace

CLI::App* AddCheckCommand(CLI::App* app, CheckArgs* args) {
  CLI::App* cmd = app->add_subcommand(
      "check",
      "Check a scraped feed without writing it: report pinyin glosses, boilerplate, copyright\n"
      "notices, broken and repeated paragraphs, duplicate documents, invalid UTF-8, mojibake,\n"
      "malformed records and empty documents, and judge them against limits.\n"
      "Exit status: 0 within limits, 1 a limit exceeded, 2 usage, input or I/O error.");
  PipelineOptions& p = args->flags.options;
  cmd->add_option("inputs", p.inputs, "Files or directories; '-' or none for stdin");
  cmd->add_option("--text-field", p.text_field, "JSONL field that holds the text")
      ->capture_default_str();
  cmd->add_option("--format", args->flags.input_format, "Input format: auto, jsonl, text")
      ->check(CLI::IsMember({"auto", "jsonl", "text"}))
      ->capture_default_str();
  cmd->add_option("--max-document-bytes", p.max_document_bytes,
                  "A record or text file of more bytes is a malformed-record finding (rule "
                  "too-large), not read into memory; 0: no limit")
      ->capture_default_str();
  cmd->add_option("-j,--threads", p.threads, "Worker threads, 0 for all cores")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--max", args->limits,
                  "Limit for a finding kind, KIND=N (documents), KIND=P% (share of documents) or "
                  "KIND=off; repeatable, overrides the config file")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--config", args->config,
                  std::string("Limits file, one KIND = LIMIT a line (default: ") + kDefaultConfig +
                      " in the current directory, if present)");
  cmd->add_option("--report-format", args->report_format,
                  "text (default; colour only on a terminal), json (schema newsclean-check/1), "
                  "github (workflow annotations) or junit (XML)")
      ->check(CLI::IsMember({"text", "json", "github", "junit"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", args->report_path, "Write the report to FILE ('-': stdout)")
      ->capture_default_str();
  cmd->add_option("--color", args->color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--max-findings", args->max_findings, "Findings listed at most (all are counted)")
      ->capture_default_str();
  cmd->add_flag("--progress", args->flags.progress,
                "Draw a progress line on stderr (default: on a terminal)");
  cmd->add_flag("--no-progress", args->flags.no_progress, "Never draw a progress line");
  cmd->add_flag("--no-duplicates", args->no_duplicates, "Do not look for duplicate documents");
  DedupOptions& d = p.dedup_options;
  AddSimilarityFlags(cmd, &d);
  cmd->add_option(
      "--index", d.index_path,
      "Also report documents that duplicate ones in this dedup index (read, never written)");
  AddCleanerFlags(cmd, &args->clean);
  return cmd;
}

int RunCheckCommand(CheckArgs args) {
  absl::StatusOr<std::unique_ptr<Cleaner>> cleaner = Cleaner::Create(args.clean);
  if (!cleaner.ok()) return ReportError(cleaner.status());
  CheckOptions options;
  FinishPipelineFlags(&args.flags);
  options.pipeline = args.flags.options;
  options.duplicates = !args.no_duplicates;
  options.dedup = args.flags.options.dedup_options;
  options.max_listed = args.max_findings;
  std::string config = args.config;
  if (config.empty() && std::filesystem::exists(kDefaultConfig)) config = kDefaultConfig;
  if (!config.empty()) {
    absl::Status st = ApplyLimitsFile(config, &options.limits);
    if (!st.ok()) return ReportError(st);
  }
  for (const std::string& spec : args.limits) {
    absl::Status st = ApplyLimit(spec, &options.limits);
    if (!st.ok()) return ReportError(st);
  }
  absl::StatusOr<CheckResult> result = RunCheck(**cleaner, options);
  if (!result.ok()) return ReportError(result.status());
  const CheckReportFormat format =
      ParseCheckReportFormat(args.report_format).value_or(CheckReportFormat::kText);
  std::string report =
      CheckReport(*result, format, args.report_path == "-" && UseColor(args.color, stdout));
  if (format == CheckReportFormat::kText) {
    // The flag that lists more (the library's report names no flag).
    constexpr std::string_view kMore = "… more findings not listed\n";
    if (size_t at = report.find(kMore); result->truncated && at != std::string::npos) {
      report.insert(at + kMore.size() - 1, " (--max-findings)");
    }
  }
  absl::StatusOr<std::unique_ptr<ByteSink>> sink = OpenOutput(args.report_path);
  if (!sink.ok()) return ReportError(sink.status());
  absl::Status st = (*sink)->Write(report);
  if (st.ok()) st = (*sink)->Close();
  if (!st.ok()) return ReportError(st);
  return result->passed ? kExitOk : kExitFindings;
}

CLI::App* AddExplainCommand(CLI::App* app, ExplainArgs* args) {
  CLI::App* cmd = app->add_subcommand(
      "explain",
      "Show one document with every removal marked in place: [-rule: text-] for removed text,\n"
      "[+reflow+] where a broken paragraph was joined (colour on a terminal).\n"
      "Exit status: 0 success, 2 usage, input or I/O error.");
  cmd->add_option("input", args->input,
                  "A text file, or a JSONL file (with --id if it holds several records)")
      ->required();
  cmd->add_option("--id", args->id, "The id of the JSONL record to explain");
  cmd->add_option("--text-field", args->text_field, "JSONL field that holds the text")
      ->capture_default_str();
  cmd->add_option("--color", args->color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  AddCleanerFlags(cmd, &args->clean);
  return cmd;
}

int RunExplainCommand(const ExplainArgs& args) {
  absl::StatusOr<std::unique_ptr<Cleaner>> cleaner = Cleaner::Create(args.clean);
  if (!cleaner.ok()) return ReportError(cleaner.status());
  PipelineOptions p;
  p.inputs = {args.input};
  p.text_field = args.text_field;
  absl::StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(p, nullptr);
  if (!reader.ok()) return ReportError(reader.status());
  Document doc, chosen;
  size_t records = 0, matches = 0;
  while ((*reader)->Next(&doc)) {
    ++records;
    if (args.id.empty() ? records == 1 : doc.id == args.id) {
      if (matches++ == 0) chosen = std::move(doc);
    }
  }
  if (!(*reader)->status().ok()) return ReportError((*reader)->status());
  if (matches == 0) {
    return ReportError(absl::NotFoundError(
        args.id.empty() ? absl::StrCat(args.input, ": no document")
                        : absl::StrCat(args.input, ": no record with id \"", args.id, "\"")));
  }
  if (args.id.empty() && records > 1) {
    return ReportError(absl::InvalidArgumentError(
        absl::StrCat(args.input, " holds ", records, " records: choose one with --id")));
  }
  const std::string out = ExplainDocument(**cleaner, &chosen, UseColor(args.color, stdout));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace newsclean
