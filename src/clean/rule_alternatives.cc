#include "src/clean/rule_alternatives.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "re2/filtered_re2.h"
#include "src/clean/rule_guard.h"
#include "src/clean/rule_starts.h"
#include "src/clean/rule_syntax.h"
#include "src/text/script_tables.h"
#include "src/text/utf8.h"

namespace newsclean {

std::vector<std::string> SplitAlternatives(std::string_view pattern) {
  std::vector<std::string> out;
  std::string current;
  int depth = 0;
  size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\\') {  // an escape and what it escapes; \x{..}, \p{..} hold no '|' or '('
      current.append(pattern.substr(i, 2));
      i += 2;
      continue;
    }
    if (c == '[') {  // a class, to its closing ']'
      const size_t end = ClassEnd(pattern, i);
      if (end == std::string_view::npos) return {};
      current.append(pattern.substr(i, end + 1 - i));
      i = end + 1;
      continue;
    }
    if (c == '(') {
      // Only "(?:" and "(?flags:": a capturing group would be renumbered, and
      // "(?i)" sets flags for what follows it, alternatives included.
      if (pattern.substr(i, 2) != "(?") return {};
      size_t j = i + 2;
      while (j < pattern.size() &&
             (std::isalpha(static_cast<unsigned char>(pattern[j])) || pattern[j] == '-')) {
        ++j;
      }
      if (j >= pattern.size() || pattern[j] != ':') return {};  // (?P<name>, (?i), ...
      ++depth;
    } else if (c == ')') {
      if (--depth < 0) return {};
    } else if (c == '|' && depth == 0) {
      out.push_back(std::move(current));
      current.clear();
      ++i;
      continue;
    }
    current.push_back(c);
    ++i;
  }
  if (depth != 0) return {};
  out.push_back(std::move(current));
  if (out.size() < 2) return {};
  return out;
}

namespace {

// Every atom, however short (as the rule prefilter's, rule_clauses.cc).
constexpr int kMinAtomLen = 1;

}  // namespace

struct AlternativeSearch::Filter {
  // The alternatives, or the guards of those with long counted runs
  // (rule_guard.h): a guard's literals are needed wherever its alternative
  // matches, and its program is a fraction of the size.
  re2::FilteredRE2 filter{kMinAtomLen};
  std::vector<std::string> atoms;  // UTF-8, ASCII letters in lower case
  std::unique_ptr<RE2> whole;      // set only if an alternative did not compile
  // By alternative: true if `filter` holds its guard; then the alternative
  // itself is compiled on the first line where its guard matches.
  std::vector<bool> guarded;
  struct Exact {
    std::once_flag once;
    std::unique_ptr<RE2> re;
  };
  std::unique_ptr<Exact[]> exact;
  // The whole pattern, should a guarded alternative not compile after all.
  std::once_flag whole_once;
  std::unique_ptr<RE2> whole_late;
  // By alternative: where its matches can start, if that is known.
  std::vector<std::unique_ptr<MatchStarts>> starts;
  // Whether every alternative's starts are known: then each search tries only
  // its starts, and the literal gate, which lowers the line and looks for
  // every atom, costs more than it saves.
  bool all_starts = false;
};

AlternativeSearch::AlternativeSearch(std::string whole, std::vector<std::string> alternatives)
    : whole_(std::move(whole)), patterns_(std::move(alternatives)) {}

AlternativeSearch::~AlternativeSearch() = default;

const AlternativeSearch::Filter& AlternativeSearch::Prepared() const {
  std::call_once(once_, [this] {
    auto filter = std::make_unique<Filter>();
    filter->exact = std::make_unique<Filter::Exact[]>(patterns_.size());
    for (size_t k = 0; k < patterns_.size(); ++k) {
      const std::string& p = patterns_[k];
      const std::string guard = UncountRepetitions(p);
      int id = -1;
      auto add = [&](const std::string& pattern) {
        return filter->filter.Add(re2::StringPiece(pattern.data(), pattern.size()),
                                  RuleRe2Options(), &id) == RE2::NoError;
      };
      const bool guarded = !guard.empty() && add(guard);
      if (!guarded && !add(p)) {
        filter->whole = std::make_unique<RE2>(whole_, RuleRe2Options());
        break;
      }
      filter->guarded.push_back(guarded);
    }
    if (!filter->whole) {
      filter->filter.Compile(&filter->atoms);
      for (size_t k = 0; k < patterns_.size(); ++k) {
        // A guard's starts are its alternative's too: every match of the
        // alternative is one of the guard's.
        const RE2& re = filter->filter.GetRE2(static_cast<int>(k));
        auto starts = std::make_unique<MatchStarts>(re, re.pattern());
        if (!starts->usable()) starts.reset();
        filter->starts.push_back(std::move(starts));
      }
      filter->all_starts = std::all_of(filter->starts.begin(), filter->starts.end(),
                                       [](const auto& starts) { return starts != nullptr; });
    }
    filter_ = std::move(filter);
  });
  return *filter_;
}

