#include "src/clean/repeated_paragraph_stage.h"

#include <xxhash.h>

#include <algorithm>
#include <span>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "newsclean/minhash.h"
#include "src/clean/document_splits.h"
#include "src/clean/line_views.h"
#include "src/clean/paragraph_sketch.h"
#include "src/text/match_view.h"
#include "src/text/match_view_access.h"
#include "src/text/scratch.h"
#include "src/text/script_tables.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"

namespace newsclean {

std::string MatchingKey(std::string_view text) {
  std::vector<char32_t> view;
  MatchView(text, &view);
  std::string key;
  for (char32_t cp : view) AppendUtf8(cp, &key);
  return key;
}

namespace {

struct Hash128 {
  uint64_t low, high;
  bool operator==(const Hash128& o) const { return low == o.low && high == o.high; }
  template <typename H>
  friend H AbslHashValue(H h, const Hash128& v) {
    return H::combine(std::move(h), v.low, v.high);
  }
};

}  // namespace

void RepeatedParagraphStage::Process(Document* doc) const {
  std::string_view text = doc->text();
  const std::vector<Paragraph>& paragraphs = DocumentSplits::Paragraphs(*doc);
  // Asked to, the stage leaves the view of the text it keeps for the
  // fingerprint (match_view_access.h): the views of the paragraphs it keeps,
  // in order, since the view drops the whitespace between them.
  const bool leave_view = MatchViewAccess::requested(*doc);
  if (paragraphs.size() < 2) {
    if (leave_view) {
      std::vector<char32_t> view;
      MatchView(text, &view);
      std::vector<size_t> ends;
      if (!paragraphs.empty()) ends.push_back(view.size());
      MatchViewAccess::Set(*doc, std::move(view), std::move(ends));
    }
    return;
  }
  absl::flat_hash_set<Hash128> seen;
  seen.reserve(paragraphs.size());  // one allocation, not one a doubling
  // A paragraph that near-duplicate detection may compare: its view (a range
  // of `views`), and, computed when a pair first needs them, a 32-value
  // MinHash sketch that rules pairs out cheaply and the exact shingle set that
  // decides close pairs. Most paragraphs have no partner of similar length and
  // never pay for either.
  struct Candidate {
    size_t begin = 0, size = 0;
    const char32_t* left = nullptr;  // the view, where the boilerplate stage left it
    bool sketched = false;
    ParagraphSketcher::Sketch sketch;
    std::vector<uint64_t> set;  // empty until needed
  };
  // Each paragraph's view is built at views[used]; it stays there (below
  // `used`) only if the paragraph is kept as a candidate, or kept at all when
  // the view is to be left. The views are left in the document or, when not,
  // built in scratch the thread keeps from page to page (never shrunk, so
  // never zero-filled again), as is the list of candidates.
  std::vector<char32_t> left_views;
  thread_local std::vector<char32_t> scratch_views;
  ScratchRelease release_scratch_views(&scratch_views);
  std::vector<char32_t>& views = leave_view ? left_views : scratch_views;
  if (leave_view) views.reserve(text.size());  // a code point per byte at most, before drops
  size_t used = 0;
  thread_local std::vector<Candidate> kept;
  ScratchRelease release_kept(&kept);
  kept.clear();
  kept.reserve(paragraphs.size());
  std::vector<size_t> paragraph_ends;  // of the kept paragraphs' views, when left
  const ParagraphSketcher sketcher(ngram_);
  auto view_of = [&](const Candidate& c) {
    return std::span<const char32_t>(c.left != nullptr ? c.left : views.data() + c.begin, c.size);
  };
  auto sketch = [&](Candidate* c) {
    if (!c->sketched) c->sketch = sketcher.Sign(view_of(*c));
    c->sketched = true;
  };
  auto shingles = [&](Candidate* c) {
    if (c->set.empty()) c->set = sketcher.ShingleSet(view_of(*c));
  };
  std::vector<Cut> cuts;
  // The views the boilerplate stage left, if the text is still the one it
  // scanned: a paragraph is a line that is not blank, so its line is the
  // previous paragraph's plus one plus the blank lines between them.
  const LineViews* line_views = LineViews::Find(*doc);
  size_t line = 0;
  for (size_t k = 0; k < paragraphs.size(); ++k) {
    const Paragraph& p = paragraphs[k];
    line = (k == 0 ? 0 : line + 1) + p.blank_lines_before;
    Candidate current;
    current.begin = used;
    // A view left by the boilerplate stage is read where it is (it stays
    // there until the next page), or copied when the views are to be left
    // in one piece.
    std::span<const char32_t> left;
    const bool has_left = line_views != nullptr && line_views->Get(line, &left);
    if (has_left && !leave_view) {
      current.left = left.data();
      current.size = left.size();
    } else {
      if (has_left) {
        if (views.size() < used + left.size()) views.resize(used + left.size());
        used = static_cast<size_t>(std::copy(left.begin(), left.end(), views.begin() + used) -
                                   views.begin());
      } else {
        used =
            ScriptTables::Get().WriteMatchView(text.substr(p.begin, p.end - p.begin), &views, used);
      }
      current.size = used - current.begin;
    }
    // A cut paragraph's view goes; a kept one's stays if it is to be left.
    auto drop_view = [&] { used = current.begin; };
    auto drop_kept_view = [&] {
      if (leave_view) {
        paragraph_ends.push_back(used);
      } else {
        drop_view();
      }
    };
    if (current.size < min_chars_) {
      drop_kept_view();
      continue;
    }
    const std::span<const char32_t> view = view_of(current);
    XXH128_hash_t h = XXH3_128bits(view.data(), view.size() * sizeof(char32_t));
    if (!seen.insert(Hash128{h.low64, h.high64}).second) {
      cuts.push_back(Cut{p.begin, p.end, Reason::kRepeatedParagraph, "repeated-paragraph"});
      drop_view();
      continue;
    }
    if (!near_ || current.size < near_min_chars_) {
      drop_kept_view();
      continue;
    }
    bool repeat = false;
    size_t from = kept.size() > kMaxCompared ? kept.size() - kMaxCompared : 0;
    for (size_t k = from; k < kept.size() && !repeat; ++k) {
      Candidate& other = kept[k];
      // |A∩B|/|A∪B| >= t needs min/max length >= t: skip hopeless pairs cheaply.
      double small = static_cast<double>(std::min(current.size, other.size));
      double large = static_cast<double>(std::max(current.size, other.size));
      if (small < near_threshold_ * large) continue;
      // The sketch estimate is within 0.25 of the truth with probability
      // 1 - 2e-4 at J = 0.8 (sd 0.07): only close pairs pay for exact sets.
      sketch(&current);
      sketch(&other);
      if (ParagraphSketcher::Estimate(current.sketch, other.sketch) <
          near_threshold_ - kSketchSlack) {
        continue;
      }
      shingles(&current);
      shingles(&other);
      repeat = ExactJaccard(current.set, other.set) >= near_threshold_;
    }
    if (repeat) {
      cuts.push_back(Cut{p.begin, p.end, Reason::kRepeatedParagraph, "near-duplicate-paragraph"});
      drop_view();
    } else {
      if (leave_view) paragraph_ends.push_back(used);
      kept.push_back(std::move(current));
    }
  }
  if (!cuts.empty()) doc->ApplyCuts(std::move(cuts));
  if (leave_view) {
    views.resize(used);
    MatchViewAccess::Set(*doc, std::move(views), std::move(paragraph_ends));
  }
}

}  // namespace newsclean
