// RulePrefilter: which of a set of RE2 rules can match a line, decided from
// the literal strings in it, without running the rules.
//
// Each rule comes with its clauses (src/clean/rule_clauses.h: sets of atoms of
// which a line must hold one), given for the built-in rules, which derived
// them at build time, and derived at Compile() for the others. Per line this
// is one AtomScanner pass and a few bit-set tests; the filter never hides a
// match, it may let a few extra rules through.
//
// A rule given with its clauses is compiled on first use (most rules never
// meet a line they could match in a small input, and RE2 compiles a pattern
// with large Unicode classes slowly); a rule added without them is compiled
// when added, so that a bad pattern is reported at once.
//
// Thread-safe after Compile().
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_PREFILTER_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_PREFILTER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "re2/re2.h"
#include "src/clean/atom_scanner.h"
#include "src/clean/rule_clauses.h"

namespace newsclean {

class RulePrefilter {
 public:
  RulePrefilter();
  ~RulePrefilter();

  // Adds a rule (RE2 syntax, default options, 64 MiB of DFA memory), compiled
  // now, its clauses derived at Compile(); its id is the number of rules added
  // before it. Returns false, with RE2's message in *error, for a bad pattern.
  bool Add(std::string_view pattern, std::string* error);
  // Adds a rule whose pattern is known to compile, with its clauses; it is
  // compiled on first use.
  void Add(std::string_view pattern, RuleClauses clauses);

  // Prepares the filter; call once, after the last Add.
  void Compile();

  // Folds valid UTF-8 *line to simplified in place, then sets *ids to the rules
  // that may match it, ascending (every rule when the line holds a non-ASCII
  // character with case: see AtomScanner).
  void Candidates(std::string* line, std::vector<int>* ids) const;
  // Candidates, and in the same pass the matching view of the line as it was
  // (AtomScanner::FoldScanAndView).
  void CandidatesAndView(std::string* line, std::vector<int>* ids, std::vector<char32_t>* view,
                         size_t* view_end) const;

  // Rule `id`, compiled (on first use for a rule added with its clauses).
  const RE2& rule(int id) const;
  // Rule `id`'s pattern, as added.
  const std::string& pattern(int id) const { return patterns_[static_cast<size_t>(id)]; }
  int size() const { return static_cast<int>(patterns_.size()); }

 private:
  // A set of atoms as bits.
  using AtomSet = std::vector<uint64_t>;

  // Replaces the atoms found in a line (*ids) with the rules that may match it.
  void RulesOfAtoms(std::vector<int>* ids) const;
  // Fills key_rules_ and unkeyed_ from the clauses.
  void IndexKeyClauses(size_t num_atoms);

  std::vector<std::string> patterns_;              // by rule
  std::vector<RuleClauses> given_;                 // by rule, until Compile()
  std::vector<bool> has_clauses_;                  // by rule: given with its clauses
  mutable std::vector<std::unique_ptr<RE2>> res_;  // by rule; set once, under once_
  mutable std::deque<std::once_flag> once_;        // by rule
  std::unique_ptr<AtomScanner> scanner_;
  std::vector<std::vector<AtomSet>> clauses_;  // by rule; none: the rule always runs
  std::vector<std::vector<int>> key_rules_;    // by atom: rules with it in their key clause
  std::vector<int> unkeyed_;                   // rules without clauses
  std::vector<std::vector<std::vector<int>>>
      other_clauses_;              // by rule: clauses but the key, as atoms
  std::vector<bool> single_char_;  // by atom: one character long
  std::vector<int> all_;           // 0 .. size() - 1
  size_t words_ = 0;               // uint64 words in an AtomSet
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_PREFILTER_H_
