#include "newsclean/check.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "newsclean/dedup.h"
#include "newsclean/reader.h"
#include "src/check/mojibake.h"
#include "src/run/batch_runner.h"
#include "src/run/progress.h"
#include "src/run/worker_pool.h"
#include "src/text/match_view_access.h"
#include "src/text/strings.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

constexpr std::string_view kKindNames[kNumFindingKinds] = {
    "pinyin-gloss",       "boilerplate",        "copyright",          "broken-paragraph",
    "repeated-paragraph", "duplicate-document", "invalid-utf8",       "mojibake",
    "malformed-record",   "empty-document",     "extraction-residue",
};

FindingKind KindOfReason(Reason reason) {
  switch (reason) {
    case Reason::kPinyinGloss:
      return FindingKind::kPinyinGloss;
    case Reason::kCopyright:
    case Reason::kDisclaimer:
      return FindingKind::kCopyright;
    case Reason::kReflow:
      return FindingKind::kBrokenParagraph;
    case Reason::kRepeatedParagraph:
    case Reason::kRepeatedAcrossDocuments:
      return FindingKind::kRepeatedParagraph;
    case Reason::kExactDuplicate:
    case Reason::kNearDuplicate:
    case Reason::kContainedDuplicate:
      return FindingKind::kDuplicateDocument;
    case Reason::kEmpty:
      return FindingKind::kEmptyDocument;
    case Reason::kMalformedRecord:
      return FindingKind::kMalformedRecord;
    case Reason::kScriptResidue:
    case Reason::kMarkupResidue:
      return FindingKind::kExtractionResidue;
    default:
      return FindingKind::kBoilerplate;
  }
}

// At most `max_chars` code points of `s`, newlines shown as "⏎".
std::string Clip(std::string_view s, size_t max_chars) {
  std::string out;
  size_t i = 0, len = 0, n = 0;
  while (i < s.size() && n < max_chars) {
    char32_t cp = DecodeUtf8(s, i, &len);
    if (cp == '\n') {
      out += "⏎";
    } else if (cp != '\r') {
      out.append(s.substr(i, len));
    }
    i += len;
    ++n;
  }
  if (i < s.size()) out += "…";
  return out;
}

// The text around [begin, end): for whitespace-only spans (a paragraph break)
// the characters on both sides, else the span itself.
std::string Excerpt(std::string_view text, size_t begin, size_t end) {
  std::string_view span = text.substr(begin, end - begin);
  if (!TrimSpaces(span).empty()) return Clip(TrimSpaces(span), 40);
  size_t b = begin;
  for (int k = 0; k < 12 && b > 0; ++k) b = PreviousCodePointStart(text, b);
  std::string left = Clip(text.substr(b, begin - b), 12);
  std::string right = Clip(text.substr(end), 12);
  return absl::StrCat("…", left, "⏎", right);
}

size_t LineOf(const Document& doc, std::string_view original, size_t offset) {
  if (doc.source.line > 0) return doc.source.line;  // JSONL: the record's line
  return 1 + static_cast<size_t>(std::count(
                 original.begin(), original.begin() + std::min(offset, original.size()), '\n'));
}

// Appends the findings of a cleaned document to *out.
void CollectFindings(const Document& doc, std::string_view original,
                     const std::optional<DedupDecision>& duplicate, const DedupIndex* index,
                     std::vector<Finding>* out) {
  const std::string& file = doc.source.file;
  if (doc.invalid_utf8 > 0) {
    size_t at = original.find("\xEF\xBF\xBD");
    out->push_back(Finding{FindingKind::kInvalidUtf8, file, LineOf(doc, original, at), doc.id,
                           "invalid-utf8", doc.invalid_utf8,
                           at == std::string_view::npos ? "" : Excerpt(original, at, at + 3)});
  }
  std::vector<MojibakeSpan> mojibake = FindMojibake(original);
  if (!mojibake.empty()) {
    const MojibakeSpan& m = mojibake.front();
    std::string excerpt = Excerpt(original, m.begin, m.end);
    if (!m.decoded.empty()) excerpt += absl::StrCat(" (reads as ", Clip(m.decoded, 20), ")");
    out->push_back(Finding{FindingKind::kMojibake, file, LineOf(doc, original, m.begin), doc.id,
                           m.kind, mojibake.size(), excerpt});
  }
  // One finding per kind: the removal earliest in the text speaks for the rest.
  std::map<FindingKind, std::pair<const Removal*, size_t>> by_kind;  // first, count
  for (const Removal& r : doc.removals) {
    auto& [first, count] = by_kind[KindOfReason(r.reason)];
    if (first == nullptr || r.begin < first->begin) first = &r;
    ++count;
  }
  for (const auto& [kind, entry] : by_kind) {
    const Removal& r = *entry.first;
    out->push_back(Finding{kind, file, LineOf(doc, original, r.begin), doc.id, r.rule, entry.second,
                           Excerpt(original, r.begin, r.end)});
  }
  if (doc.dropped == Reason::kEmpty) {
    out->push_back(Finding{FindingKind::kEmptyDocument, file, LineOf(doc, original, 0), doc.id,
                           "empty", 1, Clip(TrimSpaces(original), 40)});
  }
  if (duplicate && duplicate->kind != DedupDecision::Kind::kUnique) {
    const bool exact = duplicate->kind == DedupDecision::Kind::kExact;
    const bool contained = duplicate->kind == DedupDecision::Kind::kContained;
    out->push_back(Finding{
        FindingKind::kDuplicateDocument, file, LineOf(doc, original, 0), doc.id,
        exact       ? "exact-duplicate"
        : contained ? "contained-duplicate"
                    : "near-duplicate",
        1,
        contained
            ? absl::StrFormat("contained in or containing %s (containment %.2f, "
                              "similarity %.2f)",
                              AV(index->IdOf(duplicate->duplicate_of)), duplicate->containment,
                              duplicate->similarity)
            : absl::StrFormat("duplicates %s (similarity %.2f)",
                              AV(index->IdOf(duplicate->duplicate_of)), duplicate->similarity)});
  }
}

}  // namespace

