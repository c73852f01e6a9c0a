#include "newsclean/document.h"

#include <algorithm>
#include <atomic>

namespace newsclean {

void Document::TextChanged() {
  // Unique across documents and threads: a version is never given twice, so
  // a cache keyed by it never takes one text for another.
  static std::atomic<uint64_t> next_version{1};
  text_version_ = next_version.fetch_add(1, std::memory_order_relaxed);
}

void Document::SetOriginalText(std::string text) {
  text_ = std::move(text);
  TextChanged();
  original_size_ = text_.size();
  anchors_.assign(1, Anchor{0, 0});
  removals.clear();
  dropped.reset();
  duplicate.reset();
  modified_ = false;
  match_view_wanted_ = false;
  DropMatchView();
}

void Document::DropMatchView() {
  match_view_valid_ = false;
  std::vector<char32_t>().swap(match_view_);
  std::vector<size_t>().swap(match_view_paragraph_ends_);
}

size_t Document::ToOriginal(size_t offset) const {
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), offset,
                             [](size_t v, const Anchor& a) { return v < a.current; });
  --it;  // anchors_[0].current == 0 <= offset
  return it->original + (offset - it->current);
}

size_t Document::ToOriginalEnd(size_t offset) const {
  if (offset == 0) return ToOriginal(0);
  // The byte just before `offset` decides: an end offset belongs to the segment
  // that holds its last byte, not to the one that starts there.
  return ToOriginal(offset - 1) + 1;
}

void Document::ApplyCuts(std::vector<Cut> cuts) {
  // By start; of two that start together the longer first, so that it gives
  // the reason (a caption's rule, not the tag's inside it).
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::string out;
  out.reserve(text_.size());
  std::vector<Anchor> anchors;
  size_t pos = 0;  // first byte of text_ not yet copied or cut
  // Copies text_[pos, end) and its offset map: an anchor at the segment's
  // start, and every earlier anchor inside it (a boundary of an earlier cut).
  auto keep = [&](size_t end) {
    if (end <= pos) return;
    anchors.push_back(Anchor{out.size(), ToOriginal(pos)});
    auto it = std::upper_bound(anchors_.begin(), anchors_.end(), pos,
                               [](size_t v, const Anchor& a) { return v < a.current; });
    for (; it != anchors_.end() && it->current < end; ++it) {
      anchors.push_back(Anchor{out.size() + (it->current - pos), it->original});
    }
    out.append(text_, pos, end - pos);
    pos = end;
  };
  for (const Cut& cut : cuts) {
    size_t begin = std::max(cut.begin, pos);
    size_t end = std::min(cut.end, text_.size());
    if (begin >= end) continue;
    keep(begin);
    removals.push_back(Removal{cut.reason, std::string(cut.rule), ToOriginal(begin),
                               ToOriginalEnd(end), text_.substr(begin, end - begin)});
    pos = end;
  }
  keep(text_.size());
  if (anchors.empty() || anchors.front().current != 0) {
    anchors.insert(anchors.begin(), Anchor{0, pos == 0 ? 0 : ToOriginalEnd(pos)});
  }
  // Merge anchors that continue the previous segment without a gap.
  std::vector<Anchor> merged;
  for (const Anchor& a : anchors) {
    if (!merged.empty() &&
        merged.back().original + (a.current - merged.back().current) == a.original) {
      continue;
    }
    if (!merged.empty() && merged.back().current == a.current) {
      merged.back() = a;
      continue;
    }
    merged.push_back(a);
  }
  anchors_ = std::move(merged);
  if (!removals.empty()) modified_ = true;
  if (out.size() != text_.size()) DropMatchView();  // no longer the view of the text
  text_ = std::move(out);
  TextChanged();
}

}  // namespace newsclean
