// DocumentMetadata: what the furniture the cleaner removed said about the
// article — bylines, editors, dates, sources, image captions — as values.
//
// The cleaner removes a byline or a dateline from the text; what it says is
// not lost: ExtractMetadata() reads it back out of the document's removals
// (what --annotate writes under "metadata"). A pure function of the removals:
// thread-safe, nothing kept.
#ifndef NEWSCLEAN_METADATA_H_
#define NEWSCLEAN_METADATA_H_

#include <string>
#include <vector>

#include "newsclean/document.h"

namespace newsclean {

struct DocumentMetadata {
  std::vector<std::string> byline;  // "本报记者 狄文君", "記者林某某台北"
  std::vector<std::string> editor;  // the editor credits, as removed: "(责编:王珂园、秦华)"
  std::vector<std::string> date;    // "2022年07月26日15:56", "3日"
  std::vector<std::string> source;  // "人民网", "中央社"
  std::vector<std::string> captions;  // image captions, as removed
  bool empty() const {
    return byline.empty() && editor.empty() && date.empty() && source.empty() && captions.empty();
  }
};

// Reads the metadata out of doc.removals, in the order of the removals. Each
// value is a span of a removal's text, without surrounding spaces.
DocumentMetadata ExtractMetadata(const Document& doc);

}  // namespace newsclean

#endif  // NEWSCLEAN_METADATA_H_
