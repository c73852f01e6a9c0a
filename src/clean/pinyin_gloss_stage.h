#ifndef NEWSCLEAN_SRC_CLEAN_PINYIN_GLOSS_STAGE_H_
#define NEWSCLEAN_SRC_CLEAN_PINYIN_GLOSS_STAGE_H_

#include <memory>
#include <string>

#include "src/clean/stage.h"

namespace newsclean {

// Removes pinyin glosses ("黨(dang) 組織" -> "黨組織") and romanized labels
// ("县区传真 CHUANZHEN" -> "县区传真"). See the design note in the .cc file.
// Rule names: "pinyin-gloss", "romanized-label".
class PinyinGlossStage : public Stage {
 public:
  PinyinGlossStage(bool glosses, bool labels) : glosses_(glosses), labels_(labels) {}
  std::string_view Name() const override { return "pinyin-gloss"; }
  void Process(Document* doc) const override;

 private:
  bool glosses_;
  bool labels_;
};

// Parses a parenthesized pinyin syllable at text[pos] ("(dang)", "（guó）",
// "(zhong1)", "(lü)") and returns its toneless syllable id, or -1. On success
// *end is the offset just past the closing parenthesis. Exposed for tests.
int ParseGlossSyllable(std::string_view text, size_t pos, size_t* end);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_PINYIN_GLOSS_STAGE_H_
