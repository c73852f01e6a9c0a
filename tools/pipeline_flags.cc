#include "tools/pipeline_flags.h"

#include "tools/cli_util.h"

namespace newsclean {

void AddPipelineFlags(CLI::App* cmd, PipelineFlags* flags) {
  PipelineOptions& p = flags->options;
  cmd->add_option("inputs", p.inputs,
                  "Files or directories (recursive, sorted); '-' or none for stdin. "
                  "gzip, bzip2, xz and zstd are detected from their magic bytes.");
  cmd->add_option("-o,--output", p.output,
                  "Output file, '-' for stdout; compressed by extension (.gz .bz2 .xz .zst). "
                  "Written to a temporary file and renamed when complete.")
      ->capture_default_str();
  cmd->add_option("--text-field", p.text_field, "JSONL field that holds the text")
      ->capture_default_str();
  cmd->add_option("--format", flags->input_format,
                  "Input format: auto (by extension, else a first '{' means JSONL), jsonl, text")
      ->check(CLI::IsMember({"auto", "jsonl", "text"}))
      ->capture_default_str();
  cmd->add_option("--output-format", flags->output_format,
                  "Output format: auto (text for one text file in, else JSONL), jsonl, text")
      ->check(CLI::IsMember({"auto", "jsonl", "text"}))
      ->capture_default_str();
  cmd->add_option("-j,--threads", p.threads,
                  "Cleaning threads, 0 for all cores (with more than one, another thread reads "
                  "ahead); output is identical for every value")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--on-error", flags->on_error,
                  "Malformed JSON lines and documents over --max-document-bytes: fail (exit 2 "
                  "naming file and line) or skip (count and list them in the report)")
      ->check(CLI::IsMember({"fail", "skip"}))
      ->capture_default_str();
  cmd->add_option("--max-document-bytes", p.max_document_bytes,
                  "A record or text file of more bytes (after decompression) is not read into "
                  "memory: reason too-large (see --on-error); 0: no limit")
      ->capture_default_str();
  cmd->add_option("--report", p.report_path,
                  "Write a JSON report (documents, bytes, hits per rule, duplicates, skipped "
                  "records, MB/s) to FILE, '-' for stderr");
  cmd->add_flag("--progress", flags->progress,
                "Draw a progress line on stderr (default: on a terminal)");
  cmd->add_flag("--no-progress", flags->no_progress, "Never draw a progress line");
}

void AddSimilarityFlags(CLI::App* cmd, DedupOptions* d) {
  cmd->add_option("--threshold", d->threshold,
                  "Estimated Jaccard similarity of character shingles at which a document is a "
                  "near duplicate of a kept one")
      ->check(CLI::Range(0.01, 1.0))
      ->capture_default_str();
  cmd->add_option("--containment", d->containment,
                  "Also a duplicate: a document at least this share of which is contained in a "
                  "kept one, or that contains a kept one (a page of an article, an article with "
                  "a block added, a roundup); 0.9 is a good value; 0: off")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--num-perm", d->minhash.num_perm,
                  "MinHash signature length K (an --index needs the K it was built with)")
      ->check(CLI::Range(8, 1024))
      ->capture_default_str();
  cmd->add_option("--ngram", d->minhash.ngram,
                  "Shingle length in characters of the matching view (an --index needs the "
                  "length it was built with)")
      ->check(CLI::Range(1, 32))
      ->capture_default_str();
}

void AddDedupFlags(CLI::App* cmd, PipelineFlags* flags) {
  DedupOptions& d = flags->options.dedup_options;
  AddSimilarityFlags(cmd, &d);
  cmd->add_option("--mode", flags->mode,
                  "drop: duplicates are dropped and counted; annotate: every record is kept and "
                  "duplicates get \"newsclean_duplicate\": {\"of\", \"containment\" (contained "
                  "copies), \"similarity\", \"exact\"}")
      ->check(CLI::IsMember({"drop", "annotate"}))
      ->capture_default_str();
  cmd->add_option("--keep", flags->keep,
                  "Which copy of a duplicate group is kept: first (streaming), longest (longest "
                  "text), earliest (smallest --date-field value); longest and earliest read the "
                  "input twice, so they need files, not stdin")
      ->check(CLI::IsMember({"first", "longest", "earliest"}))
      ->capture_default_str();
  cmd->add_option("--date-field", d.date_field,
                  "JSONL field for --keep=earliest, compared as strings (ISO 8601 orders right); "
                  "records without it lose ties")
      ->capture_default_str();
  cmd->add_option("--index", d.index_path,
                  "Load the dedup index from FILE if it exists and save the updated index there "
                  "(atomically), so a feed is checked against every earlier run");
}

void AddCleanerFlags(CLI::App* cmd, CleanOptions* clean) {
  // allow_extra_args(false): each --disable/--rules takes one value, so the
  // inputs after it stay inputs.
  cmd->add_option("--disable", clean->disabled_rules,
                  "Switch rules off by name (comma-separated or repeated); see clean --list-rules")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--rules", clean->rule_files,
                  "Add rules from FILE (format: README.md, 'Rule files'); may be repeated")
      ->allow_extra_args(false);
}

void FinishPipelineFlags(PipelineFlags* flags) {
  PipelineOptions& p = flags->options;
  if (p.inputs.empty()) p.inputs.push_back("-");
  p.input_format = flags->input_format == "jsonl"  ? InputFormat::kJsonl
                   : flags->input_format == "text" ? InputFormat::kText
                                                   : InputFormat::kAuto;
  p.output_format = flags->output_format == "jsonl"  ? OutputFormat::kJsonl
                    : flags->output_format == "text" ? OutputFormat::kText
                                                     : OutputFormat::kAuto;
  p.on_error = flags->on_error == "skip" ? OnBadRecord::kSkipAndCount : OnBadRecord::kFail;
  p.progress = !flags->no_progress && (flags->progress || IsTerminal(stderr));
  p.dedup_options.mode = flags->mode == "annotate" ? DedupMode::kAnnotate : DedupMode::kDrop;
  // CLI11 admits only the three names (IsMember above).
  p.dedup_options.keep = ParseKeepPolicy(flags->keep).value_or(KeepPolicy::kFirst);
}

}  // namespace newsclean
