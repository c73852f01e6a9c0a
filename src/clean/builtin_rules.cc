// The built-in rule pack: every boilerplate, credit, widget and residue rule
// newsclean applies by default (scopes and matching: rule_set.h).
//
// Rules are written in simplified characters: each line is folded to
// simplified before matching, so one pattern covers both scripts (記者 and 记者,
// 報導 and 报导). Macros: {sp} one space of any width, {name} a Chinese
// personal name (2-4 Han or '·'), {names} one or more names separated by '、',
// '/', spaces or "和", {date} a month-day or year-month-day date ("3月2日",
// "2019年03月02日", "109年9月23日").
//
// How the rules were chosen: from real scraped pages of 21 sites (mainland
// state media and portals, Taiwanese and Hong Kong outlets, overseas Chinese
// services), each judged against hand labels of what must go and what must
// stay (tools/devset/, bench/RESULTS.md). A rule is kept only with evidence
// that a piece of text is furniture: a fixed phrase ("请继续往下阅读"), a
// furniture shape that no sentence has (a bracketed "记者X／台北报导", a
// wire dateline with its date and "电"), or a position (a credit at the end
// of a paragraph). Words of furniture inside a sentence ("扫一扫" to pay,
// "编辑" as a job, "来源" of a river) never match: line rules need the whole
// line, and segment rules need the surrounding shape.
#include <vector>

#include "src/clean/rule_set.h"

