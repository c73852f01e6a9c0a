// The streaming pipeline: read -> clean and fingerprint in parallel on
// batches -> near-duplicate decisions in input order -> write. Memory holds at
// most five batches (one with one thread; PipelineOptions::batch_documents /
// batch_bytes), their output and the dedup index, never the corpus. Output is
// byte-identical for every thread count.
#ifndef NEWSCLEAN_PIPELINE_H_
#define NEWSCLEAN_PIPELINE_H_

#include "absl/status/statusor.h"
#include "newsclean/cleaner.h"
#include "newsclean/options.h"
#include "newsclean/report.h"

namespace newsclean {

// Cleans (when `cleaner` is not null) and de-duplicates (when options.dedup)
// every input document and writes the survivors, the updated index
// (options.dedup_options.index_path) and the report (options.report_path).
// Returns the run's statistics, or the first fatal error (bad input under
// OnBadRecord::kFail, an unreadable file, a failed write, a bad or busy index,
// an output that names an input). The output, the index and the report are
// renamed into place together once all are written: on error none of them is
// left behind or changed. While the run lasts it holds a lock on the index, so
// a second run on the same index fails at once instead of losing documents.
// `cleaner` is borrowed for the call only. Runs on different outputs may go
// on at once in one process (each has its own threads); the progress line, when
// options.progress asks for it, goes to the process's stderr.
absl::StatusOr<RunStats> RunPipeline(const Cleaner* cleaner, const PipelineOptions& options);

// The output format RunPipeline uses: kText for one plain-text input file, else
// kJsonl, unless options say otherwise.
OutputFormat ResolveOutputFormat(const PipelineOptions& options, bool all_text_inputs,
                                 size_t num_files);

}  // namespace newsclean

#endif  // NEWSCLEAN_PIPELINE_H_
