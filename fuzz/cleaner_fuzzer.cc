// Fuzzes the cleaner: every stage on any text. The first byte picks a rule to
// switch off (or none); the rest, repaired to valid UTF-8 as the reader would, is the
// document. Checks: the result is valid UTF-8, every removal's span lies inside
// the original text, the matching view the cleaner leaves when asked is the
// cleaned text's, paragraph by paragraph, cleaning without asking for it gives
// the same text, and cleaning the result again does not crash.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "newsclean/cleaner.h"
#include "src/text/match_view.h"
#include "src/text/match_view_access.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"

namespace {

const char* const kSwitchable[] = {"pinyin-gloss",       "image-caption", "reflow",
                                   "repeated-paragraph", "link-list",     "related-links",
                                   "html-tag",           "byline-bracket"};

// Cleaners for mask 0 (every rule) and for each single rule switched off,
// built before fuzzing starts: building one takes long in an instrumented
// build, and must not count against an input's time.
std::unique_ptr<newsclean::Cleaner> cleaners[9];

newsclean::Cleaner* Build(int off) {
  newsclean::CleanOptions options;
  if (off >= 0) options.disabled_rules.push_back(kSwitchable[off]);
  auto created = newsclean::Cleaner::Create(options);
  if (!created.ok()) std::abort();
  return created->release();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cleaners[0].reset(Build(-1));
  for (int b = 0; b < 8; ++b) cleaners[b + 1].reset(Build(b));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // Mostly the default cleaner; a quarter of inputs with one rule switched off.
  const int which = data[0] < 192 ? 0 : 1 + (data[0] & 7);
  std::string text;
  newsclean::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), &text);
  newsclean::Document doc;
  doc.SetOriginalText(text);
  // The matching view the cleaner leaves when asked (for the fingerprint and
  // the paragraph counter) is the view of the cleaned text, and its paragraph
  // ends delimit each paragraph's view.
  newsclean::MatchViewAccess::Request(doc);
  const newsclean::Cleaner& cleaner = *cleaners[which];
  cleaner.Clean(&doc);
  if (!newsclean::IsValidUtf8(doc.text())) std::abort();
  for (const newsclean::Removal& r : doc.removals) {
    if (r.begin > r.end || r.end > text.size()) std::abort();
  }
  const std::vector<size_t>* ends = nullptr;
  if (const std::vector<char32_t>* left = newsclean::MatchViewAccess::Peek(doc, &ends)) {
    std::vector<char32_t> view;
    newsclean::MatchView(doc.text(), &view);
    if (*left != view) std::abort();
    const std::vector<newsclean::Paragraph> paragraphs = newsclean::SplitParagraphs(doc.text());
    if (ends->size() != paragraphs.size()) std::abort();
    size_t begin = 0;
    for (size_t k = 0; k < paragraphs.size(); ++k) {
      newsclean::MatchView(
          std::string_view(doc.text())
              .substr(paragraphs[k].begin, paragraphs[k].end - paragraphs[k].begin),
          &view);
      if ((*ends)[k] < begin || (*ends)[k] > left->size() ||
          !std::equal(view.begin(), view.end(), left->begin() + begin,
                      left->begin() + (*ends)[k])) {
        std::abort();
      }
      begin = (*ends)[k];
    }
  } else if (which == 0) {
    std::abort();  // the default cleaner runs the repeated-paragraph stage
  }
  // Not asked for the view, the repeated-paragraph stage reads the lines'
  // views where the boilerplate stage left them (src/clean/line_views.h)
  // rather than copying them: the same result.
  newsclean::Document unasked;
  unasked.SetOriginalText(text);
  cleaner.Clean(&unasked);
  if (unasked.text() != doc.text() || unasked.removals.size() != doc.removals.size()) {
    std::abort();
  }
  newsclean::Document again;
  again.SetOriginalText(doc.text());
  cleaner.Clean(&again);
  if (!newsclean::IsValidUtf8(again.text())) std::abort();
  return 0;
}
