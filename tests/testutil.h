// Test helpers: status assertions, cleaning a string, temporary files.
#ifndef NEWSCLEAN_TESTS_TESTUTIL_H_
#define NEWSCLEAN_TESTS_TESTUTIL_H_

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "newsclean/cleaner.h"
#include "newsclean/document.h"

#define EXPECT_OK(expr) EXPECT_TRUE((expr).ok()) << (expr).message()
#define ASSERT_OK(expr) ASSERT_TRUE((expr).ok()) << (expr).message()

namespace newsclean {

// Cleans `text` with the default options (or `options`) and returns the result.
Document CleanText(const std::string& text, const CleanOptions& options = CleanOptions());
std::string Cleaned(const std::string& text, const CleanOptions& options = CleanOptions());

// Returns the rule names of doc.removals, in order.
std::vector<std::string> RuleNames(const Document& doc);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& contents);

// A fresh empty directory under the test temp dir.
std::string MakeTempDir(const std::string& name);

// Compresses `data` with the codec of `ext` ("gz", "bz2", "xz", "zst").
std::string Compress(const std::string& data, const std::string& ext);

}  // namespace newsclean

#endif  // NEWSCLEAN_TESTS_TESTUTIL_H_
