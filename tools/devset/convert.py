#!/usr/bin/python3
"""Builds the real-data development set of scraped Chinese news pages.

Reads articles out of local mirrors of public GitHub repositories (bare git
directories as brought by the mirror tool, or ordinary clones) at the commits
pinned in SOURCES below, takes a fixed per-site sample with a fixed seed, and
writes one JSON object per article:

  id      "<site>-<nnn>", stable for a given config and seed
  site    short site name ("cna", "udn", "qq", ...)
  script  "hant" or "hans", by counting characters that differ between the
          scripts (ties fall back to the site's usual script)
  repo    owner/name of the source repository
  commit  commit the article was read at
  path    file within the repository
  record  index of the record inside that file (multi-record files only)
  title   the title, where the scraper stored it apart from the body
  url     the article address, where the scraper kept it
  format  "text" (the body exactly as stored), "markdown" (exactly as stored,
          Markdown with inline HTML) or "html-text" (the scraper stored HTML;
          see render_html_text for the only transformation applied)
  text    the article body as the scraper stored it: line breaks, \\r, runs of
          spaces, bylines and page furniture are all kept

Standard library only; runs with Debian's /usr/bin/python3.

  /usr/bin/python3 tools/devset/convert.py \\
      --mirror-root /work/.mirror \\
      --out /work/shared/devset/devset.jsonl \\
      --sources-md /work/shared/devset/SOURCES.md \\
      --notes /work/shared/devset/furniture_notes.md

A mirror can also be named one by one: --mirror owner/name=/path/to/gitdir.
Nothing here downloads anything; see tools/devset/README.md for how to fetch.
"""

import argparse
import csv
import html.parser
import io
import json
import os
import random
import re
import subprocess
import sys
import threading

SEED = 20240601

# One entry per source repository. "sites" gives the per-site sample size.
# Handlers are defined below; each yields candidate records for one source.
SOURCES = [
    {
        "repo": "NodeBE4/news-beyond-wall",
        "commit": "1032e17750f104e31ff94603924abcca6caf8c73",
        "handler": "feed_archive_md",
        # frontmatter "author:" value -> (site, host the "from:" URL must be on)
        "authors": {
            "(臺)中央社CNA": ("cna", "cna.com.tw"),
            "联合早报": ("zaobao", "zaobao.com"),
            "法广": ("rfi", "rfi.fr"),
            "美国之音": ("voa", "voachinese.com"),
            "德国之声": ("dw", "dw.com"),
            "自由亚洲电台": ("rfa", "rfa.org"),
            "BBC": ("bbc", "bbc.com"),
            "纽约时报": ("nytimes", "cn.nytimes.com"),
            "大纪元": ("epochtimes", "epochtimes.com"),
            "路透": ("reuters", "reuters.com"),
        },
        "sites": {"cna": 80, "zaobao": 30, "rfi": 30, "voa": 25, "dw": 25,
                  "rfa": 25, "bbc": 20, "nytimes": 20, "epochtimes": 25,
                  "reuters": 20},
    },
    {
        "repo": "hkarchivist/hkcnews-article-archive",
        "commit": "635cc02f3c0fcd3d8c829c68cd2fe07f50adfc25",
        "handler": "hkcnews_md",
        "sites": {"hkcnews": 80},
    },
    {
        "repo": "whaleShark92/udn_site_news_analysis_django",
        "commit": "26208ab301c70e4d220c210a375e3b00f1e85fb2",
        "handler": "udn_psv",
        "files": ["app_user_keyword/dataset/udn_news_preprocessed_0.csv"],
        "sites": {"udn": 80},
    },
    {
        "repo": "IsaacLee0904/Chinatimes-Ukraine-Russia-NLP",
        "commit": "9b50c6819a59e6056855742566c6db002a38440a",
        "handler": "chinatimes_csv",
        "files": ["chinatimes/chinatimes/spiders/week1.csv",
                  "chinatimes/chinatimes/spiders/week5.csv"],
        "sites": {"chinatimes": 70},
    },
    {
        "repo": "leoluyi/old_people_news",
        "commit": "c56a3eca48f73a9e9c8a5af9ffb5804a6e16c8da",
        "handler": "appledaily_csv",
        "files": ["data/old_people_news_data.csv"],
        "sites": {"appledaily_tw": 70},
    },
    {
        "repo": "jacmule/txnews_spider",
        "commit": "148e67c6e8b3d933a702c55c7b5b89439eb9249e",
        "handler": "sogou_doc",
        "files": ["result/txnews_2019-01-01.txt", "result/txnews_2019-01-02.txt",
                  "result/txnews_2019-01-03.txt", "result/txnews_2019-01-04.txt"],
        "sites": {"qq": 60},
    },
    {
        "repo": "qianshuang/dl-exp",
        "commit": "0ff7afa0588c61940868d24099c7cbecc8ee9b54",
        "handler": "cnews_tsv",
        "files": ["data/cnews/cnews.val.txt"],
        "sites": {"sina": 50},
    },
    {
        # The pinned commit is older than the snapshot's newest one: a later
        # commit deleted search_result/ltn_*.csv.
        "repo": "JamesLiao714/TaiwanNewsCrawler",
        "commit": "ae3c12782be031912302a0a5c68b1e7de006b2fb",
        "handler": "ltn_csv",
        "files": ["search_result/ltn_covid_10.csv", "search_result/ltn_covid_2.csv"],
        "sites": {"ltn": 60},
    },
    {
        "repo": "e5a27123/crawler",
        "commit": "8ded730ff1f6c9f2dd1a624071b4a1e9bc7b48c3",
        "handler": "tw_clr_csv",
        # file -> (site, column holding the body, column holding the URL or None)
        "files": {"ettoday/clr_ettoday.csv": ("ettoday", "hyperlink", "url"),
                  "clr_setn (1).csv": ("setn", "content", None)},
        "sites": {"ettoday": 50, "setn": 16},
    },
    {
        # The pinned commit is older than the snapshot's newest one: later
        # commits deleted the installed/*/result/ folders.
        "repo": "HaorongX/daily-news-get",
        "commit": "d8fe14320fac2f9aef35d28e13c0d6eb2f36f7af",
        "handler": "epaper_html",
        # result folder -> site (paper.people.com.cn and epaper.gmw.cn)
        "folders": {"installed/人民日报/result/": "people",
                    "installed/光明日报/result/": "gmw"},
        "sites": {"people": 50, "gmw": 50},
    },
]

