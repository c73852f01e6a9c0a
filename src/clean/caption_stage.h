#ifndef NEWSCLEAN_SRC_CLEAN_CAPTION_STAGE_H_
#define NEWSCLEAN_SRC_CLEAN_CAPTION_STAGE_H_

#include <cstddef>

#include "src/clean/stage.h"

namespace newsclean {

// Removes image captions without a marker: a short stand-alone sentence set
// off by the extra blank lines an image leaves behind, with the shape of a
// caption, interrupting a sentence or next to a heading (the evidence each
// needs: the design note in the .cc file). Rule "image-caption". Runs before
// the boilerplate stage, while the page's blank lines still show where images
// were.
class CaptionStage : public Stage {
 public:
  explicit CaptionStage(size_t max_chars) : max_chars_(max_chars) {}
  std::string_view Name() const override { return "image-caption"; }
  void Process(Document* doc) const override;

 private:
  size_t max_chars_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_CAPTION_STAGE_H_
