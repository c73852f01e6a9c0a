// Fuzzes the dedup index loader: any bytes as an index. With the first byte
// odd, the checksum is recomputed over the rest, so that mutations reach the
// parser behind it; its other bits choose the options (signature length, keep
// policy, containment on or off). Checks: loading never crashes; an index that
// loads can decide on a document and answer a query, and its bytes load again
// into the same bytes.
#include <xxhash.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "newsclean/dedup.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((data[0] & 1) && bytes.size() >= 8) {
    bytes.resize(bytes.size() - 8);
    const uint64_t sum = XXH3_64bits(bytes.data(), bytes.size());
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((sum >> (8 * i)) & 0xFF));
  }
  newsclean::DedupOptions options;
  options.minhash.num_perm = (data[0] & 2) ? 64 : 128;
  options.keep = (data[0] & 4) ? newsclean::KeepPolicy::kLongest : newsclean::KeepPolicy::kFirst;
  options.containment = (data[0] & 8) ? 0.9 : 0;
  auto index = newsclean::DedupIndex::Load(options, bytes, "fuzz");
  if (!index.ok()) return 0;
  newsclean::Fingerprint fp;
  // Long enough to have containment samples.
  std::string text;
  for (int i = 0; i < 8; ++i) {
    text += "铁岭市立足本市实际，制定了实施方案，持续加强基本队伍建设。第";
    text += static_cast<char>('0' + i);
    text += "批党员干部深入基层，帮助解决群众反映的实际问题。";
  }
  (*index)->ComputeFingerprint(text, &fp);
  (void)(*index)->Query(fp);
  newsclean::DedupDecision d = (*index)->Decide(fp, "fuzz", "0");
  (void)(*index)->Verdict(d);
  const std::string saved = (*index)->Serialize();
  auto again = newsclean::DedupIndex::Load(options, saved, "saved");
  if (!again.ok() || (*again)->Serialize() != saved) std::abort();
  return 0;
}
