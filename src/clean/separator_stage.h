// SeparatorStage: every paragraph on a line of its own, whatever separated
// the paragraphs in the page.
//
// Scrapers keep paragraph breaks in many forms: '\n', "\r\n", a bare '\r'
// (classic Mac line ends, CSV fields), U+2028 LINE SEPARATOR and U+2029
// PARAGRAPH SEPARATOR, U+0085 NEXT LINE, or only a run of spaces between two
// sentences of a page flattened onto one line ("…下流老人。 \u00A0台大教授…").
// The later stages work on lines, so this stage, which runs first, rewrites
// each such separator in place as '\n' followed by spaces, byte for byte:
// offsets do not move and nothing is removed (the layout stage drops the
// spaces at the end).
//
// A run of two or more spaces (ASCII, NBSP, U+3000, tabs, in any mix) is a
// separator only right after the end of a sentence (。！？!?… possibly followed
// by closing quotes or brackets) and before more text: inside a sentence or a
// heading ("既“造形”又“铸魂”  用党的创新理论") it is left alone.
#ifndef NEWSCLEAN_SRC_CLEAN_SEPARATOR_STAGE_H_
#define NEWSCLEAN_SRC_CLEAN_SEPARATOR_STAGE_H_

#include <string>
#include <string_view>

#include "src/clean/stage.h"

namespace newsclean {

class SeparatorStage : public Stage {
 public:
  std::string_view Name() const override { return "separators"; }
  void Process(Document* doc) const override;
};

// How NextSeparatorCandidate looks: a byte at a time, 16 bytes a step (SSE2,
// every x86-64), or 32 (AVX2). The stage uses the fastest the CPU has; the
// others are there for the test that checks they agree.
enum class SeparatorScan { kScalar, kSse2, kAvx2 };
SeparatorScan FastestSeparatorScan();

// Returns the first offset at or after `i` where a separator may start, or the
// size of `v`. The vector scans stop only where one may: '\r', U+2028, U+2029,
// U+0085, or a space character (ASCII space or tab, NBSP, U+3000) whose next
// byte may start another; the single spaces and the “”…—、。 of Chinese text,
// which share lead bytes with these, do not stop them. The scalar scan stops
// at every byte that may lead one. kAvx2 on a CPU without AVX2 scans as kSse2.
size_t NextSeparatorCandidate(std::string_view v, size_t i, SeparatorScan scan);

// Returns `text` with its paragraph separators rewritten as the stage does:
// the same bytes but for those, at the same offsets (for showing an original
// text with its removals, as `explain` does).
std::string WithLineBreaks(std::string_view text);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_SEPARATOR_STAGE_H_
