// Cleaner: the cleaning stages in order, built once from CleanOptions.
//
//   paragraph separators -> pinyin glosses -> image captions ->
//   boilerplate and copyright -> link lists -> paragraph reflow ->
//   repeated paragraphs -> layout
//
// Create() compiles every rule (built-in and from rule files) and fails there,
// naming the rule, if one is bad; Clean() cannot fail. Clean() is const and
// thread-safe: one Cleaner serves every worker thread. A Cleaner owns its
// compiled rules: `options` and the rule files are read only by Create().
#ifndef NEWSCLEAN_CLEANER_H_
#define NEWSCLEAN_CLEANER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "newsclean/document.h"
#include "newsclean/options.h"

namespace newsclean {

class Stage;

// One rule as --list-rules shows it.
struct RuleInfo {
  std::string name;
  std::string reason;
  std::string scope;   // "stage", "line", "segment" or "lead-in"
  std::string origin;  // "built-in" or "FILE:LINE"
  bool enabled = true;
};

class Cleaner {
 public:
  static absl::StatusOr<std::unique_ptr<Cleaner>> Create(const CleanOptions& options);
  ~Cleaner();

  // Cleans *doc in place. Sets doc->dropped to Reason::kEmpty when nothing is
  // left. Each stage is idempotent; the whole is idempotent on real text, but
  // not guaranteed on adversarial mixtures (README.md, "Layout").
  void Clean(Document* doc) const;

  // Every rule, built-in and from rule files, with whether it is enabled.
  const std::vector<RuleInfo>& rules() const { return rules_; }

 private:
  Cleaner() = default;
  std::vector<std::unique_ptr<Stage>> stages_;
  std::vector<RuleInfo> rules_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_CLEANER_H_