# The usual script of each site, used only when the character count ties.
SITE_SCRIPT = {
    "cna": "hant", "hkcnews": "hant", "udn": "hant", "chinatimes": "hant",
    "appledaily_tw": "hant", "ltn": "hant", "ettoday": "hant", "setn": "hant",
}

MIN_HAN = 150  # articles with fewer Han characters are skipped (stubs, English)

# Frequent characters whose Simplified and Traditional forms differ, as aligned
# pairs. Characters used unchanged in both scripts (台, 后/後 ambiguity, 么, 几,
# 云, 里, 干, 面 ...) are left out on purpose.
_SIMP = ("这个们来时说为国会发对过经还没现进动开关问间长东车话门电实学样点当从见"
         "机种总报记岁华湾区业应战军场产员义务万与数认级头书体边师亚团题达联乐写风"
         "网无给让论议难观将钱银选组统权举类术办维费队传变计设该转觉张陈刘杨黄赵吴"
         "郑马冯邓许韩苏卢罗谢丽龙讯导护环际压线济医疗险药览续历态确质规则责调贸价"
         "买卖众领协县镇乡农营运输铁桥楼层飞鸟鱼热气温带节单双语请读园图钟录称内两"
         "证据负虽独检测阶标势龄毕竞职离闻块岛准备严厉绝纪约终结织驾驶辆货币担扩"
         "补剧宁财购赛"
         )
_TRAD = ("這個們來時說為國會發對過經還沒現進動開關問間長東車話門電實學樣點當從見"
         "機種總報記歲華灣區業應戰軍場產員義務萬與數認級頭書體邊師亞團題達聯樂寫風"
         "網無給讓論議難觀將錢銀選組統權舉類術辦維費隊傳變計設該轉覺張陳劉楊黃趙吳"
         "鄭馬馮鄧許韓蘇盧羅謝麗龍訊導護環際壓線濟醫療險藥覽續歷態確質規則責調貿價"
         "買賣眾領協縣鎮鄉農營運輸鐵橋樓層飛鳥魚熱氣溫帶節單雙語請讀園圖鐘錄稱內兩"
         "證據負雖獨檢測階標勢齡畢競職離聞塊島準備嚴厲絕紀約終結織駕駛輛貨幣擔擴"
         "補劇寧財購賽"
         )
