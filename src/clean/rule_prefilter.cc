#include "src/clean/rule_prefilter.h"

#include <algorithm>
#include <map>

#include "src/text/utf8.h"

namespace newsclean {
namespace {

// How many longer atoms a one-character atom counts for when choosing a
// rule's key clause.
constexpr size_t kSingleCharWeight = 16;

}  // namespace

RulePrefilter::RulePrefilter() = default;

RulePrefilter::~RulePrefilter() = default;

bool RulePrefilter::Add(std::string_view pattern, std::string* error) {
  auto re =
      std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), RuleRe2Options());
  if (!re->ok()) {
    *error = re->error();
    return false;
  }
  patterns_.emplace_back(pattern);
  given_.emplace_back();
  has_clauses_.push_back(false);
  res_.push_back(std::move(re));
  once_.emplace_back();
  all_.push_back(size() - 1);
  return true;
}

void RulePrefilter::Add(std::string_view pattern, RuleClauses clauses) {
  patterns_.emplace_back(pattern);
  given_.push_back(std::move(clauses));
  has_clauses_.push_back(true);
  res_.push_back(nullptr);
  once_.emplace_back();
  all_.push_back(size() - 1);
}

const RE2& RulePrefilter::rule(int id) const {
  const size_t r = static_cast<size_t>(id);
  std::call_once(once_[r], [&] {
    if (res_[r] == nullptr) res_[r] = std::make_unique<RE2>(patterns_[r], RuleRe2Options());
  });
  return *res_[r];
}

void RulePrefilter::Compile() {
  // The clauses of the rules added without them.
  std::vector<std::string> derive;
  std::vector<size_t> derived_for;
  for (size_t r = 0; r < patterns_.size(); ++r) {
    if (has_clauses_[r]) continue;
    derive.push_back(patterns_[r]);
    derived_for.push_back(r);
  }
  std::vector<RuleClauses> derived = DeriveRuleClauses(derive);
  for (size_t k = 0; k < derived.size(); ++k) given_[derived_for[k]] = std::move(derived[k]);
  // One numbering of every atom of every clause.
  std::map<std::string, int> atom_ids;
  for (const RuleClauses& rule : given_) {
    for (const std::vector<std::string>& clause : rule) {
      for (const std::string& atom : clause) atom_ids.emplace(atom, 0);
    }
  }
  std::vector<std::string> atoms;
  for (auto& [atom, id] : atom_ids) {
    id = static_cast<int>(atoms.size());
    atoms.push_back(atom);
  }
  words_ = (atoms.size() + 63) / 64;
  clauses_.assign(patterns_.size(), {});
  for (size_t r = 0; r < patterns_.size(); ++r) {
    for (const std::vector<std::string>& clause : given_[r]) {
      AtomSet set(words_, 0);
      for (const std::string& atom : clause) {
        const int a = atom_ids[atom];
        set[static_cast<size_t>(a) >> 6] |= uint64_t{1} << (a & 63);
      }
      clauses_[r].push_back(std::move(set));
    }
  }
  given_.clear();
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

void RulePrefilter::Candidates(std::string* line, std::vector<int>* ids) const {
  if (!scanner_->FoldAndScan(line, ids)) {
    *ids = all_;
    return;
  }
  RulesOfAtoms(ids);
}

void RulePrefilter::CandidatesAndView(std::string* line, std::vector<int>* ids,
                                      std::vector<char32_t>* view, size_t* view_end) const {
  if (!scanner_->FoldScanAndView(line, ids, view, view_end)) {
    *ids = all_;
    return;
  }
  RulesOfAtoms(ids);
}

void RulePrefilter::RulesOfAtoms(std::vector<int>* ids) const {
  const std::vector<int>& found = *ids;  // the atoms first, then the rules
  constexpr size_t kInlineWords = 16;
  uint64_t inline_present[kInlineWords] = {};
  std::vector<uint64_t> heap_present;
  uint64_t* present = inline_present;
  if (words_ > kInlineWords) {
    heap_present.assign(words_, 0);
    present = heap_present.data();
  }
  // A rule is worth a look only if an atom of its key clause is present: the
  // atoms found point at those rules, so most rules are never visited. A bit a
  // rule, walked in order.
  constexpr size_t kInlineRuleWords = 8;  // up to 512 rules without allocating
  const size_t rule_words = (static_cast<size_t>(size()) + 63) / 64;
  uint64_t inline_marked[kInlineRuleWords] = {};
  std::vector<uint64_t> heap_marked;
  uint64_t* marked = inline_marked;
  if (rule_words > kInlineRuleWords) {
    heap_marked.assign(rule_words, 0);
    marked = heap_marked.data();
  }
  for (int a : found) {
    present[a >> 6] |= uint64_t{1} << (a & 63);
    for (int r : key_rules_[static_cast<size_t>(a)]) marked[r >> 6] |= uint64_t{1} << (r & 63);
  }
  for (int r : unkeyed_) marked[r >> 6] |= uint64_t{1} << (r & 63);
  ids->clear();
  auto has = [&](int a) { return (present[a >> 6] >> (a & 63)) & 1; };
  // A marked rule's key clause holds: its other clauses must hold too.
  auto possible = [&](int r) {
    for (const std::vector<int>& clause : other_clauses_[static_cast<size_t>(r)]) {
      if (std::none_of(clause.begin(), clause.end(), has)) return false;
    }
    return true;
  };
  for (size_t w = 0; w < rule_words; ++w) {
    for (uint64_t bits = marked[w]; bits != 0; bits &= bits - 1) {
      const int r = static_cast<int>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits)));
      if (possible(r)) ids->push_back(r);
    }
  }
}

}  // namespace newsclean
