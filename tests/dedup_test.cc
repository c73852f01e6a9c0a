// Matching view, MinHash, LSH and the dedup index: accuracy shown by tests.
#include "newsclean/dedup.h"

#include <cmath>
#include <limits>
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "src/clean/paragraph_sketch.h"
#include "src/text/match_view.h"
#include "src/text/script_tables.h"
#include "src/text/strings.h"
#include "src/text/utf8.h"
#include "tests/testutil.h"

namespace newsclean {
namespace {

std::u32string View(const std::string& text) {
  std::vector<char32_t> v;
  MatchView(text, &v);
  return std::u32string(v.begin(), v.end());
}

TEST(MatchViewTest, FoldsWidthCaseScriptAndDropsPunctuationAndSpace) {
  EXPECT_EQ(View("黨建，ＡＢＣ 工作!"), View("党建,abc工作"));
  EXPECT_EQ(View("黨建，ＡＢＣ 工作!"), U"党建abc工作");
  EXPECT_EQ(View("①ﬁ"), U"1fi");                       // NFKC
  EXPECT_EQ(View("a\u200Bb\u3000c\u00A0d"), U"abcd");  // zero-width and wide spaces
  EXPECT_EQ(View("\U00020000"), U"\U00020000");        // extension B kept
  EXPECT_EQ(View("“引号”《书名》"), U"引号书名");
  EXPECT_EQ(View("，“黨"), U"党");       // punctuation dropped, the Han character kept (folded)
  EXPECT_EQ(View("\uF900"), U"\u5C82");  // compatibility 豈 -> unified U+8C48 -> simplified 岂
}

// The view maps each code point on its own, so the view of a text is the
// views of its characters one after another, whatever runs they form: on
// random mixtures of Han characters (simplified and traditional), CJK
// punctuation and spaces it drops, full-width letters, U+FDFA's pool run,
// and characters of one, two and four bytes.
TEST(MatchViewTest, ViewOfATextIsTheViewsOfItsCharacters) {
  const std::vector<std::string> alphabet = {
      "党",     "建", "中", "国",     "黨", "國", "發", "展", "，", "。", "“",          "《",
      "\u3000", "Ａ", "①",  "\uFDFA", "a",  "Z",  "1",  " ",  "\n", "é",  "\U00020000", "\u200B"};
  std::mt19937_64 rng(20261202);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string text;
    std::vector<char32_t> want;
    const size_t n = rng() % 200;
    for (size_t i = 0; i < n; ++i) {
      // Mostly the first eight (Han), so that long runs form.
      const std::string& c = alphabet[rng() % 3 != 0 ? rng() % 8 : rng() % alphabet.size()];
      text += c;
      ScriptTables::Get().AppendMatchView(c, &want);
    }
    std::vector<char32_t> got;
    MatchView(text, &got);
    ASSERT_EQ(got, want) << text;
  }
}

// Every three-byte code point, alone and between two others, has the view the
// full table gives it: the run loop's class table and its one-code-point path
// (traditional characters) agree with the table they were derived from.
TEST(MatchViewTest, EveryThreeByteCharacterHasItsTableView) {
  const ScriptTables& tables = ScriptTables::Get();
  std::vector<char32_t> got, want;
  for (char32_t cp = 0x800; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string c;
    AppendUtf8(cp, &c);
    want.clear();
    tables.AppendMatchViewOf(cp, &want);
    MatchView(c, &got);
    ASSERT_EQ(got, want) << std::hex << static_cast<uint32_t>(cp);
    // Between a traditional character and a Han one that is itself.
    want.assign({U'国'});
    tables.AppendMatchViewOf(cp, &want);
    want.push_back(U'中');
    MatchView("國" + c + "中", &got);
    ASSERT_EQ(got, want) << std::hex << static_cast<uint32_t>(cp);
  }
  // Spot checks of the table itself.
  want.clear();
  tables.AppendMatchViewOf(U'黨', &want);
  EXPECT_EQ(want, std::vector<char32_t>{U'党'});
  want.clear();
  tables.AppendMatchViewOf(U'。', &want);
  EXPECT_TRUE(want.empty());
  want.clear();
  tables.AppendMatchViewOf(U'Ａ', &want);
  EXPECT_EQ(want, std::vector<char32_t>{U'a'});
}

// WriteMatchView writes what AppendMatchView appends, at any offset of a
// buffer that may be longer (a scratch buffer from an earlier page), growing
// it only when it is too short, and leaving what lies past at + text.size()
// alone.
TEST(MatchViewTest, WriteMatchViewAtAnOffsetOfALongerBuffer) {
  const ScriptTables& tables = ScriptTables::Get();
  const std::string text = "黨建，ＡＢＣ 工作!\uFDFA";  // U+FDFA: a pool run of many
  std::vector<char32_t> want = {U'x'};
  tables.AppendMatchView(text, &want);
  std::vector<char32_t> scratch(200, U'#');
  scratch[0] = U'x';
  const size_t end = tables.WriteMatchView(text, &scratch, 1);
  ASSERT_EQ(end, want.size());
  EXPECT_EQ(std::vector<char32_t>(scratch.begin(), scratch.begin() + end), want);
  EXPECT_EQ(scratch.size(), 200u);  // not shrunk
  EXPECT_EQ(scratch[199], U'#');    // past at + text.size(): untouched
  std::vector<char32_t> short_buffer = {U'x'};
  EXPECT_EQ(tables.WriteMatchView(text, &short_buffer, 1), want.size());
  short_buffer.resize(want.size());
  EXPECT_EQ(short_buffer, want);
}

// A random "article" of `n` Han characters from a 3000-character alphabet.
std::u32string RandomText(std::mt19937_64* rng, size_t n) {
  std::uniform_int_distribution<int> pick(0x4E00, 0x4E00 + 2999);
  std::u32string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char32_t>(pick(*rng)));
  return s;
}

