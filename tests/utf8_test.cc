#include "src/text/utf8.h"

#include <vector>

#include "gtest/gtest.h"
#include "src/text/scratch.h"

namespace newsclean {
namespace {

TEST(Utf8Test, ValidatesWellFormedText) {
  EXPECT_TRUE(IsValidUtf8("abc 黨建 𠀀 é"));
  EXPECT_FALSE(IsValidUtf8("ab\xff"));
  EXPECT_FALSE(IsValidUtf8("\xe9\xbb"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
}

TEST(Utf8Test, RepairsEachMaximalIllFormedSubpartWithOneReplacement) {
  std::string out;
  EXPECT_EQ(RepairUtf8("a\xffz", &out), 1u);
  EXPECT_EQ(out, "a\uFFFDz");
  EXPECT_EQ(RepairUtf8("\xe9\xbb"
                       "b",
                       &out),
            1u);  // truncated 3-byte sequence
  EXPECT_EQ(out,
            "\uFFFD"
            "b");
  EXPECT_EQ(RepairUtf8("\xc0\xaf", &out), 2u);
  EXPECT_EQ(out, "\uFFFD\uFFFD");
  EXPECT_EQ(RepairUtf8("黨建", &out), 0u);
  EXPECT_EQ(out, "黨建");
}

TEST(Utf8Test, ClassifiesHanSpacesAndPunctuation) {
  EXPECT_TRUE(IsHan(U'黨'));
  EXPECT_TRUE(IsHan(U'㐀'));
  EXPECT_TRUE(IsHan(0x20000));
  EXPECT_TRUE(IsHan(0xF900));
  EXPECT_FALSE(IsHan(U'a'));
  EXPECT_FALSE(IsHan(U'。'));
  EXPECT_TRUE(IsSpaceChar(0x3000));
  EXPECT_TRUE(IsSpaceChar(0xA0));
  EXPECT_EQ(TrimSpaces("\u3000 ab \u00a0"), "ab");
}

TEST(Utf8Test, OverwriteAndDecodeInPlaceRoundTrip) {
  for (char32_t cp : {U'\u00E9', U'\u07FF', U'\u0800', U'\u9EE8', U'\uFFFD', U'\U00010000',
                      U'\U0002A6D6', U'\U0010FFFF'}) {
    std::string enc;
    AppendUtf8(cp, &enc);
    std::string buf(enc.size(), 'x');
    OverwriteUtf8(cp, buf.size(), buf.data());
    EXPECT_EQ(buf, enc) << static_cast<uint32_t>(cp);
    if (enc.size() == 3) {
      EXPECT_EQ(DecodeUtf8Three(buf.data()), cp);
    }
  }
  std::string text = "黨建";  // a same-length fold in place, neighbours untouched
  OverwriteUtf8(U'党', 3, text.data());
  EXPECT_EQ(text, "党建");
}

// Scratch keeps an ordinary page's capacity and frees a huge page's.
TEST(ScratchReleaseTest, FreesOnlyWhatIsOverTheBound) {
  std::vector<char32_t> scratch;
  {
    ScratchRelease release(&scratch);
    scratch.resize(1000);
  }
  EXPECT_GE(scratch.capacity(), 1000u);  // kept for the next page
  {
    ScratchRelease release(&scratch);
    scratch.resize(kMaxScratchBytes / sizeof(char32_t) + 1);
  }
  EXPECT_EQ(scratch.capacity(), 0u);
}

}  // namespace
}  // namespace newsclean
