// corpus_tool: a deterministic corpus of Chinese news with planted near
// duplicates, and the precision/recall of newsclean's dedup on it.
//
//   corpus_tool gen  --fixtures fixtures --docs 20000 --seed 1 -o corpus.jsonl
//   newsclean dedup --mode=annotate corpus.jsonl -o annotated.jsonl
//   corpus_tool eval annotated.jsonl
//
// gen: base articles are paragraphs drawn from an order-2 character Markov
// chain trained on the cleaned seed articles (folded to simplified), so every
// base is new text with the statistics of the seeds. After a base, with
// probability --dup-rate, a planted record follows at a random later position:
//   duplicates (truth_dup_of = the base): exact copy, traditional script,
//   full-width punctuation, copyright notice appended, 0.5% of characters
//   changed, wrapped in page boilerplate (breadcrumb, date line, editor);
//   hard negatives (truth_dup_of = null): an article sharing a third of the
//   base's paragraphs, and a short article on the same site template.
// With --contained, also copies contained in another (truth_dup_of = the
// base): a page of 30-90% of the article's paragraphs, the article plus an
// unrelated block of 10-50% of its length, the article inside a roundup of
// other items (the later record contains the earlier); and hard negatives
// that share text without being copies: an article quoting one paragraph of
// the base, and the same article reworded (35% of its characters changed).
// With --traditional S, a share S of the records, drawn by a generator of their
// own, is written in traditional script (as the planted "traditional" copies
// are): the same records and truth, for measuring speed on Taiwanese and Hong
// Kong feeds, where a third of the characters fold and the base articles
// (folded seeds) have almost none.
// Records: {"id", "text", "truth_dup_of", "truth_kind"}. Same flags, same bytes
// (and without --contained and --traditional, the bytes of the versions before
// them).
//
// eval: reads annotated JSONL and prints, per kind, how many records were
// flagged, then precision and recall over all records.
#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "newsclean/cleaner.h"
#include "newsclean/minhash.h"
#include "src/io/input_stream.h"
#include "src/io/json_escape.h"
#include "src/text/match_view.h"
#include "src/text/script_tables.h"
#include "src/text/utf8.h"

