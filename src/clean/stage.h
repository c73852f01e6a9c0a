// Stage: one cleaning step. Built once, then immutable: Process() may run on
// many threads at once. Failures happen only in the factories.
#ifndef NEWSCLEAN_SRC_CLEAN_STAGE_H_
#define NEWSCLEAN_SRC_CLEAN_STAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "newsclean/document.h"

namespace newsclean {

class Stage {
 public:
  virtual ~Stage() = default;
  // The stage's name, e.g. "pinyin-gloss".
  virtual std::string_view Name() const = 0;
  // Cleans *doc, recording a Removal for every cut.
  virtual void Process(Document* doc) const = 0;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_STAGE_H_
