#ifndef NEWSCLEAN_SRC_REPEATED_PARAGRAPH_STAGE_H_
#define NEWSCLEAN_SRC_REPEATED_PARAGRAPH_STAGE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "src/stage.h"

namespace newsclean {

// Removes exact repeats of a paragraph inside one document, keeping the first
// occurrence. Paragraphs are compared on their matching key (see
// MatchingKey); paragraphs whose key is shorter than `min_chars` characters are
// never removed. Rule "repeated-paragraph".
class RepeatedParagraphStage : public Stage {
 public:
  explicit RepeatedParagraphStage(size_t min_chars) : min_chars_(min_chars) {}
  std::string_view Name() const override { return "repeated-paragraph"; }
  void Process(Document* doc) const override;

 private:
  size_t min_chars_;
};

// The matching view of `text` (see match_view.h) as UTF-8: what paragraphs
// are compared on. Never used for output.
std::string MatchingKey(std::string_view text);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_REPEATED_PARAGRAPH_STAGE_H_
