// MatchViewAccess: the matching view (match_view.h) that a Document may carry
// from the cleaner to the dedup fingerprint and the cross-document paragraph
// counter, so that `clean --dedup`, `clean --repeated-paragraphs N` and
// `check` compute it once per document instead of two or three times (private
// to Document: an embedder never sees it).
//
// Opt-in and short-lived: the pipeline and the feed checker ask for it
// (Request) before cleaning a document; the repeated-paragraph stage, which
// computes the view of every paragraph anyway, leaves the view of the
// paragraphs it keeps and where each one's view ends (Set); the caller reads
// it (Peek), fingerprints and releases it (Take) at once, on the same thread.
// The view stays valid through layout changes, which only add or drop
// whitespace (the view drops every IsSpaceChar character) and keep the
// paragraphs and their order; any cut (ApplyCuts) and SetOriginalText drop it.
#ifndef NEWSCLEAN_SRC_TEXT_MATCH_VIEW_ACCESS_H_
#define NEWSCLEAN_SRC_TEXT_MATCH_VIEW_ACCESS_H_

#include <optional>
#include <utility>
#include <vector>

#include "newsclean/document.h"

namespace newsclean {

class MatchViewAccess {
 public:
  // Asks the cleaner to leave the view of the cleaned text in `d`.
  static void Request(Document& d) { d.match_view_wanted_ = true; }
  static bool requested(const Document& d) { return d.match_view_wanted_; }

  // Leaves `view`, the matching view of d's current text, and where the view
  // of each of its paragraphs (SplitParagraphs) ends in it. REQUIRES:
  // requested(d).
  static void Set(Document& d, std::vector<char32_t> view, std::vector<size_t> paragraph_ends) {
    d.match_view_ = std::move(view);
    d.match_view_paragraph_ends_ = std::move(paragraph_ends);
    d.match_view_valid_ = true;
  }

  // The view of d's current text and its paragraphs' ends, if one was left
  // and is still valid; null otherwise. Valid until `d` changes or Take.
  static const std::vector<char32_t>* Peek(const Document& d,
                                           const std::vector<size_t>** paragraph_ends) {
    if (!d.match_view_valid_) return nullptr;
    *paragraph_ends = &d.match_view_paragraph_ends_;
    return &d.match_view_;
  }

  // The view of d's current text if one was left and is still valid; either
  // way `d` holds none afterwards.
  static std::optional<std::vector<char32_t>> Take(Document& d) {
    std::optional<std::vector<char32_t>> view;
    if (d.match_view_valid_) view = std::move(d.match_view_);
    d.match_view_wanted_ = false;
    d.DropMatchView();
    return view;
  }
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_TEXT_MATCH_VIEW_ACCESS_H_