// Replaces a fraction `f` of positions with random characters.
std::u32string Mutate(std::mt19937_64* rng, std::u32string s, double f) {
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<int> pick(0x4E00, 0x4E00 + 2999);
  for (char32_t& c : s) {
    if (u(*rng) < f) c = static_cast<char32_t>(pick(*rng));
  }
  return s;
}

std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

TEST(MinHashTest, EstimateIsWithinTheStatisticalErrorOfExactJaccard) {
  std::mt19937_64 rng(42);
  MinHasher hasher = *MinHasher::Create(MinHashParams{});
  const double k = 128;
  int within_3_sigma = 0, pairs = 0;
  for (int i = 0; i < 300; ++i) {
    std::u32string a = RandomText(&rng, 200 + rng() % 2000);
    std::u32string b = Mutate(&rng, a, (rng() % 100) / 400.0);
    double exact = ExactJaccard(ShingleSet(a, 4, 0), ShingleSet(b, 4, 0));
    std::vector<uint32_t> sa, sb;
    ASSERT_TRUE(hasher.SignView(a, &sa));
    ASSERT_TRUE(hasher.SignView(b, &sb));
    double est = MinHasher::EstimateJaccard(sa, sb);
    double sigma = std::sqrt(std::max(exact * (1 - exact), 0.01) / k);
    EXPECT_LE(std::abs(est - exact), 5 * sigma) << "exact " << exact << " est " << est;
    within_3_sigma += std::abs(est - exact) <= 3 * sigma;
    ++pairs;
  }
  EXPECT_GE(within_3_sigma, pairs * 98 / 100);
}

TEST(MinHashTest, RefusesSignatureLengthsItCannotHold) {
  for (MinHashParams bad :
       {MinHashParams{MinHasher::kMaxNumPerm + 1, 4, 0}, MinHashParams{0, 4, 0},
        MinHashParams{64, 0, 0}, MinHashParams{64, MinHasher::kMaxNgram + 1, 0}}) {
    absl::StatusOr<MinHasher> hasher = MinHasher::Create(bad);
    EXPECT_TRUE(absl::IsInvalidArgument(hasher.status())) << bad.num_perm << " " << bad.ngram;
    EXPECT_TRUE(ErrorOption(hasher.status()).has_value());
  }
  EXPECT_TRUE(
      MinHasher::Create(MinHashParams{MinHasher::kMaxNumPerm, MinHasher::kMaxNgram, 0}).ok());
}