std::string_view FindingKindName(FindingKind kind) { return kKindNames[static_cast<int>(kind)]; }

std::optional<FindingKind> ParseFindingKind(std::string_view name) {
  for (int i = 0; i < kNumFindingKinds; ++i) {
    if (kKindNames[i] == name) return static_cast<FindingKind>(i);
  }
  return std::nullopt;
}

Limits DefaultLimits() {
  Limits l;
  auto set = [&](FindingKind k, Limit::Type t, double v) { l[static_cast<int>(k)] = Limit{t, v}; };
  set(FindingKind::kPinyinGloss, Limit::Type::kCount, 0);
  set(FindingKind::kInvalidUtf8, Limit::Type::kCount, 0);
  set(FindingKind::kMojibake, Limit::Type::kCount, 0);
  set(FindingKind::kMalformedRecord, Limit::Type::kCount, 0);
  set(FindingKind::kDuplicateDocument, Limit::Type::kRate, 0.01);
  set(FindingKind::kEmptyDocument, Limit::Type::kRate, 0.01);
  set(FindingKind::kRepeatedParagraph, Limit::Type::kRate, 0.05);
  return l;
}

absl::Status ApplyLimit(std::string_view spec, Limits* limits) {
  size_t eq = spec.find('=');
  if (eq == std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("limit '", AV(spec), "': expected KIND=LIMIT"));
  }
  auto strip = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
      s.remove_suffix(1);
    return s;
  };
  std::string_view name = strip(spec.substr(0, eq)), value = strip(spec.substr(eq + 1));
  std::optional<FindingKind> kind = ParseFindingKind(name);
  if (!kind) {
    std::string kinds;
    for (std::string_view k : kKindNames) absl::StrAppend(&kinds, kinds.empty() ? "" : ", ", AV(k));
    return absl::InvalidArgumentError(
        absl::StrCat("unknown finding kind '", AV(name), "' (one of: ", kinds, ")"));
  }
  Limit limit;
  std::string number(value);
  bool rate = !number.empty() && number.back() == '%';
  if (rate) number.pop_back();
  char* end = nullptr;
  double v = number.empty() ? -1 : std::strtod(number.c_str(), &end);
  if (value == "off" || value == "none") {
    limit.type = Limit::Type::kNone;
  } else if (end == number.c_str() + number.size() && v >= 0 && (!rate || v <= 100)) {
    limit.type = rate ? Limit::Type::kRate : Limit::Type::kCount;
    limit.value = rate ? v / 100.0 : v;
  } else {
    return absl::InvalidArgumentError(absl::StrCat("limit for ", AV(name), ": '", AV(value),
                                                   "' is not a count, a percentage or 'off'"));
  }
  (*limits)[static_cast<int>(*kind)] = limit;
  return absl::OkStatus();
}

absl::Status ApplyLimitsFile(const std::string& path, Limits* limits) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open config file"));
  std::string line;
  size_t no = 0;
  while (std::getline(in, line)) {
    ++no;
    std::string_view s = line;
    size_t hash = s.find('#');
    if (hash != std::string_view::npos) s = s.substr(0, hash);
    if (TrimSpaces(s).empty()) continue;
    absl::Status st = ApplyLimit(TrimSpaces(s), limits);
    if (!st.ok())
      return absl::InvalidArgumentError(absl::StrCat(path, ":", no, ": ", st.message()));
  }
  return absl::OkStatus();
}

FeedChecker::FeedChecker(const Cleaner* cleaner, const CheckOptions& options)
    : cleaner_(cleaner), options_(options) {}

FeedChecker::~FeedChecker() = default;

