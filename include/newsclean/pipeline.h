// The streaming pipeline: read -> clean in parallel on batches -> write in
// input order. Memory holds one batch (PipelineOptions::batch_documents /
// batch_bytes) and its output, never the corpus. Output is byte-identical for
// every thread count.
#ifndef NEWSCLEAN_PIPELINE_H_
#define NEWSCLEAN_PIPELINE_H_

#include "absl/status/statusor.h"
#include "newsclean/cleaner.h"
#include "newsclean/options.h"
#include "newsclean/report.h"

namespace newsclean {

// Cleans every input document and writes the survivors. Returns the run's
// statistics, or the first fatal error (bad input under OnBadRecord::kFail, an
// unreadable file, a failed write); on error no output file is left behind.
absl::StatusOr<RunStats> RunClean(const Cleaner& cleaner, const PipelineOptions& options);

// The output format RunClean uses: kText for one plain-text input file, else
// kJsonl, unless options say otherwise.
OutputFormat ResolveOutputFormat(const PipelineOptions& options, bool all_text_inputs,
                                 size_t num_files);

}  // namespace newsclean

#endif  // NEWSCLEAN_PIPELINE_H_