// The patterns are aligned by hand: clang-format counts a Han character as
// two columns and would re-wrap every table row.
// clang-format off
namespace newsclean {
namespace {

constexpr RuleScope kLine = RuleScope::kLine;
constexpr RuleScope kSegment = RuleScope::kSegment;
constexpr RuleScope kLeadIn = RuleScope::kLeadIn;
constexpr RuleScope kBlock = RuleScope::kBlock;
constexpr RuleScope kLineNext = RuleScope::kLineNext;
constexpr RuleScope kTail = RuleScope::kTail;

// Sentence-final punctuation that content lines end with and boilerplate lines
// usually do not.
#define NC_NOT_SENTENCE "[^。！？!?]"
// A photo credit in brackets: "（記者吳仁捷翻攝）", "（資料照）", "（圖／某某提供）",
// "（圖取自facebook.com/…）", "（示意圖／取自pixabay）", "（翻攝某某）". The safe forms
// can be cut anywhere; "提供" and "照片" also end ordinary parentheticals
// ("（由市政府提供）"), so the full set is used only at the end of a caption.
#define NC_CREDIT_TAIL "(?:[,，]{sp}*下同|[/／][^()（）\\n]+)?{sp}*[)）]"
#define NC_PHOTO_CREDIT_SAFE                                                                   \
  "[(（]{sp}*(?:(?:图|图片|照片|摄影|图文|示意图|图为资料照|图片来源|图源|照片来源)[/／:：]"     \
  "[^()（）\\n]+{sp}*[)）]|(?:图|图片|照片)?(?:取自|翻摄自|翻摄|截自)[^()（）\\n]+[)）]|"        \
  "(?:[^()（）\\n]*?[^()（）\\n拍])?(?:摄|截图|截屏|资料照片?|档案照片?|供图|推文照片)"        \
  NC_CREDIT_TAIL ")"
#define NC_PHOTO_CREDIT                                                                        \
  "(?:" NC_PHOTO_CREDIT_SAFE "|[(（]{sp}*[^()（）\\n]*?(?:提供|照片)" NC_CREDIT_TAIL ")"
// A news agency or platform named alone in brackets: a photo's or a story's source.
#define NC_AGENCY_CREDIT                                                                        \
  "[(（]{sp}*(?:AFP|AP|EPA|Reuters|Getty Images|路透社?|美联社|法新社|共同社|韩联社|彭博|"       \
  "中央社|新华社|欧新社|德新社|推特|Twitter|脸书|Facebook|美国之音|自由亚洲电台)"               \
  "(?:[/／、][^()（）\\n]{1,20})?{sp}*[)）]"
// One credit: a role ("记者", "责编", "网编", "编译", …) and one or more names.
// After "记者" the name may follow directly ("自由亚洲电台记者家傲"); other roles
// need a colon, a bar, a slash or a space.
#define NC_CREDIT                                                                               \
  "(?:[{han}]{0,8}记者(?:{sp}*[:：|丨/／]{sp}*|{sp}*)|(?:责任编辑|责编|值班编辑|实习编辑|"      \
  "见习编辑|网编|编辑|主编|编审|审校|审核|校对|核稿|编译|翻译|译者|美编|摄影|摄|作者|撰文|文字|"    \
  "撰稿|供图|文|图|制图|监制|策划|统筹)(?:{sp}*[:：|丨/／]{sp}*|{sp}+))"                          \
  "[{han}A-Za-z·]+(?:(?:{sp}*[、/／]{sp}*|{sp}+|{sp}*和{sp}*)[{han}A-Za-z·]+)*" \
  "(?:{sp}*[{han}]{2,6}报道)?"

std::vector<RuleSpec> MakeBuiltinRules() {
  std::vector<RuleSpec> r = {
      // --- Markup and script left by text extraction (first: they hide the
      // furniture they wrap) -------------------------------------------------
      {kSegment, "figcaption", Reason::kImageCaption,
       R"(<figcaption(?:{sp}[^<>\n]*)?>[^<\n]*</figcaption>)"},
      {kSegment, "html-tag", Reason::kMarkupResidue,
       R"(</?(?i:a|abbr|b|blockquote|br|caption|center|div|em|figcaption|figure|font|h[1-6]|hr|i|iframe|img|li|ol|p|picture|pre|section|small|source|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul|video|audio|header|footer|article|aside|nav|noscript)(?:{sp}+[A-Za-z_:][\w:.-]*(?:{sp}*={sp}*(?:"[^"\n]*"|'[^'\n]*'|[^\s"'<>]+))?)*{sp}*/?>)"},
      {kSegment, "html-script", Reason::kScriptResidue,
       R"(<(?i:script|style)(?:{sp}[^<>\n]*)?>[^\n]*?</(?i:script|style)>)"},
      {kSegment, "html-entity", Reason::kMarkupResidue,
       R"(&(?:nbsp|ensp|emsp|thinsp|hellip|amp|quot|lt|gt|ldquo|rdquo|lsquo|rsquo|mdash|ndash|middot|bull|#\d{2,6}|#x[0-9a-fA-F]{2,5});)"},
      {kSegment, "shortcode", Reason::kMarkupResidue, R"(\{\{[<%][^\n]*?[>%]\}\})"},
      {kSegment, "markdown-image", Reason::kMarkupResidue, R"(!\[[^\]\n]*\]\([^)\n]*\))"},
      {kSegment, "markdown-link", Reason::kMarkupResidue,
       R"((\[)[^\[\]\n]+(\]\((?:https?://|/)[^)\s]+\)))"},
      {kSegment, "markdown-bold", Reason::kMarkupResidue, R"((\*\*)[^*\n]+?(\*\*))"},
      {kLeadIn, "markdown-heading", Reason::kMarkupResidue, R"((#{1,6}{sp}+)[^#\s])"},
      {kLeadIn, "markdown-quote", Reason::kMarkupResidue, R"((>{sp}+)[^>\s])"},
      {kLine, "markdown-rule", Reason::kMarkupResidue, R"(-{3,}|\*{3,}|_{3,}|={3,})"},
      {kLine, "url-line", Reason::kMarkupResidue,
       R"((?:(?:https?://|www\.|pic\.twitter\.com/)[^\s{han}]+{sp}*)+)"},
      {kSegment, "tweet-link", Reason::kMarkupResidue, R"({sp}*pic\.twitter\.com/\w{6,16}$)"},
      {kLine, "script-statement", Reason::kScriptResidue,
       R"((?:(?:var|let|const){sp}+[A-Za-z_$][\w$]*{sp}*=|(?:window|document)\.[\w$.]+{sp}*(?:=|\()|\(?{sp}*function{sp}*[\w$]*{sp}*\([^)\n]*\){sp}*\{|[A-Za-z_$][\w$.]*{sp}*\((?:{sp}*(?:'[^'\n]*'|"[^"\n]*"|[\w$.]+){sp}*,?)*\){sp}*;)[^{han}\n]*)"},
      {kLine, "script-brace", Reason::kScriptResidue, R"([})\];,{sp}]*\}[})\];,{sp}]*)"},
      {kLine, "json-object", Reason::kScriptResidue,
       R"(\{{sp}*"[^"\n]{1,60}"{sp}*:[^{han}\n]*\}?{sp}*,?)"},
      {kLine, "css-rule", Reason::kScriptResidue,
       R"([.#@]?[A-Za-z][\w-]*(?:{sp}*[,>+~]?{sp}*[.#]?[A-Za-z][\w-]*)*{sp}*\{[^}{han}\n]*\})"},

      // --- Whole lines -----------------------------------------------------
      {kLine, "breadcrumb", Reason::kBreadcrumb,
       R"((?:当前位置{sp}*[:：]{sp}*)?[^>»›→。\n]{1,40}?(?:{sp}*(?:>>|>|»|›|→){sp}*[^>»›→。\n]{1,60}?){2,8})"},
      {kLine, "breadcrumb-location", Reason::kBreadcrumb,
       R"((?:当前位置|您(?:现在)?的?位置|所在位置){sp}*[:：].{1,120})"},
      {kLine, "share-widget", Reason::kShareWidget,
       R"((?:{sp}|[|/、·•:：\[\]【】])*(?:(?:分享到|分享至|一键分享|分享|收藏本文|收藏|打印本页|打印|关闭窗口|关闭|返回顶部|返回首页|纠错|点赞|转发|微信好友|微信|新浪微博|腾讯微博|微博|QQ空间|QQ好友|QQ|朋友圈|豆瓣|人人网|今日头条|(?i:facebook)|(?i:twitter)|(?i:linkedin)|(?i:line)|(?i:plurk)|(?i:whatsapp)|(?i:telegram)|(?i:email)|噗浪|扫码分享|订阅)(?:{sp}|[|/、·•:：\[\]【】])*)+)"},
      {kLine, "qr-prompt", Reason::kQrPrompt,
       NC_NOT_SENTENCE "{0,30}(?:扫一扫|扫描二维码|扫码关注|扫码下载|长按识别二维码|长按二维码|识别二维码|关注微信公众号|关注公众号)" NC_NOT_SENTENCE "{0,40}"},
      {kLine, "editor-credit", Reason::kEditorCredit,
       R"([(（\[【]?{sp}*(?:责任编辑|责编|值班编辑|实习编辑|见习编辑|网编|编辑|主编|审核|审校|校对|编审|监制|终审|初审|复审|美编|排版|统筹|策划){sp}*[:：|丨]{sp}*[^,，。！？!?]{1,40}?{sp}*[)）\]】]?{sp}*[#＃]?)"},
      {kLine, "credit-line", Reason::kEditorCredit,
       "{sp}*" NC_CREDIT "(?:{sp}*[;；,，]?{sp}*" NC_CREDIT ")+{sp}*[#＃]?", 120},
      {kLine, "date-line", Reason::kDateSource,
       R"((?:(?:发布|发表|更新)?(?:时间|日期){sp}*[:：])?{sp}*\d{4}{sp}*[-年/.]{sp}*\d{1,2}{sp}*[-月/.]{sp}*\d{1,2}{sp}*日?{sp}*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?:{sp}*(?:来源|来自|作者|编辑|责任编辑|责编|浏览次数|浏览|点击数|点击|阅读量|阅读|字号|发布者|稿源){sp}*[:：]?{sp}*[^。！？!?]{0,60}?)*{sp}*)"},
      {kLine, "timestamp-line", Reason::kDateSource,
       R"((?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),{sp}+\d{1,2}{sp}+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec){sp}+\d{4}{sp}+\d{2}:\d{2}(?::\d{2})?(?:{sp}+(?:GMT|UTC|[+-]\d{4}))?|\d{4}-\d{2}-\d{2}(?:T|{sp}+)\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?|\d{1,2}/\d{1,2}/\d{4}(?:{sp}*-?{sp}*\d{1,2}:\d{2})?|\d{1,3}{sp}*(?:秒|分钟|小时|天|周|个月)前|\d{4}年\d{1,2}月\d{1,2}日{sp}*(?:上午|下午|晚上|凌晨|中午|早上)?{sp}*\d{1,2}(?:点|时|:)\d{1,2}分?))"},
      {kLine, "update-stamp", Reason::kDateSource,
       R"((?:(?:首次上稿|出版时间|发布时间|更新时间|最后更新|最新更新|发稿时间|上稿时间){sp}*[:：]?{sp}*(?:\d{1,4}[/\-.年月]){0,3}\d{0,2}日?{sp}*\d{1,2}[:：]\d{2}{sp}*)+(?:[(（][^()（）\n]{0,60}[)）])?)"},
      {kLine, "source-line", Reason::kDateSource,
       R"((?:来源|稿源|信息来源|文章来源|转自|出处|数据来源|图文来源|翻译|原文来源){sp}*[:：]{sp}*[^。！？!?]{1,60})"},
      {kLine, "agency-line", Reason::kDateSource,
       R"([(（]{sp}*(?:[{han}A-Za-z]{1,12}(?:社|网|电台|通讯社|报|之音)[、，,]?{sp}*){1,4}[)）])"},
      {kLine, "author-bio", Reason::kByline,
       R"([^\n]{2,240}?欢迎(?:在|于)(?:(?:Twitter|推特|Facebook|脸书|Instagram|微博)(?:和|、)?)+上?关注(?:他|她|作者)[^\n]{0,60})"},
      {kLine, "book-author-bio", Reason::kByline,
       R"([^\n。“”]{1,30}是{sp}*《[^》\n]{1,60}》(?:一书|等书)?的(?:作者|合著者|共同作者)[。.]?)"},
      {kLine, "contribution-note", Reason::kByline,
       R"([{han}A-Za-z·、,，和及与 ]{2,80}对本文(?:亦|也)?有(?:报道|研究|采访|翻译)?贡献[。.]?)"},
      {kLine, "byline", Reason::kByline,
       R"((?:(?:{names}{sp}+)?[{han}A-Za-z]{0,14}(?:报|社|台|网|集团|中心|杂志|频道|周刊|媒体|新闻){sp}*)?(?:本报|本刊|本台|本网)?(?:特约|实习|见习|首席|驻[{han}]{1,6})?(?:记者|通讯员|特约撰稿人){sp}*{name}(?:(?:{sp}+|、|{sp}*和{sp}*){sp}*(?:记者|通讯员)?{sp}*{name})*(?:{sp}*(?:文并摄|文/图|图/文|摄影|摄|报道|报导|发自[{han}]{1,8}))?)"},
      {kLine, "byline-credit", Reason::kByline,
       R"((?:作者|撰文|文字|撰稿|摄影|供图|文/图|图/文|文图|图文|文|图)(?:{sp}*[:：/|丨／]{sp}*|{sp}*[•・·]{sp}*(?:摄影|图)?{sp}*[/／╱]{sp}*){name}(?:(?:{sp}+|、|{sp}*和{sp}*){name}){0,5})"},
      {kLine, "byline-paren", Reason::kByline,
       R"([(（]{sp}*(?:记者|通讯员|作者)[^()（）。]{1,30}[)）])"},
      {kLine, "byline-agency", Reason::kByline,
       R"({names}{sp}*[(（](?:[^()（）\n]*?(?:社|网|电台|报|摘编|综合报导|综合报道|编译|整理)[、，,]?{sp}*)+[)）])", 60},
      {kLine, "byline-caps", Reason::kByline,
       R"([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)+(?:{sp}*(?:,|AND|and){sp}*[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)+)*)"},
      {kLine, "font-size", Reason::kPageFurniture,
       R"([【\[]?{sp}*(?:字号|字体){sp}*[:：]?{sp}*大{sp}*中{sp}*小{sp}*[】\]]?)"},
      {kLine, "original-title", Reason::kPageFurniture, R"(原标题{sp}*[:：].{1,120})"},
      {kLine, "article-navigation", Reason::kPageFurniture,
       R"((?:上一篇|下一篇|上一条|下一条)(?:{sp}*[:：].{0,80})?{sp}*)"},
      {kLine, "read-more", Reason::kPageFurniture,
       R"(请?继续(?:往下|向下)?(?:阅读|浏览)(?:后续|全文)?[.。…]*|点击查看本文英文版[。.]?|阅读(?:原文|全文|更多)[>»›]*|查看(?:原文|全文)[>»›]*|展开全文|点击(?:加载|查看)更多)"},
      {kLine, "pagination", Reason::kPageFurniture,
       R"((?:(?:首页|上一页|尾页|末页|\d{1,3}){sp}*){0,30}(?:上一页|下一页)(?:{sp}*(?:首页|上一页|下一页|尾页|末页|\d{1,3})){0,30})"},
      {kLine, "media-widget", Reason::kPageFurniture,
       R"(你的器材不支持播放多媒体材料|使用浏览器播视频/view video in browser|(?:视频|音频)(?:加载中|播放)[.。…]*|Feed-URL:|iTunes:|(?:这篇文章|本文|这条新闻)对(?:你|您)有(?:帮助|用)吗[?？]?.{0,20})"},
      // A notice the site puts under the article: its mark, the outlet in
      // 《》, or an outlet's name says so. Not "医师提醒您，…": that is the body.
      {kLine, "psa-notice", Reason::kPageFurniture,
       R"((?:[★●※]{sp}*《?[{han}A-Za-z]{2,12}》?|《[{han}A-Za-z]{2,12}》|[{han}A-Za-z]{0,10}(?:新闻网|新闻云|新闻|日报|晚报|时报|电视台|网))提醒您[,，:：][^\n]{0,160})"},
      {kLine, "print-jump-line", Reason::kPrintJump,
       R"([(（]?{sp}*(?:下转|上接|下接|转|接)第?{sp}*[0-9一二三四五六七八九十]{1,3}{sp}*版{sp}*[)）]?)"},
      {kLine, "page-number", Reason::kPageHeader,
       R"((?:第{sp}*)?\d{1,3}{sp}*(?:页|版)?|[-—–]{sp}*\d{1,3}{sp}*[-—–]|\d{1,3}{sp}*/{sp}*\d{1,3}|共{sp}*\d{1,3}{sp}*页.{0,20})"},
      {kLine, "running-header", Reason::kPageHeader,
       R"([^,，。！？]{0,30}\d{4}年\d{1,2}月\d{1,2}日{sp}*(?:星期|周)[一二三四五六日天][^,，。！？]{0,30}|第{sp}*\d{1,3}{sp}*版{sp}*[:：]?{sp}*[^,，。！？]{0,12})"},
      {kLine, "copyright-line", Reason::kCopyright,
       NC_NOT_SENTENCE "{0,80}?(?:版{sp}*权{sp}*所{sp}*有|(?i:copyright)|(?i:all{sp}+rights{sp}+reserved)|ICP[备证]|公网安备)" NC_NOT_SENTENCE "{0,120}"},
      {kLine, "copyright-symbol", Reason::kCopyright,
       "©\\x{FE0F}?{sp}*\\d{4}" NC_NOT_SENTENCE "{0,80}(?:[。.]" NC_NOT_SENTENCE "*)*"},
      {kLine, "trust-principles", Reason::kCopyright, R"(我们的标准{sp}*[:：]{sp}*汤森路透.{0,20})"},
      {kLine, "disclaimer-line", Reason::kDisclaimer, R"((?:免责声明|特别声明){sp}*[:：].{0,400})"},
      {kLine, "position-disclaimer", Reason::kDisclaimer,
       R"(※?[^。\n]{0,30}(?:本文|以上|文章|内容|本网|本站|本台|言论|作者)[^。\n]{0,20}不代表[^。\n]{0,30}(?:立场|观点)[^。\n]{0,10}[。.]?※?)"},
      {kLine, "photo-source", Reason::kPhotoCredit,
       R"((?:图像来源|图片来源|照片来源|图源|图片提供|照片提供){sp}*[,，:：/／]{sp}*[^\n]{1,60}|©{sp}*[A-Za-z][\w .&'-]{0,40})"},
      {kLine, "photo-credit-line", Reason::kPhotoCredit,
       R"((?:中央社)?记者[{han}·]{2,4}[{han}]{0,8}摄{sp}*(?:\d{2,4}年\d{1,2}月\d{1,2}日)?|摄影{sp}*[:：]{sp}*{names})"},
      {kLine, "caption-marker", Reason::kImageCaption,
       R"([(（]?(?:图为|图片为|(?:资料图片?|资料照片?|档案照片?|组图)[:：])[^\n]{1,150})"},
      {kLine, "caption-with-credit", Reason::kImageCaption,
       R"([^\n]+?{sp}*)" NC_PHOTO_CREDIT R"({sp}*(?:[A-Z]+/[A-Za-z .'-]+)?)", 180},
      // CNA's photo captions end with the photographer and the date (ROC or
      // Western year), without brackets: "…。中央社記者某某台北攝 109年9月23日".
      {kLine, "caption-cna-credit", Reason::kImageCaption,
       R"([^\n]{0,200}?中央社记者[{han}·]{2,4}[{han}]{0,8}摄{sp}*\d{2,4}年\d{1,2}月\d{1,2}日)", 240},
      // A caption names who is where in the photo: "某某（右）與某某會面。",
      // "(由右至左)", "（左起）". Body text does not point at positions; the
      // marker must follow a name and be one of these words exactly, so "中國
      // （中共）" never matches, and "（中）" must not end the line (a part
      // number: "改革四十年（中）").
      {kLine, "caption-position", Reason::kImageCaption,
       R"([^\n“”「」『』:：？！?!]{1,60}?[{han}A-Za-z]{sp}?(?:[(（]{sp}?(?:左|右|中|前|后|中间|前排|后排|[左右前][起一二三四五六七八九1-9]|[前后][左右]|由[左右]至[左右])[)）][^\n“”「」『』:：？！?!]{1,80}|[(（]{sp}?(?:左|右|[左右][起一二三四五六七八九1-9]|由[左右]至[左右])[)）]))", 100},
      {kLine, "caption-with-date", Reason::kImageCaption,
       R"([^。\n]+(?:[。.]{sp}*)?[(（][^()（）。\n]*?\d{4}年\d{1,2}月\d{1,2}日[)）])", 180},
      {kLine, "follow-prompt", Reason::kFollowPrompt,
       R"([^。\n]{0,40}(?:下载|下戴)[^。\n]{0,20}(?i:app)[^。\n]{0,30}|[^。\n]{0,20}(?i:app)[^。\n]{0,10}下载[^。\n]{0,30}|不用抽{sp}*不用抢{sp}*现在用(?i:app)看新闻.*|按我看活动办法|[^。\n]{0,40}(?:请点此|点此|点击此处|点击这里|点我)[^。\n]{0,60}[。.]?|获取更多(?i:rss)[:：]?.*|欢迎(?:订阅|关注|收听|投稿|来稿|爆料)[^\n]{0,100}|有话要说{sp}*投稿.*|订阅《[^》\n]+》电子报.*|请输入正确的电子信箱格式|感谢您的订阅[!！]?|(?:请|欢迎)(?:加入|成为|订阅|支持)[^。\n]{0,30}?(?:订户|订阅|会员|赞助).*|[^。\n]{0,20}(?:订户|订阅)[^。\n]{0,10}网址[:：].*)"},
      {kLine, "ad-notice", Reason::kPageFurniture,
       R"([(（【]?{sp}*(?:工商消息|广告|赞助内容|业配)[)）】]?[^\n]{0,40}提供.{0,20})"},
      {kLine, "tweet-attribution", Reason::kPageFurniture,
       R"([—-]{1,2}{sp}*[^\n]{1,40}[(（]@\w+[)）]{sp}*(?:January|February|March|April|May|June|July|August|September|October|November|December){sp}+\d{1,2},{sp}*\d{4})"},
      // --- Blocks: a heading and the list after it; a marker and its caption --
      {kBlock, "related-links", Reason::kRelatedLinks,
       R"([【\[]?{sp}*(?:相关新闻|相关阅读|相关报道|相关文章|相关链接|延伸阅读|推荐阅读|热门推荐|热门新闻|更多新闻|其他新闻|你可能也会感兴趣|猜你喜欢|热点推荐|精彩推荐|编辑推荐|小编推荐|今日推荐|大家都在看|阅读更多|更多报道|防疫资讯|全球热话题){sp}*[】\]]?{sp}*[:：》>]?)"},
      // --- Tails: an author box that ends a page ------------------------------
      // Hong Kong blog platforms close a column with "博客 | 作者" and the
      // author's bio ("【作者・專欄】…"); op-eds with "作者简介：" and the bio.
      {kTail, "author-box", Reason::kByline,
       R"((?:博客{sp}*[|｜]{sp}*[^|｜\n]{1,30}|作者简介{sp}*[:：]?[^\n]{0,300}))"},
      {kLineNext, "caption-next", Reason::kImageCaption, R"((?:图像|视频|图片)加注文字[,，:：]?)"},

      // --- Segments inside a line ------------------------------------------
      {kSegment, "editor-credit-paren", Reason::kEditorCredit,
       R"([(（]{sp}*(?:责任编辑|责编|实习编辑|见习编辑|编辑|编审|校对|审核|审校|网编|译者|翻译|编译|核稿)(?:{sp}*[:：]|[/／])[^()（）\n]{0,40}(?:[(（][^()（）\n]{0,20}[)）][^()（）\n]{0,40})*[)）](?:\d{7})?)"},
      {kSegment, "editor-credit-tail", Reason::kEditorCredit,
       R"([(（][{han}]{2,8}(?:编译|审校|编辑)[/／][{han}]{1,4}[)）]{sp}*$)"},
      {kSegment, "byline-bracket", Reason::kByline,
       R"([〔【\[(（]{sp}*(?:[^〔〕【】()（）\[\]/／╱\n]{1,24}){sp}*[/／╱]{sp}*[^〔〕【】()（）\[\]/／╱\n]{0,12}?(?:报导|报道|编译|整理|综合报导|专访|外电)[〕】\])）])"},
      {kSegment, "byline-reporter", Reason::kByline,
       R"((?:实习|特派|驻[{han}]{1,4})?记者[{han}·、]{2,12}?{sp}*[/／╱]{sp}*[{han}]{0,6}?(?:报导|报道))"},
      {kSegment, "byline-paren-reporter", Reason::kByline,
       R"([(（]{sp}*[{han}]{0,8}?记者[{han}·、]{2,16}?(?:综合|编译|采访)?(?:报导|报道|整理)[)）])"},
      {kSegment, "byline-paren-tail", Reason::kByline,
       R"([(（]{sp}*(?:(?:本报|本刊|特约)?(?:记者|通讯员)|作者|执笔|项目团队|(?:文|撰文|文图|图文)[:：/／])[^()（）\n]{1,80}[)）]{sp}*$)"},
      {kSegment, "copyright-statement", Reason::kCopyright,
       R"(版权声明{sp}*[:：].*?(?:追究[^。]{0,16}?责任[。.]?|$))"},
      {kSegment, "copyright-reserved", Reason::kCopyright,
       R"((?i:copyright){sp}*(?:©|\(c\)|[?@])?{sp}*(?:\d{4}(?:{sp}*[-–—]{sp}*\d{4})?)?[^。\n]{0,80}?(?i:all{sp}+rights{sp}+reserved)\.?)"},
      {kSegment, "copyright-paren", Reason::kCopyright,
       R"([(（]{sp}*版{sp}*权{sp}*所{sp}*有[^()（）。\n]{0,60}[)）])"},
      {kSegment, "copyright-all-rights", Reason::kCopyright,
       R"(版{sp}*权{sp}*所{sp}*有(?:{sp}*[:：©?@]{sp}*[^,，。！？!?\n]{0,40}?)?(?:{sp}*[,，]?{sp}*(?:未经|禁止|不得|严禁)[^。\n]{0,40}?)?(?:[。.]|$))"},
      {kSegment, "unauthorized-reprint", Reason::kCopyright,
       R"((?:本(?:网|站|刊|报|平台)(?:所有)?(?:作品|内容|文章|稿件)?[,，]?{sp}*)?未经(?:本(?:网|站|刊|报|平台))?(?:书面)?(?:授权|许可|允许|同意)[,，]?{sp}*(?:任何(?:单位|个人|媒体|网站)?[,，]?{sp}*)?(?:不得|禁止|严禁|请勿|不准){sp}*(?:转载|复制|摘编|使用|转贴|镜像|链接|传播|改编)[^。！\n]{0,60}?(?:[。！.!]|违者必究[)）]?|$))"},
      {kSegment, "reprint-notice", Reason::kCopyright,
       R"((?:转载请注明(?:出处|来源|作者)|(?:如需|欢迎)转载)[^。\n]{0,40}?(?:[。.]|$))"},
      {kSegment, "reprint-disclaimer", Reason::kDisclaimer,
       R"(本(?:网|站|平台|号|刊)转载[^。\n]{0,20}?(?:出于|目的在于|旨在|是为了?)传递更多信息[^。\n]{0,60}(?:[。.]|$)(?:[^。\n]*?(?:观点|描述|参考|侵权|删除|联系|版权|责任|真实性)[^。\n]*?(?:[。.]|$)){0,4})"},
      {kSegment, "icp-licence", Reason::kCopyright,
       R"([{han}]ICP[备证]{sp}*\d{5,12}号?(?:-\d{1,3})?|[{han}]公网安备{sp}*\d{8,20}号?)"},
      {kSegment, "disclaimer", Reason::kDisclaimer,
       R"(免责声明{sp}*[:：][^\n]*?(?:[。]|$)(?:[^。\n]*?(?:本网|本站|本平台|作者|删除|责任|观点|立场|侵权)[^。\n]*?(?:[。]|$)){0,3})"},
      {kSegment, "position-disclaimer-mark", Reason::kDisclaimer,
       R"(※[^※\n]{0,10}以上(?:言论|内容|文章)[^※\n]{0,10}不代表[^※\n]{0,30}(?:立场|观点)[^※\n]{0,6}※)"},
      {kSegment, "font-size-inline", Reason::kPageFurniture,
       R"([【\[]{sp}*(?:字号|字体){sp}*[:：]?{sp}*大{sp}*中{sp}*小{sp}*[】\]])"},
      {kSegment, "print-jump", Reason::kPrintJump,
       R"([(（]{sp}*(?:下转|上接|下接|转|接)第?{sp}*[0-9一二三四五六七八九十]{1,3}{sp}*版{sp}*[)）])"},
      {kSegment, "print-stamp", Reason::kDateSource,
       R"(《{sp}*[^》\n]{2,12}?{sp}*》{sp}*[(（]{sp}*\d{4}{sp}*年{sp}*\d{1,2}{sp}*月{sp}*\d{1,2}{sp}*日{sp}*(?:第?{sp}*\d{1,2}{sp}*版)?{sp}*[)）])"},
      {kSegment, "share-to", Reason::kShareWidget,
       R"(分享(?:到|至){sp}*(?:[:：](?:{sp}*(?:微信|新浪微博|腾讯微博|微博|QQ空间|QQ|朋友圈|豆瓣|人人网|(?i:facebook)|(?i:twitter)|(?i:line)|(?i:plurk)|[|/、]))*|(?:{sp}*(?:微信|新浪微博|腾讯微博|微博|QQ空间|QQ|朋友圈|豆瓣|人人网|(?i:facebook)|(?i:twitter)|(?i:line)|(?i:plurk))[|/、]?){2,}))"},
      {kSegment, "newsletter-prompt", Reason::kFollowPrompt,
       R"(感谢阅读(?:今天的|本期)?(?:简报|本文)[^“”「」\n]*(?:[A-Za-z0-9._-]+@[A-Za-z0-9.-]+\.[a-z]{2,}[。.]?|$))"},
      {kSegment, "fan-page-prompt", Reason::kFollowPrompt,
       R"(欢迎按赞加入[^。\n]{0,40}(?:粉丝专页|粉丝团)[!！。]?)"},
      {kSegment, "photo-credit", Reason::kPhotoCredit, NC_PHOTO_CREDIT_SAFE},
      {kSegment, "photo-credit-end", Reason::kPhotoCredit, NC_PHOTO_CREDIT R"({sp}*$)"},
      {kSegment, "agency-credit-tail", Reason::kPhotoCredit,
       NC_AGENCY_CREDIT R"({sp}*$)"},
      {kSegment, "photo-credit-tail", Reason::kPhotoCredit,
       R"(({sp}*©{sp}*[A-Z][A-Za-z .&'-]{1,30}|{sp}*(?:REUTERS|AFP|AP|EPA|Getty Images)/[A-Z][A-Za-z .'-]{1,30}|Photo{sp}*[:：]{sp}*[A-Za-z .]{2,30})$)"},
      {kSegment, "caption-marked", Reason::kImageCaption,
       R"([▲▼]{1,2}[^▲▼\n]{1,200}?)" NC_PHOTO_CREDIT},
      {kSegment, "source-note", Reason::kDateSource,
       R"([(（]本文(?:依据|根据|综合|编译自|参考|来源)[^()（）\n]{1,40}[)）]|(?:本内容由|本文由)[^。\n]{1,30}提供|文章授权转载自《[^》\n]{1,20}》|(?:延伸阅读)?文章出处[:：][^。\n]{1,40}$|图、文[/／][^。\n]{1,12}$)"},
      {kSegment, "update-note", Reason::kDateSource,
       R"([(（](?:更新[:：][^()（）\n]{1,40}|\d{1,2}:\d{2}更新[^()（）\n]{0,60})[)）])"},
      {kSegment, "related-inline", Reason::kRelatedLinks,
       R"((?:相关新闻|延伸阅读|相关阅读|相关报道|推荐阅读|热门推荐|猜你喜欢|相关链接)[:：][^。\n]*$|(?:>>|»){sp}*更多[^。\n]{0,20}$|更多[^。\n【】]{1,10}(?:报导|报道|新闻)(?:{sp}*【[^】\n]{1,40}】[^【\n]{1,60}){1,10}(?m:$)|【(?:更多新闻|其他新闻|相关新闻|延伸阅读|推荐阅读|热门新闻)】(?:[^。\n]*$)?|►[^►【●▲\n]{1,80})"},
      // Apple Daily (Taiwan) furniture glued into flattened pages: the stamp
      // pair, the op-ed submission prompt, the advertorial marker.
      {kSegment, "update-stamp-pair", Reason::kDateSource,
       R"(出版时间{sp}*[:：]{sp}*\d{1,2}:\d{2}{sp}*更新时间{sp}*[:：]{sp}*\d{1,2}:\d{2})"},
      {kSegment, "submit-prompt-tail", Reason::kFollowPrompt,
       R"({sp}*有话要说{sp}*投稿「即时论坛」{sp}*$)"},
      {kSegment, "advertorial-marker", Reason::kPageFurniture, R"(【工商消息】)"},
      // "udn瘋運動有IG了！ ▪ …大家追蹤起來！" at the end of a page.
      {kSegment, "ig-prompt-tail", Reason::kFollowPrompt,
       R"({sp}*[^。！？!?\n]{0,20}有(?i:IG|Instagram)了[!！][^\n]{0,80}?(?:追踪|关注)起来[!！]{sp}*$)"},
      // (?m:$), not $: lines hold no '\n', so both end the line, but RE2
      // searches a pattern that ends in $ backwards from the line's end, and a
      // long counted run there makes its DFA build states on every line (on
      // real pages 6-7x slower than the forward search this gets).
      {kSegment, "psa-notice-tail", Reason::kPageFurniture,
       R"([★●]{sp}*《?[{han}A-Za-z]{2,12}》?提醒您[,，:：][^\n]{0,160}(?m:$))"},
      {kSegment, "end-marker", Reason::kPageFurniture,
       R"({sp}*[(（【]{sp}*(?:全文)?完{sp}*[)）】]{sp}*$)"},
      {kSegment, "link-stub", Reason::kPageFurniture,
       R"([\[【]{sp}*(?:全文|查看原文|阅读原文|阅读全文|详细|详情|更多)[\]】]|[(（](?:阅读本文中文版|阅读本文英文版|微博|资料{sp}+报价{sp}+图片{sp}+论坛|[^()（）\n]{0,12}广告)[)）]|{sp}*我要评论{sp}*$)"},
      {kSegment, "quote-widget", Reason::kPageFurniture,
       R"(\[\d+\.\d{2}{sp}+-?\d+\.\d{2}%\])"},
      {kSegment, "tweet-attribution-inline", Reason::kPageFurniture,
       R"([—-]{1,2}{sp}*[^\n—]{1,40}[(（]@\w+[)）]{sp}*(?:January|February|March|April|May|June|July|August|September|October|November|December){sp}+\d{1,2},{sp}*\d{4})"},
      {kSegment, "dateline-paren", Reason::kDateline,
       R"([(（]{sp}*(?:中央社|中新社|新华社|法新社|路透社?|美联社|共同社|韩联社|德新社|本报|本刊|大纪元|综合)(?:记者)?[{han}·、/ ]{0,20}?\d{1,2}(?:月\d{1,2})?日(?:专|综合|外)?电{sp}*[)）]{sp}*|[(（](?:德国之声中文网|美国之音|法广|自由亚洲电台|BBC中文网?)[)）])"},
      {kSegment, "dateline-bracket", Reason::kDateline,
       R"(【[^【】\n]{0,12}?\d{4}年\d{1,2}月\d{1,2}日讯】)"},
      {kSegment, "dateline-portal", Reason::kDateline,
       R"((?:腾讯|新浪|网易|搜狐|凤凰网?|中新网|环球网|澎湃新闻|人民网|新华网|央视网|光明网|中国日报网|东方网|北青网|财联社|界面新闻|第一财经)(?:体育|科技|财经|娱乐|汽车|新闻|房产|时尚|教育|游戏|数码|健康|军事|国际|文化|旅游)?(?:\d{1,2}月\d{1,2}日)?讯(?:北京时间\d{1,2}月\d{1,2}日(?:[(（][^()（）\n]{1,20}[)）])?消息[,，]?)?{sp}*)"},
      // --- Lead-ins at the start of a paragraph ------------------------------
      {kLeadIn, "timestamp-lead-in", Reason::kDateSource,
       R"((\d{4}年\d{1,2}月\d{1,2}日{sp}*\d{1,2}[:：]\d{2}{sp}*)(?:记者|[{han}]{1,8}[/／]))"},
      {kLeadIn, "byline-lead-in-names", Reason::kByline,
       R"(((?:本报讯|本刊讯|本网讯){sp}*(?:本报|本刊)?(?:记者|通讯员){sp}*[{han}·]{2,4}(?:(?:、|{sp})(?:本报|本刊)?(?:记者|通讯员)?{sp}*[{han}·]{2,4}){0,4}){sp}*(?:从|在|近日|日前|获悉))"},
      {kLeadIn, "byline-lead-in", Reason::kByline,
       R"((?:本报讯|本刊讯|本网讯|本台讯|本报消息){sp}*(?:[(（]{sp}*(?:记者|通讯员)[^()（）。\n]{1,30}[)）]|(?:记者|通讯员)[^,，。\n]{1,24}?报道)?{sp}*)"},
      {kLeadIn, "byline-lead-in-slash", Reason::kByline,
       R"([{han}·、]{2,12}[/／╱]{sp}*[{han}]{0,6}?(?:报导|报道|整理编辑|编辑整理|编译|整理){sp}*)"},
      {kLeadIn, "dateline-wire", Reason::kDateline,
       R"((?:据)?(?:中新网|中新社|新华社|新华网|人民网|央视网|光明网|本报|本刊|中国日报网)[{han}·/]{0,12}?\d{1,2}(?:月\d{1,2})?日(?:专|综合)?电{sp}*(?:[(（]{sp}*(?:记者|通讯员)?[^()（）。\n]{1,40}[)）])?{sp}*)"},
      {kLeadIn, "dateline-reuters", Reason::kDateline,
       R"(路透[{han}/]{1,12}\d{1,2}月\d{1,2}日{sp}*[-–—]{sp}*)"},
      {kLeadIn, "dateline-brand", Reason::kDateline,
       R"([{han}]{2,4}(?:财经|体育|科技|娱乐|汽车|新闻|网)讯{sp}+|【[^【】\n]{0,12}(?:报道|讯)(?:{sp}*(?:记者|通讯员){sp}*{names})?{sp}*】)"},
  };
  // Its alternatives together made RE2's DFA build a state every few bytes of
  // a line it had not seen (2,300 cycles a byte on real pages): searched one
  // at a time (rule_alternatives.h), each only where its literals are.
  for (RuleSpec& spec : r) {
    if (spec.name == "related-inline") spec.search_alternatives_apart = true;
  }
  return r;
}

#undef NC_NOT_SENTENCE
#undef NC_PHOTO_CREDIT
#undef NC_PHOTO_CREDIT_SAFE
#undef NC_CREDIT_TAIL
#undef NC_AGENCY_CREDIT
#undef NC_CREDIT

}  // namespace

const std::vector<RuleSpec>& BuiltinRules() {
  static const std::vector<RuleSpec>* rules = new std::vector<RuleSpec>(MakeBuiltinRules());
  return *rules;
}

}  // namespace newsclean
// clang-format on
