#include "src/clean/separator_stage.h"

#include <array>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "src/text/cpu_features.h"
#include "src/text/paragraph_shape.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

// Length of the run-of-spaces character at text[i] (ASCII space or tab,
// NBSP, U+3000), or 0.
size_t RunSpaceAt(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == ' ' || c == '\t') return 1;
  if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) return 2;
  if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
      static_cast<unsigned char>(text[i + 2]) == 0x80) {
    return 3;
  }
  return 0;
}

// Bytes that can start a separator: '\r', an ASCII space or tab, and the lead
// bytes of NBSP and U+0085 (0xC2), U+2028/U+2029 (0xE2) and U+3000 (0xE3).
constexpr bool IsSeparatorLead(unsigned char c) {
  return c == '\r' || c == ' ' || c == '\t' || c == 0xC2 || c == 0xE2 || c == 0xE3;
}

constexpr auto kLead = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = IsSeparatorLead(static_cast<unsigned char>(c));
  return t;
}();

#if defined(__x86_64__) && defined(__GNUC__)
#define NEWSCLEAN_SEPARATOR_AVX2 1
// The AVX2 step's helpers and loop: plain functions with the target, as GCC
// does not carry a target into lambdas.
__attribute__((target("avx2"))) inline __m256i Avx2Is(__m256i b, int c) {
  return _mm256_cmpeq_epi8(b, _mm256_set1_epi8(static_cast<char>(c)));
}

// Whether a space character may start at the bytes of `b`: its lead byte.
__attribute__((target("avx2"))) inline __m256i Avx2SpaceLead(__m256i b) {
  return _mm256_or_si256(_mm256_or_si256(Avx2Is(b, ' '), Avx2Is(b, '\t')),
                         _mm256_or_si256(Avx2Is(b, 0xC2), Avx2Is(b, 0xE3)));
}

// The vector step, 32 bytes wide: the same test as the SSE2 step of
// NextSeparatorCandidate. Returns the offset of the first candidate, or where
// fewer than 36 bytes are left.
__attribute__((target("avx2"))) size_t Avx2NextLead(std::string_view v, size_t i) {
  while (i + 36 <= v.size()) {
    const char* p = v.data() + i;
    const __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i b1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
    const __m256i b2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2));
    const __m256i b3 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 3));
    const __m256i b1_80 = Avx2Is(b1, 0x80);
    const __m256i ascii_space = _mm256_or_si256(Avx2Is(b0, ' '), Avx2Is(b0, '\t'));
    const __m256i nbsp = _mm256_and_si256(Avx2Is(b0, 0xC2), Avx2Is(b1, 0xA0));
    const __m256i ideo =
        _mm256_and_si256(_mm256_and_si256(Avx2Is(b0, 0xE3), b1_80), Avx2Is(b2, 0x80));
    const __m256i runs =
        _mm256_or_si256(_mm256_and_si256(ascii_space, Avx2SpaceLead(b1)),
                        _mm256_or_si256(_mm256_and_si256(nbsp, Avx2SpaceLead(b2)),
                                        _mm256_and_si256(ideo, Avx2SpaceLead(b3))));
    const __m256i others = _mm256_or_si256(
        _mm256_or_si256(Avx2Is(b0, '\r'), _mm256_and_si256(Avx2Is(b0, 0xC2), Avx2Is(b1, 0x85))),
        _mm256_and_si256(_mm256_and_si256(Avx2Is(b0, 0xE2), b1_80),
                         _mm256_or_si256(Avx2Is(b2, 0xA8), Avx2Is(b2, 0xA9))));
    const unsigned mask =
        static_cast<unsigned>(_mm256_movemask_epi8(_mm256_or_si256(runs, others)));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
    i += 32;
  }
  return i;
}
#endif

}  // namespace

SeparatorScan FastestSeparatorScan() {
  if (CpuHasAvx2()) return SeparatorScan::kAvx2;
#if defined(__SSE2__)
  return SeparatorScan::kSse2;
#else
  return SeparatorScan::kScalar;
#endif
}

