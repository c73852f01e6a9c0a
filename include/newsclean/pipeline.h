// The streaming pipeline: read -> clean and fingerprint in parallel on
// batches -> near-duplicate decisions in input order -> write. Memory holds one
// batch (PipelineOptions::batch_documents / batch_bytes), its output and the
// dedup index, never the corpus. Output is byte-identical for every thread
// count.
#ifndef NEWSCLEAN_PIPELINE_H_
#define NEWSCLEAN_PIPELINE_H_

#include "absl/status/statusor.h"
#include "newsclean/cleaner.h"
#include "newsclean/options.h"
#include "newsclean/report.h"

namespace newsclean {

// Cleans (when `cleaner` is not null) and de-duplicates (when options.dedup)
// every input document and writes the survivors. Returns the run's
// statistics, or the first fatal error (bad input under OnBadRecord::kFail, an
// unreadable file, a failed write, a bad index); on error no output file is
// left behind and the index file is not touched.
absl::StatusOr<RunStats> RunPipeline(const Cleaner* cleaner, const PipelineOptions& options);

// The output format RunClean uses: kText for one plain-text input file, else
// kJsonl, unless options say otherwise.
OutputFormat ResolveOutputFormat(const PipelineOptions& options, bool all_text_inputs,
                                 size_t num_files);

}  // namespace newsclean

#endif  // NEWSCLEAN_PIPELINE_H_
