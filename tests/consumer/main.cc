// A program outside the tree that uses the installed newsclean on documents in
// memory, touching no file: cleans one, de-duplicates a batch under each keep
// policy, round-trips the index through a buffer and queries it, checks a
// feed and renders the report, and explains a document. Built by
// scripts/test_install.sh with find_package(newsclean) and with pkg-config;
// exits non-zero on any surprise.
#include <cstdio>
#include <string>
#include <vector>

#include "newsclean/check.h"
#include "newsclean/cleaner.h"
#include "newsclean/dedup.h"
#include "newsclean/explain.h"
#include "newsclean/version.h"

namespace {

int Fail(const std::string& what) {
  std::fprintf(stderr, "consumer: %s\n", what.c_str());
  return 1;
}

struct Story {
  const char* id;
  std::string text;
  const char* date;
};

newsclean::Document MakeDocument(const Story& s) {
  newsclean::Document doc;
  doc.id = s.id;
  doc.SetOriginalText(s.text);
  doc.sort_key = s.date;  // orders copies under KeepPolicy::kEarliest
  return doc;
}

}  // namespace

int main() {
  auto cleaner = newsclean::Cleaner::Create(newsclean::CleanOptions());
  if (!cleaner.ok()) return Fail("Cleaner::Create");

  // Cleaning: a gloss, a byline and a share widget go; the sentence stays.
  newsclean::Document doc;
  doc.SetOriginalText(
      "〔記者王小明／高雄報導〕黨(dang) 組織發(fa) 展，國(guo) 家富強。\n分享到 Facebook Twitter");
  (*cleaner)->Clean(&doc);
  if (doc.text() != "黨組織發展，國家富強。") return Fail("clean: unexpected text " + doc.text());
  if (doc.removals.size() < 4) return Fail("clean: removals missing");
  for (const newsclean::Removal& r : doc.removals) {
    if (r.rule.empty() || r.end <= r.begin) return Fail("clean: a removal without rule or span");
  }

  // Dedup: three copies of one story (simplified; traditional and dated
  // earliest; longer), and one other story.
  const std::string base =
      "铁岭市立足本市实际，制定了实施方案，持续加强基本队伍、基本活动、基本阵地建设，推动基层党组织"
      "全面进步全面过硬。";
  const std::vector<Story> stories = {
      {"a", base, "2024-05-02"},
      {"b",
       "鐵嶺市立足本市實際，制定了實施方案，持續加強基本隊伍、基本活動、基本陣地建設，推動基層黨組"
       "織全面進步全面過硬。",
       "2024-05-01"},
      {"c", base + "会上作了交流。", "2024-05-03"},
      {"d",
       "开原市借鉴农村大喇叭的经验，在全市范围内实施了大喇叭村村通工程，让党的声音传遍千家万户。",
       "2024-05-04"},
  };
  struct Want {
    newsclean::KeepPolicy keep;
    const char* kept;  // the copy of the a/b/c group that is kept
  };
  std::string saved;
  for (const Want& want :
       {Want{newsclean::KeepPolicy::kFirst, "a"}, Want{newsclean::KeepPolicy::kLongest, "c"},
        Want{newsclean::KeepPolicy::kEarliest, "b"}}) {
    newsclean::DedupOptions options;
    options.keep = want.keep;
    auto index = newsclean::DedupIndex::Create(options);
    if (!index.ok()) return Fail("DedupIndex::Create");
    std::vector<newsclean::DedupDecision> decided;
    for (const Story& s : stories) {
      newsclean::Document d = MakeDocument(s);
      newsclean::Fingerprint fp;
      (*index)->ComputeFingerprint(d.text(), &fp);
      decided.push_back((*index)->Decide(fp, d));
    }
    for (size_t i = 0; i < stories.size(); ++i) {
      newsclean::DedupVerdict v = (*index)->Verdict(decided[i]);
      const std::string id = stories[i].id;
      const bool should_be_duplicate = id != "d" && id != want.kept;
      if (v.duplicate != should_be_duplicate) return Fail("dedup: wrong verdict for " + id);
      if (v.duplicate && (*index)->IdOf(v.of) != want.kept)
        return Fail("dedup: " + id + " not of the kept copy");
    }
    if (want.keep == newsclean::KeepPolicy::kFirst) saved = (*index)->Serialize();
  }

  // The index through a buffer, then a query that inserts nothing.
  auto loaded = newsclean::DedupIndex::Load(newsclean::DedupOptions(), saved);
  if (!loaded.ok()) return Fail("DedupIndex::Load");
  newsclean::Fingerprint fp;
  (*loaded)->ComputeFingerprint(stories[1].text, &fp);
  const size_t before = (*loaded)->size();
  newsclean::DedupDecision q = (*loaded)->Query(fp);
  if (q.kind == newsclean::DedupDecision::Kind::kUnique || (*loaded)->IdOf(q.duplicate_of) != "a") {
    return Fail("query: b is a copy of a");
  }
  if ((*loaded)->size() != before) return Fail("query: inserted");
  if (newsclean::DedupIndex::Load(newsclean::DedupOptions(), saved.substr(1)).ok()) {
    return Fail("load: a damaged buffer loaded");
  }

  // check, in memory: glosses fail the default limit; the copy is a finding.
  auto checker = newsclean::FeedChecker::Create(cleaner->get(), newsclean::CheckOptions());
  if (!checker.ok()) return Fail("FeedChecker::Create");
  size_t line = 0;
  for (const Story& s : stories) {
    newsclean::Document d = MakeDocument(s);
    d.source = {"memory", ++line};
    (*checker)->Check(&d);
  }
  newsclean::Document glossed = MakeDocument({"g", "黨(dang) 組織發(fa) 展，國(guo) 家。", ""});
  (*checker)->Check(&glossed);
  newsclean::CheckResult result = (*checker)->Result();
  if (result.passed) return Fail("check: glosses should fail the default limit");
  if (result.documents != 5) return Fail("check: documents");
  if (result.summary[static_cast<int>(newsclean::FindingKind::kDuplicateDocument)].documents != 2) {
    return Fail("check: b and c copy a");
  }
  if (newsclean::CheckReportJson(result).find("\"pinyin-gloss\"") == std::string::npos) {
    return Fail("check: JSON report");
  }
  if (newsclean::CheckReportJunit(result).find("<testsuite") == std::string::npos)
    return Fail("check: JUnit report");

  // explain: the marked-up original.
  newsclean::Document shown = MakeDocument({"e", "黨(dang) 組織發(fa) 展，國(guo) 家。", ""});
  const std::string explained = newsclean::ExplainDocument(**cleaner, &shown, /*color=*/false);
  if (explained.find("[-pinyin-gloss: (dang) -]") == std::string::npos)
    return Fail("explain: " + explained);

  std::printf("consumer: newsclean %s works\n", NEWSCLEAN_VERSION);
  return 0;
}
