#include "newsclean/metadata.h"

#include <string_view>

#include "re2/re2.h"
#include "src/text/script_tables.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

// What a dateline says: its date, its source (the agency or the paper) and the
// reporter it names. Matched on the text folded to simplified, so that one
// pattern reads both scripts; the spans are taken from the original bytes
// (folding keeps byte offsets).
void ReadDateline(std::string_view text, std::vector<std::string>* dates,
                  std::vector<std::string>* sources, std::vector<std::string>* bylines) {
  static const RE2* const kDate = new RE2(R"(((?:\d{2,4}年)?\d{1,2}月\d{1,2}日|\d{1,2}日))");
  static const RE2* const kSource = new RE2(
      R"(((?:中央社|中新社|中新网|新华社|新华网|人民网|央视网|光明网|法新社|路透社?|美联社|共同社|)"
      R"(韩联社|德新社|本报|本刊|大纪元|德国之声中文网|美国之音|法广|自由亚洲电台|BBC中文网?|)"
      R"((?:腾讯|新浪|网易|搜狐|凤凰网?|环球网|澎湃新闻|中国日报网|东方网|北青网|财联社|界面新闻|)"
      R"(第一财经)\p{Han}{0,2})))");
  // The reporter as the dateline names them: up to the date or the bracket,
  // so a place glued to the name comes with it ("记者林某某台北").
  static const RE2* const kReporter =
      new RE2(R"(((?:记者|通讯员)[\s\x{3000}]*[\p{Han}·、]*(?:[\s\x{3000}]+[\p{Han}·、]+)*))");
  std::string folded(text);
  ScriptTables::Get().FoldToSimplified(&folded);
  const re2::StringPiece f(folded);
  auto span = [&](const re2::StringPiece& m) {
    return text.substr(static_cast<size_t>(m.data() - folded.data()), m.size());
  };
  re2::StringPiece m;
  if (RE2::PartialMatch(f, *kDate, &m)) dates->emplace_back(span(m));
  if (RE2::PartialMatch(f, *kSource, &m)) sources->emplace_back(span(m));
  if (RE2::PartialMatch(f, *kReporter, &m)) bylines->emplace_back(span(m));
}

}  // namespace

DocumentMetadata ExtractMetadata(const Document& doc) {
  static const RE2* const kDate = new RE2(
      R"((\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?))");
  static const RE2* const kSource =
      new RE2(R"((?:来源|來源|稿源)\s*[:：]\s*([^\s\x{00A0}\x{3000}]+))");
  DocumentMetadata m;
  for (const Removal& r : doc.removals) {
    std::string_view text = TrimSpaces(r.text);
    switch (r.reason) {
      case Reason::kByline:
        m.byline.emplace_back(text);
        break;
      case Reason::kEditorCredit:
        m.editor.emplace_back(text);
        break;
      case Reason::kImageCaption:
        m.captions.emplace_back(text);
        break;
      case Reason::kDateline:
        ReadDateline(text, &m.date, &m.source, &m.byline);
        break;
      case Reason::kDateSource: {
        const re2::StringPiece t(text.data(), text.size());
        re2::StringPiece match;
        if (RE2::PartialMatch(t, *kDate, &match)) m.date.emplace_back(match.data(), match.size());
        if (RE2::PartialMatch(t, *kSource, &match)) {
          m.source.emplace_back(match.data(), match.size());
        }
        break;
      }
      default:
        break;
    }
  }
  return m;
}

}  // namespace newsclean
