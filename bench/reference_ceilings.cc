// reference_ceilings: what the machine does with an input file when it does
// (almost) nothing — the ceilings newsclean's throughput is compared with.
//
//   build/bench/reference_ceilings FILE [FILE.zst ...]
//
// For each file: reading and decompressing it through newsclean's input layer
// (magic-byte detection, Boost.Iostreams / libzstd) into one reused 1 MiB block,
// as the tool streams it, then, on the decompressed bytes loaded in memory, XXH3-64 over the whole
// buffer, XXH3-64 per line, and UTF-8 validation (simdjson). Prints MB/s of decompressed bytes, one
// line each.
#include <simdjson.h>
#include <xxhash.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "src/io/input_stream.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE...\n", argv[0]);
    return 2;
  }
  for (int a = 1; a < argc; ++a) {
    std::string path = argv[a];
    auto start = Clock::now();
    auto source = newsclean::OpenInput(path);
    if (!source.ok()) {
      std::fprintf(stderr, "%s\n", std::string(source.status().message()).c_str());
      return 2;
    }
    // Timed: a streaming read into one reused block, as the tool reads.
    // (Appending to a growing buffer would time page faults, not reading.)
    std::string block(1 << 20, '\0');
    size_t total = 0;
    while (true) {
      auto got = (*source)->Read(block.data(), block.size());
      if (!got.ok()) {
        std::fprintf(stderr, "%s\n", std::string(got.status().message()).c_str());
        return 2;
      }
      if (*got == 0) break;
      total += *got;
    }
    double read_s = Seconds(start);
    double mb = static_cast<double>(total) / 1e6;
    std::printf("%s\tread+decompress\t%.0f MB/s\n", path.c_str(), mb / read_s);

    // Untimed: the whole input in memory for the in-memory ceilings.
    std::string data;
    data.reserve(total);
    auto again = newsclean::OpenInput(path);
    while (again.ok()) {
      auto got = (*again)->Read(block.data(), block.size());
      if (!got.ok() || *got == 0) break;
      data.append(block.data(), *got);
    }
    if (data.size() != total) {
      std::fprintf(stderr, "%s: second read differs (%zu vs %zu bytes)\n", path.c_str(),
                   data.size(), total);
      return 2;
    }

    start = Clock::now();
    uint64_t h = XXH3_64bits(data.data(), data.size());
    std::printf("%s\txxh3 whole buffer\t%.0f MB/s\n", path.c_str(), mb / Seconds(start));

    start = Clock::now();
    size_t pos = 0;
    while (pos < data.size()) {
      const char* nl =
          static_cast<const char*>(std::memchr(data.data() + pos, '\n', data.size() - pos));
      size_t end = nl ? static_cast<size_t>(nl - data.data()) : data.size();
      h ^= XXH3_64bits(data.data() + pos, end - pos);
      pos = end + 1;
    }
    std::printf("%s\txxh3 per line\t%.0f MB/s\n", path.c_str(), mb / Seconds(start));

    start = Clock::now();
    bool valid = simdjson::validate_utf8(data.data(), data.size());
    std::printf("%s\tutf-8 validation\t%.0f MB/s\t(%s, checksum %016llx)\n", path.c_str(),
                mb / Seconds(start), valid ? "valid" : "INVALID",
                static_cast<unsigned long long>(h));
  }
  return 0;
}
