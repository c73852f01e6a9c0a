// Paragraph reflow: design note.
//
// Print layouts break a paragraph where a column or page ends, and scrapers
// keep the break as a paragraph boundary: "…村里有不少" / "建档立卡贫困户无力脱贫。…".
// Headings look alike: short lines without final punctuation, followed by a
// paragraph. A break is joined only when all of these hold:
//   - the first part ends mid-sentence: its last character is a Han character,
//     a Latin letter or digit, or a mark that cannot end a paragraph (，、；：
//     an opening quote or bracket);
//   - the first part is body text, not a heading: no heading shape (enumerator,
//     inner space, short line with a colon, closing quote), and it is long
//     (at least 24 characters) or holds clause punctuation, or the second part
//     starts with a fragment that cannot start a sentence: a Han character or
//     two and then clause punctuation ("部,为其…");
//   - the second part is body text: no heading shape, and it ends a sentence
//     or is long (at least 40 characters).
// The caption stage runs first, so a caption inside the break ("若干意" /
// caption / "见》,…") is already gone and the two halves meet.
#include "src/clean/paragraph_join_stage.h"

#include <optional>

#include "src/clean/document_splits.h"
#include "src/text/paragraph_shape.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

constexpr size_t kMinBodyChars = 24;
constexpr size_t kMinLongSecondChars = 40;

bool EndsMidSentence(char32_t last) {
  if (IsHan(last)) return true;
  if ((last >= '0' && last <= '9') || (last >= 'a' && last <= 'z') ||
      (last >= 'A' && last <= 'Z')) {
    return true;
  }
  switch (last) {
    case 0xFF0C:
    case ',':
    case 0x3001:
    case 0xFF1B:
    case ';':
    case 0x201C:
    case 0x300A:
    case 0x300C:
    case 0xFF08:
    case '(':
      return true;
    default:
      return false;
  }
}

// "部,为其…": one or two Han characters and then clause punctuation.
bool StartsWithFragment(std::string_view p) {
  size_t i = 0, len = 0;
  for (int k = 0; k < 3 && i < p.size(); ++k) {
    char32_t cp = DecodeUtf8(p, i, &len);
    if (IsClausePunct(cp)) return k > 0;
    if (!IsHan(cp)) return false;
    i += len;
  }
  return false;
}

// The join test on summaries: `a` is the paragraph joined so far, `b` the next
// one. Costs O(1) but for the few characters StartsWithFragment reads.
bool IsBrokenParagraph(const ParagraphShape& a, const ParagraphShape& b, std::string_view b_text) {
  if (a.chars == 0 || b.chars == 0) return false;
  if (!EndsMidSentence(a.last)) return false;
  if (a.HeadingLike() || b.HeadingLike()) return false;
  bool b_body = EndsSentence(b_text) || b.chars >= kMinLongSecondChars;
  if (!b_body) return false;
  return a.chars >= kMinBodyChars || a.clause_punct || StartsWithFragment(b_text);
}

}  // namespace

bool IsBrokenParagraph(std::string_view a, std::string_view b) {
  return IsBrokenParagraph(ParagraphShape::Of(a), ParagraphShape::Of(b), b);
}

void ParagraphJoinStage::Process(Document* doc) const {
  // A break's verdict can depend on joins on either side of it (a short second
  // part becomes body text once joined with what follows), so joins repeat
  // until none is found: a second pass over the output finds nothing, and
  // cleaning stays idempotent. Joins only merge, so this ends. Each round reads
  // every paragraph once: the paragraph joined so far is carried as a summary
  // (ParagraphShape), so a page of many short lines stays linear.
  for (int round = 0; round < kMaxRounds; ++round) {
    std::string_view text = doc->text();
    const std::vector<Paragraph>& paragraphs = DocumentSplits::Paragraphs(*doc);
    auto content = [&](size_t i) {
      return text.substr(paragraphs[i].begin, paragraphs[i].end - paragraphs[i].begin);
    };
    std::vector<Cut> cuts;
    // The shape of the paragraph joined so far, computed only when a join is
    // in question (most paragraphs end a sentence, and need none).
    std::optional<ParagraphShape> joined;
    char32_t joined_last = paragraphs.empty() ? 0 : LastCodePoint(content(0));
    for (size_t i = 1; i < paragraphs.size(); ++i) {
      std::string_view next = content(i);
      if (!EndsMidSentence(joined_last)) {
        joined.reset();
        joined_last = LastCodePoint(next);
        continue;
      }
      if (!joined) joined = ParagraphShape::Of(content(i - 1));
      ParagraphShape next_shape = ParagraphShape::Of(next);
      if (IsBrokenParagraph(*joined, next_shape, next)) {
        cuts.push_back(Cut{paragraphs[i - 1].end, paragraphs[i].begin, Reason::kReflow, "reflow"});
        joined->Append(next_shape);
      } else {
        joined = next_shape;
      }
      joined_last = joined->last;
    }
    if (cuts.empty()) return;
    doc->ApplyCuts(std::move(cuts));
  }
}

}  // namespace newsclean
