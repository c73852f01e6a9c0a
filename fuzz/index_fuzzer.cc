// Fuzzes the dedup index loader: any bytes as an index file. With the first
// byte odd, the checksum is recomputed over the rest, so that mutations reach
// the parser behind it. Checks: loading never crashes, and an index that loads
// can decide on a document and be saved again.
#include <xxhash.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_util.h"
#include "newsclean/dedup.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((data[0] & 1) && bytes.size() >= 8) {
    bytes.resize(bytes.size() - 8);
    const uint64_t sum = XXH3_64bits(bytes.data(), bytes.size());
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((sum >> (8 * i)) & 0xFF));
  }
  static const std::string path = newsclean::ScratchPath(".idx");
  newsclean::WriteScratch(path, bytes);
  newsclean::DedupOptions options;
  options.index_path = path;
  options.minhash.num_perm = (data[0] & 2) ? 64 : 128;
  auto index = newsclean::DedupIndex::Create(options);
  if (!index.ok()) return 0;
  newsclean::Fingerprint fp;
  (*index)->ComputeFingerprint("铁岭市立足本市实际，制定了实施方案，持续加强基本队伍建设。", &fp);
  (void)(*index)->Decide(fp, "fuzz");
  if (!(*index)->Save(path).ok()) std::abort();
  return 0;
}
