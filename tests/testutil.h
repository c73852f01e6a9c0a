// Test helpers: status assertions, cleaning a string, temporary files.
#ifndef NEWSCLEAN_TESTS_TESTUTIL_H_
#define NEWSCLEAN_TESTS_TESTUTIL_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "newsclean/cleaner.h"
#include "newsclean/dedup.h"
#include "newsclean/document.h"

// Each evaluates `expr` (an absl::Status) once; more context can be streamed.
#define EXPECT_OK(expr) EXPECT_TRUE(::newsclean::IsOkStatus(expr))
#define ASSERT_OK(expr) ASSERT_TRUE(::newsclean::IsOkStatus(expr))

namespace newsclean {

// Success for an OK status, else a failure that prints it.
::testing::AssertionResult IsOkStatus(const absl::Status& status);

// Runs the newsclean binary with `args` (a shell command line's tail); returns
// its exit status (-1 when a signal ended it) and its stderr in *err.
int RunCli(const std::string& args, std::string* err);

// Cleans `text` with the default options (one Cleaner shared by every call)
// or with `options` (a Cleaner built for the call), and returns the result.
Document CleanText(const std::string& text);
Document CleanText(const std::string& text, const CleanOptions& options);
std::string Cleaned(const std::string& text);
std::string Cleaned(const std::string& text, const CleanOptions& options);

// Returns the rule names of doc.removals, in order.
std::vector<std::string> RuleNames(const Document& doc);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& contents);

// The non-empty lines of the seed articles (fixtures/seeds), folded to
// simplified script as rules see them.
std::vector<std::string> FoldedSeedLines();

// A fresh empty directory under the test temp dir.
std::string MakeTempDir(const std::string& name);

// Compresses `data` with the codec of `ext` ("gz", "bz2", "xz", "zst").
std::string Compress(const std::string& data, const std::string& ext);

// A document for dedup tests: its id, text and date (the keep policy's sort key).
struct DatedText {
  std::string id, text, date;
};

// Decides `docs` in order in an index made with `options`, then returns each
// one's verdict: its id when kept, "id->kept id KIND" (KIND exact, near or
// contained) when a duplicate.
std::vector<std::string> DedupVerdicts(const DedupOptions& options,
                                       const std::vector<DatedText>& docs);

}  // namespace newsclean

#endif  // NEWSCLEAN_TESTS_TESTUTIL_H_
