#include "src/rule_set.h"


#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "src/input_stream.h"
#include "src/strings.h"

namespace newsclean {
namespace {

constexpr RuleScope kLine = RuleScope::kLine;
constexpr RuleScope kSegment = RuleScope::kSegment;
constexpr RuleScope kLeadIn = RuleScope::kLeadIn;

// Sentence-final punctuation that content lines end with and boilerplate lines
// usually do not.
#define NC_NOT_SENTENCE "[^。！？!?]"

std::vector<RuleSpec> MakeBuiltinRules() {
  std::vector<RuleSpec> r = {
      // --- Whole lines -----------------------------------------------------
      {kLine, "breadcrumb", Reason::kBreadcrumb,
       R"((?:当前位置{sp}*[:：]{sp}*)?[^>»›→。\n]{1,40}?(?:{sp}*(?:>>|>|»|›|→){sp}*[^>»›→。\n]{1,60}?){2,8})"},
      {kLine, "breadcrumb-location", Reason::kBreadcrumb,
       R"((?:当前位置|您(?:现在)?的?位置|所在位置){sp}*[:：].{1,120})"},
      {kLine, "share-widget", Reason::kShareWidget,
       R"((?:{sp}|[|/、·•:：\[\]【】])*(?:(?:分享到|分享至|一键分享|分享|收藏本文|收藏|打印本页|打印|关闭窗口|关闭|返回顶部|返回首页|纠错|点赞|转发|微信好友|微信|新浪微博|腾讯微博|微博|QQ空间|QQ好友|QQ|朋友圈|豆瓣|人人网|今日头条|Facebook|Twitter|LinkedIn|扫码分享)(?:{sp}|[|/、·•:：\[\]【】])*)+)"},
      {kLine, "qr-prompt", Reason::kQrPrompt,
       NC_NOT_SENTENCE "{0,30}(?:扫一扫|扫描二维码|扫码关注|扫码下载|长按识别二维码|长按二维码|识别二维码|关注微信公众号|关注公众号)" NC_NOT_SENTENCE "{0,40}"},
      {kLine, "editor-credit", Reason::kEditorCredit,
       R"([(（\[【]?{sp}*(?:责任编辑|责编|值班编辑|实习编辑|编辑|主编|审核|审校|校对|编审|监制|终审|初审|复审|美编|排版|统筹|策划){sp}*[:：]{sp}*[^,，。！？!?]{1,40}?{sp}*[)）\]】]?)"},
      {kLine, "date-line", Reason::kDateSource,
       R"((?:(?:发布|发表|更新)?(?:时间|日期){sp}*[:：])?{sp}*\d{4}{sp}*[-年/.]{sp}*\d{1,2}{sp}*[-月/.]{sp}*\d{1,2}{sp}*日?{sp}*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?:{sp}*(?:来源|来自|作者|编辑|责任编辑|责编|浏览次数|浏览|点击数|点击|阅读量|阅读|字号|发布者|稿源){sp}*[:：]?{sp}*[^。！？!?]{0,60}?)*{sp}*)"},
      {kLine, "source-line", Reason::kDateSource,
       R"((?:来源|稿源|信息来源|文章来源|转自|出处){sp}*[:：]{sp}*[^。！？!?]{1,60})"},
      {kLine, "byline", Reason::kByline,
       R"([^,，。！？!?:：]{0,24}?(?:记者|通讯员|特约撰稿人){sp}*{name}(?:(?:{sp}+|、|{sp}*和{sp}*){sp}*(?:记者|通讯员)?{sp}*{name})*(?:{sp}*(?:文并摄|文/图|图/文|摄影|摄|报道|发自\p{Han}{1,8}))?)"},
      {kLine, "byline-credit", Reason::kByline,
       R"((?:作者|撰文|文字|撰稿|摄影|供图|文/图|图/文|文图|文|图){sp}*[:：/|丨]{sp}*{name}(?:(?:{sp}+|、|{sp}*和{sp}*){name}){0,5})"},
      {kLine, "byline-paren", Reason::kByline,
       R"([(（]{sp}*(?:记者|通讯员|作者)[^()（）。]{1,30}[)）])"},
      {kLine, "font-size", Reason::kPageFurniture,
       R"([【\[]?{sp}*(?:字号|字体){sp}*[:：]?{sp}*大{sp}*中{sp}*小{sp}*[】\]]?)"},
      {kLine, "original-title", Reason::kPageFurniture, R"(原标题{sp}*[:：].{1,120})"},
      {kLine, "article-navigation", Reason::kPageFurniture,
       R"((?:上一篇|下一篇|上一条|下一条|相关阅读|相关新闻|相关链接|延伸阅读|热门推荐|推荐阅读|猜你喜欢)(?:{sp}*[:：].{0,80})?{sp}*)"},
      {kLine, "print-jump-line", Reason::kPrintJump,
       R"([(（]?{sp}*(?:下转|上接|下接|转|接)第?{sp}*[0-9一二三四五六七八九十]{1,3}{sp}*版{sp}*[)）]?)"},
      {kLine, "page-number", Reason::kPageHeader,
       R"((?:第{sp}*)?\d{1,3}{sp}*(?:页|版)?|[-—–]{sp}*\d{1,3}{sp}*[-—–]|\d{1,3}{sp}*/{sp}*\d{1,3}|共{sp}*\d{1,3}{sp}*页.{0,20})"},
      {kLine, "running-header", Reason::kPageHeader,
       R"([^,，。！？]{0,30}\d{4}年\d{1,2}月\d{1,2}日{sp}*(?:星期|周)[一二三四五六日天][^,，。！？]{0,30}|第{sp}*\d{1,3}{sp}*版{sp}*[:：]?{sp}*[^,，。！？]{0,12})"},
      {kLine, "copyright-line", Reason::kCopyright,
       NC_NOT_SENTENCE "{0,80}?(?:版{sp}*权{sp}*所{sp}*有|(?i:copyright)|(?i:all{sp}+rights{sp}+reserved)|ICP[备证]|公网安备)" NC_NOT_SENTENCE "{0,120}"},
      {kLine, "disclaimer-line", Reason::kDisclaimer, R"((?:免责声明|特别声明){sp}*[:：].{0,400})"},
      // --- Segments inside a line ------------------------------------------
      {kSegment, "editor-credit-paren", Reason::kEditorCredit,
       R"([(（]{sp}*(?:责任编辑|责编|实习编辑|编辑|编审|校对|审核){sp}*[:：][^()（）\n]{0,40}(?:[(（][^()（）\n]{0,20}[)）][^()（）\n]{0,40})*[)）])"},
      {kSegment, "copyright-statement", Reason::kCopyright,
       R"(版权声明{sp}*[:：].*?(?:追究[^。]{0,16}?责任[。.]?|$))"},
      {kSegment, "copyright-reserved", Reason::kCopyright,
       R"((?i:copyright){sp}*(?:©|\(c\)|[?@])?{sp}*(?:\d{4}(?:{sp}*[-–—]{sp}*\d{4})?)?[^。\n]{0,80}?(?i:all{sp}+rights{sp}+reserved)\.?)"},
      {kSegment, "copyright-paren", Reason::kCopyright,
       R"([(（]{sp}*版{sp}*权{sp}*所{sp}*有[^()（）。\n]{0,60}[)）])"},
      {kSegment, "copyright-all-rights", Reason::kCopyright,
       R"(版{sp}*权{sp}*所{sp}*有(?:{sp}*[:：©?@]{sp}*[^,，。！？!?\n]{0,40}?)?(?:{sp}*[,，]?{sp}*(?:未经|禁止|不得|严禁)[^。\n]{0,40}?)?(?:[。.]|$))"},
      {kSegment, "unauthorized-reprint", Reason::kCopyright,
       R"((?:本(?:网|站|刊|报|平台)(?:所有)?(?:作品|内容|文章|稿件)?[,，]?{sp}*)?未经(?:本(?:网|站|刊|报|平台))?(?:书面)?(?:授权|许可|允许|同意)[,，]?{sp}*(?:任何(?:单位|个人|媒体|网站)?[,，]?{sp}*)?(?:不得|禁止|严禁|请勿|不准){sp}*(?:转载|复制|摘编|使用|转贴|镜像|链接|传播|改编)[^。！\n]{0,60}?(?:[。！.!]|$))"},
      {kSegment, "reprint-notice", Reason::kCopyright,
       R"((?:转载请注明(?:出处|来源|作者)|(?:如需|欢迎)转载)[^。\n]{0,40}?(?:[。.]|$))"},
      {kSegment, "icp-licence", Reason::kCopyright,
       R"(\p{Han}ICP[备证]{sp}*\d{5,12}号?(?:-\d{1,3})?|\p{Han}公网安备{sp}*\d{8,20}号?)"},
      {kSegment, "disclaimer", Reason::kDisclaimer,
       R"(免责声明{sp}*[:：][^\n]{0,300}?(?:[。]|$)(?:[^。\n]{0,150}?(?:本网|本站|本平台|作者|删除|责任|观点|立场|侵权)[^。\n]{0,150}?(?:[。]|$)){0,3})"},
      {kSegment, "font-size-inline", Reason::kPageFurniture,
       R"([【\[]{sp}*(?:字号|字体){sp}*[:：]?{sp}*大{sp}*中{sp}*小{sp}*[】\]])"},
      {kSegment, "print-jump", Reason::kPrintJump,
       R"([(（]{sp}*(?:下转|上接|下接|转|接)第?{sp}*[0-9一二三四五六七八九十]{1,3}{sp}*版{sp}*[)）])"},
      {kSegment, "share-to", Reason::kShareWidget,
       R"(分享到{sp}*[:：](?:{sp}*(?:微信|新浪微博|腾讯微博|微博|QQ空间|QQ|朋友圈|豆瓣|人人网|[|/、]))*)"},
      // --- Lead-ins at the start of a paragraph ------------------------------
      {kLeadIn, "byline-lead-in", Reason::kByline,
       R"((?:本报讯|本刊讯|本网讯|本台讯|本报消息){sp}*(?:[(（]{sp}*(?:记者|通讯员)[^()（）。\n]{1,30}[)）]|(?:记者|通讯员)[^,，。\n]{1,24}?报道)?{sp}*)"},
  };
  return r;
}

#undef NC_NOT_SENTENCE

bool IsValidRuleName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

const std::vector<RuleSpec>& BuiltinRules() {
  static const std::vector<RuleSpec>* rules = new std::vector<RuleSpec>(MakeBuiltinRules());
  return *rules;
}

std::string ExpandRuleMacros(std::string_view pattern) {
  return absl::StrReplaceAll(AV(pattern), {{"{sp}", R"([\s\x{00A0}\x{3000}])"},
                                           {"{name}", R"([\p{Han}·]{2,4})"}});
}

namespace {

std::string_view StripAscii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

absl::StatusOr<std::vector<RuleSpec>> ParseRuleFile(std::string_view contents,
                                                    std::string_view path) {
  std::vector<RuleSpec> rules;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < contents.size()) {
    size_t nl = contents.find('\n', pos);
    if (nl == std::string_view::npos) nl = contents.size();
    std::string_view line = StripAscii(contents.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    auto where = [&] { return absl::StrCat(AV(path), ":", line_no, ": "); };
    // Three whitespace-separated fields, then the pattern (which may hold spaces).
    std::vector<std::string_view> parts;
    std::string_view rest = line;
    for (int k = 0; k < 3; ++k) {
      rest = StripAscii(rest);
      size_t sp = rest.find_first_of(" \t");
      if (sp == std::string_view::npos) break;
      parts.push_back(rest.substr(0, sp));
      rest = rest.substr(sp);
    }
    rest = StripAscii(rest);
    if (parts.size() != 3 || rest.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "expected 'SCOPE NAME REASON PATTERN'"));
    }
    RuleSpec spec;
    if (parts[0] == "line") {
      spec.scope = RuleScope::kLine;
    } else if (parts[0] == "segment") {
      spec.scope = RuleScope::kSegment;
    } else if (parts[0] == "lead-in") {
      spec.scope = RuleScope::kLeadIn;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          where(), "unknown scope '", AV(parts[0]), "' (expected line, segment or lead-in)"));
    }
    if (!IsValidRuleName(parts[1])) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), "rule name '", AV(parts[1]), "' must be [a-z0-9-]+"));
    }
    spec.name = std::string(parts[1]);
    std::optional<Reason> reason = ParseReason(parts[2]);
    if (!reason || *reason == Reason::kEmpty || *reason == Reason::kMalformedRecord ||
        *reason == Reason::kReflow || *reason == Reason::kExactDuplicate ||
        *reason == Reason::kNearDuplicate) {
      return absl::InvalidArgumentError(absl::StrCat(
          where(), "unknown reason '", AV(parts[2]), "' (see newsclean clean --list-rules)"));
    }
    spec.reason = *reason;
    spec.pattern = std::string(rest);
    spec.origin = absl::StrCat(AV(path), ":", line_no);
    rules.push_back(std::move(spec));
  }
  return rules;
}

absl::StatusOr<std::vector<RuleSpec>> ReadRuleFile(const std::string& path) {
  absl::StatusOr<std::string> contents = ReadFileContents(path);
  if (!contents.ok()) return contents.status();
  return ParseRuleFile(*contents, path);
}

}  // namespace newsclean