TEST(ParagraphSketcherTest, PackedShingleSetsAreExact) {
  // Up to three code points are packed without loss and the mixer is a
  // bijection: one hash per distinct shingle, no collisions.
  std::mt19937_64 rng(3);
  std::u32string text = RandomText(&rng, 500);
  for (int n = 1; n <= 3; ++n) {
    std::set<std::u32string> distinct;
    for (size_t i = 0; i + n <= text.size(); ++i) distinct.insert(text.substr(i, n));
    EXPECT_EQ(ParagraphSketcher(n).ShingleSet(text).size(), distinct.size()) << n;
  }
  // Repeated shingles count once; a view shorter than n is one shingle.
  EXPECT_EQ(ParagraphSketcher(3).ShingleSet(std::u32string(U"党党党党党")).size(), 1u);
  EXPECT_EQ(ParagraphSketcher(3).ShingleSet(std::u32string(U"党建")).size(), 1u);
  EXPECT_NE(ParagraphSketcher(3).ShingleSet(std::u32string(U"党建"))[0],
            ParagraphSketcher(3).ShingleSet(std::u32string(U"建党"))[0]);
  EXPECT_TRUE(ParagraphSketcher(3).ShingleSet(std::u32string()).empty());
  // Longer shingles take the XXH3 path and still separate texts.
  std::u32string other = Mutate(&rng, text, 0.2);
  EXPECT_LT(
      ExactJaccard(ParagraphSketcher(5).ShingleSet(text), ParagraphSketcher(5).ShingleSet(other)),
      0.5);
}

// The three-code-point hash as paragraph_sketch.h describes it, computed
// here one shingle at a time, against the sketcher (which hashes eight at a
// time where the CPU has AVX-512): the shingle sets and the filled bins of
// the sketch agree for views whose lengths straddle its steps of 8 and its
// chunks of 256, with code points up to U+10FFFF.
TEST(ParagraphSketcherTest, ThreePointHashesAreThePackedWordsMixed) {
  std::mt19937_64 rng(12);
  std::uniform_int_distribution<char32_t> any(0, 0x10FFFF), han(0x4E00, 0x9FFF);
  const ParagraphSketcher sketcher(3);
  for (size_t size : {3, 9, 10, 11, 17, 18, 19, 130, 257, 258, 259, 260, 700}) {
    std::u32string view(size, 0);
    for (char32_t& cp : view) cp = rng() % 4 == 0 ? any(rng) : han(rng);
    std::set<uint64_t> expected;
    ParagraphSketcher::Sketch least;
    least.fill(UINT32_MAX);
    std::vector<bool> filled(ParagraphSketcher::kSketchSize, false);
    for (size_t j = 0; j + 3 <= size; ++j) {
      uint64_t x = (uint64_t{view[j]} << 42 | uint64_t{view[j + 1]} << 21 | view[j + 2]) *
                   0x9E3779B97F4A7C15ull;
      x ^= x >> 29;
      expected.insert(x);
      least[x >> 59] = std::min(least[x >> 59], static_cast<uint32_t>(x));
      filled[x >> 59] = true;
    }
    const std::vector<uint64_t> got = sketcher.ShingleSet(view);
    ASSERT_EQ(got, std::vector<uint64_t>(expected.begin(), expected.end())) << "size " << size;
    const ParagraphSketcher::Sketch sketch = sketcher.Sign(view);
    for (int bin = 0; bin < ParagraphSketcher::kSketchSize; ++bin) {
      if (filled[bin]) {
        EXPECT_EQ(sketch[bin], least[bin]) << "size " << size << ", bin " << bin;
      }
    }
  }
}

TEST(ParagraphSketcherTest, EstimateTracksExactJaccardOfParagraphs) {
  std::mt19937_64 rng(11);
  const ParagraphSketcher sketcher(3);
  const double k = ParagraphSketcher::kSketchSize;
  int within_3_sigma = 0, pairs = 0;
  for (int i = 0; i < 400; ++i) {
    std::u32string a = RandomText(&rng, 30 + rng() % 300);  // paragraph-sized
    std::u32string b = Mutate(&rng, a, (rng() % 100) / 500.0);
    double exact = ExactJaccard(sketcher.ShingleSet(a), sketcher.ShingleSet(b));
    double est = ParagraphSketcher::Estimate(sketcher.Sign(a), sketcher.Sign(b));
    double sigma = std::sqrt(std::max(exact * (1 - exact), 0.01) / k);
    EXPECT_LE(std::abs(est - exact), 5 * sigma) << "exact " << exact << " est " << est;
    within_3_sigma += std::abs(est - exact) <= 3 * sigma;
    ++pairs;
  }
  EXPECT_GE(within_3_sigma, pairs * 97 / 100);
  // Identical views give identical sketches, densified bins included.
  std::u32string one = U"党";
  ParagraphSketcher::Sketch s = sketcher.Sign(one);
  EXPECT_EQ(ParagraphSketcher::Estimate(s, sketcher.Sign(one)), 1.0);
  for (uint32_t v : s) EXPECT_EQ(v, s[0]);  // one shingle fills every bin
}

