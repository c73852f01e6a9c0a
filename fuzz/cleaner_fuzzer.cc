// Fuzzes the cleaner: every stage on any text. The first byte picks rules to
// switch off; the rest, repaired to valid UTF-8 as the reader would, is the
// document. Checks: the result is valid UTF-8, every removal's span lies inside
// the original text, and cleaning the result again does not crash.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "newsclean/cleaner.h"
#include "src/utf8.h"

namespace {

const char* const kSwitchable[] = {"pinyin-gloss", "image-caption", "reflow", "repeated-paragraph",
                                   "link-list",    "related-links", "html-tag", "byline-bracket"};

const newsclean::Cleaner& CleanerFor(uint8_t mask) {
  static std::unique_ptr<newsclean::Cleaner> cleaners[256];
  std::unique_ptr<newsclean::Cleaner>& c = cleaners[mask];
  if (!c) {
    newsclean::CleanOptions options;
    for (int b = 0; b < 8; ++b) {
      if (mask & (1u << b)) options.disabled_rules.push_back(kSwitchable[b]);
    }
    auto created = newsclean::Cleaner::Create(options);
    if (!created.ok()) std::abort();
    c = std::move(*created);
  }
  return *c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // Mostly the default cleaner (a cleaner a mask, built once: few masks).
  const uint8_t mask = data[0] < 192 ? 0 : static_cast<uint8_t>(1u << (data[0] & 7));
  std::string text;
  newsclean::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), &text);
  newsclean::Document doc;
  doc.SetOriginalText(text);
  const newsclean::Cleaner& cleaner = CleanerFor(mask);
  cleaner.Clean(&doc);
  if (!newsclean::IsValidUtf8(doc.text())) std::abort();
  for (const newsclean::Removal& r : doc.removals) {
    if (r.begin > r.end || r.end > text.size()) std::abort();
  }
  newsclean::Document again;
  again.SetOriginalText(doc.text());
  cleaner.Clean(&again);
  if (!newsclean::IsValidUtf8(again.text())) std::abort();
  return 0;
}
