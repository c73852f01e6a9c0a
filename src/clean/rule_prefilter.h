// RulePrefilter: which of a set of RE2 rules can match a line, decided from
// the literal strings in it, without running the rules.
//
// re2::FilteredRE2 derives from each rule the literals ("atoms") a match must
// contain, combined by AND and OR. Evaluating that tree per line costs about
// half a microsecond (RE2 allocates as it propagates), so at start-up each
// rule's condition is turned into clauses: sets of atoms of which a line must
// hold at least one. A clause is the complement of a set of atoms for which
// FilteredRE2 says the rule cannot match, so every clause follows from RE2's
// own condition: a rule whose clauses all hold may match; one with a failed
// clause cannot (the filter never hides a match, it may let a few extra rules
// through). Per line this is one AtomScanner pass and a few bit-set tests.
//
// Thread-safe after Compile().
#ifndef NEWSCLEAN_SRC_CLEAN_RULE_PREFILTER_H_
#define NEWSCLEAN_SRC_CLEAN_RULE_PREFILTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "re2/filtered_re2.h"
#include "re2/re2.h"
#include "src/clean/atom_scanner.h"

namespace newsclean {

class RulePrefilter {
 public:
  RulePrefilter();
  ~RulePrefilter();

  // Adds a rule (RE2 syntax, default options, 64 MiB of DFA memory); its id is
  // the number of rules added before it. Returns false, with RE2's message in
  // *error, for a bad pattern.
  bool Add(std::string_view pattern, std::string* error);

  // Prepares the filter; call once, after the last Add.
  void Compile();

  // Folds valid UTF-8 *line to simplified in place, then sets *ids to the rules
  // that may match it, ascending (every rule when the line holds a non-ASCII
  // character with case: see AtomScanner).
  void Candidates(std::string* line, std::vector<int>* ids) const;

  const RE2& rule(int id) const { return filter_.GetRE2(id); }
  int size() const { return filter_.NumRegexps(); }

 private:
  // A set of atoms as bits.
  using AtomSet = std::vector<uint64_t>;

  // Derives clauses for every rule from FilteredRE2's answers about `atoms`.
  void DeriveClauses(const std::vector<std::string>& atoms);
  // Fills key_rules_ and unkeyed_ from the clauses.
  void IndexKeyClauses(size_t num_atoms);

  re2::FilteredRE2 filter_;
  std::unique_ptr<AtomScanner> scanner_;
  std::vector<std::vector<AtomSet>> clauses_;  // by rule; none: the rule always runs
  std::vector<std::vector<int>> key_rules_;    // by atom: rules with it in their key clause
  std::vector<int> unkeyed_;                   // rules without clauses
  std::vector<std::vector<std::vector<int>>>
      other_clauses_;                  // by rule: clauses but the key, as atoms
  std::vector<bool> single_char_;      // by atom: one character long
  std::vector<int> all_;               // 0 .. size() - 1
  std::vector<std::string> patterns_;  // by rule, ASCII lowercased
  size_t words_ = 0;                   // uint64 words in an AtomSet
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CLEAN_RULE_PREFILTER_H_
