#include "src/clean/rule_set.h"

#include "absl/strings/str_cat.h"
#include "src/io/input_stream.h"
#include "src/text/strings.h"

namespace newsclean {
namespace {

// Reasons that only newsclean's own mechanisms give (dropped documents,
// reflow, repeats): a rule file cannot use them.
bool IsRuleReason(Reason reason) {
  switch (reason) {
    case Reason::kEmpty:
    case Reason::kMalformedRecord:
    case Reason::kReflow:
    case Reason::kExactDuplicate:
    case Reason::kNearDuplicate:
    case Reason::kContainedDuplicate:
    case Reason::kRepeatedParagraph:
    case Reason::kRepeatedAcrossDocuments:
      return false;
    default:
      return true;
  }
}

bool IsValidRuleName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

namespace {

std::string_view StripAscii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

absl::StatusOr<std::vector<RuleSpec>> ParseRuleFile(std::string_view contents,
                                                    std::string_view path) {
  std::vector<RuleSpec> rules;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < contents.size()) {
    size_t nl = contents.find('\n', pos);
    if (nl == std::string_view::npos) nl = contents.size();
    std::string_view line = StripAscii(contents.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    auto where = [&] { return absl::StrCat(AV(path), ":", line_no, ": "); };
    // Three whitespace-separated fields, then the pattern (which may hold spaces).
    std::vector<std::string_view> parts;
    std::string_view rest = line;
    for (int k = 0; k < 3; ++k) {
      rest = StripAscii(rest);
      size_t sp = rest.find_first_of(" \t");
      if (sp == std::string_view::npos) break;
      parts.push_back(rest.substr(0, sp));
      rest = rest.substr(sp);
    }
    rest = StripAscii(rest);
    if (parts.size() != 3 || rest.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "expected 'SCOPE NAME REASON PATTERN'"));
    }
    RuleSpec spec;
    if (parts[0] == "line") {
      spec.scope = RuleScope::kLine;
    } else if (parts[0] == "segment") {
      spec.scope = RuleScope::kSegment;
    } else if (parts[0] == "lead-in") {
      spec.scope = RuleScope::kLeadIn;
    } else if (parts[0] == "block") {
      spec.scope = RuleScope::kBlock;
    } else if (parts[0] == "line-next") {
      spec.scope = RuleScope::kLineNext;
    } else if (parts[0] == "tail") {
      spec.scope = RuleScope::kTail;
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "unknown scope '", AV(parts[0]),
                       "' (expected line, segment, lead-in, block, line-next or tail)"));
    }
    if (!IsValidRuleName(parts[1])) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "rule name '", AV(parts[1]), "' must be [a-z0-9-]+"));
    }
    spec.name = std::string(parts[1]);
    std::optional<Reason> reason = ParseReason(parts[2]);
    if (!reason) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "unknown reason '", AV(parts[2]),
                       "' (README.md, \"Rule files\", lists the reasons)"));
    }
    if (!IsRuleReason(*reason)) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "reason '", AV(parts[2]),
                       "' is not a rule's: it is given by newsclean itself, not by rules"));
    }
    spec.reason = *reason;
    spec.pattern = std::string(rest);
    spec.origin = absl::StrCat(AV(path), ":", line_no);
    rules.push_back(std::move(spec));
  }
  return rules;
}

absl::StatusOr<std::vector<RuleSpec>> ReadRuleFile(const std::string& path) {
  absl::StatusOr<std::string> contents = ReadFileContents(path);
  if (!contents.ok()) return contents.status();
  return ParseRuleFile(*contents, path);
}

}  // namespace newsclean
