#include "src/clean/builtin_rule_clauses.h"

#include <string>

#include "absl/container/flat_hash_map.h"

namespace newsclean {
namespace {

struct Entry {
  const char* pattern;
  RuleClauses clauses;
};

// {expanded pattern, clauses} for every built-in rule, in rule order.
const std::vector<Entry>& Entries() {
  static const std::vector<Entry>* entries = new std::vector<Entry>{
#include "builtin_rule_clauses.inc"
  };
  return *entries;
}

}  // namespace

const RuleClauses* BuiltinRuleClauses(std::string_view pattern) {
  static const auto* by_pattern = [] {
    auto* map = new absl::flat_hash_map<std::string_view, const RuleClauses*>();
    for (const Entry& e : Entries()) map->emplace(e.pattern, &e.clauses);
    return map;
  }();
  auto it = by_pattern->find(pattern);
  return it == by_pattern->end() ? nullptr : it->second;
}

}  // namespace newsclean
