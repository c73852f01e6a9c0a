#include "src/repeated_paragraph_stage.h"

#include <xxhash.h>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "src/script_tables.h"
#include "src/text_lines.h"
#include "src/utf8.h"

namespace newsclean {

std::string MatchingKey(std::string_view text) {
  const ScriptTables& tables = ScriptTables::Get();
  std::string key;
  key.reserve(text.size());
  size_t i = 0, len = 0;
  while (i < text.size()) {
    char32_t cp = DecodeUtf8(text, i, &len);
    i += len;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    if (IsSpaceChar(cp) || IsPunctuationChar(cp)) continue;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    AppendUtf8(tables.ToSimplified(cp), &key);
  }
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
  std::vector<Cut> cuts;
  for (const Paragraph& p : paragraphs) {
    std::string key = MatchingKey(text.substr(p.begin, p.end - p.begin));
    if (CountCodePoints(key) < min_chars_) continue;
    XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
    if (!seen.insert(Hash128{h.low64, h.high64}).second) {
      cuts.push_back(Cut{p.begin, p.end, Reason::kRepeatedParagraph, "repeated-paragraph"});
    }
  }
  if (!cuts.empty()) doc->ApplyCuts(std::move(cuts));
}

}  // namespace newsclean
