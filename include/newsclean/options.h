// Options for the cleaner and the streaming pipeline. Each field says what it
// means, its default and the trade-off it controls.
#ifndef NEWSCLEAN_OPTIONS_H_
#define NEWSCLEAN_OPTIONS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "newsclean/minhash.h"

namespace newsclean {

// An error caused by an option's value carries the option's name, as the
// fields below spell it ("threshold", "minhash", "keep", "disabled_rules"),
// as a payload under this URL: a front end can then name its own flag. The
// library's messages never name a command-line flag.
inline constexpr char kOptionPayloadUrl[] = "newsclean/option";

// `status` with the option it is about attached.
inline absl::Status WithOption(absl::Status status, std::string_view option) {
  status.SetPayload(kOptionPayloadUrl, absl::Cord(absl::string_view(option.data(), option.size())));
  return status;
}

// The option an error is about, if it names one.
inline std::optional<std::string> ErrorOption(const absl::Status& status) {
  auto payload = status.GetPayload(kOptionPayloadUrl);  // absl::optional<absl::Cord>
  if (!payload) return std::nullopt;
  return std::string(*payload);
}

enum class DedupMode {
  kDrop,      // duplicates are dropped and counted (default)
  kAnnotate,  // every record is kept; duplicates name the document they repeat
};

// Which copy of a duplicate group is kept.
enum class KeepPolicy {
  kFirst,     // the first seen (default; streaming, one pass)
  kLongest,   // the longest text (ties: the first); reads the input twice
  kEarliest,  // the smallest value of a date field (ties and missing: the first); reads twice
};

// "first", "longest", "earliest"; nullopt for any other name.
inline std::optional<KeepPolicy> ParseKeepPolicy(std::string_view name) {
  if (name == "first") return KeepPolicy::kFirst;
  if (name == "longest") return KeepPolicy::kLongest;
  if (name == "earliest") return KeepPolicy::kEarliest;
  return std::nullopt;
}

inline std::string_view KeepPolicyName(KeepPolicy keep) {
  switch (keep) {
    case KeepPolicy::kLongest:
      return "longest";
    case KeepPolicy::kEarliest:
      return "earliest";
    case KeepPolicy::kFirst:
      break;
  }
  return "first";
}

struct DedupOptions {
  // Estimated Jaccard similarity at which a document is a near duplicate.
  // Lower catches more edited copies and risks merging related articles.
  double threshold = 0.8;
  // Containment at which a document is a duplicate of a kept document it is
  // contained in, or that it contains (a page of an article, an article with a
  // block added, an item of a roundup): the estimated share of the smaller
  // one's 8-character shingles found in the other. 0: off (Jaccard only).
  // 0.9 is a good value (README.md, "Contained copies").
  double containment = 0;
  MinHashParams minhash;  // K (--num-perm, default 128), shingle length (--ngram, default 4)
  DedupMode mode = DedupMode::kDrop;
  std::string index_path;  // load from and save to this file; empty: in memory only
  KeepPolicy keep = KeepPolicy::kFirst;
  // For KeepPolicy::kEarliest: the JSONL field whose string value orders
  // copies (compared as strings: ISO 8601 dates order correctly). A record
  // without it sorts after every record with it.
  std::string date_field = "date";
};

struct CleanOptions {
  // Names of built-in rules or stages to switch off ("share-widget",
  // "image-caption", "reflow", ...). A name no rule has makes Cleaner::Create
  // fail with NotFound.
  std::vector<std::string> disabled_rules;
  // Paths of user rule files (format in README.md, "Rule files"). Empty: none.
  std::vector<std::string> rule_files;
  // Rules given as text, each in the rule-file format, after the files'
  // rules; errors name the text as "rule_texts[I]" and the line.
  std::vector<std::string> rule_texts;
  // A repeated paragraph shorter than this many characters (after dropping
  // whitespace and punctuation) is never removed: keeps list items and short
  // headings safe at the cost of leaving short repeats.
  size_t repeated_paragraph_min_chars = 8;
  // A paragraph whose character shingles (near_paragraph_ngram code points of
  // the matching view) have Jaccard similarity >= near_paragraph_threshold
  // with an earlier paragraph of the same document is removed, if both are at
  // least near_paragraph_min_chars long. Shorter ones (headings, list items)
  // are only removed as exact repeats.
  double near_paragraph_threshold = 0.8;
  size_t near_paragraph_min_chars = 30;
  int near_paragraph_ngram =
      3;  // paragraphs are short: a 2-character edit in 40 keeps J ~0.81 (0.71 at 5)
  // An image caption without a marker is a single sentence of at most this
  // many characters (the seeds' captions have 19-35; body sentences set apart
  // by blank lines are usually longer).
  size_t caption_max_chars = 40;
};

// What to do with a record that cannot be read (malformed JSON, no text field).
enum class OnBadRecord {
  kFail,          // stop with an error naming file and line (default)
  kSkipAndCount,  // skip it, count it and list it in the report
};

enum class InputFormat { kAuto, kJsonl, kText };
enum class OutputFormat { kAuto, kJsonl, kText };

struct PipelineOptions {
  std::vector<std::string> inputs;  // files, directories (recursive, sorted), "-" for stdin
  std::string output = "-";         // "-" for stdout; compressed by extension
  std::string text_field = "text";  // the JSONL field that holds the text
  InputFormat input_format = InputFormat::kAuto;     // auto: by extension, then by content
  OutputFormat output_format = OutputFormat::kAuto;  // auto: text for one text file, else JSONL
  // Cleaning threads, 0: all cores. With more than one, another thread reads
  // and parses input ahead; 1 does everything on one thread. Output is
  // identical for every value.
  int threads = 0;
  OnBadRecord on_error = OnBadRecord::kFail;
  bool annotate = false;    // add a "newsclean" object with removals and metadata
  std::string report_path;  // write the JSON run report here; empty: none
  bool progress = false;    // draw a progress line on stderr
  // Remove paragraphs whose matching view was seen in this many or more
  // earlier documents (boilerplate no rule names); 0: off. Counted in a
  // count-min sketch of `repeated_paragraph_memory` bytes (see
  // src/dedup/paragraph_counter.h for the false-positive rate).
  int repeated_paragraphs = 0;
  size_t repeated_paragraph_memory = 64 << 20;
  bool dedup = false;  // drop (or annotate) near-duplicate documents
  DedupOptions dedup_options;
  // Documents are cleaned in batches of at most batch_documents documents,
  // closed once they hold batch_bytes bytes; at most five batches are in
  // memory with more than one thread (two being cleaned, two queued, one
  // being read: BatchRunner), one with one thread, so peak memory is bounded
  // by the batch size, never by the corpus. batch_bytes 0: 1 MiB a thread, at
  // most 16 MiB (small batches keep a document in cache from its reading to
  // its cleaning; more threads need more documents in flight).
  size_t batch_documents = 1024;
  size_t batch_bytes = 0;
  // A record (or a text file) of more bytes than this, after decompression, is
  // not read into memory: it is a bad record with reason too-large (an error
  // under OnBadRecord::kFail, skipped and counted otherwise). News articles are
  // kilobytes; the default leaves room for pages with their markup while
  // bounding what one document can cost. 0: no limit.
  size_t max_document_bytes = 64 << 20;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_OPTIONS_H_
