// Reason codes: why a piece of text was removed or a document dropped.
//
// Every removal the cleaner makes carries one Reason; reports count by reason
// and by rule name. ReasonName() gives the stable kebab-case spelling used in
// reports, --annotate output and rule files ("pinyin-gloss", "share-widget").
#ifndef NEWSCLEAN_REASON_H_
#define NEWSCLEAN_REASON_H_

#include <optional>
#include <string_view>

namespace newsclean {

enum class Reason {
  kPinyinGloss,        // "黨(dang)" -> "黨"
  kRomanizedLabel,     // "传真 CHUANZHEN" -> "传真"
  kBreadcrumb,         // "中国共产党新闻网>>党建>>..."
  kShareWidget,        // "分享", "分享到: 微信 微博"
  kQrPrompt,           // "微信“扫一扫”添加..."
  kEditorCredit,       // "(责编:王珂园、秦华)", "编辑:唐依婷"
  kDateSource,         // "2022年07月26日15:56 来源:人民网"
  kByline,             // "本报记者 狄文君 文并摄", lead-in "本报讯 记者X报道"
  kImageCaption,       // short sentence set off by an image's blank lines
  kPageFurniture,      // "【字号 大 中 小】", "原标题:...", "上一篇:..."
  kPrintJump,          // "(下转第2版)"
  kPageHeader,         // running page headers, page numbers
  kCopyright,          // "版权所有", "Copyright ... All rights reserved", ICP numbers
  kDisclaimer,         // "免责声明:..."
  kRepeatedParagraph,  // a paragraph repeated inside one document
  kReflow,             // a paragraph break inside a sentence, joined (whitespace only)
  kUserRule,           // a rule from a user's rule file with no built-in reason
  kEmpty,              // document dropped: nothing left after cleaning
  kMalformedRecord,    // record skipped under --on-error=skip
  kExactDuplicate,     // document dropped: same matching view as a kept one
  kNearDuplicate,      // document dropped: estimated similarity >= threshold
  kRepeatedAcrossDocuments,  // a paragraph seen in N or more earlier documents
  kDateline,  // lead-in "（中央社記者林某某台北3日電）", "中新网北京3月2日电", "本报讯"
  kPhotoCredit,  // "（記者某某攝）", "圖／某某提供", "©Getty Images", "REUTERS/…"
  kRelatedLinks,  // "相關新聞" / "延伸阅读" and the headlines after it, "【更多新聞】►…"
  kFollowPrompt,  // "歡迎按讚加入…粉絲專頁", "下載某某APP", subscription and feed prompts
  kScriptResidue,       // JavaScript, CSS, JSON left by text extraction
  kMarkupResidue,       // HTML tags, Markdown marks, "&nbsp;" left by text extraction
  kContainedDuplicate,  // document dropped: contained in a kept one, or containing it
};

inline constexpr int kNumReasons = static_cast<int>(Reason::kContainedDuplicate) + 1;

// Returns the stable name of `reason`, e.g. "pinyin-gloss".
std::string_view ReasonName(Reason reason);

// Returns the Reason whose name is `name`, or nullopt.
std::optional<Reason> ParseReason(std::string_view name);

}  // namespace newsclean

#endif  // NEWSCLEAN_REASON_H_
