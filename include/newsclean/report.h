// RunStats: what a run did, for --report and the exit status. Every input
// record is accounted for: documents_in == documents_out + dropped + skipped.
// Plain values, owned by whoever holds them; not thread-safe.
#ifndef NEWSCLEAN_REPORT_H_
#define NEWSCLEAN_REPORT_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "newsclean/document.h"

namespace newsclean {

class OutputCommit;

struct RuleCount {
  size_t hits = 0;       // removals made by the rule
  size_t bytes = 0;      // bytes they removed
  size_t documents = 0;  // documents with at least one removal by the rule
};

struct SkippedRecord {
  SourceLocation where;
  std::string reason;  // "malformed-record" or "too-large"
  std::string error;
};

struct RunStats {
  size_t documents_in = 0;                // records read, skipped ones included
  size_t documents_out = 0;               // records written
  std::map<std::string, size_t> dropped;  // by reason name ("empty", ...)
  size_t skipped = 0;                     // unreadable records skipped under --on-error=skip
  std::map<std::string, size_t> skipped_reasons;  // by reason: "malformed-record", "too-large"
  std::vector<SkippedRecord> skipped_records;     // the first kMaxListedSkips of them
  size_t bytes_in = 0;                            // input bytes after decompression
  size_t bytes_out = 0;                           // output bytes before compression
  size_t text_bytes_in = 0;                       // text field bytes before cleaning
  size_t text_bytes_out = 0;                      // and after
  size_t invalid_utf8_documents = 0;
  size_t invalid_utf8_sequences = 0;
  std::map<std::string, RuleCount> rules;    // by rule name
  std::map<std::string, RuleCount> reasons;  // by reason name
  // Near-duplicate detection (when enabled).
  bool dedup = false;
  size_t dedup_unique = 0;             // documents kept as first seen
  size_t dedup_exact = 0;              // exact duplicates (dropped or annotated)
  size_t dedup_near = 0;               // near duplicates (dropped or annotated)
  size_t dedup_contained = 0;          // contained duplicates (dropped or annotated)
  size_t index_documents = 0;          // documents in the index at the end (earlier runs included)
  size_t index_decision_bytes = 0;     // signatures + LSH table + exact-hash table + containment
  double containment = 0;              // DedupOptions::containment (0: off)
  size_t index_containment_bytes = 0;  // of index_decision_bytes, the containment samples
  size_t index_id_bytes = 0;           // document ids kept for --mode=annotate
  std::string index_name;
  int lsh_bands = 0, lsh_rows = 0;
  double seconds = 0;
  int threads = 1;

  static constexpr size_t kMaxListedSkips = 1000;

  // Adds the removals and outcome of one cleaned document (and its dedup decision).
  void Add(const Document& doc);
};

// Returns the report as a JSON object (schema in README.md).
std::string ReportJson(const RunStats& stats);

// Writes ReportJson(stats) to `path` ("-": standard error), atomically; with a
// `commit`, leaves the rename to it (newsclean/output_commit.h).
absl::Status WriteReport(const RunStats& stats, const std::string& path,
                         OutputCommit* commit = nullptr);

}  // namespace newsclean

#endif  // NEWSCLEAN_REPORT_H_
