#include "src/repeated_paragraph_stage.h"

#include <xxhash.h>

#include <algorithm>
#include <span>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "newsclean/minhash.h"
#include "src/match_view.h"
#include "src/paragraph_sketch.h"
#include "src/text_lines.h"
#include "src/utf8.h"

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
  std::vector<Paragraph> paragraphs = SplitParagraphs(text);
  if (paragraphs.size() < 2) return;
  absl::flat_hash_set<Hash128> seen;
  // A paragraph that near-duplicate detection may compare: its view (a range
  // of `views`), and, computed when a pair first needs them, a 32-value
  // MinHash sketch that rules pairs out cheaply and the exact shingle set that
  // decides close pairs. Most paragraphs have no partner of similar length and
  // never pay for either.
  struct Candidate {
    size_t begin = 0, size = 0;
    bool sketched = false;
    ParagraphSketcher::Sketch sketch;
    std::vector<uint64_t> set;  // empty until needed
  };
  std::vector<char32_t> views;  // views of the kept candidates, back to back
  std::vector<Candidate> kept;
  const ParagraphSketcher sketcher(ngram_);
  auto view_of = [&](const Candidate& c, std::span<const char32_t> own) {
    return own.empty() ? std::span<const char32_t>(views.data() + c.begin, c.size) : own;
  };
  auto sketch = [&](Candidate* c, std::span<const char32_t> own) {
    if (!c->sketched) c->sketch = sketcher.Sign(view_of(*c, own));
    c->sketched = true;
  };
  auto shingles = [&](Candidate* c, std::span<const char32_t> own) {
    if (c->set.empty()) c->set = sketcher.ShingleSet(view_of(*c, own));
  };
  std::vector<Cut> cuts;
  std::vector<char32_t> view;
  for (const Paragraph& p : paragraphs) {
    MatchView(text.substr(p.begin, p.end - p.begin), &view);
    if (view.size() < min_chars_) continue;
    XXH128_hash_t h = XXH3_128bits(view.data(), view.size() * sizeof(char32_t));
    if (!seen.insert(Hash128{h.low64, h.high64}).second) {
      cuts.push_back(Cut{p.begin, p.end, Reason::kRepeatedParagraph, "repeated-paragraph"});
      continue;
    }
    if (!near_ || view.size() < near_min_chars_) continue;
    Candidate current;
    current.size = view.size();
    bool repeat = false;
    size_t from = kept.size() > kMaxCompared ? kept.size() - kMaxCompared : 0;
    for (size_t k = from; k < kept.size() && !repeat; ++k) {
      Candidate& other = kept[k];
      // |A∩B|/|A∪B| >= t needs min/max length >= t: skip hopeless pairs cheaply.
      double small = static_cast<double>(std::min(view.size(), other.size));
      double large = static_cast<double>(std::max(view.size(), other.size));
      if (small < near_threshold_ * large) continue;
      // The sketch estimate is within 0.25 of the truth with probability
      // 1 - 2e-4 at J = 0.8 (sd 0.07): only close pairs pay for exact sets.
      sketch(&current, view);
      sketch(&other, {});
      if (ParagraphSketcher::Estimate(current.sketch, other.sketch) <
          near_threshold_ - kSketchSlack) {
        continue;
      }
      shingles(&current, view);
      shingles(&other, {});
      repeat = ExactJaccard(current.set, other.set) >= near_threshold_;
    }
    if (repeat) {
      cuts.push_back(Cut{p.begin, p.end, Reason::kRepeatedParagraph, "near-duplicate-paragraph"});
    } else {
      current.begin = views.size();
      views.insert(views.end(), view.begin(), view.end());
      kept.push_back(std::move(current));
    }
  }
  if (!cuts.empty()) doc->ApplyCuts(std::move(cuts));
}

}  // namespace newsclean
