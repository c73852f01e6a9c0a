// LineViews: the matching view (src/text/match_view.h) of each line of a
// document's text, left by the boilerplate stage, which writes it in the same
// pass over the line as its fold and atom scan
// (RulePrefilter::CandidatesAndView), for the repeated-paragraph stage, which
// would otherwise decode every paragraph again.
//
// Kept per thread for the one text it was made for (keyed like
// DocumentSplits by the text's version, address and size): the
// repeated-paragraph stage finds it only if nothing changed the text in
// between (on most pages the link-list and reflow stages change nothing).
// Between the boilerplate stage's rounds the text does change, by cuts that
// remove no newline, so a line keeps its number: Cut takes the views of the
// lines the cuts touch, the others stay. (The stage writes views in its first
// round only: a line it scans again, one cut inside, is left to the
// repeated-paragraph stage, as is a line it never scanned.)
//
// Only for a text of at most kMaxTextBytes: the views take four bytes a
// character, and the thread keeps them from page to page.
#ifndef NEWSCLEAN_SRC_CLEAN_LINE_VIEWS_H_
#define NEWSCLEAN_SRC_CLEAN_LINE_VIEWS_H_

#include <cstddef>
#include <span>
#include <vector>

#include "newsclean/document.h"
#include "src/clean/document_splits.h"
#include "src/text/text_lines.h"

namespace newsclean {

class LineViews {
 public:
  static constexpr size_t kMaxTextBytes = size_t{256} << 10;

  // The thread's store, emptied, for the `num_lines` lines of doc's current
  // text. REQUIRES: doc.text().size() <= kMaxTextBytes.
  static LineViews& Start(const Document& doc, size_t num_lines);
  // The thread's store if it holds the views of doc's current text; null if
  // not (never started for it, or the text changed since).
  static const LineViews* Find(const Document& doc);

  // Where the next view is written: at buffer()[*end()] on, by a writer that
  // then moves *end() past it (AtomScanner::FoldScanAndView).
  std::vector<char32_t>* buffer() { return &buffer_; }
  size_t* end() { return &end_; }
  // Line `line`'s view is buffer()[begin, end).
  void Set(size_t line, size_t begin, size_t end);

  // Before ApplyCuts(cuts) on doc: the lines (`lines`, the split of the text
  // the cuts are in) that a cut touches lose their views. REQUIRES: no cut
  // removes a newline.
  void Cut(const std::vector<LineSpan>& lines, const std::vector<newsclean::Cut>& cuts);
  // After that ApplyCuts: the store holds the views of doc's new text.
  void Rekey(const Document& doc) { key_ = DocumentSplits::KeyOf(doc); }

  // Line `line`'s view, if the store holds one: sets *view and returns true.
  bool Get(size_t line, std::span<const char32_t>* view) const;

 private:
  struct Range {
    size_t begin = 0, end = 0;
    bool valid = false;
  };
  TextKey key_;
  std::vector<char32_t> buffer_;
  size_t end_ = 0;
  std::vector<Range> lines_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_LINE_VIEWS_H_
