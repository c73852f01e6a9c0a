#include "newsclean/reason.h"

#include <array>

namespace newsclean {
namespace {

constexpr std::array<std::string_view, kNumReasons> kNames = {
    "pinyin-gloss",
    "romanized-label",
    "breadcrumb",
    "share-widget",
    "qr-prompt",
    "editor-credit",
    "date-source",
    "byline",
    "image-caption",
    "page-furniture",
    "print-jump",
    "page-header",
    "copyright",
    "disclaimer",
    "repeated-paragraph",
    "reflow",
    "user-rule",
    "empty",
    "malformed-record",
    "exact-duplicate",
    "near-duplicate",
    "repeated-across-documents",
    "dateline",
    "photo-credit",
    "related-links",
    "follow-prompt",
    "script-residue",
    "markup-residue",
    "contained-duplicate",
};

}  // namespace

std::string_view ReasonName(Reason reason) { return kNames[static_cast<int>(reason)]; }

std::optional<Reason> ParseReason(std::string_view name) {
  for (int i = 0; i < kNumReasons; ++i) {
    if (kNames[i] == name) return static_cast<Reason>(i);
  }
  return std::nullopt;
}

}  // namespace newsclean
