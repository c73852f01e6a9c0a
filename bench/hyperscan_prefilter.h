// HyperscanPrefilter: which of a set of RE2 rules can match a line, from one
// Hyperscan scan of the line against every rule at once.
//
// A reference for the benchmarks, not part of the library: measured against
// the atom prefilter (src/clean/rule_prefilter.h) on the built-in rules it was
// several times slower (bench/RESULTS.md, 2026-12-02), so the library keeps
// the atom prefilter and does not depend on Hyperscan.
//
// Each rule is compiled twice: with RE2, which decides matches and captures,
// and into one Hyperscan database in prefilter mode (HS_FLAG_PREFILTER: a
// pattern Hyperscan may relax, so that it reports every line RE2 would match
// and perhaps a few more), UTF-8, one report per rule. A scan costs about the
// same for 10 rules or 500, where the atom prefilter (rule_prefilter.h) grows
// with the atoms. Rules Hyperscan cannot compile, even relaxed, run on every
// line (unfiltered()).
//
// Hyperscan compares ASCII letters without case under (?i) but not other
// letters; RE2 folds every letter. A line holding a non-ASCII character with
// case ('Ａ', 'é', Greek) therefore gets every rule, as in the atom
// prefilter, so the filter never hides a match.
//
// Thread-safe after Compile(): each thread scans with scratch space of its own.
#ifndef NEWSCLEAN_BENCH_HYPERSCAN_PREFILTER_H_
#define NEWSCLEAN_BENCH_HYPERSCAN_PREFILTER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "re2/re2.h"
#include "src/clean/atom_scanner.h"

struct hs_database;

namespace newsclean {

class HyperscanPrefilter {
 public:
  HyperscanPrefilter();
  ~HyperscanPrefilter();
  HyperscanPrefilter(const HyperscanPrefilter&) = delete;
  HyperscanPrefilter& operator=(const HyperscanPrefilter&) = delete;

  // Adds a rule (RE2 syntax, default options, 64 MiB of DFA memory); its id is
  // the number of rules added before it. Returns false, with RE2's message in
  // *error, for a bad pattern.
  bool Add(std::string_view pattern, std::string* error);

  // Builds the Hyperscan database; call once, after the last Add.
  void Compile();

  // Folds valid UTF-8 *line to simplified in place, then sets *ids to the rules
  // that may match it, ascending.
  void Candidates(std::string* line, std::vector<int>* ids) const;

  const RE2& rule(int id) const { return *rules_[static_cast<size_t>(id)]; }
  int size() const { return static_cast<int>(rules_.size()); }
  // Rules Hyperscan could not compile: candidates for every line.
  const std::vector<int>& unfiltered() const { return unfiltered_; }

 private:
  std::vector<std::unique_ptr<RE2>> rules_;
  std::vector<std::string> patterns_;
  hs_database* db_ = nullptr;
  std::vector<int> unfiltered_;
  std::vector<int> all_;
  AtomScanner folder_;  // no atoms: folds, and says whether a letter has case
};

}  // namespace newsclean

#endif  // NEWSCLEAN_BENCH_HYPERSCAN_PREFILTER_H_
