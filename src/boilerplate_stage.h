#ifndef NEWSCLEAN_SRC_BOILERPLATE_STAGE_H_
#define NEWSCLEAN_SRC_BOILERPLATE_STAGE_H_

#include <memory>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "src/rule_set.h"
#include "src/stage.h"

namespace re2 {
class RE2;
}

namespace newsclean {

// Removes boilerplate and copyright notices with a set of RE2 rules (see
// rule_set.h for scopes and matching). Each scope's rules are compiled into one
// RE2::Set, so a line is scanned once per scope to learn which rules match, and
// only those run again to find positions.
class BoilerplateStage : public Stage {
 public:
  // Compiles `rules`; a bad pattern is an error naming the rule and its origin.
  static absl::StatusOr<std::unique_ptr<BoilerplateStage>> Create(std::vector<RuleSpec> rules);
  ~BoilerplateStage() override;

  std::string_view Name() const override { return "boilerplate"; }
  std::vector<std::string> RuleNames() const override;
  void Process(Document* doc) const override;

 private:
  struct Compiled;
  struct ScopeRules;
  BoilerplateStage();

  // Appends the cuts the rules make in `line` (trimmed and folded to
  // simplified; it starts at byte `base` of the text) to *cuts. Returns true
  // when a cut fell inside the line, so the next round scans it again.
  bool ScanLine(std::string_view line, size_t base, std::vector<Cut>* cuts,
                std::vector<int>* hits) const;

  // Whether a folded line holds one of the segment rules' triggers (true
  // when some segment rule has none).
  bool MayHoldSegment(std::string_view line) const;

  static constexpr int kMaxRounds = 8;

  std::unique_ptr<ScopeRules> line_, segment_, lead_in_;
  bool segment_prefilter_ = false;
  std::vector<uint64_t> trigger_first_;          // bit set over the BMP: a trigger starts with cp
  absl::flat_hash_set<uint64_t> trigger_pairs_;  // (first << 32) | second
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_BOILERPLATE_STAGE_H_
