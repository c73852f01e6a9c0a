#include "src/clean/rule_prefilter.h"

#include <algorithm>
#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

// Every atom, however short, is kept: a one-character atom still rules out
// most lines.
constexpr int kMinAtomLen = 1;

// Greedy passes per rule, each of which may find one more clause.
constexpr int kClausePasses = 6;

// How many longer atoms a one-character atom counts for when choosing a
// rule's key clause.
constexpr size_t kSingleCharWeight = 16;

bool Has(const std::vector<int>& sorted, int id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

// True if every character of `atom` occurs in `pattern` (both lowercased):
// the atoms RE2 derives from a pattern are made of its literal characters,
// and of characters its small classes list. A class given as a range is not
// covered, which is why DeriveClauses checks what this guess gives.
bool AtomFitsPattern(std::string_view atom, std::string_view pattern) {
  size_t i = 0;
  while (i < atom.size()) {
    const size_t len = Utf8SequenceLength(static_cast<unsigned char>(atom[i]));
    if (pattern.find(atom.substr(i, len)) == std::string_view::npos) return false;
    i += len;
  }
  return true;
}

}  // namespace

RulePrefilter::RulePrefilter() : filter_(kMinAtomLen) {}

RulePrefilter::~RulePrefilter() = default;

bool RulePrefilter::Add(std::string_view pattern, std::string* error) {
  RE2::Options options;
  options.set_log_errors(false);  // the caller reports bad patterns
  options.set_max_mem(64 << 20);
  int id = -1;
  if (filter_.Add(re2::StringPiece(pattern.data(), pattern.size()), options, &id) != RE2::NoError) {
    RE2 bad(re2::StringPiece(pattern.data(), pattern.size()), options);
    *error = bad.error();
    return false;
  }
  all_.push_back(id);
  // The characters of \s and \d, which RE2 may expand into atoms, count as
  // written in every pattern.
  patterns_.push_back(absl::StrCat(absl::AsciiStrToLower(std::string(pattern)),
                                   " \t\n\r\f\v0123456789\u00A0\u3000"));
  return true;
}

void RulePrefilter::Compile() {
  std::vector<std::string> atoms;
  if (size() > 0) filter_.Compile(&atoms);  // FilteredRE2 refuses to compile nothing
  DeriveClauses(atoms);
  single_char_.assign(atoms.size(), false);
  for (size_t a = 0; a < atoms.size(); ++a) {
    single_char_[a] =
        atoms[a].empty() ||
        atoms[a].size() == Utf8SequenceLength(static_cast<unsigned char>(atoms[a][0]));
  }
  IndexKeyClauses(atoms.size());
  scanner_ = std::make_unique<AtomScanner>(std::move(atoms));
}

void RulePrefilter::IndexKeyClauses(size_t num_atoms) {
  key_rules_.assign(num_atoms, {});
  other_clauses_.assign(static_cast<size_t>(size()), {});
  unkeyed_.clear();
  for (int r = 0; r < size(); ++r) {
    const auto& clauses = clauses_[static_cast<size_t>(r)];
    if (clauses.empty()) {
      unkeyed_.push_back(r);
      continue;
    }
    // The clause least likely to hold on a line: fewest atoms, a single
    // character weighing as much as many longer atoms (it is far more common).
    size_t best = 0, best_count = SIZE_MAX;
    for (size_t c = 0; c < clauses.size(); ++c) {
      size_t count = 0;
      for (size_t a = 0; a < num_atoms; ++a) {
        if ((clauses[c][a >> 6] >> (a & 63)) & 1) count += single_char_[a] ? kSingleCharWeight : 1;
      }
      if (count < best_count) {
        best = c;
        best_count = count;
      }
    }
    for (size_t a = 0; a < num_atoms; ++a) {
      if ((clauses[best][a >> 6] >> (a & 63)) & 1) key_rules_[a].push_back(r);
    }
    // The other clauses as lists of atoms, shortest first: a few bit tests
    // each, and the likeliest to fail comes first.
    auto& others = other_clauses_[static_cast<size_t>(r)];
    for (size_t c = 0; c < clauses.size(); ++c) {
      if (c == best) continue;
      std::vector<int> atoms;
      for (size_t a = 0; a < num_atoms; ++a) {
        if ((clauses[c][a >> 6] >> (a & 63)) & 1) atoms.push_back(static_cast<int>(a));
      }
      others.push_back(std::move(atoms));
    }
    std::sort(
        others.begin(), others.end(),
        [](const std::vector<int>& x, const std::vector<int>& y) { return x.size() < y.size(); });
  }
}

