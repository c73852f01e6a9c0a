#include "src/clean/rule_bounds.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "src/clean/rule_syntax.h"
#include "src/text/strings.h"
#include "src/text/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsclean {
namespace {

// Bounds add and multiply without overflow; kUnboundedRule absorbs.
size_t Add(size_t a, size_t b) {
  if (a == kUnboundedRule || b == kUnboundedRule || a > kUnboundedRule - b) return kUnboundedRule;
  return a + b;
}
size_t Multiply(size_t a, size_t times) {
  if (a == 0 || times == 0) return 0;
  if (a == kUnboundedRule || a > kUnboundedRule / times) return kUnboundedRule;
  return a * times;
}

// The first byte of cp's UTF-8 sequence; it grows with cp, so the code points
// of a range start with the bytes from its first's to its last's.
unsigned LeadByte(char32_t cp) {
  if (cp < 0x80) return cp;
  if (cp < 0x800) return 0xC0 | (cp >> 6);
  if (cp < 0x10000) return 0xE0 | (cp >> 12);
  return 0xF0 | ((cp >> 18) & 0x07);
}

void SetRange(char32_t lo, char32_t hi, std::bitset<256>* bytes) {
  for (unsigned b = LeadByte(lo); b <= LeadByte(hi) && b < 256; ++b) bytes->set(b);
}

const std::bitset<256> kAnyByte = std::bitset<256>().set();

// A set of at most kMaxFirstChars characters, or "unknown" (more, or some the
// reader cannot list).
struct CharSet {
  bool known = true;
  std::vector<char32_t> chars;

  static CharSet Unknown() { return CharSet{false, {}}; }

  void Add(char32_t cp) {
    if (!known || std::find(chars.begin(), chars.end(), cp) != chars.end()) return;
    if (chars.size() == kMaxFirstChars) {
      *this = Unknown();
      return;
    }
    chars.push_back(cp);
  }
  void Add(const CharSet& other) {
    if (!other.known) *this = Unknown();
    for (char32_t cp : other.chars) Add(cp);
  }
};

// What a piece of pattern can match: the most characters that are not spaces,
// the bytes and the characters a non-empty match starts with, whether it
// matches "", and the characters a non-empty match ends with.
struct Shape {
  size_t max = 0;
  std::bitset<256> first;
  bool nullable = true;
  CharSet first_chars;
  CharSet last_chars;
};

// One character's worth of pattern (a literal, an escape, a class) or an
// assertion: the bytes its character starts with, and whether it is a space.
struct Atom {
  bool assertion = false;  // \b, \B, \A, \z: matches no character
  bool space = false;      // matches only IsRuleSpace characters
  bool single = false;     // matches the one character `cp`
  char32_t cp = 0;
  std::bitset<256> first;
  CharSet chars;  // the characters it matches
};

Atom Single(char32_t cp) {
  Atom atom;
  atom.space = IsRuleSpace(cp);
  atom.single = true;
  atom.cp = cp;
  atom.first.set(LeadByte(cp));
  atom.chars.Add(cp);
  return atom;
}

// An atom matching any character of a set the reader does not list.
Atom Unlisted(const std::bitset<256>& first) {
  Atom atom;
  atom.first = first;
  atom.chars = CharSet::Unknown();
  return atom;
}

// A recursive-descent reader of RE2 syntax that computes each piece's Shape.
// It needs to know only where each element ends and what it can match; an
// element it does not understand sets `failed_`, and the whole pattern gets
// the weakest bounds.
class BoundsReader {
 public:
  explicit BoundsReader(std::string_view pattern) : p_(pattern) {}

  RuleBounds Run() {
    const Shape shape = Alternation();
    RuleBounds bounds;
    if (failed_ || pos_ != p_.size()) return bounds;
    bounds.max_nonspace_chars = shape.max;
    bounds.first_bytes = shape.first;
    if (shape.first_chars.known) {
      bounds.first_chars = shape.first_chars.chars;
      std::sort(bounds.first_chars.begin(), bounds.first_chars.end());
    }
    if (shape.last_chars.known) {
      bounds.last_chars = shape.last_chars.chars;
      std::sort(bounds.last_chars.begin(), bounds.last_chars.end());
    }
    bounds.may_match_empty = shape.nullable;
    return bounds;
  }

 private:
  bool AtEnd() const { return pos_ >= p_.size(); }
  char Peek() const { return AtEnd() ? '\0' : p_[pos_]; }

