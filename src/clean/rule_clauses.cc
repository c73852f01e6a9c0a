#include "src/clean/rule_clauses.h"

#include <algorithm>
#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "re2/filtered_re2.h"
#include "re2/re2.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

// Every atom, however short, is kept: a one-character atom still rules out
// most lines.
constexpr int kMinAtomLen = 1;

// Greedy passes per rule, each of which may find one more clause.
constexpr int kClausePasses = 6;

bool Has(const std::vector<int>& sorted, int id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

// True if every character of `atom` occurs in `pattern` (both lowercased):
// the atoms RE2 derives from a pattern are made of its literal characters,
// and of characters its small classes list. A class given as a range is not
// covered, which is why DeriveRuleClauses checks what this guess gives.
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

RE2::Options RuleRe2Options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return options;
}

std::vector<RuleClauses> DeriveRuleClauses(const std::vector<std::string>& patterns) {
  std::vector<RuleClauses> out(patterns.size());
  if (patterns.empty()) return out;  // FilteredRE2 refuses to compile nothing
  re2::FilteredRE2 filter(kMinAtomLen);
  const RE2::Options options = RuleRe2Options();
  // The characters of \s and \d, which RE2 may expand into atoms, count as
  // written in every pattern.
  std::vector<std::string> lowered;
  for (const std::string& p : patterns) {
    int id = -1;
    if (filter.Add(re2::StringPiece(p.data(), p.size()), options, &id) != RE2::NoError) {
      return {};  // the caller compiled every pattern first
    }
    lowered.push_back(absl::StrCat(absl::AsciiStrToLower(p), " \t\n\r\f\v0123456789\u00A0\u3000"));
  }
  std::vector<std::string> atoms;
  filter.Compile(&atoms);

  const size_t num_atoms = atoms.size();
  const size_t words = (num_atoms + 63) / 64;
  const int size = static_cast<int>(patterns.size());
  using AtomSet = std::vector<uint64_t>;
  std::vector<std::vector<AtomSet>> clauses(patterns.size());
  // Which rules FilteredRE2 lets through when exactly the atoms in `present`
  // occur (sorted).
  auto potentials = [&](const std::vector<int>& present) {
    std::vector<int> ids;
    filter.AllPotentials(present, &ids);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  const std::vector<int> unfiltered = potentials({});
  auto add_clause = [&](int rule, const std::vector<bool>& in_false_set) {
    AtomSet clause(words, 0);
    for (size_t a = 0; a < num_atoms; ++a) {
      if (!in_false_set[a]) clause[a >> 6] |= uint64_t{1} << (a & 63);
    }
    auto& list = clauses[static_cast<size_t>(rule)];
    if (std::find(list.begin(), list.end(), clause) == list.end()) list.push_back(clause);
  };
  // An atom without which a rule cannot match is a clause by itself.
  std::vector<int> all_atoms(num_atoms);
  for (size_t a = 0; a < num_atoms; ++a) all_atoms[a] = static_cast<int>(a);
  for (size_t a = 0; a < num_atoms; ++a) {
    std::vector<int> without = all_atoms;
    without.erase(without.begin() + static_cast<long>(a));
    const std::vector<int> through = potentials(without);
    for (int r = 0; r < size; ++r) {
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
    // Atoms the rule cannot match without (clauses of one atom, found above)
    // go first: growing takes them in early, so that the passes find the
    // rule's other clauses ("字号" or "字体" in a rule that also needs "大")
    // instead of one of those again, which would end the passes.
    std::vector<bool> required(num_atoms, false);
    for (const AtomSet& clause : clauses[static_cast<size_t>(r)]) {
      size_t count = 0, atom = 0;
      for (size_t w = 0; w < words; ++w) {
        count += static_cast<size_t>(__builtin_popcountll(clause[w]));
        if (clause[w] != 0) atom = w * 64 + static_cast<size_t>(__builtin_ctzll(clause[w]));
      }
      if (count == 1) required[atom] = true;
    }
    std::stable_partition(order.begin(), order.end(),
                          [&](int a) { return required[static_cast<size_t>(a)]; });
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
      const size_t before = clauses[static_cast<size_t>(r)].size();
      std::vector<bool> clause_false(num_atoms, true);
      for (int a : order) clause_false[static_cast<size_t>(a)] = false_set[static_cast<size_t>(a)];
      add_clause(r, clause_false);
      if (clauses[static_cast<size_t>(r)].size() == before) break;  // nothing new
      std::stable_partition(order.begin(), order.end(),
                            [&](int a) { return !false_set[static_cast<size_t>(a)]; });
    }
    return true;
  };
  for (int r = 0; r < size; ++r) {
    if (Has(unfiltered, r)) continue;
    std::vector<int> own;
    for (size_t a = 0; a < num_atoms; ++a) {
      if (AtomFitsPattern(atoms[a], lowered[static_cast<size_t>(r)])) {
        own.push_back(static_cast<int>(a));
      }
    }
    const size_t kept = clauses[static_cast<size_t>(r)].size();
    if (derive(r, own)) continue;
    clauses[static_cast<size_t>(r)].resize(kept);  // the guess missed an atom
    derive(r, all_atoms);
  }

  // As lists of atom strings, each sorted, for a table that does not depend on
  // the order of the atoms.
  for (size_t r = 0; r < clauses.size(); ++r) {
    for (const AtomSet& set : clauses[r]) {
      std::vector<std::string> clause;
      for (size_t a = 0; a < num_atoms; ++a) {
        if ((set[a >> 6] >> (a & 63)) & 1) clause.push_back(atoms[a]);
      }
      std::sort(clause.begin(), clause.end());
      out[r].push_back(std::move(clause));
    }
  }
  return out;
}

}  // namespace newsclean
