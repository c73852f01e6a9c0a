#include "newsclean/report.h"

#include <cstdio>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/io/json_escape.h"
#include "src/io/output_stream.h"

namespace newsclean {

void RunStats::Add(const Document& doc) {
  ++documents_in;
  text_bytes_in += doc.original_size();
  if (doc.invalid_utf8 > 0) {
    ++invalid_utf8_documents;
    invalid_utf8_sequences += doc.invalid_utf8;
  }
  absl::flat_hash_set<std::string_view> rules_seen, reasons_seen;
  for (const Removal& r : doc.removals) {
    std::string_view reason = ReasonName(r.reason);
    RuleCount& rule = rules[r.rule];
    RuleCount& by_reason = reasons[std::string(reason)];
    ++rule.hits;
    rule.bytes += r.end - r.begin;
    ++by_reason.hits;
    by_reason.bytes += r.end - r.begin;
    if (rules_seen.insert(r.rule).second) ++rule.documents;
    if (reasons_seen.insert(reason).second) ++by_reason.documents;
  }
  if (doc.duplicate) {
    (doc.duplicate->exact             ? dedup_exact
     : doc.duplicate->containment > 0 ? dedup_contained
                                      : dedup_near) += 1;
  }
  if (doc.dropped) {
    if (*doc.dropped == Reason::kExactDuplicate) ++dedup_exact;
    if (*doc.dropped == Reason::kNearDuplicate) ++dedup_near;
    if (*doc.dropped == Reason::kContainedDuplicate) ++dedup_contained;
    ++dropped[std::string(ReasonName(*doc.dropped))];
  } else {
    ++documents_out;
    text_bytes_out += doc.text().size();
  }
}

namespace {

void AppendCounts(const std::map<std::string, RuleCount>& counts, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [name, c] : counts) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(name, out);
    absl::StrAppend(out, ":{\"hits\":", c.hits, ",\"bytes\":", c.bytes,
                    ",\"documents\":", c.documents, "}");
  }
  out->push_back('}');
}

}  // namespace

std::string ReportJson(const RunStats& s) {
  std::string out = "{\n";
  size_t dropped_total = 0;
  for (const auto& [reason, n] : s.dropped) dropped_total += n;
  absl::StrAppend(&out, "  \"documents\": {\"in\": ", s.documents_in,
                  ", \"out\": ", s.documents_out, ", \"dropped\": ", dropped_total,
                  ", \"skipped\": ", s.skipped, "},\n");
  out.append("  \"dropped\": {");
  bool first = true;
  for (const auto& [reason, n] : s.dropped) {
    if (!first) out.append(", ");
    first = false;
    AppendJsonString(reason, &out);
    absl::StrAppend(&out, ": ", n);
  }
  out.append("},\n  \"skipped\": {");
  first = true;
  for (const auto& [reason, n] : s.skipped_reasons) {
    if (!first) out.append(", ");
    first = false;
    AppendJsonString(reason, &out);
    absl::StrAppend(&out, ": ", n);
  }
  out.append("},\n");
  absl::StrAppend(&out, "  \"bytes\": {\"in\": ", s.bytes_in, ", \"out\": ", s.bytes_out,
                  ", \"text_in\": ", s.text_bytes_in, ", \"text_out\": ", s.text_bytes_out, "},\n");
  absl::StrAppend(&out, "  \"invalid_utf8\": {\"documents\": ", s.invalid_utf8_documents,
                  ", \"sequences\": ", s.invalid_utf8_sequences, "},\n");
  out.append("  \"rules\": ");
  AppendCounts(s.rules, &out);
  out.append(",\n  \"reasons\": ");
  AppendCounts(s.reasons, &out);
  out.append(",\n  \"skipped_records\": [");
  for (size_t i = 0; i < s.skipped_records.size(); ++i) {
    const SkippedRecord& r = s.skipped_records[i];
    out.append(i ? ",\n    " : "\n    ");
    out.append("{\"file\": ");
    AppendJsonString(r.where.file, &out);
    absl::StrAppend(&out, ", \"line\": ", r.where.line, ", \"reason\": ");
    AppendJsonString(r.reason, &out);
    out.append(", \"error\": ");
    AppendJsonString(r.error, &out);
    out.append("}");
  }
  out.append(s.skipped_records.empty() ? "],\n" : "\n  ],\n");
  if (s.dedup) {
    double per_doc =
        s.index_documents ? static_cast<double>(s.index_decision_bytes) / s.index_documents : 0;
    absl::StrAppend(
        &out, "  \"dedup\": {\"unique\": ", s.dedup_unique,
        ", \"exact_duplicates\": ", s.dedup_exact, ", \"near_duplicates\": ", s.dedup_near,
        ", \"index_documents\": ", s.index_documents, ", \"index_bytes\": ", s.index_decision_bytes,
        ", \"index_bytes_per_document\": ", absl::StrFormat("%.1f", per_doc),
        ", \"id_bytes\": ", s.index_id_bytes, ", \"signature\": ");
    AppendJsonString(s.index_name, &out);
    absl::StrAppend(&out, ", \"lsh_bands\": ", s.lsh_bands, ", \"lsh_rows\": ", s.lsh_rows);
    if (s.containment > 0) {
      absl::StrAppend(&out, ", \"containment\": ", s.containment,
                      ", \"contained_duplicates\": ", s.dedup_contained,
                      ", \"containment_bytes\": ", s.index_containment_bytes);
    }
    out.append("},\n");
  }
  double mb = static_cast<double>(s.bytes_in) / 1e6;
  absl::StrAppend(&out, "  \"threads\": ", s.threads, ",\n");
  absl::StrAppend(&out, "  \"seconds\": ", absl::StrFormat("%.3f", s.seconds), ",\n");
  absl::StrAppend(&out,
                  "  \"mb_per_s\": ", absl::StrFormat("%.2f", s.seconds > 0 ? mb / s.seconds : 0.0),
                  ",\n");
  absl::StrAppend(&out, "  \"documents_per_s\": ",
                  absl::StrFormat("%.1f", s.seconds > 0 ? s.documents_in / s.seconds : 0.0),
                  "\n}\n");
  return out;
}

absl::Status WriteReport(const RunStats& stats, const std::string& path, OutputCommit* commit) {
  std::string json = ReportJson(stats);
  if (path == "-") {
    std::fwrite(json.data(), 1, json.size(), stderr);
    return absl::OkStatus();
  }
  absl::StatusOr<std::unique_ptr<ByteSink>> sink = OpenOutput(path, /*compress=*/true, commit);
  if (!sink.ok()) return sink.status();
  absl::Status st = (*sink)->Write(json);
  if (!st.ok()) return st;
  return (*sink)->Close();
}

}  // namespace newsclean
