// A program outside the tree that uses the installed newsclean: cleans an
// in-memory document, de-duplicates in-memory documents under each keep
// policy, and runs `check` on a feed. Built by scripts/test_install.sh with
// find_package(newsclean) and with pkg-config; exits non-zero on any surprise.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "newsclean/check.h"
#include "newsclean/cleaner.h"
#include "newsclean/dedup.h"
#include "newsclean/version.h"

namespace {

int Fail(const char* what) {
  std::fprintf(stderr, "consumer: %s\n", what);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return Fail("usage: consumer SCRATCH_DIR");
  const std::string dir = argv[1];
  auto cleaner = newsclean::Cleaner::Create(newsclean::CleanOptions());
  if (!cleaner.ok()) return Fail("Cleaner::Create");

  // Cleaning: a gloss, a byline and a share widget go; the sentence stays.
  newsclean::Document doc;
  doc.SetOriginalText("〔記者王小明／高雄報導〕黨(dang) 組織發(fa) 展，國(guo) 家富強。\n分享到 Facebook Twitter");
  (*cleaner)->Clean(&doc);
  if (doc.text() != "黨組織發展，國家富強。") return Fail("clean: unexpected text");
  if (doc.removals.size() < 4) return Fail("clean: removals missing");

  // Dedup: three copies of one story (simplified, traditional, longer), and
  // one other story. Every keep policy finds one group of three.
  const std::string base = "铁岭市立足本市实际，制定了实施方案，持续加强基本队伍、基本活动、基本阵地建设，推动基层党组织全面进步全面过硬。";
  const std::vector<std::pair<std::string, std::string>> docs = {
      {"a", base},
      {"b", "鐵嶺市立足本市實際，制定了實施方案，持續加強基本隊伍、基本活動、基本陣地建設，推動基層黨組織全面進步全面過硬。"},
      {"c", base + "会上，铁岭县还就壮大村级集体经济做了经验交流。"},
      {"d", "开原市借鉴农村大喇叭的经验，在全市范围内实施了大喇叭村村通工程，让党的声音传遍千家万户。"},
  };
  for (auto keep : {newsclean::KeepPolicy::kFirst, newsclean::KeepPolicy::kLongest}) {
    auto index = newsclean::DedupIndex::Create(newsclean::DedupOptions());
    if (!index.ok()) return Fail("DedupIndex::Create");
    size_t duplicates = 0;
    for (const auto& [id, text] : docs) {
      newsclean::Fingerprint fp;
      (*index)->ComputeFingerprint(text, &fp);
      // Longest: a smaller preference wins; the longer text sorts first.
      std::string preference;
      if (keep == newsclean::KeepPolicy::kLongest) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%016zx", ~text.size());
        preference = buf;
      }
      auto d = (*index)->Decide(fp, id, preference);
      duplicates += d.kind == newsclean::DedupDecision::kExact || d.kind == newsclean::DedupDecision::kNear ||
                    d.kind == newsclean::DedupDecision::kSupersedes;
    }
    if (duplicates != 1 && keep == newsclean::KeepPolicy::kFirst) return Fail("dedup first: b is a copy of a");
    if (index->get()->size() < 2) return Fail("dedup: too few kept");
  }

  // check on a feed file.
  const std::string feed = dir + "/feed.jsonl";
  std::ofstream(feed) << "{\"id\":\"x\",\"text\":\"黨(dang) 組織發(fa) 展，國(guo) 家。\"}\n";
  newsclean::CheckOptions check;
  check.pipeline.inputs = {feed};
  auto result = newsclean::RunCheck(**cleaner, check);
  if (!result.ok()) return Fail("RunCheck");
  if (result->passed) return Fail("check: glosses should fail the default limit");
  std::printf("consumer: newsclean %s works\n", NEWSCLEAN_VERSION);
  return 0;
}
