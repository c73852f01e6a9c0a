#ifndef NEWSCLEAN_SRC_CLEAN_REPEATED_PARAGRAPH_STAGE_H_
#define NEWSCLEAN_SRC_CLEAN_REPEATED_PARAGRAPH_STAGE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "src/clean/stage.h"

namespace newsclean {

// Removes repeated paragraphs inside one document, keeping the first
// occurrence, under reason "repeated-paragraph":
//  - rule "repeated-paragraph": the same matching view (see MatchingKey) as an
//    earlier paragraph; views shorter than `min_chars` are never removed;
//  - rule "near-duplicate-paragraph": Jaccard similarity of character
//    shingles >= the threshold with an earlier kept paragraph, both at least
//    `near_min_chars` long (a repeat with a few characters changed). The
//    decision is exact Jaccard over shingle sets; a 32-value MinHash sketch
//    per paragraph first rules out pairs whose estimate is more than 0.25
//    below the threshold, so most pairs cost 32 comparisons. Each paragraph is
//    compared with at most the last kMaxCompared kept ones, so a pathological
//    page costs linear time.
class RepeatedParagraphStage : public Stage {
 public:
  RepeatedParagraphStage(size_t min_chars, bool near, double near_threshold, size_t near_min_chars,
                         int ngram)
      : min_chars_(min_chars),
        near_(near),
        near_threshold_(near_threshold),
        near_min_chars_(near_min_chars),
        ngram_(ngram) {}
  std::string_view Name() const override { return "repeated-paragraph"; }
  void Process(Document* doc) const override;

  static constexpr size_t kMaxCompared = 256;
  static constexpr double kSketchSlack = 0.25;

 private:
  size_t min_chars_;
  bool near_;
  double near_threshold_;
  size_t near_min_chars_;
  int ngram_;
};

// The matching view of `text` (see match_view.h) as UTF-8: what paragraphs
// are compared on. Never used for output.
std::string MatchingKey(std::string_view text);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_REPEATED_PARAGRAPH_STAGE_H_
