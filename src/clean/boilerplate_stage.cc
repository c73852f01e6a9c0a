#include "src/clean/boilerplate_stage.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "src/clean/builtin_rule_clauses.h"
#include "src/clean/document_splits.h"
#include "src/clean/line_views.h"
#include "src/clean/rule_alternatives.h"
#include "src/clean/rule_bounds.h"
#include "src/clean/rule_guard.h"
#include "src/clean/rule_prefilter.h"
#include "src/clean/rule_starts.h"
#include "src/text/paragraph_shape.h"
#include "src/text/scratch.h"
#include "src/text/script_tables.h"
#include "src/text/text_lines.h"
#include "src/text/utf8.h"

namespace newsclean {
BoilerplateStage::BoilerplateStage() : prefilter_(std::make_unique<RulePrefilter>()) {}

BoilerplateStage::~BoilerplateStage() = default;

absl::StatusOr<std::unique_ptr<BoilerplateStage>> BoilerplateStage::Create(
    std::vector<RuleSpec> rules, bool leave_line_views) {
  std::unique_ptr<BoilerplateStage> stage(new BoilerplateStage());
  stage->leave_line_views_ = leave_line_views;
  for (RuleSpec& spec : rules) {
    std::string error;
    const std::string pattern = ExpandRuleMacros(spec.pattern);
    std::vector<std::string> alternatives;
    if (spec.search_alternatives_apart && spec.scope == RuleScope::kSegment) {
      alternatives = SplitAlternatives(pattern);  // none with capturing groups
    }
    stage->apart_.push_back(alternatives.empty() ? nullptr
                                                 : std::make_unique<AlternativeSearch>(
                                                       pattern, std::move(alternatives)));
    stage->starts_once_.emplace_back();
    stage->starts_.push_back(nullptr);
    stage->guard_once_.emplace_back();
    stage->guards_.push_back(nullptr);
    // A built-in rule comes with its clauses and is compiled on first use.
    if (const RuleClauses* clauses = BuiltinRuleClauses(pattern); clauses != nullptr) {
      stage->prefilter_->Add(pattern, *clauses);
      stage->bounds_.push_back(DeriveRuleBounds(pattern));
      stage->rules_.push_back(std::move(spec));
      continue;
    }
    if (!stage->prefilter_->Add(pattern, &error)) {
      return absl::InvalidArgumentError(
          absl::StrCat(spec.origin, ": rule '", spec.name, "': bad pattern: ", error));
    }
    const RE2& re = stage->prefilter_->rule(stage->prefilter_->size() - 1);
    if (re.NumberOfCapturingGroups() > kMaxGroups) {
      return absl::InvalidArgumentError(
          absl::StrCat(spec.origin, ": rule '", spec.name, "': more than ", kMaxGroups,
                       " capturing groups (write (?:...) for a group that is not cut)"));
    }
    stage->bounds_.push_back(DeriveRuleBounds(pattern));  // of a pattern RE2 accepted
    stage->rules_.push_back(std::move(spec));
  }
  stage->prefilter_->Compile();
  return stage;
}

namespace {

// A line of a related-links block: a headline or a link, not body text. Body
// paragraphs hold a '。', and long ones a '，'; enumerated subheadings start a
// new section.
bool IsListItem(std::string_view line) {
  if (line.find("\xE3\x80\x82") != std::string_view::npos) return false;  // 。
  if (line.find("\xEF\xBC\x8C") != std::string_view::npos && CountCodePoints(line) > 40) {
    return false;  // ，
  }
  return !ParagraphShape::Of(line).enumerator;
}

constexpr size_t kMaxBlockItems = 30;
constexpr size_t kMaxNextLineChars = 200;
constexpr size_t kMaxTailChars = 600;
constexpr size_t kMinBeforeTailChars = 50;

}  // namespace

void BoilerplateStage::Process(Document* doc) const {
  // Rounds until no rule fires: a cut can expose another match on the same
  // line (a segment that may end at the line's end, once what followed it is
  // cut), and cleaning must be idempotent. Cuts never remove a newline, so line
  // numbers are stable between rounds, and later rounds rescan only the lines
  // the previous round cut inside. Rules see each line folded to simplified
  // characters; folding keeps byte lengths, so offsets carry over.
  if (rules_.empty()) return;
  std::vector<bool> dirty;
  // Scratch kept by the thread from page to page: the folded line, and its
  // atoms and then its rules.
  thread_local std::string folded;
  ScratchRelease release_folded(&folded);
  thread_local std::vector<int> candidates;
  ScratchRelease release_candidates(&candidates);
  std::vector<Cut> cuts;
  // The lines' views, when asked to leave them: written in the first round,
  // and kept through the others for the lines no cut touches. (Writing them
  // again for the lines scanned again cost more than it saved: 0.4% of the
  // instructions on real pages.)
  LineViews* views = nullptr;
  for (int round = 0; round < kMaxRounds; ++round) {
    const std::string_view text = doc->text();
    const std::vector<LineSpan>& lines = DocumentSplits::Lines(*doc);
    if (round == 0 && leave_line_views_ && text.size() <= LineViews::kMaxTextBytes) {
      views = &LineViews::Start(*doc, lines.size());
    }
    std::vector<bool> next_dirty(lines.size(), false);
    cuts.clear();
    auto trimmed = [&](size_t li) {
      return TrimSpaces(text.substr(lines[li].begin, lines[li].end - lines[li].begin));
    };
    auto cut_line = [&](size_t li, const RuleSpec& spec) {
      std::string_view raw = trimmed(li);
      size_t b = static_cast<size_t>(raw.data() - text.data());
      cuts.push_back(Cut{b, b + raw.size(), spec.reason, spec.name});
    };
    for (size_t li = 0; li < lines.size(); ++li) {
      if (lines[li].blank || (round > 0 && (li >= dirty.size() || !dirty[li]))) continue;
      std::string_view raw = trimmed(li);
      const size_t base = static_cast<size_t>(raw.data() - text.data());
      folded.assign(raw);
      if (views != nullptr && round == 0) {
        const size_t view_begin = *views->end();
        prefilter_->CandidatesAndView(&folded, &candidates, views->buffer(), views->end());
        views->Set(li, view_begin, *views->end());
      } else {
        prefilter_->Candidates(&folded, &candidates);
      }
      int whole = -1;
      if (ScanLine(folded, base, candidates, &cuts, &whole)) next_dirty[li] = true;
      if (whole < 0) continue;
      // A heading or marker line went: the block or the caption after it goes too.
      const RuleSpec& spec = rules_[whole];
      if (spec.scope == RuleScope::kTail) {
        // A tail follows the article: at the top of a page only the marker goes.
        size_t before = 0;
        for (size_t prev = 0; prev < li && before < kMinBeforeTailChars; ++prev) {
          if (!lines[prev].blank) before += CountCodePoints(trimmed(prev));
        }
        if (before < kMinBeforeTailChars) continue;
        size_t rest = 0;
        for (size_t next = li + 1; next < lines.size() && rest <= kMaxTailChars; ++next) {
          if (!lines[next].blank) rest += CountCodePoints(trimmed(next));
        }
        if (rest > kMaxTailChars) continue;  // an article goes on: only the marker goes
        for (size_t next = li + 1; next < lines.size(); ++next) {
          if (!lines[next].blank) cut_line(next, spec);
        }
        li = lines.size();
        continue;
      }
      size_t taken = 0;
      for (size_t next = li + 1; next < lines.size(); ++next) {
        if (lines[next].blank) continue;
        std::string_view line = trimmed(next);
        bool take = spec.scope == RuleScope::kBlock
                        ? taken < kMaxBlockItems && IsListItem(line)
                        : taken == 0 && CountCodePoints(line) <= kMaxNextLineChars;
        if (!take) break;
        cut_line(next, spec);
        ++taken;
        li = next;
      }
    }
    if (cuts.empty()) return;
    if (views != nullptr) views->Cut(lines, cuts);
    doc->ApplyCuts(std::move(cuts));
    if (views != nullptr) views->Rekey(*doc);
    cuts = {};
    dirty = std::move(next_dirty);
  }
}

const MatchStarts* BoilerplateStage::StartsOf(int id) const {
  const size_t r = static_cast<size_t>(id);
  std::call_once(starts_once_[r], [&] {
    auto starts = std::make_unique<MatchStarts>(prefilter_->rule(id), prefilter_->pattern(id));
    if (starts->usable()) starts_[r] = std::move(starts);
  });
  return starts_[r].get();
}

const RE2* BoilerplateStage::GuardOf(int id) const {
  const size_t r = static_cast<size_t>(id);
  std::call_once(guard_once_[r], [&] {
    const std::string guard = UncountRepetitions(prefilter_->pattern(id));
    if (guard.empty()) return;
    auto re = std::make_unique<RE2>(guard, RuleRe2Options());
    if (re->ok()) guards_[r] = std::move(re);
  });
  return guards_[r].get();
}

bool BoilerplateStage::ScanLine(std::string_view line, size_t base,
                                const std::vector<int>& candidates, std::vector<Cut>* cuts,
                                int* whole) const {
  const re2::StringPiece text(line.data(), line.size());
  size_t line_chars = SIZE_MAX;  // counted when a rule's max_chars needs it
  auto fits = [&](size_t max_chars) {
    if (max_chars == 0 || line.size() <= max_chars) return true;
    if (line.size() > 4 * max_chars) return false;  // more characters in any encoding
    if (line_chars == SIZE_MAX) line_chars = CountCodePoints(line);
    return line_chars <= max_chars;
  };
  // Whether rule `id` can match at the line's start (rule_bounds.h), and, for
  // a whole-line rule, hold all of it.
  const unsigned char first_byte = line.empty() ? 0 : static_cast<unsigned char>(line[0]);
  auto starts = [&](int id) { return line.empty() || bounds_[id].first_bytes[first_byte]; };
  NonSpaceCounter nonspace(line);
  auto within = [&](int id) { return nonspace.AtMost(bounds_[id].max_nonspace_chars); };
  // A line rule must match the whole line: the first that does takes it.
  for (int id : candidates) {
    const RuleSpec& spec = rules_[id];
    if (spec.scope != RuleScope::kLine && spec.scope != RuleScope::kBlock &&
        spec.scope != RuleScope::kLineNext && spec.scope != RuleScope::kTail) {
      continue;
    }
    if (!starts(id) || !within(id) || !fits(spec.max_chars)) continue;
    const RE2* guard = GuardOf(id);
    if (guard != nullptr && !guard->Match(text, 0, line.size(), RE2::ANCHOR_BOTH, nullptr, 0)) {
      continue;  // no match of the guard, none of the rule
    }
    if (prefilter_->rule(id).Match(text, 0, line.size(), RE2::ANCHOR_BOTH, nullptr, 0)) {
      cuts->push_back(Cut{base, base + line.size(), spec.reason, spec.name});
      if (spec.scope != RuleScope::kLine) *whole = id;
      return false;  // the whole line goes: nothing left to look at again
    }
  }
  const size_t before = cuts->size();
  // Cuts what a match of rule `id` captured: its groups, or all of it.
  re2::StringPiece groups[kMaxGroups + 1];
  auto cut_match = [&](int id, int ngroups) {
    const RuleSpec& spec = rules_[id];
    for (int g = ngroups == 0 ? 0 : 1; g <= ngroups; ++g) {
      if (groups[g].empty()) continue;
      size_t b = static_cast<size_t>(groups[g].data() - line.data());
      cuts->push_back(Cut{base + b, base + b + groups[g].size(), spec.reason, spec.name});
    }
  };
  // The first lead-in rule that matches at the start cuts what it matched.
  for (int id : candidates) {
    const RuleSpec& spec = rules_[id];
    if (spec.scope != RuleScope::kLeadIn || !starts(id)) continue;
    const RE2* guard = GuardOf(id);
    if (guard != nullptr && !guard->Match(text, 0, line.size(), RE2::ANCHOR_START, nullptr, 0)) {
      continue;
    }
    const RE2& re = prefilter_->rule(id);
    const int ngroups = std::min(re.NumberOfCapturingGroups(), kMaxGroups);
    if (re.Match(text, 0, line.size(), RE2::ANCHOR_START, groups, ngroups + 1)) {
      if (!groups[0].empty()) {
        cut_match(id, ngroups);
        break;
      }
    }
  }
  // Every segment rule cuts each of its non-overlapping matches.
  for (int id : candidates) {
    const RuleSpec& spec = rules_[id];
    if (spec.scope != RuleScope::kSegment) continue;
    const AlternativeSearch* apart = apart_[id].get();
    std::optional<AlternativeSearch::Line> apart_line;
    const RE2* re = nullptr;
    const MatchStarts* starts = nullptr;
    int ngroups = 0;  // a rule searched apart has none
    if (apart != nullptr) {
      apart_line.emplace(*apart, line);
    } else {
      re = &prefilter_->rule(id);
      ngroups = std::min(re->NumberOfCapturingGroups(), kMaxGroups);
      starts = StartsOf(id);
    }
    size_t tries_left = MatchStarts::kTriesPerLine;
    // The next match at or after `pos`, in groups[0 .. ngroups].
    auto next = [&](size_t pos) {
      if (apart != nullptr) return apart->Next(text, pos, &groups[0], &*apart_line);
      if (starts != nullptr) return starts->Match(*re, text, pos, groups, ngroups + 1, &tries_left);
      return re->Match(text, pos, line.size(), RE2::UNANCHORED, groups, ngroups + 1);
    };
    size_t pos = 0;
    while (pos <= line.size() && next(pos)) {
      size_t b = static_cast<size_t>(groups[0].data() - line.data());
      size_t e = b + groups[0].size();
      if (groups[0].empty()) {
        pos = b + 1;
        continue;
      }
      cut_match(id, ngroups);
      pos = e;
    }
  }
  return cuts->size() > before;  // cut inside: look again next round
}

}  // namespace newsclean
