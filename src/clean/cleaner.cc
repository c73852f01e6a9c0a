#include "newsclean/cleaner.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "src/clean/boilerplate_stage.h"
#include "src/clean/caption_stage.h"
#include "src/clean/layout_stage.h"
#include "src/clean/link_list_stage.h"
#include "src/clean/paragraph_join_stage.h"
#include "src/clean/pinyin_gloss_stage.h"
#include "src/clean/repeated_paragraph_stage.h"
#include "src/clean/rule_set.h"
#include "src/clean/separator_stage.h"
#include "src/clean/stage.h"

namespace newsclean {
namespace {

std::string_view ScopeName(RuleScope scope) {
  switch (scope) {
    case RuleScope::kLine:
      return "line";
    case RuleScope::kSegment:
      return "segment";
    case RuleScope::kLeadIn:
      return "lead-in";
    case RuleScope::kBlock:
      return "block";
    case RuleScope::kLineNext:
      return "line-next";
    case RuleScope::kTail:
      return "tail";
  }
  return "line";
}

// The one list of rules that stages apply (the rule pack's rules are named in
// builtin_rules.cc and in rule files). Cleaner::Create builds each stage only
// when one of its rules is enabled.
struct StageRule {
  const char* name;
  Reason reason;
};
constexpr StageRule kStageRules[] = {
    {"pinyin-gloss", Reason::kPinyinGloss},
    {"romanized-label", Reason::kRomanizedLabel},
    {"image-caption", Reason::kImageCaption},
    {"link-list", Reason::kRelatedLinks},
    {"reflow", Reason::kReflow},
    {"repeated-paragraph", Reason::kRepeatedParagraph},
    {"near-duplicate-paragraph", Reason::kRepeatedParagraph},
};

}  // namespace

Cleaner::~Cleaner() = default;

absl::StatusOr<std::unique_ptr<Cleaner>> Cleaner::Create(const CleanOptions& options) {
  std::unique_ptr<Cleaner> cleaner(new Cleaner());
  absl::flat_hash_set<std::string> disabled(options.disabled_rules.begin(),
                                            options.disabled_rules.end());

  std::vector<RuleSpec> specs = BuiltinRules();
  for (const std::string& path : options.rule_files) {
    absl::StatusOr<std::vector<RuleSpec>> user = ReadRuleFile(path);
    if (!user.ok()) return user.status();
    for (RuleSpec& spec : *user) specs.push_back(std::move(spec));
  }
  for (size_t i = 0; i < options.rule_texts.size(); ++i) {
    absl::StatusOr<std::vector<RuleSpec>> user =
        ParseRuleFile(options.rule_texts[i], absl::StrCat("rule_texts[", i, "]"));
    if (!user.ok()) return WithOption(user.status(), "rule_texts");
    for (RuleSpec& spec : *user) specs.push_back(std::move(spec));
  }

  absl::flat_hash_set<std::string> known;
  for (const StageRule& r : kStageRules) {
    known.insert(r.name);
    cleaner->rules_.push_back(RuleInfo{r.name, std::string(ReasonName(r.reason)), "stage",
                                       "built-in", !disabled.contains(r.name)});
  }
  std::vector<RuleSpec> enabled_specs;
  for (RuleSpec& spec : specs) {
    if (!known.insert(spec.name).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(spec.origin, ": rule name '", spec.name, "' is already taken"));
    }
    bool enabled = !disabled.contains(spec.name);
    cleaner->rules_.push_back(RuleInfo{spec.name, std::string(ReasonName(spec.reason)),
                                       std::string(ScopeName(spec.scope)), spec.origin, enabled});
    if (enabled) enabled_specs.push_back(std::move(spec));
  }
  for (const std::string& name : options.disabled_rules) {
    if (!known.contains(name)) {
      return WithOption(absl::NotFoundError(absl::StrCat("no rule named '", name, "' to disable")),
                        "disabled_rules");
    }
  }

  auto on = [&](const char* name) { return !disabled.contains(name); };
  cleaner->stages_.push_back(std::make_unique<SeparatorStage>());
  if (on("pinyin-gloss") || on("romanized-label")) {
    cleaner->stages_.push_back(
        std::make_unique<PinyinGlossStage>(on("pinyin-gloss"), on("romanized-label")));
  }
  if (on("image-caption")) {
    cleaner->stages_.push_back(std::make_unique<CaptionStage>(options.caption_max_chars));
  }
  absl::StatusOr<std::unique_ptr<BoilerplateStage>> boilerplate = BoilerplateStage::Create(
      std::move(enabled_specs),
      /*leave_line_views=*/on("repeated-paragraph") || on("near-duplicate-paragraph"));
  if (!boilerplate.ok()) return boilerplate.status();
  cleaner->stages_.push_back(std::move(*boilerplate));
  if (on("link-list")) cleaner->stages_.push_back(std::make_unique<LinkListStage>());
  if (on("reflow")) cleaner->stages_.push_back(std::make_unique<ParagraphJoinStage>());
  if (on("repeated-paragraph") || on("near-duplicate-paragraph")) {
    cleaner->stages_.push_back(std::make_unique<RepeatedParagraphStage>(
        on("repeated-paragraph") ? options.repeated_paragraph_min_chars : SIZE_MAX,
        on("near-duplicate-paragraph"), options.near_paragraph_threshold,
        options.near_paragraph_min_chars, options.near_paragraph_ngram));
  }
  cleaner->stages_.push_back(std::make_unique<LayoutStage>());
  return cleaner;
}

void Cleaner::Clean(Document* doc) const {
  for (const auto& stage : stages_) stage->Process(doc);
  if (doc->text().empty()) doc->dropped = Reason::kEmpty;
}

}  // namespace newsclean
