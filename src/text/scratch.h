// ScratchRelease: bounds the memory a thread_local scratch container keeps.
//
// Stages keep their per-page working vectors (line and paragraph spans,
// views, folded lines) in thread_local containers, cleared and refilled for
// each page, so that an ordinary page allocates nothing once they have grown.
// A huge page must not pin its memory for the rest of the run: a
// ScratchRelease frees the container, when it scope exits, if the container
// then holds more than kMaxScratchBytes.
//
//   thread_local std::vector<Paragraph> paragraphs;
//   ScratchRelease release(&paragraphs);
//   SplitParagraphs(text, &paragraphs);
#ifndef NEWSCLEAN_SRC_TEXT_SCRATCH_H_
#define NEWSCLEAN_SRC_TEXT_SCRATCH_H_

#include <cstddef>

namespace newsclean {

inline constexpr size_t kMaxScratchBytes = size_t{1} << 20;

template <typename Container>
class ScratchRelease {
 public:
  explicit ScratchRelease(Container* scratch) : scratch_(scratch) {}
  ScratchRelease(const ScratchRelease&) = delete;
  ScratchRelease& operator=(const ScratchRelease&) = delete;
  ~ScratchRelease() {
    if (scratch_->capacity() * sizeof(typename Container::value_type) > kMaxScratchBytes) {
      Container().swap(*scratch_);
    }
  }

 private:
  Container* scratch_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_TEXT_SCRATCH_H_
