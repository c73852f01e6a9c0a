#ifndef NEWSCLEAN_SRC_CLEAN_PARAGRAPH_JOIN_STAGE_H_
#define NEWSCLEAN_SRC_CLEAN_PARAGRAPH_JOIN_STAGE_H_

#include "src/clean/stage.h"

namespace newsclean {

// Re-joins paragraphs that a print layout broke mid-sentence ("村里有不少" /
// "建档立卡贫困户无力脱贫。" -> one paragraph). Rule "reflow"; the removed
// span is whitespace only. See the .cc file for the evidence it needs.
class ParagraphJoinStage : public Stage {
 public:
  std::string_view Name() const override { return "reflow"; }
  void Process(Document* doc) const override;

  static constexpr int kMaxRounds = 8;
};

// Returns true if paragraph `a` followed by paragraph `b` (both trimmed) is one
// paragraph broken in two. Exposed for tests.
bool IsBrokenParagraph(std::string_view a, std::string_view b);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_PARAGRAPH_JOIN_STAGE_H_