  // The code point at pos_, consumed; a sequence cut short (RE2 accepts
  // only valid UTF-8, but nothing here relies on that) fails the reading.
  char32_t NextCodePoint() {
    const size_t len = AtEnd() ? 1 : Utf8SequenceLength(static_cast<unsigned char>(p_[pos_]));
    if (AtEnd() || p_.size() - pos_ < len || !IsValidUtf8(p_.substr(pos_, len))) {
      failed_ = true;
      pos_ = p_.size();
      return 0;
    }
    size_t ignored = 0;
    const char32_t cp = DecodeUtf8(p_, pos_, &ignored);
    pos_ += len;
    return cp;
  }

  // re|re|...
  Shape Alternation() {
    Shape shape = Sequence();
    while (!failed_ && Peek() == '|') {
      ++pos_;
      const Shape branch = Sequence();
      if (branch.max > shape.max) shape.max = branch.max;
      shape.first |= branch.first;
      shape.first_chars.Add(branch.first_chars);
      shape.last_chars.Add(branch.last_chars);
      shape.nullable = shape.nullable || branch.nullable;
    }
    return shape;
  }

  // Pieces up to '|', ')' or the end.
  Shape Sequence() {
    Shape shape;  // "" so far
    while (!failed_ && !AtEnd() && Peek() != '|' && Peek() != ')') {
      const Shape piece = Piece();
      shape.max = Add(shape.max, piece.max);
      if (shape.nullable) {
        shape.first |= piece.first;
        shape.first_chars.Add(piece.first_chars);
      }
      // A match ends with the piece's last character, or, if the piece may
      // match "", with what came before.
      if (piece.nullable) {
        shape.last_chars.Add(piece.last_chars);
      } else {
        shape.last_chars = piece.last_chars;
      }
      shape.nullable = shape.nullable && piece.nullable;
    }
    return shape;
  }

  // An element and the repetitions after it.
  Shape Piece() {
    Shape shape = Element();
    while (!failed_ && !AtEnd()) {
      const char c = Peek();
      size_t min_times = 0, max_times = 0;
      if (c == '*' || c == '+') {
        ++pos_;
        if (shape.max != 0) shape.max = kUnboundedRule;
        if (c == '*') shape.nullable = true;
      } else if (c == '?') {
        ++pos_;
        shape.nullable = true;
      } else if (c == '{' && Repetition(&min_times, &max_times)) {
        shape.max = Multiply(shape.max, max_times);
        if (min_times == 0) shape.nullable = true;
        if (max_times == 0) {
          shape.first.reset();
          shape.first_chars = CharSet();
          shape.last_chars = CharSet();
        }
      } else {
        break;
      }
      if (Peek() == '?') ++pos_;  // non-greedy: the same matches
    }
    return shape;
  }

  // {n}, {n,} or {n,m} at pos_: consumes it and sets the counts (SIZE_MAX
  // without a maximum). Anything else is a literal '{' to RE2: returns false.
  bool Repetition(size_t* min_times, size_t* max_times) {
    size_t end = 0;
    if (!ReadRepetition(p_, pos_, &end, min_times, max_times)) return false;
    pos_ = end;
    return true;
  }

  Shape Element() {
    const char c = Peek();
    Shape shape;
    switch (c) {
      case '(':
        return Group();
      case '[':
        return OfAtom(Class());
      case '\\':
        return OfAtom(Escape());
      case '^':
      case '$':
        ++pos_;
        return shape;  // matches "" only
      case '.':
        ++pos_;
        return Shape{1, kAnyByte, false, CharSet::Unknown(), CharSet::Unknown()};
      case '*':
      case '+':
      case '?':
        failed_ = true;  // a repetition with nothing before it: not ours to read
        return shape;
      default: {
        return OfAtom(Single(NextCodePoint()));
      }
    }
  }

  Shape OfAtom(const Atom& atom) const {
    if (atom.assertion) return Shape{};
    // Case folding reaches beyond ASCII (k and the Kelvin sign): any first byte.
    const size_t max = atom.space ? 0 : 1;
    if (case_insensitive_)
      return Shape{max, kAnyByte, false, CharSet::Unknown(), CharSet::Unknown()};
    return Shape{max, atom.first, false, atom.chars, atom.chars};
  }

