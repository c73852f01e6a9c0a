// OutputCommit: the files one run writes (output, dedup index, report) become
// visible together, or not at all.
//
// A writer given an OutputCommit writes to its temporary file as usual, and
// its Close() (or Save()) finishes the file there without renaming it: the
// rename is handed to the commit. Apply() renames every file in the order they
// were added; the destructor removes every temporary not renamed, so that a run
// that fails anywhere before Apply() leaves none of its files behind — no
// output renamed into place while the index it goes with was never saved.
// Renames within one directory are atomic each; Apply() stops at the first
// that fails and says which. Not thread-safe.
#ifndef NEWSCLEAN_OUTPUT_COMMIT_H_
#define NEWSCLEAN_OUTPUT_COMMIT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace newsclean {

class OutputCommit {
 public:
  OutputCommit() = default;
  ~OutputCommit();
  OutputCommit(const OutputCommit&) = delete;
  OutputCommit& operator=(const OutputCommit&) = delete;

  // Takes over finished temporary file `temp`, to be renamed to `path`.
  void Add(std::string temp, std::string path);

  // Renames every file taken over into place, in order.
  absl::Status Apply();

 private:
  std::vector<std::pair<std::string, std::string>> pending_;  // (temporary, destination)
};

}  // namespace newsclean

#endif  // NEWSCLEAN_OUTPUT_COMMIT_H_