void RulePrefilter::DeriveClauses(const std::vector<std::string>& atoms) {
  const size_t num_atoms = atoms.size();
  words_ = (num_atoms + 63) / 64;
  clauses_.assign(static_cast<size_t>(size()), {});
  if (size() == 0) return;
  // Which rules FilteredRE2 lets through when exactly the atoms in `present`
  // occur (sorted).
  auto potentials = [&](const std::vector<int>& present) {
    std::vector<int> ids;
    filter_.AllPotentials(present, &ids);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  const std::vector<int> unfiltered = potentials({});
  auto add_clause = [&](int rule, const std::vector<bool>& in_false_set) {
    AtomSet clause(words_, 0);
    for (size_t a = 0; a < num_atoms; ++a) {
      if (!in_false_set[a]) clause[a >> 6] |= uint64_t{1} << (a & 63);
    }
    auto& list = clauses_[static_cast<size_t>(rule)];
    if (std::find(list.begin(), list.end(), clause) == list.end()) list.push_back(clause);
  };
  // An atom without which a rule cannot match is a clause by itself.
  std::vector<int> all_atoms(num_atoms);
  for (size_t a = 0; a < num_atoms; ++a) all_atoms[a] = static_cast<int>(a);
  for (size_t a = 0; a < num_atoms; ++a) {
    std::vector<int> without = all_atoms;
    without.erase(without.begin() + static_cast<long>(a));
    const std::vector<int> through = potentials(without);
    for (int r = 0; r < size(); ++r) {
      if (Has(unfiltered, r) || Has(through, r)) continue;
      std::vector<bool> false_set(num_atoms, true);
      false_set[a] = false;
      add_clause(r, false_set);
    }
  }
  // For each rule, maximal sets of atoms that still rule it out, grown
  // greedily; their complements are clauses (each usually one of the
  // condition's AND, an OR of atoms). Growing adds a run of atoms at once when
  // the rule stays ruled out and halves it when not, so the cost follows the
  // few atoms that matter to the rule.
  //
  // Growing offers only the atoms that can belong to the rule (every character
  // of the atom occurs in its pattern, lowercased), without the rest: calls on
  // a few atoms are cheap where calls on all of them are not. That guess is
  // checked: each clause must still rule the rule out when every other atom
  // is present; if one does not, the rule's clauses are derived again from all
  // the atoms.
  std::vector<int> present;
  std::function<void(int, const int*, size_t)> grow = [&](int r, const int* run, size_t n) {
    std::vector<int> trial = present;
    trial.insert(trial.end(), run, run + n);
    std::sort(trial.begin(), trial.end());
    if (!Has(potentials(trial), r)) {
      present = std::move(trial);
      return;
    }
    if (n == 1) return;
    grow(r, run, n / 2);
    grow(r, run + n / 2, n - n / 2);
  };
  // Adds clauses of rule r grown from the atoms in `order`; false if one failed
  // the check.
  auto derive = [&](int r, std::vector<int> order) {
    std::vector<bool> offered(num_atoms, false);
    for (int a : order) offered[static_cast<size_t>(a)] = true;
    for (int pass = 0; pass < kClausePasses; ++pass) {
      present.clear();
      grow(r, order.data(), order.size());
      std::vector<bool> false_set(num_atoms, false);
      for (int a : present) false_set[static_cast<size_t>(a)] = true;
      // The clause: offered atoms outside the false set. Check it against
      // every atom outside the clause.
      std::vector<int> others;
      for (size_t a = 0; a < num_atoms; ++a) {
        if (!offered[a] || false_set[a]) others.push_back(static_cast<int>(a));
      }
      if (Has(potentials(others), r)) return false;
      const size_t before = clauses_[static_cast<size_t>(r)].size();
      std::vector<bool> clause_false(num_atoms, true);
      for (int a : order) clause_false[static_cast<size_t>(a)] = false_set[static_cast<size_t>(a)];
      add_clause(r, clause_false);
      if (clauses_[static_cast<size_t>(r)].size() == before) break;  // nothing new
      std::stable_partition(order.begin(), order.end(),
                            [&](int a) { return !false_set[static_cast<size_t>(a)]; });
    }
    return true;
  };
  for (int r = 0; r < size(); ++r) {
    if (Has(unfiltered, r)) continue;
    std::vector<int> own;
    for (size_t a = 0; a < num_atoms; ++a) {
      if (AtomFitsPattern(atoms[a], patterns_[static_cast<size_t>(r)])) {
        own.push_back(static_cast<int>(a));
      }
    }
    const size_t kept = clauses_[static_cast<size_t>(r)].size();
    if (derive(r, own)) continue;
    clauses_[static_cast<size_t>(r)].resize(kept);  // the guess missed an atom
    derive(r, all_atoms);
  }
}

void RulePrefilter::Candidates(std::string* line, std::vector<int>* ids) const {
  std::vector<int>& found = *ids;  // the atoms first, then the rules
  if (!scanner_->FoldAndScan(line, &found)) {
    *ids = all_;
    return;
  }
  constexpr size_t kInlineWords = 16;
  uint64_t inline_present[kInlineWords] = {};
  std::vector<uint64_t> heap_present;
  uint64_t* present = inline_present;
  if (words_ > kInlineWords) {
    heap_present.assign(words_, 0);
    present = heap_present.data();
  }
  // A rule is worth a look only if an atom of its key clause is present: the
  // atoms found point at those rules, so most rules are never visited.
  constexpr size_t kInlineRules = 512;
  uint8_t inline_marked[kInlineRules] = {};
  std::vector<uint8_t> heap_marked;
  uint8_t* marked = inline_marked;
  if (static_cast<size_t>(size()) > kInlineRules) {
    heap_marked.assign(static_cast<size_t>(size()), 0);
    marked = heap_marked.data();
  }
  for (int a : found) {
    present[a >> 6] |= uint64_t{1} << (a & 63);
    for (int r : key_rules_[static_cast<size_t>(a)]) marked[r] = 1;
  }
  for (int r : unkeyed_) marked[r] = 1;
  ids->clear();
  auto has = [&](int a) { return (present[a >> 6] >> (a & 63)) & 1; };
  for (int r = 0; r < size(); ++r) {
    if (!marked[r]) continue;  // its key clause holds for the marked ones
    bool possible = true;
    for (const std::vector<int>& clause : other_clauses_[static_cast<size_t>(r)]) {
      if (std::none_of(clause.begin(), clause.end(), has)) {
        possible = false;
        break;
      }
    }
    if (possible) ids->push_back(r);
  }
}

}  // namespace newsclean