// Sign against the sketch written plainly from the shingle set: each filled
// bin holds the least low half of the hashes whose top five bits name it, and
// an empty bin holds some filled bin's value (densification). Every view
// length up to 219, each n-gram size (packed and XXH3 shingles), and views
// with repeats.
TEST(ParagraphSketcherTest, SignIsTheMinimumOfEachBinOverTheShingleSet) {
  std::mt19937_64 rng(21);
  for (int n = 1; n <= 5; ++n) {
    const ParagraphSketcher sketcher(n);
    for (size_t length = 1; length < 220; ++length) {
      std::u32string view;
      for (size_t i = 0; i < length; ++i) view += static_cast<char32_t>(U'一' + rng() % 40);
      ParagraphSketcher::Sketch expected;
      expected.fill(std::numeric_limits<uint32_t>::max());
      uint32_t filled = 0;
      for (uint64_t h : sketcher.ShingleSet(view)) {
        const uint32_t bin = static_cast<uint32_t>(h >> 59);
        expected[bin] = std::min(expected[bin], static_cast<uint32_t>(h));
        filled |= uint32_t{1} << bin;
      }
      const ParagraphSketcher::Sketch signed_view = sketcher.Sign(view);
      for (uint32_t bin = 0; bin < 32; ++bin) {
        if (filled >> bin & 1) {
          EXPECT_EQ(signed_view[bin], expected[bin]) << n << " " << length << " " << bin;
        } else {
          bool copied = false;
          for (uint32_t donor = 0; donor < 32; ++donor) {
            copied |= (filled >> donor & 1) && signed_view[bin] == expected[donor];
          }
          EXPECT_TRUE(copied) << n << " " << length << " " << bin;
        }
      }
    }
  }
}

TEST(MinHashTest, SignaturesAreDeterministicAndNamed) {
  MinHasher a = *MinHasher::Create(MinHashParams{64, 4, 7});
  MinHasher b = *MinHasher::Create(MinHashParams{64, 4, 7});
  std::vector<uint32_t> sa, sb;
  ASSERT_TRUE(a.Sign("同一篇文章的內容", &sa));
  ASSERT_TRUE(b.Sign("同一篇文章的内容。", &sb));  // script and punctuation differ
  EXPECT_EQ(sa, sb);
  EXPECT_EQ(sa.size(), 64u);
  EXPECT_EQ(a.Name(), "minhash-v1-oph-xxh3-nfkccf-hans-c4-k64-s7");
  EXPECT_FALSE(a.Sign("。，！", &sa));  // empty matching view
}

TEST(LshParamsTest, ThresholdPointEightGivesTwelveBandsOfTen) {
  LshParams p = OptimalLshParams(0.8, 128);
  EXPECT_EQ(p.bands, 12);
  EXPECT_EQ(p.rows, 10);
  EXPECT_GE(CandidateProbability(0.9, p), 0.99);
  EXPECT_LE(CandidateProbability(0.5, p), 0.02);
}

