// newsclean check: what is wrong with a feed, as findings, a verdict against
// thresholds, and reports for people and CI systems.
//
// A finding is one kind of problem in one document: its file and line (for
// JSONL the record's line, for a text file the line of the first occurrence),
// the record's id, the rule that found it, how many times, and an excerpt.
// Thresholds limit how many documents may have each kind, as a count ("0") or
// a share of the documents checked ("1%"); "off" reports without limiting.
#ifndef NEWSCLEAN_CHECK_H_
#define NEWSCLEAN_CHECK_H_

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "newsclean/cleaner.h"
#include "newsclean/dedup.h"
#include "newsclean/options.h"

namespace newsclean {

enum class FindingKind {
  kPinyinGloss,        // pinyin glosses
  kBoilerplate,        // breadcrumbs, share widgets, QR prompts, credits, date lines, bylines,
                       // captions, romanized labels, page furniture, user rules
  kCopyright,          // copyright notices and disclaimers
  kBrokenParagraph,    // paragraphs broken mid-sentence (reflow would join them)
  kRepeatedParagraph,  // paragraphs repeated inside the document
  kDuplicateDocument,  // exact or near duplicate of an earlier document (or of --index)
  kInvalidUtf8,        // ill-formed UTF-8, repaired with U+FFFD
  kMojibake,           // text decoded with the wrong encoding
  kMalformedRecord,    // a JSONL line that is not a JSON object with a string text field
  kEmptyDocument,      // nothing left after cleaning: the document would be dropped
  kExtractionResidue,  // JavaScript, CSS, JSON, HTML tags or Markdown left by text extraction
};
inline constexpr int kNumFindingKinds = static_cast<int>(FindingKind::kExtractionResidue) + 1;

std::string_view FindingKindName(FindingKind kind);
std::optional<FindingKind> ParseFindingKind(std::string_view name);

struct Finding {
  FindingKind kind;
  std::string file;
  size_t line = 0;
  std::string id;
  std::string rule;
  size_t count = 1;
  std::string excerpt;
};

// The most documents a kind may have: a count, a rate, or no limit.
struct Limit {
  enum class Type { kNone, kCount, kRate } type = Type::kNone;
  double value = 0;  // documents for kCount; a fraction (0.01 = 1%) for kRate
};

using Limits = std::array<Limit, kNumFindingKinds>;

// The defaults: zero documents with pinyin glosses, invalid UTF-8, mojibake
// or malformed records; at most 1% duplicate and 1% empty documents, 5% with
// repeated paragraphs; boilerplate, copyright and broken paragraphs reported
// without a limit.
Limits DefaultLimits();

// Applies "KIND=LIMIT" ("pinyin-gloss=0", "duplicate-document=2%",
// "boilerplate=off") to *limits.
absl::Status ApplyLimit(std::string_view spec, Limits* limits);

// Applies a config file: one "KIND = LIMIT" a line, '#' comments. Errors name
// the file and line.
absl::Status ApplyLimitsFile(const std::string& path, Limits* limits);

struct CheckOptions {
  // For RunCheck: inputs, formats, text field, threads, progress (output is
  // not written). FeedChecker does not read it.
  PipelineOptions pipeline;
  bool duplicates = true;  // look for duplicate documents
  DedupOptions dedup;      // index_path, when set, is read and never written
  Limits limits = DefaultLimits();
  size_t max_listed = 1000;  // findings kept for the report; counting goes on
};

struct KindSummary {
  size_t documents = 0;  // documents with at least one finding of the kind
  size_t findings = 0;   // occurrences
  Limit limit;
  bool exceeded = false;
};

struct CheckResult {
  size_t documents = 0;           // records read, malformed ones included
  std::vector<Finding> findings;  // the first max_listed, in input order
  bool truncated = false;         // more findings than listed
  std::array<KindSummary, kNumFindingKinds> summary;
  bool passed = true;
};

// Checks documents in memory, one at a time, in input order: what RunCheck
// does for files. The cleaner must outlive the FeedChecker. Not thread-safe,
// except Prepare(), which is const.
//
//   auto checker = FeedChecker::Create(cleaner.get(), CheckOptions());
//   for (...) {
//     Document doc;
//     doc.id = id;
//     doc.source = {"feed.jsonl", line};   // where findings say it is
//     doc.SetOriginalText(text);           // the text as read
//     (*checker)->Check(&doc);             // doc is cleaned too
//   }
//   CheckResult result = (*checker)->Result();  // findings, summary, passed
//   std::string report = CheckReportJson(result);
class FeedChecker {
 public:
  // Fails when options.dedup cannot build or load an index: NotFound when
  // options.dedup.index_path is set and no such file exists (a check reads an
  // index, it never starts one).
  static absl::StatusOr<std::unique_ptr<FeedChecker>> Create(const Cleaner* cleaner,
                                                             const CheckOptions& options);
  ~FeedChecker();

  // Cleans *doc (its text as read) and records its findings.
  void Check(Document* doc);
  // Records a record that could not be read as a malformed-record finding
  // (ResourceExhausted: too large).
  void CheckUnreadable(const SourceLocation& where, const absl::Status& why);

  // The findings so far and the verdict against options.limits.
  CheckResult Result() const;

  // Check() in two steps, for callers that clean in parallel: Prepare() (any
  // thread) cleans *doc and keeps what Add() needs; Add() (in input order)
  // records the findings.
  struct Prepared {
    std::string original;
    Fingerprint fingerprint;
  };
  void Prepare(Document* doc, Prepared* prepared) const;
  void Add(const Document& doc, const Prepared& prepared);

 private:
  FeedChecker(const Cleaner* cleaner, const CheckOptions& options);
  void AddFinding(Finding f);

  const Cleaner* cleaner_;
  CheckOptions options_;
  std::unique_ptr<DedupIndex> index_;  // null without options.duplicates
  CheckResult result_;
};

// Checks every input document. Fails only on usage or I/O errors (a missing
// file, a truncated archive, a bad index); malformed records are findings.
absl::StatusOr<CheckResult> RunCheck(const Cleaner& cleaner, const CheckOptions& options);

// Reports. The JSON schema ("newsclean-check/1") is documented in README.md.
std::string CheckReportText(const CheckResult& result, bool color);
std::string CheckReportJson(const CheckResult& result);
std::string CheckReportGithub(const CheckResult& result);
std::string CheckReportJunit(const CheckResult& result);

enum class CheckReportFormat { kText, kJson, kGithub, kJunit };
// "text", "json", "github" or "junit"; nullopt for any other name.
std::optional<CheckReportFormat> ParseCheckReportFormat(std::string_view name);
// The report in `format` (`color` only matters for kText).
std::string CheckReport(const CheckResult& result, CheckReportFormat format, bool color = false);

}  // namespace newsclean

#endif  // NEWSCLEAN_CHECK_H_
