#include "src/clean/rule_starts.h"

#include <algorithm>

#include "src/clean/rule_bounds.h"
#include "src/clean/rule_syntax.h"
#include "src/text/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsclean {
namespace {

// True if `pattern` may hold an assertion about what precedes a match: '^'
// outside a class's negation, \A, \b or \B (a rough test: it may refuse a
// pattern that holds none, never the other way).
bool MayLookBehind(std::string_view pattern) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (i + 1 < pattern.size() &&
          (pattern[i + 1] == 'A' || pattern[i + 1] == 'b' || pattern[i + 1] == 'B')) {
        return true;
      }
      ++i;
    } else if (pattern[i] == '^' && (i == 0 || pattern[i - 1] != '[')) {
      return true;
    }
  }
  return false;
}

// True if every match of `pattern` ends where the text does: each top-level
// alternative ends with '$', and no flag makes '$' match before a newline. (A
// rough test: it may refuse such a pattern, "(?:a$)", never the other way.)
bool EndsAtTextEnd(std::string_view pattern) {
  int depth = 0;
  bool after_dollar = false;  // the last element read was a '$' at the top level
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    const bool top = depth == 0;
    if (c == '$') {
      after_dollar = top;
      continue;
    }
    if (c == '|' && top) {
      if (!after_dollar) return false;
    } else if (c == '\\') {
      ++i;
    } else if (c == '[') {
      i = ClassEnd(pattern, i);
      if (i == std::string_view::npos) return false;
    } else if (c == '(') {
      ++depth;
      if (pattern.substr(i, 2) == "(?") {
        for (size_t j = i + 2; j < pattern.size() && pattern[j] != ':' && pattern[j] != ')'; ++j) {
          if (pattern[j] == 'm') return false;
          if (pattern[j] == '-') break;
        }
      }
    } else if (c == ')') {
      --depth;
    }
    after_dollar = false;
  }
  return after_dollar;
}

// Whether `line` ends with one of `chars`.
bool EndsWithOneOf(std::string_view line, const std::vector<std::string>& chars) {
  for (const std::string& c : chars) {
    if (line.size() >= c.size() && line.compare(line.size() - c.size(), c.size(), c) == 0) {
      return true;
    }
  }
  return false;
}

// A lead byte (C2..F4) and a continuation byte (80..BF) in 12 bits: their
// low six bits, which tell apart every lead byte and every continuation byte.
size_t PairIndex(unsigned char lead, unsigned char next) {
  return (static_cast<size_t>(lead & 0x3F) << 6) | (next & 0x3F);
}

// Bytes of the ranges looked at: enough for a prefix and the byte after it.
constexpr int kRangeBytes = 10;

// The most first characters a match is tried at: with more, they are common
// enough ("中", "新", "人" … of sixteen outlets' names) that trying a match at
// each costs more than RE2's own search.
constexpr size_t kMaxStartChars = 8;

}  // namespace

MatchStarts::MatchStarts(const RE2& re, std::string_view pattern) {
  if (MayLookBehind(pattern)) return;
  const RuleBounds bounds = DeriveRuleBounds(pattern);
  bounded_ = bounds.max_nonspace_chars != kUnboundedRule;
  if (!bounds.may_match_empty && !bounds.last_chars.empty() && EndsAtTextEnd(pattern)) {
    for (char32_t cp : bounds.last_chars) {
      last_chars_.emplace_back();
      AppendUtf8(cp, &last_chars_.back());
    }
  }
  std::string min, max;
  size_t k = 0;
  if (re.PossibleMatchRange(&min, &max, kRangeBytes)) {
    while (k < min.size() && k < max.size() && min[k] == max[k]) ++k;
  }
  if (k == 0) {  // no common prefix: perhaps a few first characters
    // Spaces are too common to try a match at each.
    if (bounds.may_match_empty || bounds.first_chars.empty() ||
        bounds.first_chars.size() > kMaxStartChars ||
        std::any_of(bounds.first_chars.begin(), bounds.first_chars.end(), IsRuleSpace)) {
      return;
    }
    for (char32_t cp : bounds.first_chars) {
      first_chars_.emplace_back();
      AppendUtf8(cp, &first_chars_.back());
      const std::string& c = first_chars_.back();
      if (!lead_bytes_[static_cast<unsigned char>(c[0])]) lead_list_.push_back(c[0]);
      lead_bytes_.set(static_cast<unsigned char>(c[0]));
      if (c.size() > 1) {
        lead_pairs_.set(
            PairIndex(static_cast<unsigned char>(c[0]), static_cast<unsigned char>(c[1])));
      }
    }
    usable_ = true;
    return;
  }
  prefix_ = min.substr(0, k);
  // A match m has min <= m <= max, so it starts with the prefix; if it goes on,
  // its next byte is at least min's (if min goes on) and at most max's (if max
  // does); it may end there only if min does.
  may_end_ = min.size() == k;
  if (min.size() > k) lo_ = static_cast<unsigned char>(min[k]);
  if (max.size() > k) hi_ = static_cast<unsigned char>(max[k]);
  usable_ = true;
}

