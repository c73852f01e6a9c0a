// The two file steps of the distributed run (newsclean.dask), done in C++ so
// that a worker reads, cleans and writes at the library's speed:
//
//   CleanAndFingerprintFile  reads one input file (any compression), cleans
//                            each record as `newsclean clean` does and writes
//                            the survivors to a part file (plain JSONL, the
//                            CLI's bytes), returning the fingerprints, ids and
//                            dates of the records written, in order;
//   WriteSurvivors           copies the part file's lines that dedup kept to
//                            the output (compressed by its extension, renamed
//                            into place only when complete).
//
// Both release nothing Python owns and may run on any thread.
#ifndef NEWSCLEAN_PYTHON_CORPUS_FILES_H_
#define NEWSCLEAN_PYTHON_CORPUS_FILES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "newsclean/cleaner.h"
#include "newsclean/options.h"
#include "python/src/fingerprints.h"

namespace newsclean::python {

struct FileFingerprints {
  PyFingerprints fingerprints;  // row i: the i-th record of the part file
  std::vector<std::string> ids;
  std::vector<std::optional<std::string>> dates;  // for keep="earliest"
  size_t records = 0;                             // records read
  size_t written = 0;                             // records in the part file
  size_t skipped = 0;                             // unreadable records skipped (on_error skip)
  std::map<std::string, size_t> dropped;          // by cleaning, by reason
  size_t bytes_in = 0;
  size_t text_bytes_in = 0;
  size_t text_bytes_out = 0;
};

// `cleaner` null: no cleaning (as `newsclean dedup`). Under
// OnBadRecord::kFail an unreadable record is an error naming file and line.
absl::StatusOr<FileFingerprints> CleanAndFingerprintFile(
    const std::string& path, const std::string& part_path, const Cleaner* cleaner,
    const DedupOptions& dedup, const std::string& text_field, OnBadRecord on_error);

// Writes the lines of `part_path` whose `drop` entry is false to `out_path`,
// atomically, then removes the part file. `drop` has one entry a line.
absl::Status WriteSurvivors(const std::string& part_path, const std::string& out_path,
                            const std::vector<bool>& drop);

}  // namespace newsclean::python

#endif  // NEWSCLEAN_PYTHON_CORPUS_FILES_H_