// The search computes s^rows once per row count; a search written plainly
// (every layout's integrands through CandidateProbability, trapezoid rule
// with 200 steps) chooses the same layout for every setting.
TEST(LshParamsTest, SameChoiceAsThePlainSearch) {
  auto plain = [](double threshold, int num_perm, double fp_weight, double fn_weight) {
    auto integrate = [](auto f, double a, double b) {
      constexpr int kSteps = 200;
      const double h = (b - a) / kSteps;
      double values[kSteps + 1];
      for (int j = 0; j <= kSteps; ++j) values[j] = f(a + j * h);
      double sum = 0;
      for (int i = 0; i < kSteps; ++i) sum += (values[i] + values[i + 1]) * h / 2;
      return sum;
    };
    LshParams best{1, num_perm};
    double best_error = 1e300;
    for (int b = 1; b <= num_perm; ++b) {
      for (int r = 1; r * b <= num_perm; ++r) {
        const LshParams p{b, r};
        const double fp =
            integrate([&](double s) { return CandidateProbability(s, p); }, 0.0, threshold);
        const double fn =
            integrate([&](double s) { return 1.0 - CandidateProbability(s, p); }, threshold, 1.0);
        const double error = fp_weight * fp + fn_weight * fn;
        if (error < best_error) {
          best_error = error;
          best = p;
        }
      }
    }
    return best;
  };
  for (int num_perm : {16, 64, 128, 200, 256}) {
    for (double threshold : {0.5, 0.75, 0.8, 0.9}) {
      for (double fp_weight : {0.2, 0.5}) {
        const LshParams want = plain(threshold, num_perm, fp_weight, 1.0 - fp_weight);
        const LshParams got = OptimalLshParams(threshold, num_perm, fp_weight, 1.0 - fp_weight);
        EXPECT_EQ(got.bands, want.bands) << num_perm << " " << threshold << " " << fp_weight;
        EXPECT_EQ(got.rows, want.rows) << num_perm << " " << threshold << " " << fp_weight;
      }
    }
  }
}

TEST(LshCurveTest, CatchesHighSimilarityAndFlagsLowSimilarityRarely) {
  std::mt19937_64 rng(7);
  auto index = DedupIndex::Create(DedupOptions());
  ASSERT_OK(index.status());
  int high = 0, high_caught = 0, low = 0, low_flagged = 0;
  for (int i = 0; i < 2000; ++i) {
    std::u32string a = RandomText(&rng, 1500);
    bool want_high = i % 2 == 0;
    std::u32string b =
        Mutate(&rng, a, want_high ? 0.004 + (rng() % 10) / 1000.0 : 0.08 + (rng() % 30) / 100.0);
    double exact = ExactJaccard(ShingleSet(a, 4, 0), ShingleSet(b, 4, 0));
    Fingerprint fa, fb;
    (*index)->ComputeFingerprint(Utf8(a), &fa);
    (*index)->ComputeFingerprint(Utf8(b), &fb);
    ASSERT_EQ((*index)->Decide(fa, "a" + std::to_string(i)).kind, DedupDecision::Kind::kUnique);
    DedupDecision d = (*index)->Decide(fb, "b" + std::to_string(i));
    if (exact >= 0.9) {
      ++high;
      high_caught += d.kind != DedupDecision::Kind::kUnique;
    } else if (exact <= 0.5) {
      ++low;
      low_flagged += d.kind != DedupDecision::Kind::kUnique;
    }
  }
  ASSERT_GE(high, 500);
  ASSERT_GE(low, 500);
  EXPECT_GE(high_caught, high * 99 / 100) << high_caught << " of " << high;
  EXPECT_LE(low_flagged, low / 100) << low_flagged << " of " << low;
}

// Builds an article from the seeds' paragraphs.
std::string SeedArticle(int seed_index) {
  const char* names[] = {"000_27ab69a333f3fae7", "002_7bfb4e737e40981e", "004_75dfd3e5621028d9"};
  return Cleaned(
      ReadFile(std::string(NEWSCLEAN_FIXTURES_DIR) + "/seeds/" + names[seed_index] + ".txt"));
}

std::string FullWidthPunctuation(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == ',')
      out += "，";
    else if (c == ':')
      out += "：";
    else if (c == ';')
      out += "；";
    else if (c == '(')
      out += "（";
    else if (c == ')')
      out += "）";
    else
      out.push_back(c);
  }
  return out;
}

// Changes every 200th Han character (0.5%).
std::string ChangeHalfAPercent(const std::string& text) {
  std::string out;
  size_t i = 0, len = 0, han = 0;
  while (i < text.size()) {
    char32_t cp = DecodeUtf8(text, i, &len);
    if (IsHan(cp) && ++han % 200 == 0) cp = cp == U'的' ? U'之' : U'的';
    AppendUtf8(cp, &out);
    i += len;
  }
  return out;
}

