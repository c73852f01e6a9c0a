// The four formats of `newsclean check` reports: text for people, JSON with a
// stable schema, GitHub Actions workflow commands, and JUnit XML.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "newsclean/check.h"
#include "src/io/json_escape.h"
#include "src/text/strings.h"

namespace newsclean {
namespace {

std::string LimitText(const Limit& l) {
  switch (l.type) {
    case Limit::Type::kCount:
      return absl::StrFormat("%g", l.value);
    case Limit::Type::kRate:
      return absl::StrFormat("%g%%", l.value * 100);
    case Limit::Type::kNone:
      break;
  }
  return "off";
}

double Rate(size_t documents, size_t total) {
  return total ? static_cast<double>(documents) / static_cast<double>(total) : 0.0;
}

std::string Where(const Finding& f) {
  std::string out = absl::StrCat(f.file, ":", f.line);
  if (!f.id.empty() && f.id != f.file) absl::StrAppend(&out, " [", f.id, "]");
  return out;
}

std::string Message(const Finding& f) {
  return absl::StrCat(AV(FindingKindName(f.kind)), " (", f.rule, ", ", f.count, "x): ", f.excerpt);
}

// The kinds whose limits broke, as "kind: N documents (limit L)".
std::vector<std::string> Broken(const CheckResult& r) {
  std::vector<std::string> out;
  for (int k = 0; k < kNumFindingKinds; ++k) {
    const KindSummary& s = r.summary[k];
    if (!s.exceeded) continue;
    out.push_back(absl::StrCat(AV(FindingKindName(static_cast<FindingKind>(k))), ": ", s.documents,
                               s.documents == 1 ? " document" : " documents", " (limit ",
                               LimitText(s.limit), ")"));
  }
  return out;
}

// Escapes markup and replaces what XML 1.0 forbids in text: control
// characters but tab and line feed (with a space), and the noncharacters
// U+FFFE and U+FFFF (with U+FFFD).
std::string XmlEscape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) == 0xEF && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE) {
      out += "\xEF\xBF\xBD";  // U+FFFE, U+FFFF -> U+FFFD
      i += 2;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += ' ';  // XML 1.0 has no other control characters
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

// GitHub workflow commands: data escapes %, CR, LF; properties also : and ,.
std::string GithubData(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out.push_back(c);
  }
  return out;
}

