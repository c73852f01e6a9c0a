// Document: one input record as it moves through the cleaner.
//
// A Document owns its current text (always valid UTF-8) and remembers how each
// byte of it maps back to the text as it was read, so that every removal can
// be reported as a byte span of the *original* text. Stages never edit `text`
// directly: they collect Cuts and call ApplyCuts(), which records one Removal
// per cut. Not thread-safe; one thread works on a Document at a time.
#ifndef NEWSCLEAN_DOCUMENT_H_
#define NEWSCLEAN_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsclean/reason.h"

namespace newsclean {

// Where a document came from, for every message about it.
struct SourceLocation {
  std::string file;  // path as given, "-" for standard input
  size_t line = 0;   // 1-based line of a JSONL record; 0 for a whole text file
};

// A piece of text that a rule removed.
struct Removal {
  Reason reason;
  std::string rule;  // the rule's name, e.g. "editor-credit-paren"
  size_t begin = 0;  // byte span in the original text, [begin, end)
  size_t end = 0;
  std::string text;  // the bytes removed, as they were when the rule ran
};

// What a document duplicates (set under --mode=annotate).
struct DuplicateInfo {
  std::string of;         // id of the kept document
  double similarity = 0;  // estimated Jaccard similarity, 1 for exact duplicates
  bool exact = false;
  // Estimated containment of the smaller copy in the larger when the match
  // was by containment (DedupOptions::containment); 0 otherwise.
  double containment = 0;
};

// A request to remove [begin, end) of the *current* text.
struct Cut {
  size_t begin = 0;
  size_t end = 0;
  Reason reason;
  std::string_view rule;  // must outlive ApplyCuts (rule names are static or owned by rules)
};

class Document {
 public:
  Document() = default;

  std::string id;  // from the record's "id" field, else "<file>:<line>"
  SourceLocation source;
  std::vector<Removal> removals;
  std::optional<Reason> dropped;  // set when the whole document is dropped
  size_t invalid_utf8 = 0;        // ill-formed sequences replaced by U+FFFD on input
  std::optional<DuplicateInfo> duplicate;
  // The DedupOptions::date_field value, read only for KeepPolicy::kEarliest.
  std::optional<std::string> sort_key;

  const std::string& text() const { return text_; }
  // True once the text differs from what was read.
  bool modified() const { return modified_; }
  size_t original_size() const { return original_size_; }

  // Sets the text as read; resets the offset map and the removals.
  void SetOriginalText(std::string text);

  // Removes the given spans of the current text and records a Removal for each.
  // Cuts may come in any order; a cut that overlaps an earlier-starting one is
  // clipped to what that one leaves. Empty cuts are ignored.
  void ApplyCuts(std::vector<Cut> cuts);

  // Replaces the text without recording removals: for layout changes that only
  // drop whitespace (trimming, blank lines). Offsets are not tracked past it, so
  // call it only as the last step.
  void ReplaceTextForLayout(std::string text) {
    if (text != text_) modified_ = true;
    text_ = std::move(text);
    TextChanged();
  }

  // Overwrites the current text at byte `pos` with `bytes`, byte for byte, for
  // a layout change that keeps every offset (a paragraph separator rewritten as
  // '\n' and spaces). Records no removal. REQUIRES: pos + bytes.size() <=
  // text().size(), and the result is valid UTF-8.
  void OverwriteForLayout(size_t pos, std::string_view bytes) {
    if (text_.compare(pos, bytes.size(), bytes) == 0) return;
    text_.replace(pos, bytes.size(), bytes);
    modified_ = true;
    TextChanged();
  }

  // Maps a byte offset of the current text to the original text.
  size_t ToOriginal(size_t offset) const;

 private:
  // The JSONL record a reader read the document from, for the writer, which
  // splices the cleaned text in and passes every other field through
  // unchanged; reached through RecordAccess (src/io/record_access.h) only.
  friend class RecordAccess;
  // The matching view of the current text, left by the cleaner for the
  // fingerprint when the pipeline asks for it; reached through
  // MatchViewAccess (src/text/match_view_access.h) only.
  friend class MatchViewAccess;
  // The lines and paragraphs of the current text, split once while it stays
  // the same (src/clean/document_splits.h), keyed by text_version_.
  friend class DocumentSplits;
  std::string record_;           // the line as read; empty for text input
  size_t text_value_begin_ = 0;  // the text value's span in it, quotes included
  size_t text_value_end_ = 0;
  bool needs_parse_ = false;    // read with parsing deferred: ParseRecord fills the rest
  size_t too_large_bytes_ = 0;  // over max_document_bytes: read through, not kept

  struct Anchor {
    size_t current;
    size_t original;
  };
  size_t ToOriginalEnd(size_t offset) const;

  // Frees the matching view and its paragraph ends; none is valid afterwards.
  void DropMatchView();

  std::vector<char32_t> match_view_;
  std::vector<size_t> match_view_paragraph_ends_;  // in match_view_, by paragraph
  bool match_view_wanted_ = false;
  bool match_view_valid_ = false;

  // Gives text_version_ a value no text of any document had before: called
  // by every change of text_.
  void TextChanged();

  std::string text_;
  uint64_t text_version_ = 0;  // 0: the empty text of a new document
  size_t original_size_ = 0;
  bool modified_ = false;
  std::vector<Anchor> anchors_;  // sorted by `current`; first is {0, 0}
};

}  // namespace newsclean

#endif  // NEWSCLEAN_DOCUMENT_H_