size_t NextSeparatorCandidate(std::string_view v, size_t i, SeparatorScan scan) {
  if (scan == SeparatorScan::kAvx2) {
#if defined(NEWSCLEAN_SEPARATOR_AVX2)
    if (CpuHasAvx2()) i = Avx2NextLead(v, i);
#endif
    scan = SeparatorScan::kSse2;  // for what is left, or on a CPU without AVX2
  }
#if defined(__SSE2__)
  if (scan == SeparatorScan::kSse2) {
    auto set = [](int c) { return _mm_set1_epi8(static_cast<char>(c)); };
    auto eq = [](__m128i a, __m128i b) { return _mm_cmpeq_epi8(a, b); };
    auto load = [](const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); };
    const __m128i cr = set('\r'), space = set(' '), tab = set('\t'), c2 = set(0xC2), e2 = set(0xE2),
                  e3 = set(0xE3), x80 = set(0x80), xa0 = set(0xA0), x85 = set(0x85),
                  xa8 = set(0xA8), xa9 = set(0xA9);
    // Whether a space character may start at the bytes of `b`: its lead byte.
    auto space_lead = [&](__m128i b) {
      return _mm_or_si128(_mm_or_si128(eq(b, space), eq(b, tab)),
                          _mm_or_si128(eq(b, c2), eq(b, e3)));
    };
    while (i + 20 <= v.size()) {
      const char* p = v.data() + i;
      const __m128i b0 = load(p), b1 = load(p + 1), b2 = load(p + 2), b3 = load(p + 3);
      const __m128i b1_80 = eq(b1, x80);
      const __m128i ascii_space = _mm_or_si128(eq(b0, space), eq(b0, tab));
      const __m128i nbsp = _mm_and_si128(eq(b0, c2), eq(b1, xa0));
      const __m128i ideo = _mm_and_si128(_mm_and_si128(eq(b0, e3), b1_80), eq(b2, x80));
      const __m128i runs = _mm_or_si128(
          _mm_and_si128(ascii_space, space_lead(b1)),
          _mm_or_si128(_mm_and_si128(nbsp, space_lead(b2)), _mm_and_si128(ideo, space_lead(b3))));
      const __m128i others = _mm_or_si128(
          _mm_or_si128(eq(b0, cr), _mm_and_si128(eq(b0, c2), eq(b1, x85))),
          _mm_and_si128(_mm_and_si128(eq(b0, e2), b1_80), _mm_or_si128(eq(b2, xa8), eq(b2, xa9))));
      const int mask = _mm_movemask_epi8(_mm_or_si128(runs, others));
      if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
      i += 16;
    }
  }
#endif
  // The scalar scan, and the tail of the vector ones.
  while (i < v.size() && !kLead[static_cast<unsigned char>(v[i])]) ++i;
  return i;
}

namespace {

size_t NextLead(std::string_view v, size_t i) {
  static const SeparatorScan scan = FastestSeparatorScan();
  return NextSeparatorCandidate(v, i, scan);
}

}  // namespace

void SeparatorStage::Process(Document* doc) const {
  // Overwrites keep the length, so `view` stays valid; it is refreshed after
  // each one all the same.
  std::string_view view = doc->text();
  size_t i = 0;
  while ((i = NextLead(view, i)) < view.size()) {
    unsigned char c = static_cast<unsigned char>(view[i]);
    if (c == '\r') {
      if (i + 1 >= view.size() || view[i + 1] != '\n') {
        doc->OverwriteForLayout(i, "\n");
        view = doc->text();
      }
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < view.size() && static_cast<unsigned char>(view[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(view[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(view[i + 2]) == 0xA9)) {
      doc->OverwriteForLayout(i, "\n  ");  // U+2028, U+2029
      view = doc->text();
      i += 3;
      continue;
    }
    if (c == 0xC2 && i + 1 < view.size() && static_cast<unsigned char>(view[i + 1]) == 0x85) {
      doc->OverwriteForLayout(i, "\n ");  // U+0085
      view = doc->text();
      i += 2;
      continue;
    }
    size_t first = RunSpaceAt(view, i);
    if (first == 0) {
      ++i;
      continue;
    }
    // A run of spaces: a separator if it has two or more, follows the end of
    // a sentence and precedes more text on the same line.
    size_t end = i + first, count = 1;
    for (size_t len; end < view.size() && (len = RunSpaceAt(view, end)) > 0; end += len) ++count;
    if (count >= 2 && end < view.size() && view[end] != '\n' && view[end] != '\r' && i > 0 &&
        EndsSentence(view.substr(0, i))) {
      static constexpr std::string_view kNewline[] = {"", "\n", "\n ", "\n  "};
      doc->OverwriteForLayout(i, kNewline[first]);
      view = doc->text();
    }
    i = end;
  }
}

std::string WithLineBreaks(std::string_view text) {
  Document doc;
  doc.SetOriginalText(std::string(text));
  SeparatorStage().Process(&doc);
  return doc.text();
}

}  // namespace newsclean
