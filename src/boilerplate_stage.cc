#include "src/boilerplate_stage.h"

#include <algorithm>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "re2/set.h"
#include "src/script_tables.h"
#include "src/text_lines.h"
#include "src/utf8.h"

namespace newsclean {

// A rule's own RE2 finds match positions; it is compiled on first use (the
// scope's RE2::Set has already parsed and checked the pattern at start-up), so
// start-up pays for one compilation per rule, not two. Thread-safe.
struct BoilerplateStage::Compiled {
  Compiled(RuleSpec s, std::string e) : spec(std::move(s)), expanded(std::move(e)) {}
  const RE2& Re() const {
    std::call_once(once, [this] {
      RE2::Options o;
      o.set_log_errors(false);
      o.set_max_mem(64 << 20);
      re = std::make_unique<RE2>(expanded, o);
    });
    return *re;
  }
  RuleSpec spec;
  std::string expanded;
  mutable std::once_flag once;
  mutable std::unique_ptr<RE2> re;
};

struct BoilerplateStage::ScopeRules {
  explicit ScopeRules(RE2::Anchor anchor) : set(Options(), anchor) {}
  static RE2::Options Options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(256 << 20);
    return o;
  }
  std::vector<std::unique_ptr<Compiled>> rules;
  RE2::Set set;
  bool compiled = false;

  // Appends the indices of the rules that match `text` (sorted).
  void Match(std::string_view text, std::vector<int>* hits) const {
    hits->clear();
    if (!compiled) return;
    set.Match(re2::StringPiece(text.data(), text.size()), hits);
    std::sort(hits->begin(), hits->end());
  }
};

BoilerplateStage::BoilerplateStage()
    : line_(std::make_unique<ScopeRules>(RE2::ANCHOR_BOTH)),
      segment_(std::make_unique<ScopeRules>(RE2::UNANCHORED)),
      lead_in_(std::make_unique<ScopeRules>(RE2::ANCHOR_START)) {}

BoilerplateStage::~BoilerplateStage() = default;

absl::StatusOr<std::unique_ptr<BoilerplateStage>> BoilerplateStage::Create(
    std::vector<RuleSpec> rules) {
  std::unique_ptr<BoilerplateStage> stage(new BoilerplateStage());
  // Segment rules scan every byte of every line; when each says which
  // two-character strings its matches contain, lines without any skip the scan.
  stage->segment_prefilter_ = true;
  stage->trigger_first_.assign(0x10000 / 64, 0);
  for (const RuleSpec& spec : rules) {
    if (spec.scope != RuleScope::kSegment) continue;
    if (spec.triggers.empty()) stage->segment_prefilter_ = false;
    for (const std::string& t : spec.triggers) {
      size_t len = 0;
      char32_t a = DecodeUtf8(t, 0, &len);
      char32_t b = DecodeUtf8(t, len, &len);
      if (a < 0x10000) stage->trigger_first_[a >> 6] |= uint64_t{1} << (a & 63);
      stage->trigger_pairs_.insert((static_cast<uint64_t>(a) << 32) | b);
    }
  }
  for (RuleSpec& spec : rules) {
    ScopeRules* scope = spec.scope == RuleScope::kLine      ? stage->line_.get()
                        : spec.scope == RuleScope::kSegment ? stage->segment_.get()
                                                            : stage->lead_in_.get();
    std::string expanded = ExpandRuleMacros(spec.pattern);
    std::string error;
    if (scope->set.Add(expanded, &error) < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(spec.origin, ": rule '", spec.name, "': bad pattern: ", error));
    }
    scope->rules.push_back(std::make_unique<Compiled>(std::move(spec), std::move(expanded)));
  }
  for (ScopeRules* scope : {stage->line_.get(), stage->segment_.get(), stage->lead_in_.get()}) {
    if (scope->rules.empty()) continue;
    if (!scope->set.Compile()) {
      return absl::ResourceExhaustedError("boilerplate rules: RE2::Set out of memory");
    }
    scope->compiled = true;
  }
  return stage;
}

std::vector<std::string> BoilerplateStage::RuleNames() const {
  std::vector<std::string> names;
  for (const ScopeRules* scope : {line_.get(), segment_.get(), lead_in_.get()}) {
    for (const auto& c : scope->rules) names.push_back(c->spec.name);
  }
  return names;
}

bool BoilerplateStage::MayHoldSegment(std::string_view line) const {
  if (!segment_prefilter_) return true;
  size_t i = 0, len = 0;
  char32_t prev = 0x10000;  // no trigger starts before the line
  while (i < line.size()) {
    char32_t cp = DecodeUtf8(line, i, &len);
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (prev < 0x10000 && ((trigger_first_[prev >> 6] >> (prev & 63)) & 1) &&
        trigger_pairs_.contains((static_cast<uint64_t>(prev) << 32) | cp)) {
      return true;
    }
    prev = cp;
    i += len;
  }
  return false;
}

void BoilerplateStage::Process(Document* doc) const {
  // Rounds until no rule fires: a cut can expose another match on the same
  // line (a segment that may end at the line's end, once what followed it is
  // cut), and cleaning must be idempotent. Cuts never remove a newline, so line
  // numbers are stable between rounds, and later rounds rescan only the lines
  // the previous round cut inside. Rules see each line folded to simplified
  // characters; folding keeps byte lengths, so offsets carry over.
  if (line_->rules.empty() && segment_->rules.empty() && lead_in_->rules.empty()) return;
  const ScriptTables& tables = ScriptTables::Get();
  std::vector<bool> dirty;
  std::string folded;
  std::vector<Cut> cuts;
  std::vector<int> hits;
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
      tables.FoldToSimplified(&folded);
      if (ScanLine(folded, base, &cuts, &hits)) next_dirty[li] = true;
    }
    if (cuts.empty()) return;
    doc->ApplyCuts(std::move(cuts));
    cuts = {};
    dirty = std::move(next_dirty);
  }
}

bool BoilerplateStage::ScanLine(std::string_view line, size_t base, std::vector<Cut>* cuts,
                                std::vector<int>* hits) const {
  line_->Match(line, hits);
  if (!hits->empty()) {
    const RuleSpec& spec = line_->rules[hits->front()]->spec;
    cuts->push_back(Cut{base, base + line.size(), spec.reason, spec.name});
    return false;  // the whole line goes: nothing left to look at again
  }
  const size_t before = cuts->size();
  lead_in_->Match(line, hits);
  if (!hits->empty()) {
    const Compiled& c = *lead_in_->rules[hits->front()];
    re2::StringPiece m;
    if (c.Re().Match(re2::StringPiece(line.data(), line.size()), 0, line.size(),
                     RE2::ANCHOR_START, &m, 1) &&
        !m.empty()) {
      cuts->push_back(Cut{base, base + m.size(), c.spec.reason, c.spec.name});
    }
  }
  if (MayHoldSegment(line)) {
    segment_->Match(line, hits);
  } else {
    hits->clear();
  }
  for (int index : *hits) {
    const Compiled& c = *segment_->rules[index];
    re2::StringPiece text(line.data(), line.size());
    size_t pos = 0;
    re2::StringPiece m;
    while (pos <= line.size() && c.Re().Match(text, pos, line.size(), RE2::UNANCHORED, &m, 1)) {
      size_t b = static_cast<size_t>(m.data() - line.data());
      size_t e = b + m.size();
      if (m.empty()) {
        pos = b + 1;
        continue;
      }
      cuts->push_back(Cut{base + b, base + e, c.spec.reason, c.spec.name});
      pos = e;
    }
  }
  return cuts->size() > before;  // cut inside: look again next round
}

}  // namespace newsclean