std::string GithubProperty(std::string_view s) {
  std::string out;
  for (char c : GithubData(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace

std::string CheckReportText(const CheckResult& r, bool color) {
  auto paint = [&](std::string_view s, const char* code) {
    return color ? absl::StrCat("\x1b[", code, "m", AV(s), "\x1b[0m") : std::string(s);
  };
  std::string out;
  for (const Finding& f : r.findings) {
    bool bad = r.summary[static_cast<int>(f.kind)].exceeded;
    absl::StrAppend(&out, Where(f), ": ", paint(FindingKindName(f.kind), bad ? "31" : "33"), " (",
                    f.rule, ", ", f.count, "x): ", f.excerpt, "\n");
  }
  if (r.truncated) absl::StrAppend(&out, "… more findings not listed\n");
  absl::StrAppend(&out, "\nnewsclean check: ", r.documents, " documents checked\n");
  for (int k = 0; k < kNumFindingKinds; ++k) {
    const KindSummary& s = r.summary[k];
    std::string state = s.exceeded                           ? paint("FAIL", "1;31")
                        : s.limit.type == Limit::Type::kNone ? std::string("-")
                                                             : paint("ok", "32");
    absl::StrAppend(
        &out, absl::StrFormat("  %-19s %6d documents %6.2f%%  %6d findings  limit %-5s %s\n",
                              AV(FindingKindName(static_cast<FindingKind>(k))), s.documents,
                              100 * Rate(s.documents, r.documents), s.findings, LimitText(s.limit),
                              state));
  }
  std::vector<std::string> broken = Broken(r);
  if (broken.empty()) {
    absl::StrAppend(&out, "verdict: ", paint("PASS", "1;32"), "\n");
  } else {
    absl::StrAppend(&out, "verdict: ", paint("FAIL", "1;31"));
    for (size_t i = 0; i < broken.size(); ++i) absl::StrAppend(&out, i ? "; " : " — ", broken[i]);
    out += "\n";
  }
  return out;
}

std::string CheckReportJson(const CheckResult& r) {
  std::string out = "{\"schema\":\"newsclean-check/1\",";
  absl::StrAppend(&out, "\"documents\":", r.documents, ",\"passed\":", r.passed ? "true" : "false",
                  ",\"findings\":[");
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    if (i) out += ",";
    out += "{\"kind\":";
    AppendJsonString(FindingKindName(f.kind), &out);
    out += ",\"rule\":";
    AppendJsonString(f.rule, &out);
    out += ",\"file\":";
    AppendJsonString(f.file, &out);
    absl::StrAppend(&out, ",\"line\":", f.line, ",\"id\":");
    AppendJsonString(f.id, &out);
    absl::StrAppend(&out, ",\"count\":", f.count, ",\"excerpt\":");
    AppendJsonString(f.excerpt, &out);
    out += "}";
  }
  absl::StrAppend(&out, "],\"findings_truncated\":", r.truncated ? "true" : "false",
                  ",\"summary\":[");
  for (int k = 0; k < kNumFindingKinds; ++k) {
    const KindSummary& s = r.summary[k];
    if (k) out += ",";
    out += "{\"kind\":";
    AppendJsonString(FindingKindName(static_cast<FindingKind>(k)), &out);
    const char* type = s.limit.type == Limit::Type::kCount  ? "count"
                       : s.limit.type == Limit::Type::kRate ? "rate"
                                                            : "none";
    absl::StrAppend(&out, ",\"documents\":", s.documents, ",\"findings\":", s.findings,
                    ",\"rate\":", absl::StrFormat("%.6f", Rate(s.documents, r.documents)),
                    ",\"limit\":{\"type\":\"", type,
                    "\",\"value\":", absl::StrFormat("%g", s.limit.value),
                    "},\"exceeded\":", s.exceeded ? "true" : "false", "}");
  }
  out += "],\"exceeded\":[";
  bool first = true;
  for (int k = 0; k < kNumFindingKinds; ++k) {
    if (!r.summary[k].exceeded) continue;
    if (!first) out += ",";
    first = false;
    AppendJsonString(FindingKindName(static_cast<FindingKind>(k)), &out);
  }
  out += "]}\n";
  return out;
}

std::string CheckReportGithub(const CheckResult& r) {
  std::string out;
  for (const Finding& f : r.findings) {
    bool bad = r.summary[static_cast<int>(f.kind)].exceeded;
    absl::StrAppend(&out, bad ? "::error " : "::warning ", "file=", GithubProperty(f.file),
                    ",line=", std::max<size_t>(f.line, 1), ",title=",
                    GithubProperty(absl::StrCat("newsclean ", AV(FindingKindName(f.kind)))), "::",
                    GithubData(absl::StrCat(f.id.empty() || f.id == f.file ? "" : "[" + f.id + "] ",
                                            Message(f))),
                    "\n");
  }
  std::vector<std::string> broken = Broken(r);
  std::string summary = absl::StrCat(r.documents, " documents checked; ");
  if (broken.empty()) {
    absl::StrAppend(
        &out, "::notice title=newsclean check::", GithubData(summary + "all within limits"), "\n");
  } else {
    std::string list;
    for (const std::string& b : broken) absl::StrAppend(&list, list.empty() ? "" : "; ", b);
    absl::StrAppend(&out,
                    "::error title=newsclean check::", GithubData(summary + "over limits: " + list),
                    "\n");
  }
  return out;
}

std::string CheckReportJunit(const CheckResult& r) {
  size_t failures = 0;
  for (const KindSummary& s : r.summary) failures += s.exceeded;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  absl::StrAppend(&out, "<testsuites name=\"newsclean check\" tests=\"", kNumFindingKinds,
                  "\" failures=\"", failures, "\">\n");
  absl::StrAppend(&out, "  <testsuite name=\"newsclean check\" tests=\"", kNumFindingKinds,
                  "\" failures=\"", failures, "\" errors=\"0\">\n");
  absl::StrAppend(&out, "    <properties><property name=\"documents\" value=\"", r.documents,
                  "\"/></properties>\n");
  for (int k = 0; k < kNumFindingKinds; ++k) {
    const KindSummary& s = r.summary[k];
    std::string name(FindingKindName(static_cast<FindingKind>(k)));
    absl::StrAppend(&out, "    <testcase classname=\"newsclean.check\" name=\"", name, "\">\n");
    std::string listing;
    for (const Finding& f : r.findings) {
      if (static_cast<int>(f.kind) == k)
        absl::StrAppend(&listing, Where(f), ": ", Message(f), "\n");
    }
    if (s.exceeded) {
      absl::StrAppend(&out, "      <failure message=\"",
                      XmlEscape(absl::StrCat(s.documents, " of ", r.documents, " documents with ",
                                             name, " (limit ", LimitText(s.limit), ")")),
                      "\" type=\"threshold\">", XmlEscape(listing), "</failure>\n");
    } else if (!listing.empty()) {
      absl::StrAppend(&out, "      <system-out>", XmlEscape(listing), "</system-out>\n");
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

std::optional<CheckReportFormat> ParseCheckReportFormat(std::string_view name) {
  if (name == "text") return CheckReportFormat::kText;
  if (name == "json") return CheckReportFormat::kJson;
  if (name == "github") return CheckReportFormat::kGithub;
  if (name == "junit") return CheckReportFormat::kJunit;
  return std::nullopt;
}

std::string CheckReport(const CheckResult& result, CheckReportFormat format, bool color) {
  switch (format) {
    case CheckReportFormat::kJson:
      return CheckReportJson(result);
    case CheckReportFormat::kGithub:
      return CheckReportGithub(result);
    case CheckReportFormat::kJunit:
      return CheckReportJunit(result);
    case CheckReportFormat::kText:
      break;
  }
  return CheckReportText(result, color);
}

}  // namespace newsclean
