#include "src/rule_prefilter.h"

#include <algorithm>
#include <functional>

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

}  // namespace

RulePrefilter::RulePrefilter() : filter_(kMinAtomLen) {}

RulePrefilter::~RulePrefilter() = default;

bool RulePrefilter::Add(std::string_view pattern, std::string* error) {
  RE2::Options options;
  options.set_log_errors(false);  // the caller reports bad patterns
  options.set_max_mem(64 << 20);
  int id = -1;
  if (filter_.Add(re2::StringPiece(pattern.data(), pattern.size()), options, &id) !=
      RE2::NoError) {
    RE2 bad(re2::StringPiece(pattern.data(), pattern.size()), options);
    *error = bad.error();
    return false;
  }
  all_.push_back(id);
  return true;
}

void RulePrefilter::Compile() {
  std::vector<std::string> atoms;
  if (size() > 0) filter_.Compile(&atoms);  // FilteredRE2 refuses to compile nothing
  const size_t num_atoms = atoms.size();
  scanner_ = std::make_unique<AtomScanner>(std::move(atoms));
  DeriveClauses(num_atoms);
}

void RulePrefilter::DeriveClauses(size_t num_atoms) {
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
  for (int r = 0; r < size(); ++r) {
    if (Has(unfiltered, r)) continue;
    // Each pass offers the atoms of the clause the previous one found first,
    // so that the false set takes some of them and the next clause differs.
    std::vector<int> order = all_atoms;
    for (int pass = 0; pass < kClausePasses; ++pass) {
      present.clear();
      grow(r, order.data(), order.size());
      std::vector<bool> false_set(num_atoms, false);
      for (int a : present) false_set[static_cast<size_t>(a)] = true;
      const size_t before = clauses_[static_cast<size_t>(r)].size();
      add_clause(r, false_set);
      if (clauses_[static_cast<size_t>(r)].size() == before) break;  // nothing new
      std::stable_partition(order.begin(), order.end(),
                            [&](int a) { return !false_set[static_cast<size_t>(a)]; });
    }
  }
}

void RulePrefilter::Candidates(std::string* line, std::vector<int>* ids) const {
  std::vector<int>& found = *ids;  // the atoms first, then the rules
  if (!scanner_->FoldAndScan(line, &found)) {
    *ids = all_;
    return;
  }
  constexpr size_t kInlineWords = 8;
  uint64_t inline_present[kInlineWords] = {};
  std::vector<uint64_t> heap_present;
  uint64_t* present = inline_present;
  if (words_ > kInlineWords) {
    heap_present.assign(words_, 0);
    present = heap_present.data();
  }
  for (int a : found) present[a >> 6] |= uint64_t{1} << (a & 63);
  ids->clear();
  for (int r = 0; r < size(); ++r) {
    bool possible = true;
    for (const AtomSet& clause : clauses_[static_cast<size_t>(r)]) {
      bool hit = false;
      for (size_t w = 0; w < words_ && !hit; ++w) hit = (clause[w] & present[w]) != 0;
      if (!hit) {
        possible = false;
        break;
      }
    }
    if (possible) ids->push_back(r);
  }
}

}  // namespace newsclean
