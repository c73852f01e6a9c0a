#include "src/boilerplate_stage.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "src/rule_prefilter.h"
#include "src/script_tables.h"
#include "src/text_lines.h"
#include "src/utf8.h"

namespace newsclean {
BoilerplateStage::BoilerplateStage() : prefilter_(std::make_unique<RulePrefilter>()) {}

BoilerplateStage::~BoilerplateStage() = default;

absl::StatusOr<std::unique_ptr<BoilerplateStage>> BoilerplateStage::Create(
    std::vector<RuleSpec> rules) {
  std::unique_ptr<BoilerplateStage> stage(new BoilerplateStage());
  for (RuleSpec& spec : rules) {
    std::string error;
    if (!stage->prefilter_->Add(ExpandRuleMacros(spec.pattern), &error)) {
      return absl::InvalidArgumentError(
          absl::StrCat(spec.origin, ": rule '", spec.name, "': bad pattern: ", error));
    }
    stage->rules_.push_back(std::move(spec));
  }
  stage->prefilter_->Compile();
  return stage;
}

std::vector<std::string> BoilerplateStage::RuleNames() const {
  std::vector<std::string> names;
  for (RuleScope scope : {RuleScope::kLine, RuleScope::kSegment, RuleScope::kLeadIn}) {
    for (const RuleSpec& spec : rules_) {
      if (spec.scope == scope) names.push_back(spec.name);
    }
  }
  return names;
}

void BoilerplateStage::Process(Document* doc) const {
  // Rounds until no rule fires: a cut can expose another match on the same
  // line (a segment that may end at the line's end, once what followed it is
  // cut), and cleaning must be idempotent. Cuts never remove a newline, so line
  // numbers are stable between rounds, and later rounds rescan only the lines
  // the previous round cut inside. Rules see each line folded to simplified
  // characters; folding keeps byte lengths, so offsets carry over.
  if (rules_.empty()) return;
  std::vector<bool> dirty;
  std::string folded;
  std::vector<Cut> cuts;
  std::vector<int> candidates;
  for (int round = 0; round < kMaxRounds; ++round) {
    const std::string_view text = doc->text();
    std::vector<LineSpan> lines = SplitLines(text);
    std::vector<bool> next_dirty(lines.size(), false);
    cuts.clear();
    for (size_t li = 0; li < lines.size(); ++li) {
      if (lines[li].blank || (round > 0 && (li >= dirty.size() || !dirty[li]))) continue;
      std::string_view raw = TrimSpaces(text.substr(lines[li].begin, lines[li].end - lines[li].begin));
      const size_t base = static_cast<size_t>(raw.data() - text.data());
      folded.assign(raw);
      prefilter_->Candidates(&folded, &candidates);
      if (ScanLine(folded, base, candidates, &cuts)) next_dirty[li] = true;
    }
    if (cuts.empty()) return;
    doc->ApplyCuts(std::move(cuts));
    cuts = {};
    dirty = std::move(next_dirty);
  }
}

bool BoilerplateStage::ScanLine(std::string_view line, size_t base,
                                const std::vector<int>& candidates, std::vector<Cut>* cuts) const {
  const re2::StringPiece text(line.data(), line.size());
  // A line rule must match the whole line: the first that does takes it.
  for (int id : candidates) {
    const RuleSpec& spec = rules_[id];
    if (spec.scope == RuleScope::kLine &&
        prefilter_->rule(id).Match(text, 0, line.size(), RE2::ANCHOR_BOTH, nullptr, 0)) {
      cuts->push_back(Cut{base, base + line.size(), spec.reason, spec.name});
      return false;  // the whole line goes: nothing left to look at again
    }
  }
  const size_t before = cuts->size();
  // The first lead-in rule that matches at the start cuts what it matched.
  for (int id : candidates) {
    const RuleSpec& spec = rules_[id];
    re2::StringPiece m;
    if (spec.scope == RuleScope::kLeadIn &&
        prefilter_->rule(id).Match(text, 0, line.size(), RE2::ANCHOR_START, &m, 1)) {
      if (!m.empty()) cuts->push_back(Cut{base, base + m.size(), spec.reason, spec.name});
      break;
    }
  }
  // Every segment rule cuts each of its non-overlapping matches.
  for (int id : candidates) {
    const RuleSpec& spec = rules_[id];
    if (spec.scope != RuleScope::kSegment) continue;
    const RE2& re = prefilter_->rule(id);
    size_t pos = 0;
    re2::StringPiece m;
    while (pos <= line.size() && re.Match(text, pos, line.size(), RE2::UNANCHORED, &m, 1)) {
      size_t b = static_cast<size_t>(m.data() - line.data());
      size_t e = b + m.size();
      if (m.empty()) {
        pos = b + 1;
        continue;
      }
      cuts->push_back(Cut{base + b, base + e, spec.reason, spec.name});
      pos = e;
    }
  }
  return cuts->size() > before;  // cut inside: look again next round
}

}  // namespace newsclean
