#ifndef NEWSCLEAN_SRC_CLEAN_LAYOUT_STAGE_H_
#define NEWSCLEAN_SRC_CLEAN_LAYOUT_STAGE_H_

#include <string>
#include <string_view>

#include "src/clean/stage.h"

namespace newsclean {

// Final layout: every paragraph trimmed and on a line of its own, separated by
// a single '\n', no blank lines, no trailing newline. Drops only whitespace, so
// it records no removals. Always last.
class LayoutStage : public Stage {
 public:
  std::string_view Name() const override { return "layout"; }
  void Process(Document* doc) const override;
};

// Returns `text` laid out as LayoutStage does.
std::string LayOut(std::string_view text);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_LAYOUT_STAGE_H_