absl::StatusOr<std::unique_ptr<FeedChecker>> FeedChecker::Create(const Cleaner* cleaner,
                                                                 const CheckOptions& options) {
  std::unique_ptr<FeedChecker> checker(new FeedChecker(cleaner, options));
  if (options.duplicates) {
    // Read only: a check never saves the index.
    if (const std::string& path = options.dedup.index_path;
        !path.empty() && !std::filesystem::exists(path)) {
      return absl::NotFoundError(absl::StrCat(path, ": no such index file"));
    }
    absl::StatusOr<std::unique_ptr<DedupIndex>> created = DedupIndex::Create(options.dedup);
    if (!created.ok()) return created.status();
    checker->index_ = std::move(*created);
  }
  return checker;
}

void FeedChecker::AddFinding(Finding f) {
  KindSummary& s = result_.summary[static_cast<int>(f.kind)];
  ++s.documents;
  s.findings += f.count;
  if (result_.findings.size() < options_.max_listed) {
    result_.findings.push_back(std::move(f));
  } else {
    result_.truncated = true;
  }
}

void FeedChecker::CheckUnreadable(const SourceLocation& where, const absl::Status& why) {
  ++result_.documents;
  std::string_view message = SV(why.message());
  std::string prefix = absl::StrCat(where.file, ":", where.line, ": ");
  if (message.starts_with(prefix)) message.remove_prefix(prefix.size());  // the finding says where
  const char* rule =
      why.code() == absl::StatusCode::kResourceExhausted ? "too-large" : "malformed-record";
  AddFinding(Finding{FindingKind::kMalformedRecord, where.file, where.line, "", rule, 1,
                     Clip(message, 120)});
}

void FeedChecker::Prepare(Document* doc, Prepared* prepared) const {
  prepared->original = doc->text();
  // The cleaner leaves the text's matching view for the fingerprint, which
  // then need not compute it again; it is gone from *doc when this returns.
  if (index_) MatchViewAccess::Request(*doc);
  cleaner_->Clean(doc);
  if (index_ && !doc->dropped) {
    index_->ComputeFingerprint(doc, &prepared->fingerprint);
  } else {
    MatchViewAccess::Take(*doc);
  }
}

void FeedChecker::Add(const Document& doc, const Prepared& prepared) {
  ++result_.documents;
  std::optional<DedupDecision> decision;
  if (index_ && !doc.dropped) decision = index_->Decide(prepared.fingerprint, doc.id);
  std::vector<Finding> findings;
  CollectFindings(doc, prepared.original, decision, index_.get(), &findings);
  for (Finding& f : findings) AddFinding(std::move(f));
}

void FeedChecker::Check(Document* doc) {
  Prepared prepared;
  Prepare(doc, &prepared);
  Add(*doc, prepared);
}

CheckResult FeedChecker::Result() const {
  CheckResult result = result_;
  for (int k = 0; k < kNumFindingKinds; ++k) {
    KindSummary& s = result.summary[k];
    s.limit = options_.limits[k];
    double allowed = s.limit.type == Limit::Type::kRate
                         ? s.limit.value * static_cast<double>(result.documents)
                         : s.limit.value;
    s.exceeded = s.limit.type != Limit::Type::kNone && static_cast<double>(s.documents) > allowed;
    if (s.exceeded) result.passed = false;
  }
  return result;
}

namespace {

// Hands the records the reader could not read to the checker, in input order.
class UnreadableToChecker : public DropReporter {
 public:
  explicit UnreadableToChecker(FeedChecker* checker) : checker_(checker) {}
  void Dropped(const SourceLocation& where, const absl::Status& why) override {
    checker_->CheckUnreadable(where, why);
  }

 private:
  FeedChecker* checker_;
};

}  // namespace

absl::StatusOr<CheckResult> RunCheck(const Cleaner& cleaner, const CheckOptions& options) {
  PipelineOptions p = options.pipeline;
  p.on_error = OnBadRecord::kSkipAndCount;  // malformed records are findings here
  // Bad records reach the checker through the batch runner, in input order.
  absl::StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(p, nullptr);
  if (!reader.ok()) return reader.status();
  absl::StatusOr<std::unique_ptr<FeedChecker>> checker = FeedChecker::Create(&cleaner, options);
  if (!checker.ok()) return checker.status();
  absl::StatusOr<int> resolved_threads = ResolveThreads(p.threads);
  if (!resolved_threads.ok()) return resolved_threads.status();
  const int threads = *resolved_threads;
  WorkerPool pool(threads);
  Progress progress(p.progress);
  BatchRunner runner(
      p, &pool, [&](size_t done, size_t bytes) { progress.Update(done, bytes, false); },
      BatchRunner::ReaderThreadFor(threads));
  std::vector<FeedChecker::Prepared> prepared(BatchRunner::Slots(p));
  auto prepare = [&](size_t i) { (*checker)->Prepare(&runner.doc(i), &prepared[i]); };
  auto consume = [&](size_t i) {
    (*checker)->Add(runner.doc(i), prepared[i]);
    return absl::OkStatus();
  };
  UnreadableToChecker unreadable(checker->get());
  absl::Status st = runner.Run(reader->get(), &unreadable, prepare, consume);
  if (!st.ok()) return st;
  CheckResult result = (*checker)->Result();
  progress.Update(result.documents, (*reader)->bytes_read(), true);
  return result;
}

}  // namespace newsclean
