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
  std::vector<std::vector<uint64_t>> kept_sets;  // shingle sets of kept long paragraphs
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
    std::vector<uint64_t> set = ShingleSet(view, ngram_, 0);
    bool repeat = false;
    size_t from = kept_sets.size() > kMaxCompared ? kept_sets.size() - kMaxCompared : 0;
    for (size_t k = from; k < kept_sets.size() && !repeat; ++k) {
      // |A∩B|/|A∪B| >= t needs min/max size >= t: skip hopeless pairs cheaply.
      double small = static_cast<double>(std::min(set.size(), kept_sets[k].size()));
      double large = static_cast<double>(std::max(set.size(), kept_sets[k].size()));
      if (small < near_threshold_ * large) continue;
      repeat = ExactJaccard(set, kept_sets[k]) >= near_threshold_;
    }
    if (repeat) {
      cuts.push_back(Cut{p.begin, p.end, Reason::kRepeatedParagraph, "near-duplicate-paragraph"});
    } else {
      kept_sets.push_back(std::move(set));
    }
  }
  if (!cuts.empty()) doc->ApplyCuts(std::move(cuts));
}

}  // namespace newsclean
