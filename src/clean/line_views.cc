#include "src/clean/line_views.h"

#include <algorithm>

#include "src/text/scratch.h"

namespace newsclean {
namespace {

LineViews& ThreadStore() {
  thread_local LineViews store;
  return store;
}

}  // namespace

LineViews& LineViews::Start(const Document& doc, size_t num_lines) {
  LineViews& store = ThreadStore();
  store.key_ = DocumentSplits::KeyOf(doc);
  // The views of a text of kMaxTextBytes take up to four times that (a code
  // point a byte, more only for views of several code points): a buffer kept
  // past its page may hold no more.
  if (store.buffer_.capacity() * sizeof(char32_t) > 4 * kMaxScratchBytes) {
    std::vector<char32_t>().swap(store.buffer_);
  }
  // Nor a line list of a page of many short lines (24 bytes a line).
  if (store.lines_.capacity() * sizeof(Range) > kMaxScratchBytes) {
    std::vector<Range>().swap(store.lines_);
  }
  store.end_ = 0;
  store.lines_.assign(num_lines, Range{});
  return store;
}

const LineViews* LineViews::Find(const Document& doc) {
  const LineViews& store = ThreadStore();
  return store.key_ == DocumentSplits::KeyOf(doc) ? &store : nullptr;
}

void LineViews::Set(size_t line, size_t begin, size_t end) {
  lines_[line] = Range{begin, end, true};
}

void LineViews::Cut(const std::vector<LineSpan>& lines, const std::vector<newsclean::Cut>& cuts) {
  for (const newsclean::Cut& cut : cuts) {
    // The line the cut starts in, and each one it reaches (a cut never
    // crosses a newline, but one at a line's end touches no other).
    auto it = std::upper_bound(lines.begin(), lines.end(), cut.begin,
                               [](size_t at, const LineSpan& l) { return at < l.begin; });
    size_t line = it == lines.begin() ? 0 : static_cast<size_t>(it - lines.begin()) - 1;
    for (; line < lines.size() && line < lines_.size() && lines[line].begin <= cut.end; ++line) {
      lines_[line].valid = false;
      if (lines[line].end >= cut.end) break;
    }
  }
}

bool LineViews::Get(size_t line, std::span<const char32_t>* view) const {
  if (line >= lines_.size() || !lines_[line].valid) return false;
  *view = std::span<const char32_t>(buffer_.data() + lines_[line].begin,
                                    lines_[line].end - lines_[line].begin);
  return true;
}

}  // namespace newsclean