  // (re), (?:re), (?flags:re), (?flags), (?P<name>re), (?<name>re). Flags set
  // inside a group hold to its end.
  Shape Group() {
    ++pos_;  // '('
    const bool outer_case_insensitive = case_insensitive_;
    if (Peek() == '?') {
      ++pos_;
      if (Peek() == 'P' || Peek() == '<') {
        if (Peek() == 'P') ++pos_;
        const size_t close = p_.find('>', pos_);
        if (Peek() != '<' || close == std::string_view::npos) {
          failed_ = true;
          return Shape{};
        }
        pos_ = close + 1;
      } else {
        bool negated = false;
        while (!AtEnd() && (Peek() == 'i' || Peek() == 'm' || Peek() == 's' || Peek() == 'U' ||
                            Peek() == '-')) {
          if (Peek() == '-') negated = true;
          if (Peek() == 'i') case_insensitive_ = !negated;
          ++pos_;
        }
        if (Peek() == ')') {  // flags for the rest of the enclosing group
          ++pos_;
          return Shape{};
        }
        if (Peek() != ':') {
          failed_ = true;
          return Shape{};
        }
        ++pos_;
      }
    }
    const Shape shape = Alternation();
    case_insensitive_ = outer_case_insensitive;
    if (Peek() != ')') {
      failed_ = true;
      return Shape{};
    }
    ++pos_;
    return shape;
  }

  // An escape at pos_, outside or inside a class.
  Atom Escape() {
    ++pos_;  // '\\'
    Atom atom;
    if (AtEnd()) {
      failed_ = true;
      return atom;
    }
    const char c = p_[pos_++];
    switch (c) {
      case 'b':
      case 'B':
      case 'A':
      case 'z':
        atom.assertion = true;
        return atom;
      case 's':  // [\t\n\f\r ]
        atom.space = true;
        for (char s : {'\t', '\n', '\f', '\r', ' '}) {
          atom.first.set(static_cast<unsigned char>(s));
          atom.chars.Add(static_cast<char32_t>(s));
        }
        return atom;
      case 'd':
        SetRange('0', '9', &atom.first);
        for (char32_t d = '0'; d <= '9'; ++d) atom.chars.Add(d);
        return atom;
      case 'w':
        atom.chars = CharSet::Unknown();
        SetRange('0', '9', &atom.first);
        SetRange('A', 'Z', &atom.first);
        SetRange('a', 'z', &atom.first);
        atom.first.set('_');
        return atom;
      case 't':
        return Single('\t');
      case 'n':
        return Single('\n');
      case 'f':
        return Single('\f');
      case 'r':
        return Single('\r');
      case 'a':
        return Single('\a');
      case 'v':
        return Single('\v');
      case 'D':
      case 'W':
      case 'S':
        return Unlisted(kAnyByte);
      case 'p':
      case 'P':
        if (Peek() == '{') {
          const size_t close = p_.find('}', pos_);
          if (close == std::string_view::npos) {
            failed_ = true;
            return atom;
          }
          pos_ = close + 1;
        } else if (!AtEnd()) {
          ++pos_;
        }
        return Unlisted(kAnyByte);
      case 'x': {
        char32_t cp = 0;
        if (Peek() == '{') {
          const size_t close = p_.find('}', pos_);
          if (close == std::string_view::npos || close == pos_ + 1 || close - pos_ > 7) {
            failed_ = true;
            return atom;
          }
          for (size_t i = pos_ + 1; i < close; ++i) cp = cp * 16 + HexValue(p_[i]);
          pos_ = close + 1;
        } else {
          for (int k = 0; k < 2; ++k) cp = cp * 16 + HexValue(Peek()), ++pos_;
        }
        if (failed_ || cp > 0x10FFFF) {
          failed_ = true;
          return atom;
        }
        return Single(cp);
      }
      default:
        // \Q…\E, \C and octal escapes are not used by rules: not ours to read.
        if (absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == 'Q' || c == 'E' ||
            c == 'C' || (c & 0x80) != 0) {
          failed_ = true;
          return atom;
        }
        return Single(static_cast<unsigned char>(c));  // escaped punctuation: itself
    }
  }

  // HexDigitValue, failing the reading for a character that is not one.
  char32_t HexValue(char c) {
    const int value = HexDigitValue(c);
    if (value < 0) failed_ = true;
    return value < 0 ? 0 : static_cast<char32_t>(value);
  }

