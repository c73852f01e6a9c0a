#include "src/repeated_paragraph_stage.h"

#include <xxhash.h>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "src/match_view.h"
#include "newsclean/minhash.h"

#include <algorithm>
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
  // Kept long paragraphs: a 32-value MinHash sketch to rule pairs out cheaply,
  // and the view, whose exact shingle set is built only for close pairs.
  struct Kept {
    std::vector<uint32_t> sketch;
    std::vector<char32_t> view;
    std::vector<uint64_t> set;  // empty until needed
  };
  std::vector<Kept> kept;
  const MinHasher sketcher(MinHashParams{kSketchSize, ngram_, 0});
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
    Kept current;
    sketcher.SignView(view, &current.sketch);
    current.view = view;
    bool repeat = false;
    size_t from = kept.size() > kMaxCompared ? kept.size() - kMaxCompared : 0;
    for (size_t k = from; k < kept.size() && !repeat; ++k) {
      // |A∩B|/|A∪B| >= t needs min/max length >= t: skip hopeless pairs cheaply.
      double small = static_cast<double>(std::min(view.size(), kept[k].view.size()));
      double large = static_cast<double>(std::max(view.size(), kept[k].view.size()));
      if (small < near_threshold_ * large) continue;
      // The sketch estimate is within 0.25 of the truth with probability
      // 1 - 2e-4 at J = 0.8 (sd 0.07): only close pairs pay for exact sets.
      if (MinHasher::EstimateJaccard(current.sketch, kept[k].sketch) < near_threshold_ - kSketchSlack) {
        continue;
      }
      if (current.set.empty()) current.set = ShingleSet(current.view, ngram_, 0);
      if (kept[k].set.empty()) kept[k].set = ShingleSet(kept[k].view, ngram_, 0);
      repeat = ExactJaccard(current.set, kept[k].set) >= near_threshold_;
    }
    if (repeat) {
      cuts.push_back(Cut{p.begin, p.end, Reason::kRepeatedParagraph, "near-duplicate-paragraph"});
    } else {
      kept.push_back(std::move(current));
    }
  }
  if (!cuts.empty()) doc->ApplyCuts(std::move(cuts));
}

}  // namespace newsclean