assert len(_SIMP) == len(_TRAD), (len(_SIMP), len(_TRAD))
SIMP_ONLY = set(s for s, t in zip(_SIMP, _TRAD) if s != t)
TRAD_ONLY = set(t for s, t in zip(_SIMP, _TRAD) if s != t)
assert not (SIMP_ONLY & TRAD_ONLY)


def script_of(text, site):
    simp = sum(1 for ch in text if ch in SIMP_ONLY)
    trad = sum(1 for ch in text if ch in TRAD_ONLY)
    if simp > trad:
        return "hans"
    if trad > simp:
        return "hant"
    return SITE_SCRIPT.get(site, "hans")


def han_count(text):
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


# ---------------------------------------------------------------- git access

class Mirror:
    """Read-only access to one repository at one commit."""

    def __init__(self, gitdir, commit):
        self.gitdir = gitdir
        self.commit = commit
        check = subprocess.run(["git", "--git-dir", gitdir, "cat-file", "-e", commit + "^{commit}"],
                               capture_output=True)
        if check.returncode != 0:
            raise SystemExit("commit %s is not in %s; fetch the pinned snapshot (see README)"
                             % (commit, gitdir))

    def ls(self, prefix=""):
        """Returns sorted (path, blob sha) of the files under prefix."""
        out = subprocess.run(["git", "--git-dir", self.gitdir, "ls-tree", "-r", "-z", self.commit],
                             capture_output=True, check=True).stdout
        entries = []
        for entry in out.split(b"\0"):
            if not entry:
                continue
            meta, path = entry.split(b"\t", 1)
            _mode, kind, sha = meta.split()
            path = path.decode("utf-8", "surrogateescape")
            if kind == b"blob" and path.startswith(prefix):
                entries.append((path, sha.decode()))
        entries.sort()
        return entries

    def read(self, path):
        return subprocess.run(["git", "--git-dir", self.gitdir, "show", "%s:%s" % (self.commit, path)],
                              capture_output=True, check=True).stdout

    def read_many(self, shas):
        """Yields the contents of the given blobs, in order, through one cat-file process."""
        proc = subprocess.Popen(["git", "--git-dir", self.gitdir, "cat-file", "--batch"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        def feed():
            for sha in shas:
                proc.stdin.write(sha.encode() + b"\n")
            proc.stdin.close()

        threading.Thread(target=feed, daemon=True).start()
        for _ in shas:
            header = proc.stdout.readline().split()
            size = int(header[2])
            data = proc.stdout.read(size)
            proc.stdout.read(1)
            yield data
        proc.wait()


def find_gitdir(root, repo):
    base = os.path.join(root, repo.replace("/", "+"))
    for cand in (os.path.join(base, "repo", ".git"), os.path.join(base, "repo"), base,
                 os.path.join(base, ".git")):
        if os.path.isdir(cand) and os.path.exists(os.path.join(cand, "HEAD")):
            return cand
    return None


# ---------------------------------------------------------------- HTML to text

class _TextRenderer(html.parser.HTMLParser):
    """Tag stripping of the kind a plain scraper does (get_text with block breaks).

    Text nodes are kept byte for byte (after entity decoding), including their
    own spaces and newlines; a "\\n" is written at the start and end of each
    block-level element and at <br>; the contents of <script>, <style> and
    HTML comments are dropped; image alt text is not text and is dropped.
    """

    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
             "figure", "figcaption", "section", "article", "header", "footer", "hr",
             "table", "tr", "blockquote", "address", "aside", "nav", "pre", "dl", "dt", "dd"}
    SKIP = {"script", "style", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def render_html_text(markup):
    """The only change made to HTML-stored articles: tags to text, see _TextRenderer.

    Afterwards, runs of three or more newlines that consist only of the breaks
    inserted for nested blocks are cut to two; spaces inside text are kept.
    """
    renderer = _TextRenderer()
    renderer.feed(markup)
    renderer.close()
    text = "".join(renderer.out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


# ---------------------------------------------------------------- handlers
# Each handler yields dicts with at least path, text; optionally record, title,
# url, site, format, sha (blob to read lazily). Candidates come out in a stable
# order; sampling happens in sample_site.

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _frontmatter(text):
    m = FRONT.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).split("\n"):
        if ":" in line and not line.startswith(" "):
            key, value = line.split(":", 1)
            meta[key.strip()] = value.strip()
    return meta, text[m.end():]


def _unquote(value):
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return json.loads(value)
        except ValueError:
            return value[1:-1]
    return value


def handle_feed_archive_md(src, mirror, wanted_sites, rng_for):
    """NodeBE4/news-beyond-wall: Jekyll posts of RSS full text, body in HTML."""
    entries = [(p, s) for p, s in mirror.ls("archived/") if p.endswith(".md")]
    by_site = {}
    for (path, sha), data in zip(entries, mirror.read_many([s for _, s in entries])):
        head = data[:1500].decode("utf-8", "replace")
        m = re.search(r"^author: (.*)$", head, re.M)
        if not m or m.group(1).strip() not in src["authors"]:
            continue
        site, host = src["authors"][m.group(1).strip()]
        if site not in wanted_sites:
            continue
        u = re.search(r"^from: (\S+)", head, re.M)
        if not u or host not in u.group(1):
            continue
        by_site.setdefault(site, []).append((path, sha))
    for site, cands in sorted(by_site.items()):
        order = list(cands)
        rng_for(site).shuffle(order)
        yield site, _lazy_feed(mirror, order)


def _lazy_feed(mirror, order):
    for path, sha in order:
        raw = mirror.read(path).decode("utf-8", "replace")
        meta, body = _frontmatter(raw)
        # The post body is: a timestamp comment, the title as a Markdown link,
        # an underline, then the article HTML inside one <div>.
        m = re.search(r"^<div>\n(.*)\n</div>\s*\Z", body, re.S | re.M)
        markup = m.group(1) if m else body
        yield {"path": path, "title": _unquote(meta.get("title", "")),
               "url": meta.get("from", ""), "format": "html-text",
               "text": render_html_text(markup)}


def handle_hkcnews_md(src, mirror, wanted_sites, rng_for):
    """hkarchivist/hkcnews-article-archive: one Markdown file per article."""
    entries = [(p, s) for p, s in mirror.ls("articles/") if p.endswith(".md")]
    order = list(entries)
    rng_for("hkcnews").shuffle(order)

    def gen():
        for path, sha in order:
            raw = mirror.read(path).decode("utf-8", "replace")
            meta, body = _frontmatter(raw)
            yield {"path": path, "title": _unquote(meta.get("title", "")),
                   "url": _unquote(meta.get("original_url", "")), "format": "markdown",
                   "text": body.strip("\n")}
    yield "hkcnews", gen()


_CR_STANDIN = "\ue000"  # private-use code point, absent from the sources


def _csv_rows(data, delimiter=","):
    """Parses a CSV export. Some exports keep the scraper's paragraph
    separator, a bare CR, unquoted inside a field, which the csv module would
    take for a record end; bare CRs are shielded while parsing and put back
    into the field values unchanged."""
    csv.field_size_limit(1 << 30)
    text = data.decode("utf-8-sig")
    assert _CR_STANDIN not in text
    text = re.sub("\r(?!\n)", _CR_STANDIN, text)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [{k: (v.replace(_CR_STANDIN, "\r") if isinstance(v, str) else v) for k, v in row.items()}
            for row in reader]


def handle_udn_psv(src, mirror, wanted_sites, rng_for):
    """whaleShark92/udn_site_news_analysis_django: '|'-separated, one row per article."""
    cands = []
    for path in src["files"]:
        for i, row in enumerate(_csv_rows(mirror.read(path), "|")):
            cands.append({"path": path, "record": i, "title": row.get("title", ""),
                          "url": row.get("link", ""), "format": "text",
                          "text": row.get("content", "")})
    rng_for("udn").shuffle(cands)
    yield "udn", iter(cands)


def handle_chinatimes_csv(src, mirror, wanted_sites, rng_for):
    """IsaacLee0904/...: Scrapy CSV exports, week 1 and week 5 of the war."""
    cands, seen = [], set()
    for path in src["files"]:
        for i, row in enumerate(_csv_rows(mirror.read(path))):
            if row["url"] in seen:
                continue
            seen.add(row["url"])
            cands.append({"path": path, "record": i, "title": row.get("title", ""),
                          "url": row["url"], "format": "text", "text": row.get("content", "")})
    rng_for("chinatimes").shuffle(cands)
    yield "chinatimes", iter(cands)


def handle_appledaily_csv(src, mirror, wanted_sites, rng_for):
    """leoluyi/old_people_news: Apple Daily Taiwan articles found by keyword."""
    cands = []
    for path in src["files"]:
        for i, row in enumerate(_csv_rows(mirror.read(path))):
            url = row.get("news_url") or ""
            if "appledaily.com.tw" not in url:
                continue
            cands.append({"path": path, "record": i, "title": row.get("title", ""),
                          "url": url, "format": "text", "text": row.get("news_text") or ""})
    rng_for("appledaily_tw").shuffle(cands)
    yield "appledaily_tw", iter(cands)


DOC = re.compile(r"<doc>\n<contenttitle>(.*?)</contenttitle>\n<content>(.*?)</content>\n</doc>", re.S)


def handle_sogou_doc(src, mirror, wanted_sites, rng_for):
    """jacmule/txnews_spider: Tencent rolling news in SogouCS-style <doc> records."""
    cands = []
    for path in src["files"]:
        data = mirror.read(path).decode("utf-8", "replace")
        for i, m in enumerate(DOC.finditer(data)):
            cands.append({"path": path, "record": i, "title": m.group(1), "format": "text",
                          "text": m.group(2)})
    rng_for("qq").shuffle(cands)
    yield "qq", iter(cands)


def handle_cnews_tsv(src, mirror, wanted_sites, rng_for):
    """qianshuang/dl-exp: the cnews subset of THUCNews (Sina news), label TAB text.

    The text is the original title and body run together on one line, which is
    how the subset stores it; no separate title exists.
    """
    cands = []
    for path in src["files"]:
        lines = mirror.read(path).decode("utf-8", "replace").split("\n")
        for i, line in enumerate(lines):
            if "\t" not in line:
                continue
            label, text = line.split("\t", 1)
            cands.append({"path": path, "record": i, "category": label, "format": "text",
                          "text": text})
    rng_for("sina").shuffle(cands)
    yield "sina", iter(cands)


def handle_ltn_csv(src, mirror, wanted_sites, rng_for):
    """JamesLiao714/TaiwanNewsCrawler: Liberty Times (LTN) keyword-search CSVs.

    Both files are results of one COVID search (10 and 2 result pages), so the
    smaller repeats articles of the larger; a URL is taken once, from the file
    read first. CONTENT is the article as scraped; DESCRIPTION (a lead-in
    summary made by the scraper) is not used.
    """
    cands, seen = [], set()
    for path in src["files"]:
        for i, row in enumerate(_csv_rows(mirror.read(path))):
            url = row.get("LINK") or ""
            if "ltn.com.tw" not in url or url in seen:
                continue
            seen.add(url)
            cands.append({"path": path, "record": i, "title": row.get("TITLE", ""),
                          "url": url, "category": row.get("CATEGORY", ""), "format": "text",
                          "text": row.get("CONTENT") or ""})
    rng_for("ltn").shuffle(cands)
    yield "ltn", iter(cands)


def handle_tw_clr_csv(src, mirror, wanted_sites, rng_for):
    """e5a27123/crawler: one CSV per Taiwanese outlet, `id` plus the page text.

    The ETtoday export names its body column "hyperlink" (the URL is in "url");
    the SETN export has only "id" and "content". The text is the article
    container's text run together, with photo captions, related-link lines and,
    for SETN, the inline script of an ad widget.
    """
    for path, (site, text_col, url_col) in sorted(src["files"].items()):
        if site not in wanted_sites:
            continue
        cands = []
        for i, row in enumerate(_csv_rows(mirror.read(path))):
            cand = {"path": path, "record": i, "format": "text", "text": row.get(text_col) or ""}
            if url_col:
                cand["url"] = row.get(url_col) or ""
            cands.append(cand)
        rng_for(site).shuffle(cands)
        yield site, iter(cands)


def handle_epaper_html(src, mirror, wanted_sites, rng_for):
    """HaorongX/daily-news-get: e-paper articles of one day (2021-08-11).

    The Perl scrapers cut each article page between its <!--enpcontent-->
    markers and saved that HTML fragment as one .txt file, named (with Windows
    backslashes inside the name) after the page title. The body is rendered
    with render_html_text; the title is the file name without ".txt".
    """
    entries = mirror.ls("installed/")
    for folder, site in sorted(src["folders"].items(), key=lambda kv: kv[1]):
        if site not in wanted_sites:
            continue
        order = [(p, s) for p, s in entries if p.startswith(folder) and p.endswith(".txt")]
        rng_for(site).shuffle(order)

        def gen(order=order):
            for path, sha in order:
                markup = mirror.read(path).decode("utf-8", "replace")
                title = path[len(folder):].rsplit("\\", 1)[-1][:-len(".txt")]
                yield {"path": path, "title": title, "format": "html-text",
                       "text": render_html_text(markup)}
        yield site, gen()


HANDLERS = {name[len("handle_"):]: fn for name, fn in globals().items() if name.startswith("handle_")}


# ---------------------------------------------------------------- main

def sample_site(site, gen, n):
    picked = []
    for cand in gen:
        if han_count(cand["text"]) < MIN_HAN:
            continue
        picked.append(cand)
        if len(picked) == n:
            break
    picked.sort(key=lambda c: (c["path"], c.get("record", -1)))
    return picked


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror-root", default="/work/.mirror",
                    help="folder holding owner+name/repo git dirs (default %(default)s)")
    ap.add_argument("--mirror", action="append", default=[], metavar="OWNER/NAME=GITDIR",
                    help="location of one mirror, overriding --mirror-root")
    ap.add_argument("--out", required=True, help="JSONL to write")
    ap.add_argument("--sources-md", help="also write per-site counts here (Markdown)")
    ap.add_argument("--notes", help="Markdown file appended to --sources-md (furniture notes)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--only", action="append", default=[], help="limit to these sites")
    args = ap.parse_args(argv)

    overrides = dict(m.split("=", 1) for m in args.mirror)
    records = []
    for src in SOURCES:
        wanted = {s: n for s, n in src["sites"].items() if not args.only or s in args.only}
        if not wanted:
            continue
        gitdir = overrides.get(src["repo"]) or find_gitdir(args.mirror_root, src["repo"])
        if not gitdir:
            raise SystemExit("no mirror of %s under %s (use --mirror)" % (src["repo"], args.mirror_root))
        mirror = Mirror(gitdir, src["commit"])

        def rng_for(site, _seed=args.seed):
            return random.Random("%d:%s" % (_seed, site))

        for site, gen in HANDLERS[src["handler"]](src, mirror, set(wanted), rng_for):
            if site not in wanted:
                continue
            picked = sample_site(site, gen, wanted[site])
            if len(picked) < wanted[site]:
                print("warning: %s: only %d of %d" % (site, len(picked), wanted[site]), file=sys.stderr)
            for k, cand in enumerate(picked, 1):
                rec = {"id": "%s-%03d" % (site, k), "site": site,
                       "script": script_of(cand["text"], site),
                       "repo": src["repo"], "commit": src["commit"], "path": cand["path"]}
                if "record" in cand:
                    rec["record"] = cand["record"]
                for key in ("title", "url", "category"):
                    if cand.get(key):
                        rec[key] = cand[key]
                rec["format"] = cand["format"]
                rec["text"] = cand["text"]
                records.append(rec)
            print("%-14s %4d articles" % (site, len(picked)), file=sys.stderr)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    if args.sources_md:
        write_sources_md(args.sources_md, records, args.notes, args.seed)


def write_sources_md(path, records, notes_path, seed):
    sites = {}
    for rec in records:
        s = sites.setdefault(rec["site"], {"n": 0, "chars": 0, "hant": 0, "hans": 0,
                                           "repo": rec["repo"], "commit": rec["commit"],
                                           "format": rec["format"], "lines": 0, "cr": 0})
        s["n"] += 1
        s["chars"] += len(rec["text"])
        s[rec["script"]] += 1
        s["lines"] += rec["text"].count("\n") + 1
        s["cr"] += "\r" in rec["text"]
    total = len(records)
    hant = sum(s["hant"] for s in sites.values())
    lines = ["# Dev set sources", "",
             "Generated by tools/devset/convert.py (seed %d). %d articles from %d sites; "
             "%d (%.0f%%) in Traditional script." % (seed, total, len(sites), hant, 100.0 * hant / max(total, 1)),
             "", "| site | articles | characters | hant | hans | mean lines | with \\r | format | repo @ commit |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for site in sorted(sites):
        s = sites[site]
        lines.append("| %s | %d | %d | %d | %d | %.1f | %d | %s | %s @ %s |" % (
            site, s["n"], s["chars"], s["hant"], s["hans"], s["lines"] / s["n"], s["cr"],
            s["format"], s["repo"], s["commit"][:12]))
    lines.append("")
    if notes_path and os.path.exists(notes_path):
        with open(notes_path, encoding="utf-8") as f:
            lines.append(f.read().rstrip("\n"))
        lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