bool MatchStarts::Match(const RE2& re, re2::StringPiece text, size_t pos, re2::StringPiece* groups,
                        int n, size_t* tries_left) const {
  const std::string_view line(text.data(), text.size());
  // Whether the line has no tries left: then RE2 searches from the next start.
  auto spent = [&] { return !bounded_ && *tries_left == 0; };
  // An anchored match at `at`, counted.
  auto anchored_at = [&](size_t at) {
    if (!bounded_) --*tries_left;
    return re.Match(text, at, text.size(), RE2::ANCHOR_START, groups, n);
  };
  auto search_from = [&](size_t at) {
    return re.Match(text, at, text.size(), RE2::UNANCHORED, groups, n);
  };
  // A match ends where the line does, with one of last_chars_.
  if (!last_chars_.empty() && !EndsWithOneOf(line, last_chars_)) return false;
  if (spent()) return search_from(pos);
  if (prefix_.empty()) {  // a match starts with one of first_chars_
    const unsigned char* p = reinterpret_cast<const unsigned char*>(line.data());
    const size_t size = line.size();
    // Whether `at`, whose byte is a lead byte of one of them, starts one.
    auto starts_one = [&](size_t at) {
      if (p[at] >= 0x80 && (at + 1 == size || !lead_pairs_[PairIndex(p[at], p[at + 1])])) {
        return false;
      }
      for (const std::string& c : first_chars_) {
        if (line.compare(at, c.size(), c) == 0) return true;
      }
      return false;  // the lead pair of another first character
    };
    size_t at = pos;
#if defined(__SSE2__)
    // Sixteen bytes at a time: the places that hold a lead byte.
    for (; at <= size && size - at >= 16; at += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
      __m128i leads = _mm_setzero_si128();
      for (char b : lead_list_) leads = _mm_or_si128(leads, _mm_cmpeq_epi8(v, _mm_set1_epi8(b)));
      for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(leads)); mask != 0;
           mask &= mask - 1) {
        const size_t start = at + static_cast<size_t>(__builtin_ctz(mask));
        if (!starts_one(start)) continue;
        if (spent()) return search_from(start);
        if (anchored_at(start)) return true;
      }
    }
#endif
    for (; at < size; ++at) {
      if (!lead_bytes_[p[at]] || !starts_one(at)) continue;
      if (spent()) return search_from(at);
      if (anchored_at(at)) return true;
    }
    return false;
  }
  while (pos <= line.size()) {
    const size_t at = line.find(prefix_, pos);
    if (at == std::string_view::npos) return false;
    const size_t next = at + prefix_.size();
    const bool possible =
        may_end_ || (next < line.size() && static_cast<unsigned char>(line[next]) >= lo_ &&
                     static_cast<unsigned char>(line[next]) <= hi_);
    if (possible) {
      if (spent()) return search_from(at);
      if (anchored_at(at)) return true;
    }
    pos = at + 1;
  }
  return false;
}

}  // namespace newsclean