TEST(PlantedCopiesTest, EveryKindOfCopyIsCaught) {
  std::string original = SeedArticle(0);
  ASSERT_GT(original.size(), 5000u);
  const std::pair<const char*, std::string> copies[] = {
      {"traditional", ScriptTables::Get().ToTraditionalText(original)},
      {"full-width punctuation", FullWidthPunctuation(original)},
      {"copyright appended", original + "\n版权所有 © 2022 铁岭日报社 未经授权不得转载。"},
      {"0.5% changed", ChangeHalfAPercent(original)},
  };
  for (const auto& [kind, copy] : copies) {
    ASSERT_NE(copy, original) << kind;
    auto index = DedupIndex::Create(DedupOptions());
    ASSERT_OK(index.status());
    Fingerprint fa, fb;
    (*index)->ComputeFingerprint(original, &fa);
    (*index)->ComputeFingerprint(copy, &fb);
    (*index)->Decide(fa, "original");
    DedupDecision d = (*index)->Decide(fb, "copy");
    EXPECT_NE(d.kind, DedupDecision::Kind::kUnique) << kind;
    EXPECT_EQ((*index)->IdOf(d.duplicate_of), "original") << kind;
  }
}

TEST(PlantedCopiesTest, ArticlesSharingAThirdOfTheirParagraphsAreBothKept) {
  std::string a = SeedArticle(1), b = SeedArticle(2);
  // b2 takes the first third of a's paragraphs and two thirds of b's.
  auto paragraphs = [](const std::string& t) {
    std::vector<std::string> ps;
    size_t pos = 0;
    while (pos < t.size()) {
      size_t nl = t.find('\n', pos);
      if (nl == std::string::npos) nl = t.size();
      ps.push_back(t.substr(pos, nl - pos));
      pos = nl + 1;
    }
    return ps;
  };
  std::vector<std::string> pa = paragraphs(a), pb = paragraphs(b);
  std::string mixed;
  for (size_t i = 0; i < pa.size() / 3; ++i) mixed += pa[i] + "\n";
  for (size_t i = 0; i < pb.size() * 2 / 3; ++i) mixed += pb[i] + "\n";
  auto index = DedupIndex::Create(DedupOptions());
  ASSERT_OK(index.status());
  Fingerprint fa, fm;
  (*index)->ComputeFingerprint(a, &fa);
  (*index)->ComputeFingerprint(mixed, &fm);
  EXPECT_EQ((*index)->Decide(fa, "a").kind, DedupDecision::Kind::kUnique);
  EXPECT_EQ((*index)->Decide(fm, "mixed").kind, DedupDecision::Kind::kUnique);
}

TEST(DedupIndexTest, EmptyMatchingViewsAreKeptAndNeverIndexed) {
  for (KeepPolicy keep : {KeepPolicy::kFirst, KeepPolicy::kLongest}) {
    DedupOptions options;
    options.keep = keep;
    auto index = DedupIndex::Create(options);
    ASSERT_OK(index.status());
    Fingerprint punctuation;
    (*index)->ComputeFingerprint("……!!", &punctuation);
    ASSERT_TRUE(punctuation.empty);
    for (int i = 0; i < 3; ++i) {
      DedupDecision d = (*index)->Decide(punctuation, "p" + std::to_string(i), "x");
      EXPECT_EQ(d.kind, DedupDecision::Kind::kUnique);
      EXPECT_EQ(d.inserted, DedupDecision::kNotInserted);
    }
    EXPECT_EQ((*index)->size(), 0u);
  }
}

TEST(DedupIndexTest, ExactDuplicatesTakeTheFastPath) {
  auto index = DedupIndex::Create(DedupOptions());
  ASSERT_OK(index.status());
  Fingerprint a, b;
  (*index)->ComputeFingerprint("同一篇文章。", &a);
  (*index)->ComputeFingerprint("同一篇文章", &b);
  (*index)->Decide(a, "a");
  DedupDecision d = (*index)->Decide(b, "b");
  EXPECT_EQ(d.kind, DedupDecision::Kind::kExact);
  EXPECT_EQ(d.similarity, 1.0);
  EXPECT_EQ((*index)->size(), 1u);
}

