// LinkListStage: lists of links that a page sets between its paragraphs
// without a heading ("related" headlines after the first paragraphs of a
// story). Rule "link-list", reason related-links; the evidence it needs is in
// the .cc file. Lists with a heading ("相關新聞") are the boilerplate rules'.
#ifndef NEWSCLEAN_SRC_CLEAN_LINK_LIST_STAGE_H_
#define NEWSCLEAN_SRC_CLEAN_LINK_LIST_STAGE_H_

#include "src/clean/stage.h"

namespace newsclean {

class LinkListStage : public Stage {
 public:
  std::string_view Name() const override { return "link-list"; }
  void Process(Document* doc) const override;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_LINK_LIST_STAGE_H_