  // [...] or [^...]: a space only when it is not negated and every item is a
  // single space character or \s.
  Atom Class() {
    ++pos_;  // '['
    Atom atom;
    atom.space = true;
    bool negated = false;
    if (Peek() == '^') {
      negated = true;
      ++pos_;
    }
    // One item's character, or an escape's set of them (\d, \s, \p{…}).
    auto item = [&]() {
      if (Peek() == '\\') return Escape();
      return Single(NextCodePoint());
    };
    for (bool first_item = true; !failed_; first_item = false) {
      if (AtEnd()) {
        failed_ = true;
        break;
      }
      if (Peek() == ']' && !first_item) {
        ++pos_;
        break;
      }
      if (Peek() == '[' && pos_ + 1 < p_.size() && p_[pos_ + 1] == ':') {  // [:alpha:]
        const size_t close = p_.find(":]", pos_ + 2);
        if (close == std::string_view::npos) {
          failed_ = true;
          break;
        }
        pos_ = close + 2;
        atom.space = false;
        atom.first = kAnyByte;
        atom.chars = CharSet::Unknown();
        continue;
      }
      const Atom lo = item();
      // A range lo-hi (a '-' before the closing bracket is itself).
      if (Peek() == '-' && pos_ + 1 < p_.size() && p_[pos_ + 1] != ']') {
        ++pos_;
        const Atom hi = item();
        if (!lo.single || !hi.single || hi.cp < lo.cp) failed_ = true;
        SetRange(lo.cp, hi.cp, &atom.first);
        if (!failed_ && hi.cp - lo.cp < kMaxFirstChars) {
          for (char32_t cp = lo.cp; cp <= hi.cp; ++cp) atom.chars.Add(cp);
        } else {
          atom.chars = CharSet::Unknown();
        }
        atom.space = false;
        continue;
      }
      if (lo.assertion) failed_ = true;  // \b in a class: not RE2 syntax
      atom.first |= lo.first;
      atom.chars.Add(lo.chars);
      if (!lo.space) atom.space = false;
    }
    if (negated) {
      atom.space = false;
      atom.first = kAnyByte;
      atom.chars = CharSet::Unknown();
    }
    return atom;
  }

  std::string_view p_;
  size_t pos_ = 0;
  bool failed_ = false;
  bool case_insensitive_ = false;
};

}  // namespace

RuleBounds DeriveRuleBounds(std::string_view pattern) { return BoundsReader(pattern).Run(); }

void NonSpaceCounter::ReadBlock() {
  // A character that is not a space starts at a lead byte or an ASCII byte
  // other than \t \n \f \r and ' ', unless the lead byte starts NBSP (C2 A0)
  // or the ideographic space (E3 80 80).
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s_.data());
  const size_t n = s_.size();
  auto starts_space = [&](size_t i) {
    return (p[i] == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) ||
           (p[i] == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x80);
  };
#if defined(__SSE2__)
  if (n - pos_ >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos_));
    auto eq = [&](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
    // Signed, continuation bytes (80..BF) are the ones below -64.
    const __m128i starts = _mm_cmpgt_epi8(v, _mm_set1_epi8(-65));
    const __m128i ascii_space = _mm_or_si128(
        _mm_or_si128(eq(' '), eq('\t')), _mm_or_si128(_mm_or_si128(eq('\n'), eq('\f')), eq('\r')));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(ascii_space, starts)));
    unsigned maybe_space = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(eq(static_cast<char>(0xC2)), eq(static_cast<char>(0xE3)))));
    for (; maybe_space != 0; maybe_space &= maybe_space - 1) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(maybe_space));
      if (starts_space(pos_ + bit)) mask &= ~(1u << bit);
    }
    // The bits of a 16-bit mask, added in place: __builtin_popcount is a
    // call into libgcc on the baseline x86-64 target (no POPCNT).
    mask = mask - ((mask >> 1) & 0x5555u);
    mask = (mask & 0x3333u) + ((mask >> 2) & 0x3333u);
    mask = (mask + (mask >> 4)) & 0x0F0Fu;
    count_ += static_cast<size_t>((mask + (mask >> 8)) & 0x1Fu);
    pos_ += 16;
    return;
  }
#endif
  const size_t end = n - pos_ > 16 ? pos_ + 16 : n;
  for (; pos_ < end; ++pos_) {
    const unsigned char c = p[pos_];
    if ((c & 0xC0) == 0x80 || c == ' ' || (c >= '\t' && c <= '\r' && c != '\v')) continue;
    if (!starts_space(pos_)) ++count_;
  }
}

size_t CountNonSpaceChars(std::string_view s) {
  NonSpaceCounter counter(s);
  while (counter.pos_ < s.size()) counter.ReadBlock();
  return counter.count_;
}

}  // namespace newsclean