AlternativeSearch::Line::Line(const AlternativeSearch& search, std::string_view text)
    : state_(search.size(), State::kUnknown),
      match_(search.size()),
      tries_left_(search.size(), MatchStarts::kTriesPerLine) {
  const Filter& f = search.Prepared();
  if (f.whole || f.all_starts) return;  // searched as one pattern, or from the starts alone
  // Which alternatives the line's literals allow: the atoms are looked for in
  // the line with its ASCII letters lowered, as FilteredRE2 requires. A line
  // holding a non-ASCII character with case could hold an atom only after
  // Unicode lowering: every alternative is searched there.
  std::string lowered(text);
  absl::AsciiStrToLower(&lowered);
  const ScriptTables& tables = ScriptTables::Get();
  size_t i = 0, len = 0;
  while (i < lowered.size()) {
    if (static_cast<unsigned char>(lowered[i]) < 0x80) {
      ++i;
      continue;
    }
    if (tables.HasCaseBeyondAscii(DecodeUtf8(lowered, i, &len))) return;
    i += len;
  }
  std::vector<int> present;
  for (size_t a = 0; a < f.atoms.size(); ++a) {
    if (lowered.find(f.atoms[a]) != std::string::npos) present.push_back(static_cast<int>(a));
  }
  std::vector<int> possible;
  f.filter.AllPotentials(present, &possible);
  std::fill(state_.begin(), state_.end(), State::kNone);
  for (int id : possible) state_[static_cast<size_t>(id)] = State::kUnknown;
}

const RE2* AlternativeSearch::ExactOf(size_t k) const {
  Filter::Exact& exact = filter_->exact[k];
  std::call_once(exact.once, [&] {
    auto re = std::make_unique<RE2>(patterns_[k], RuleRe2Options());
    if (re->ok()) exact.re = std::move(re);
  });
  return exact.re.get();
}

bool AlternativeSearch::Next(re2::StringPiece text, size_t pos, re2::StringPiece* match,
                             Line* line) const {
  const Filter& f = Prepared();
  if (f.whole) return f.whole->Match(text, pos, text.size(), RE2::UNANCHORED, match, 1);
  int best = -1;
  size_t best_start = 0;
  for (size_t k = 0; k < patterns_.size(); ++k) {
    Line::State& state = line->state_[k];
    re2::StringPiece& m = line->match_[k];
    if (state == Line::State::kFound && static_cast<size_t>(m.data() - text.data()) < pos) {
      state = Line::State::kUnknown;  // cut past: its next match is wanted
    }
    if (state == Line::State::kUnknown) {
      const MatchStarts* starts = f.starts[k].get();
      auto search = [&](const RE2& re, size_t from) {
        return starts != nullptr ? starts->Match(re, text, from, &m, 1, &line->tries_left_[k])
                                 : re.Match(text, from, text.size(), RE2::UNANCHORED, &m, 1);
      };
      bool found = search(f.filter.GetRE2(static_cast<int>(k)), pos);
      if (found && f.guarded[k]) {
        // The alternative's first match starts where its guard's does or
        // later: every match of the alternative is one of the guard's.
        const RE2* exact = ExactOf(k);
        if (exact == nullptr) {  // never seen: an alternative of a pattern that compiled
          Filter& mutable_filter = *filter_;
          std::call_once(mutable_filter.whole_once, [&] {
            mutable_filter.whole_late = std::make_unique<RE2>(whole_, RuleRe2Options());
          });
          return f.whole_late->Match(text, pos, text.size(), RE2::UNANCHORED, match, 1);
        }
        found = search(*exact, static_cast<size_t>(m.data() - text.data()));
      }
      state = found ? Line::State::kFound : Line::State::kNone;
    }
    if (state != Line::State::kFound) continue;
    const size_t start = static_cast<size_t>(m.data() - text.data());
    if (best < 0 || start < best_start) {  // ties: the earlier alternative
      best = static_cast<int>(k);
      best_start = start;
    }
  }
  if (best < 0) return false;
  *match = line->match_[static_cast<size_t>(best)];
  return true;
}

}  // namespace newsclean
