#include "newsclean/explain.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "src/clean/separator_stage.h"
#include "src/text/strings.h"

namespace newsclean {

std::string ExplainDocument(const Cleaner& cleaner, Document* doc, bool color) {
  // Separators shown as line breaks (a bare '\r' would overwrite the line).
  std::string original = WithLineBreaks(doc->text());
  cleaner.Clean(doc);
  std::string out = RenderExplain(original, doc->removals, color);
  if (!out.empty() && out.back() != '\n') out += '\n';
  std::map<std::string, size_t> per_rule;
  for (const Removal& r : doc->removals) ++per_rule[r.rule];
  absl::StrAppend(&out, "\n# ", doc->id, ": ", doc->removals.size(), " removals");
  for (const auto& [rule, n] : per_rule) absl::StrAppend(&out, ", ", rule, " ", n);
  if (doc->dropped) absl::StrAppend(&out, "; dropped (", AV(ReasonName(*doc->dropped)), ")");
  out += "\n";
  return out;
}

std::string RenderExplain(std::string_view original, const std::vector<Removal>& removals,
                          bool color) {
  // Cuts are shown with their text; a reflow join is a marker, and the
  // whitespace of the break it joined is dropped. A join's span may hold other
  // removals (a caption inside the break): those are still shown.
  std::vector<const Removal*> cuts, joins;
  for (const Removal& r : removals) {
    if (r.end > original.size()) continue;
    (r.reason == Reason::kReflow ? joins : cuts).push_back(&r);
  }
  auto by_begin = [](const Removal* a, const Removal* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end > b->end;
  };
  std::sort(cuts.begin(), cuts.end(), by_begin);
  std::sort(joins.begin(), joins.end(), by_begin);
  std::string out;
  size_t i = 0, c = 0, j = 0, join_end = 0;
  while (i <= original.size()) {
    while (c < cuts.size() && cuts[c]->begin < i) ++c;  // nested in a cut already shown
    if (j < joins.size() && joins[j]->begin <= i) {
      out += color ? "\x1b[1;32m[+reflow+]\x1b[0m" : "[+reflow+]";
      join_end = std::max(join_end, joins[j]->end);
      ++j;
      continue;
    }
    if (i == original.size()) break;
    if (c < cuts.size() && cuts[c]->begin == i) {
      const Removal& r = *cuts[c];
      std::string_view removed = original.substr(r.begin, r.end - r.begin);
      if (color) {
        absl::StrAppend(&out, "\x1b[2m[", r.rule, ":\x1b[0m\x1b[9;31m", AV(removed),
                        "\x1b[0m\x1b[2m]\x1b[0m");
      } else {
        absl::StrAppend(&out, "[-", r.rule, ": ", AV(removed), "-]");
      }
      i = r.end;
      ++c;
      continue;
    }
    char ch = original[i];
    if (i < join_end && (ch == '\n' || ch == '\r' || ch == ' ' || ch == '\t')) {
      ++i;  // the joined paragraph break
      continue;
    }
    out.push_back(ch);
    ++i;
  }
  return out;
}

}  // namespace newsclean