namespace newsclean {
namespace {

// The file's bytes, or "" if it cannot be read (callers check for that).
std::string ReadFile(const std::string& path) { return ReadFileContents(path).value_or(""); }

std::u32string Decode(std::string_view s) {
  std::u32string out;
  size_t i = 0, len = 0;
  while (i < s.size()) {
    out.push_back(DecodeUtf8(s, i, &len));
    i += len;
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

class Markov {
 public:
  void Train(const std::u32string& text) {
    for (size_t i = 2; i < text.size(); ++i) {
      if (text[i] == '\n' || text[i - 1] == '\n' || text[i - 2] == '\n') continue;
      next_[Key(text[i - 2], text[i - 1])].push_back(text[i]);
      if (i == 2 || text[i - 3] == '\n' || text[i - 3] == U'。')
        starts_.push_back(Key(text[i - 2], text[i - 1]));
    }
  }
  // A paragraph of at least `min_len` characters ending with '。'.
  std::u32string Paragraph(std::mt19937_64* rng, size_t min_len) const {
    uint64_t key = starts_[(*rng)() % starts_.size()];
    std::u32string p{static_cast<char32_t>(key >> 32), static_cast<char32_t>(key & 0xFFFFFFFF)};
    while (true) {
      auto it = next_.find(Key(p[p.size() - 2], p.back()));
      if (it == next_.end()) {
        p.push_back(U'。');
      } else {
        p.push_back(it->second[(*rng)() % it->second.size()]);
      }
      if (p.back() == U'。') {
        if (p.size() >= min_len) return p;
        if (p.size() > 2) {
          key = starts_[(*rng)() % starts_.size()];
          p.push_back(static_cast<char32_t>(key >> 32));
          p.push_back(static_cast<char32_t>(key & 0xFFFFFFFF));
        }
      }
      if (p.size() > 4 * min_len + 400) {
        p.push_back(U'。');
        return p;
      }
    }
  }

 private:
  static uint64_t Key(char32_t a, char32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }
  absl::flat_hash_map<uint64_t, std::vector<char32_t>> next_;
  std::vector<uint64_t> starts_;
};

// Cleans the five seed articles, folds them to simplified, trains *markov on
// them and returns their texts; empty (with a message) if one cannot be read.
std::vector<std::string> LoadSeeds(const std::string& fixtures, Markov* markov) {
  std::vector<std::string> texts;
  auto cleaner = Cleaner::Create(CleanOptions());
  if (!cleaner.ok()) return {};
  for (const char* name : {"000_27ab69a333f3fae7", "001_5f273f7fff855111", "002_7bfb4e737e40981e",
                           "003_7b118c022a55bf6d", "004_75dfd3e5621028d9"}) {
    Document doc;
    doc.SetOriginalText(ReadFile(fixtures + "/seeds/" + name + ".txt"));
    if (doc.text().empty()) {
      std::fprintf(stderr, "corpus_tool: cannot read %s/seeds/%s.txt\n", fixtures.c_str(), name);
      return {};
    }
    (*cleaner)->Clean(&doc);
    std::string text = doc.text();
    ScriptTables::Get().FoldToSimplified(&text);
    markov->Train(Decode(text + "\n"));
    texts.push_back(text);
  }
  return texts;
}

std::string FullWidth(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case ',':
        out += "，";
        break;
      case ':':
        out += "：";
        break;
      case ';':
        out += "；";
        break;
      case '(':
        out += "（";
        break;
      case ')':
        out += "）";
        break;
      case '?':
        out += "？";
        break;
      case '!':
        out += "！";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string ChangeChars(const std::string& text, double fraction, std::mt19937_64* rng) {
  std::u32string s = Decode(text);
  size_t changes = std::max<size_t>(1, static_cast<size_t>(s.size() * fraction));
  for (size_t k = 0; k < changes; ++k) {
    size_t i = (*rng)() % s.size();
    if (IsHan(s[i])) s[i] = static_cast<char32_t>(0x4E00 + (*rng)() % 0x5000);
  }
  return Encode(s);
}

struct Record {
  std::string id, text, dup_of, kind;
};

std::string ToJson(const Record& r) {
  std::string out = "{\"id\":" + JsonString(r.id) + ",\"text\":" + JsonString(r.text) +
                    ",\"truth_dup_of\":" + (r.dup_of.empty() ? "null" : JsonString(r.dup_of)) +
                    ",\"truth_kind\":" + JsonString(r.kind) + "}\n";
  return out;
}

// Markov paragraphs of at least `bytes` bytes in all, each on a line.
std::string UnrelatedBlock(Markov* markov, std::mt19937_64* rng, size_t bytes) {
  std::string block;
  while (block.size() < bytes) {
    block += (block.empty() ? "" : "\n") + Encode(markov->Paragraph(rng, 60 + (*rng)() % 240));
  }
  return block;
}

int Generate(const std::string& fixtures, size_t docs, uint64_t seed, double dup_rate,
             bool contained, double traditional, const std::string& out_path) {
  Markov markov;
  if (LoadSeeds(fixtures, &markov).empty()) return 2;
  std::mt19937_64 rng(seed);
  FILE* out = out_path == "-" ? stdout : std::fopen(out_path.c_str(), "wb");
  if (out == nullptr) {
    std::fprintf(stderr, "corpus_tool: cannot write %s\n", out_path.c_str());
    return 2;
  }
  const char* kTemplateHead = "新闻中心>>地方>>辽宁\n2022年07月26日15:56  来源:人民网-辽宁频道\n";
  const char* kTemplateTail =
      "\n(责编:王珂园、秦华)\n分享到:微信 微博\n版权所有 © 2022 人民网 未经授权不得转载。";
  std::vector<std::pair<size_t, Record>> pending;  // (emit at record number, record)
  size_t written = 0, base_no = 0;
  // Its own generator, so that the records are those of a run without it.
  std::mt19937_64 script_rng(seed ^ 0x7472616469746eULL);
  auto emit = [&](const Record& r) {
    std::string json;
    if (traditional > 0 && script_rng() % 10000 < traditional * 10000) {
      Record converted = r;
      converted.text = ScriptTables::Get().ToTraditionalText(r.text);
      json = ToJson(converted);
    } else {
      json = ToJson(r);
    }
    std::fwrite(json.data(), 1, json.size(), out);
    ++written;
  };
  while (written < docs) {
    for (size_t k = 0; k < pending.size();) {
      if (pending[k].first <= written && written < docs) {
        emit(pending[k].second);
        pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(k));
      } else {
        ++k;
      }
    }
    if (written >= docs) break;
    std::vector<std::string> paragraphs;
    size_t count = 6 + rng() % 15;
    for (size_t p = 0; p < count; ++p)
      paragraphs.push_back(Encode(markov.Paragraph(&rng, 60 + rng() % 240)));
    std::string text;
    for (const std::string& p : paragraphs) text += (text.empty() ? "" : "\n") + p;
    Record base{"doc-" + std::to_string(base_no++), text, "", "base"};
    emit(base);
    if ((rng() % 10000) >= dup_rate * 10000) continue;
    size_t when = written + 1 + rng() % 200;
    Record r{"", "", base.id, ""};
    switch (rng() % (contained ? 13 : 8)) {
      case 0:
        r.kind = "exact";
        r.text = text;
        break;
      case 1:
        r.kind = "traditional";
        r.text = ScriptTables::Get().ToTraditionalText(text);
        break;
      case 2:
        r.kind = "full-width";
        r.text = FullWidth(text);
        break;
      case 3:
        r.kind = "copyright-appended";
        r.text = text + "\n版权所有 © 2022 新闻网 未经授权不得转载。";
        break;
      case 4:
        r.kind = "changed-0.5%";
        r.text = ChangeChars(text, 0.005, &rng);
        break;
      case 5:
        r.kind = "boilerplate-wrapped";
        r.text = kTemplateHead + text + kTemplateTail;
        break;
      case 6: {
        r.kind = "shares-third";
        r.dup_of.clear();
        for (size_t p = 0; p < paragraphs.size() / 3; ++p) r.text += paragraphs[p] + "\n";
        for (size_t p = 0; p < paragraphs.size() * 2 / 3 + 1; ++p) {
          r.text += Encode(markov.Paragraph(&rng, 60 + rng() % 240)) + "\n";
        }
        break;
      }
      case 7: {
        r.kind = "same-template";
        r.dup_of.clear();
        r.text = kTemplateHead + Encode(markov.Paragraph(&rng, 80)) + kTemplateTail;
        break;
      }
      case 8: {  // one page of a multi-page article
        r.kind = "contained-page";
        const size_t n = std::max<size_t>(
            1, static_cast<size_t>((0.3 + static_cast<double>(rng() % 61) / 100) * count + 0.5));
        const size_t first = rng() % (count - std::min(n, count) + 1);
        for (size_t p = first; p < first + n && p < count; ++p) {
          r.text += (r.text.empty() ? "" : "\n") + paragraphs[p];
        }
        break;
      }
      case 9: {  // the article and an unrelated block a scraper added
        r.kind = "contained-plus-block";
        const double share = 0.1 + static_cast<double>(rng() % 41) / 100;
        r.text =
            text + "\n" + UnrelatedBlock(&markov, &rng, static_cast<size_t>(share * text.size()));
        break;
      }
      case 10: {  // the article as one item of a longer roundup
        r.kind = "contained-in-roundup";
        const double before = 0.5 + static_cast<double>(rng() % 101) / 100;
        const double after = 0.5 + static_cast<double>(rng() % 101) / 100;
        r.text = UnrelatedBlock(&markov, &rng, static_cast<size_t>(before * text.size())) + "\n" +
                 text + "\n" +
                 UnrelatedBlock(&markov, &rng, static_cast<size_t>(after * text.size()));
        break;
      }
      case 11: {  // hard negative: another article quoting the base's longest paragraph
        r.kind = "shares-quotation";
        r.dup_of.clear();
        const std::string* quote = &paragraphs[0];
        for (const std::string& p : paragraphs) {
          if (p.size() > quote->size()) quote = &p;
        }
        const size_t others = 6 + rng() % 7;
        for (size_t p = 0; p < others; ++p) {
          if (p == others / 2) r.text += "“" + *quote + "”\n";
          r.text += Encode(markov.Paragraph(&rng, 60 + rng() % 240)) + "\n";
        }
        break;
      }
      default: {  // hard negative: the same story in other words
        r.kind = "reworded";
        r.dup_of.clear();
        r.text = ChangeChars(text, 0.35, &rng);
        break;
      }
    }
    r.id = "doc-" + std::to_string(base_no++);
    pending.emplace_back(when, r);
  }
  if (out != stdout) std::fclose(out);
  return 0;
}

// The shingle-length study: mean exact Jaccard of shingle sets, per n, for
// copies with a share of characters changed (should stay high) and for pairs
// that are not duplicates (should stay low), on Markov articles and on the
// real seeds (five articles on one topic: related but distinct).
int Study(const std::string& fixtures, uint64_t seed) {
  Markov markov;
  std::vector<std::string> seeds = LoadSeeds(fixtures, &markov);
  if (seeds.empty()) return 2;
  std::mt19937_64 rng(seed);
  std::vector<std::string> bases;
  for (int i = 0; i < 200; ++i) {
    std::string text;
    for (int p = 0; p < 10; ++p) text += Encode(markov.Paragraph(&rng, 150)) + "\n";
    bases.push_back(text);
  }
  std::printf(
      "| n | changed 1%% | changed 3%% | changed 5%% | shares a third | unrelated Markov | real "
      "seeds, pairwise max |\n");
  std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (int n = 2; n <= 8; ++n) {
    auto set = [&](const std::string& t) {
      std::vector<char32_t> view;
      MatchView(t, &view);
      return ShingleSet(view, n, 0);
    };
    double c1 = 0, c3 = 0, c5 = 0, third = 0, unrelated = 0;
    std::mt19937_64 edit_rng(seed + 1);
    for (size_t i = 0; i < bases.size(); ++i) {
      auto a = set(bases[i]);
      c1 += ExactJaccard(a, set(ChangeChars(bases[i], 0.01, &edit_rng)));
      c3 += ExactJaccard(a, set(ChangeChars(bases[i], 0.03, &edit_rng)));
      c5 += ExactJaccard(a, set(ChangeChars(bases[i], 0.05, &edit_rng)));
      std::string mixed = bases[i].substr(0, bases[i].size() / 3) + bases[(i + 1) % bases.size()];
      third += ExactJaccard(a, set(mixed));
      unrelated += ExactJaccard(a, set(bases[(i + 7) % bases.size()]));
    }
    double seed_max = 0;
    for (size_t i = 0; i < seeds.size(); ++i) {
      for (size_t j = i + 1; j < seeds.size(); ++j) {
        seed_max = std::max(seed_max, ExactJaccard(set(seeds[i]), set(seeds[j])));
      }
    }
    double k = static_cast<double>(bases.size());
    std::printf("| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", n, c1 / k, c3 / k, c5 / k,
                third / k, unrelated / k, seed_max);
  }
  return 0;
}

int Evaluate(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  simdjson::ondemand::parser parser;
  struct Counts {
    size_t total = 0, flagged = 0, right_target = 0;
  };
  std::map<std::string, Counts> by_kind;
  size_t tp = 0, fp = 0, fn = 0, line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc;
    std::string kind, truth, flagged_of;
    bool flagged = false;
    if (parser.iterate(padded).get(doc)) {
      std::fprintf(stderr, "%s:%zu: invalid JSON\n", path.c_str(), line_no);
      return 2;
    }
    for (auto field : doc.get_object()) {
      std::string_view key = field.unescaped_key();
      if (key == "truth_kind") {
        kind = std::string(std::string_view(field.value().get_string()));
      } else if (key == "truth_dup_of") {
        std::string_view v;
        if (!field.value().get_string().get(v)) truth = std::string(v);
      } else if (key == "newsclean_duplicate") {
        flagged = true;
        std::string_view of;
        if (!field.value().find_field("of").get_string().get(of)) flagged_of = std::string(of);
      }
    }
    Counts& c = by_kind[kind];
    ++c.total;
    c.flagged += flagged;
    c.right_target += flagged && flagged_of == truth;
    if (flagged && !truth.empty()) ++tp;
    if (flagged && truth.empty()) ++fp;
    if (!flagged && !truth.empty()) ++fn;
  }
  std::printf("| kind | records | flagged as duplicate | flagged with the right original |\n");
  std::printf("| --- | ---: | ---: | ---: |\n");
  for (const auto& [kind, c] : by_kind) {
    std::printf("| %s | %zu | %zu (%.2f%%) | %zu |\n", kind.c_str(), c.total, c.flagged,
                c.total ? 100.0 * c.flagged / c.total : 0.0, c.right_target);
  }
  double precision = tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0;
  double recall = tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0;
  std::printf(
      "\nprecision %.4f (%zu of %zu flagged are planted duplicates), recall %.4f (%zu of %zu "
      "planted duplicates flagged)\n",
      precision, tp, tp + fp, recall, tp, tp + fn);
  return 0;
}

}  // namespace
}  // namespace newsclean

int main(int argc, char** argv) {
  CLI::App app{"corpus_tool: generate a corpus with planted near duplicates; evaluate dedup on it"};
  app.require_subcommand(1);
  std::string fixtures = "fixtures", out = "-", annotated;
  size_t docs = 10000;
  uint64_t seed = 1;
  double dup_rate = 0.3;
  bool contained = false;
  double traditional = 0;
  CLI::App* gen = app.add_subcommand("gen", "Write a corpus (JSONL) with ground truth fields");
  gen->add_option("--fixtures", fixtures, "The fixtures directory (reads seeds/)")
      ->capture_default_str();
  gen->add_option("--docs", docs, "Records to write")->capture_default_str();
  gen->add_option("--seed", seed, "Random seed; same seed, same bytes")->capture_default_str();
  gen->add_option("--dup-rate", dup_rate, "Share of base articles followed by a planted record")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  gen->add_flag("--contained", contained,
                "Also plant contained copies (a page, an article plus a block, an article in a "
                "roundup) and hard negatives that share text (a quotation, a rewording)");
  gen->add_option("--traditional", traditional,
                  "Share of records written in traditional script (speed on Taiwanese and "
                  "Hong Kong feeds)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  gen->add_option("-o,--output", out, "Output file, '-' for stdout")->capture_default_str();
  CLI::App* eval = app.add_subcommand(
      "eval", "Precision and recall of `newsclean dedup --mode=annotate` output");
  eval->add_option("annotated", annotated, "Annotated JSONL")->required();
  CLI::App* study =
      app.add_subcommand("study", "Jaccard of edited copies and non-duplicates per shingle length");
  study->add_option("--fixtures", fixtures, "The fixtures directory (reads seeds/)")
      ->capture_default_str();
  study->add_option("--seed", seed, "Random seed")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (gen->parsed())
    return newsclean::Generate(fixtures, docs, seed, dup_rate, contained, traditional, out);
  if (study->parsed()) return newsclean::Study(fixtures, seed);
  return newsclean::Evaluate(annotated);
}
