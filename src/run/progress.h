// Progress: the progress line a long run draws on stderr ("newsclean: 12000
// documents  108.8 MB  160.2 MB/s"), redrawn in place at most twice a second,
// and once more, ending the line, when the run is done. Shared by the pipeline
// (clean, dedup) and check. Not thread-safe: the thread that consumes batches
// updates it.
#ifndef NEWSCLEAN_SRC_RUN_PROGRESS_H_
#define NEWSCLEAN_SRC_RUN_PROGRESS_H_

#include <chrono>
#include <cstddef>

namespace newsclean {

class Progress {
 public:
  // Draws nothing unless `enabled`.
  explicit Progress(bool enabled);

  // Redraws the line with the documents and input bytes done so far, unless
  // it was drawn less than half a second ago; `final_line` always draws and
  // ends the line.
  void Update(size_t documents, size_t bytes, bool final_line);

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point start_, last_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_RUN_PROGRESS_H_
