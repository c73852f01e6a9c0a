#ifndef NEWSCLEAN_SRC_CLEAN_BOILERPLATE_STAGE_H_
#define NEWSCLEAN_SRC_CLEAN_BOILERPLATE_STAGE_H_

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "src/clean/rule_bounds.h"
#include "src/clean/rule_clauses.h"
#include "src/clean/rule_set.h"
#include "src/clean/stage.h"

namespace newsclean {

class AlternativeSearch;
class MatchStarts;
class RulePrefilter;

// Removes boilerplate and copyright notices with RE2 rules (see rule_set.h for
// scopes and matching).
//
// Matching is prefiltered (rule_prefilter.h): from the literals RE2 derives
// from each rule, one pass over a line tells which rules can match it, and
// only those run their own RE2 on it. The derivation is RE2's own, so it holds
// for user rules too. A rule anchored at the line's start also skips a line
// that starts with a byte none of its matches starts with, and a whole-line
// rule one longer than any of its matches (rule_bounds.h). A whole-line or
// lead-in rule with long counted runs first runs its guard, the pattern with
// the counts taken out, whose automaton stays small (rule_guard.h). A segment
// rule whose matches start with known characters tries anchored matches where
// they are (rule_starts.h). Most content lines run one or two rules, each of
// which gives up within a few characters.
class BoilerplateStage : public Stage {
 public:
  // Compiles `rules`; a bad pattern is an error naming the rule and its origin.
  // With `leave_line_views`, Process leaves the matching view of each line it
  // scans for a later stage (line_views.h), written in the same pass as its
  // fold and atom scan.
  static absl::StatusOr<std::unique_ptr<BoilerplateStage>> Create(std::vector<RuleSpec> rules,
                                                                  bool leave_line_views = false);
  ~BoilerplateStage() override;

  std::string_view Name() const override { return "boilerplate"; }
  void Process(Document* doc) const override;

 private:
  BoilerplateStage();

  // Appends the cuts that `candidates` (rule ids, ascending: the rules the
  // prefilter lets through) make in `line` (trimmed and folded to simplified;
  // it starts at byte `base` of the text) to *cuts. Returns true when a cut
  // fell inside the line, so the next round scans it again. When a block or
  // line-next rule took the whole line, sets *whole to its id.
  bool ScanLine(std::string_view line, size_t base, const std::vector<int>& candidates,
                std::vector<Cut>* cuts, int* whole) const;

  static constexpr int kMaxRounds = 8;
  static constexpr int kMaxGroups = kMaxRuleGroups;  // capturing groups a rule may cut

  std::vector<RuleSpec> rules_;  // prefilter rule id i is rules_[i]
  bool leave_line_views_ = false;
  // By rule: the bytes a match starts with and the most characters other than
  // spaces it holds (rule_bounds.h); rules anchored at a line's start skip the
  // lines these rule out.
  std::vector<RuleBounds> bounds_;
  std::unique_ptr<RulePrefilter> prefilter_;
  // By rule: its alternatives, for a segment rule searched one alternative
  // at a time (null for the others).
  std::vector<std::unique_ptr<AlternativeSearch>> apart_;
  // By rule: where a segment rule's matches can start (rule_starts.h), found
  // on its first use; null where that cannot be told.
  const MatchStarts* StartsOf(int id) const;
  mutable std::deque<std::once_flag> starts_once_;
  mutable std::vector<std::unique_ptr<MatchStarts>> starts_;
  // By rule: its guard (rule_guard.h), compiled on its first use; null for a
  // rule without counted runs worth uncounting, or whose guard RE2 refuses.
  // Whole-line and lead-in rules run it first. (Segment rules do not: those
  // with known starts ran slower with it, the others no faster, on real pages.)
  const RE2* GuardOf(int id) const;
  mutable std::deque<std::once_flag> guard_once_;
  mutable std::vector<std::unique_ptr<RE2>> guards_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_BOILERPLATE_STAGE_H_