TEST(DedupIndexTest, SavesAndLoadsAndRefusesCorruptOrForeignFiles) {
  std::string dir = MakeTempDir("index");
  std::string path = dir + "/feed.idx";
  DedupOptions options;
  options.index_path = path;
  std::string article = SeedArticle(0);
  {
    auto index = DedupIndex::Create(options);
    ASSERT_OK(index.status());
    Fingerprint fp;
    (*index)->ComputeFingerprint(article, &fp);
    (*index)->Decide(fp, "day1-article");
    ASSERT_OK((*index)->Save(path));
  }
  {
    auto index = DedupIndex::Create(options);  // loads yesterday's index
    ASSERT_OK(index.status());
    ASSERT_EQ((*index)->size(), 1u);
    Fingerprint fp;
    (*index)->ComputeFingerprint(ChangeHalfAPercent(article), &fp);
    DedupDecision d = (*index)->Decide(fp, "day2-copy");
    EXPECT_EQ(d.kind, DedupDecision::Kind::kNear);
    EXPECT_EQ((*index)->IdOf(d.duplicate_of), "day1-article");
  }
  std::string bytes = ReadFile(path);
  WriteFile(path, bytes.substr(0, bytes.size() - 10));
  auto truncated = DedupIndex::Create(options);
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(truncated.status().message().find(path), absl::string_view::npos);

  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 1;
  WriteFile(path, flipped);
  EXPECT_EQ(DedupIndex::Create(options).status().code(), absl::StatusCode::kDataLoss);

  WriteFile(path, "{\"text\":\"not an index\"}\n");
  EXPECT_EQ(DedupIndex::Create(options).status().code(), absl::StatusCode::kDataLoss);

  DedupOptions unreadable = options;  // exists but cannot be read as a file
  unreadable.index_path = dir;
  auto st = DedupIndex::Create(unreadable).status();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find(dir), absl::string_view::npos) << st.message();

  WriteFile(path, bytes);
  DedupOptions other = options;
  other.minhash.ngram = 3;
  EXPECT_EQ(DedupIndex::Create(other).status().code(), absl::StatusCode::kFailedPrecondition);
  other = options;
  other.threshold = 0.7;  // a different threshold may reuse the index
  EXPECT_OK(DedupIndex::Create(other).status());
}

// In memory, without files: the copies of one article under each keep policy.
// "short" and "long" are near copies; "long" is longer; "late" is an exact
// copy of "short" with a later date; "other" is unrelated.
std::vector<DatedText> Copies() {
  const std::string article = SeedArticle(0);
  return {{"short", article, "2024-03-02"},
          {"other", SeedArticle(1), "2024-01-01"},
          {"long", article + "\n" + article.substr(0, article.size() / 100), "2024-03-01"},
          {"late", article, "2024-03-05"}};
}

// Every document's verdict under `keep`, as "id->kept id" or "id" when kept.
std::vector<std::string> Verdicts(KeepPolicy keep) {
  DedupOptions options;
  options.keep = keep;
  return DedupVerdicts(options, Copies());
}

TEST(DedupIndexTest, VerdictsFollowEachKeepPolicyInMemory) {
  EXPECT_EQ(Verdicts(KeepPolicy::kFirst),
            (std::vector<std::string>{"short", "other", "long->short near", "late->short exact"}));
  // The longest copy wins; the exact copy of a superseded one follows it (and
  // stays "exact": the match it was decided on).
  EXPECT_EQ(Verdicts(KeepPolicy::kLongest),
            (std::vector<std::string>{"short->long near", "other", "long", "late->long exact"}));
  // The earliest date wins.
  EXPECT_EQ(Verdicts(KeepPolicy::kEarliest),
            (std::vector<std::string>{"short->long near", "other", "long", "late->long exact"}));
}

TEST(DedupIndexTest, QueryAnswersWithoutInserting) {
  auto index = DedupIndex::Create(DedupOptions());
  ASSERT_OK(index.status());
  Fingerprint a, copy;
  (*index)->ComputeFingerprint(SeedArticle(0), &a);
  (*index)->ComputeFingerprint(ChangeHalfAPercent(SeedArticle(0)), &copy);
  EXPECT_EQ((*index)->Query(a).kind, DedupDecision::Kind::kUnique);
  EXPECT_EQ((*index)->size(), 0u);
  (*index)->Decide(a, "a");
  DedupDecision q = (*index)->Query(copy);
  EXPECT_EQ(q.kind, DedupDecision::Kind::kNear);
  EXPECT_EQ((*index)->IdOf(q.duplicate_of), "a");
  EXPECT_EQ(q.inserted, DedupDecision::kNotInserted);
  EXPECT_EQ((*index)->size(), 1u);
}

TEST(DedupIndexTest, DocumentsAddedAsLoadedMakeTheSameIndexAsLoadingIt) {
  DedupOptions options;
  options.keep = KeepPolicy::kLongest;
  auto first = DedupIndex::Create(options);
  ASSERT_OK(first.status());
  Fingerprint a, other;
  (*first)->ComputeFingerprint(SeedArticle(0), &a);
  (*first)->ComputeFingerprint(SeedArticle(1), &other);
  (*first)->Decide(a, "a");
  (*first)->Decide(other, "other");
  // An index assembled from the first one's fingerprints, as loaded documents.
  auto assembled = DedupIndex::Create(options);
  ASSERT_OK(assembled.status());
  for (uint32_t d = 0; d < (*first)->size(); ++d) {
    Fingerprint fp = (*first)->IndexedFingerprint(d);
    EXPECT_EQ(fp.band_keys, d == 0 ? a.band_keys : other.band_keys);
    ASSERT_OK((*assembled)->AddLoaded(fp, (*first)->IdOf(d)));
  }
  EXPECT_EQ((*assembled)->Serialize(), (*first)->Serialize());
  EXPECT_TRUE((*first)->IndexedFingerprint(2).empty);
  // Loaded documents are never superseded, even by a longer copy.
  Fingerprint longer;
  (*assembled)->ComputeFingerprint(SeedArticle(0) + "再加一句。", &longer);
  DedupDecision d = (*assembled)->Decide(longer, "longer", "0");
  EXPECT_EQ(d.kind, DedupDecision::Kind::kNear);
  EXPECT_EQ((*assembled)->IdOf((*assembled)->Verdict(d).of), "a");
  // Once a document has been decided, no more are added as loaded.
  EXPECT_EQ((*assembled)->AddLoaded(a, "late").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ((*first)->AddLoaded(Fingerprint(), "x").code(), absl::StatusCode::kFailedPrecondition);
  auto fresh = DedupIndex::Create(options);
  ASSERT_OK(fresh.status());
  EXPECT_EQ((*fresh)->AddLoaded(Fingerprint(), "empty").code(), absl::StatusCode::kInvalidArgument);
}

TEST(DedupIndexTest, RoundTripsThroughABuffer) {
  DedupOptions options;
  auto index = DedupIndex::Create(options);
  ASSERT_OK(index.status());
  Fingerprint a, copy;
  (*index)->ComputeFingerprint(SeedArticle(0), &a);
  (*index)->ComputeFingerprint(ChangeHalfAPercent(SeedArticle(0)), &copy);
  (*index)->Decide(a, "a");
  const std::string bytes = (*index)->Serialize();

  auto loaded = DedupIndex::Load(options, bytes, "buffer");
  ASSERT_OK(loaded.status());
  EXPECT_EQ((*loaded)->size(), 1u);
  EXPECT_EQ((*loaded)->Serialize(), bytes);
  DedupDecision d = (*loaded)->Decide(copy, "copy");
  EXPECT_EQ(d.kind, DedupDecision::Kind::kNear);
  EXPECT_EQ((*loaded)->IdOf(d.duplicate_of), "a");

  absl::Status damaged =
      DedupIndex::Load(options, bytes.substr(0, bytes.size() - 1), "buffer").status();
  EXPECT_EQ(damaged.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(damaged.message().find("buffer"), absl::string_view::npos) << damaged;
  DedupOptions other = options;
  other.minhash.num_perm = 64;
  absl::Status foreign = DedupIndex::Load(other, bytes).status();
  EXPECT_EQ(foreign.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorOption(foreign), "minhash");
  other = options;
  other.threshold = 0;
  EXPECT_EQ(ErrorOption(DedupIndex::Create(other).status()), "threshold");
}

}  // namespace
}  // namespace newsclean
