#include "src/io/block_compressor.h"

#include <zstd.h>

#include <algorithm>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <exception>
#include <utility>

#include "absl/strings/str_cat.h"

namespace newsclean {

absl::StatusOr<std::string> CompressBlock(Compression c, std::string_view raw) {
  std::string out;
  if (c == Compression::kZstd) {
    // As the zstd CLI writes: level 3, content checksum.
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    if (cctx == nullptr) return absl::ResourceExhaustedError("zstd: out of memory");
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 3);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
    out.resize(ZSTD_compressBound(raw.size()));
    size_t n = ZSTD_compress2(cctx, out.data(), out.size(), raw.data(), raw.size());
    ZSTD_freeCCtx(cctx);
    if (ZSTD_isError(n)) return absl::InternalError(absl::StrCat("zstd: ", ZSTD_getErrorName(n)));
    out.resize(n);
    // The bound's capacity (the block's size) would be held while the block
    // waits its turn to be written: keep only what it needs.
    out.shrink_to_fit();
    return out;
  }
  namespace io = boost::iostreams;
  try {
    io::filtering_ostream stream;
    switch (c) {
      case Compression::kGzip:
        stream.push(io::gzip_compressor());
        break;
      case Compression::kBzip2:
        stream.push(io::bzip2_compressor());
        break;
      case Compression::kXz:
        stream.push(io::lzma_compressor());
        break;
      case Compression::kNone:
        out.assign(raw);
        return out;
      case Compression::kZstd:
        break;  // above
    }
    stream.push(io::back_inserter(out));
    stream.write(raw.data(), static_cast<std::streamsize>(raw.size()));
    stream.reset();  // finishes the member: trailer and checksum
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("compression failed: ", e.what()));
  }
  out.shrink_to_fit();  // grown by doubling
  return out;
}

BlockCompressingSink::BlockCompressingSink(std::unique_ptr<ByteSink> inner, Compression c,
                                           int threads)
    : inner_(std::move(inner)),
      compression_(c),
      threads_(std::max(threads, 1)),
      // zstd compresses a block faster than the pipeline fills the next: a
      // block queued behind the running ones would only hold memory. The
      // slow codecs keep one queued, so that no core waits while the next
      // block fills.
      max_in_flight_(threads_ == 1             ? 1
                     : c == Compression::kZstd ? static_cast<size_t>(threads_)
                                               : static_cast<size_t>(threads_) + 1) {
  block_.reserve(kBlockSize + kBlockSize / 8);
}

// A running compression owns its block, and destroying its future (from
// std::async) waits for it.
BlockCompressingSink::~BlockCompressingSink() = default;

void BlockCompressingSink::Submit() {
  submitted_any_ = true;
  std::string raw;
  raw.reserve(kBlockSize + kBlockSize / 8);
  raw.swap(block_);
  // One thread: a deferred future, compressed in the caller's thread when drained.
  const auto policy = threads_ > 1 ? std::launch::async : std::launch::deferred;
  in_flight_.push_back(std::async(
      policy, [c = compression_, raw = std::move(raw)] { return CompressBlock(c, raw); }));
}

absl::Status BlockCompressingSink::Drain(size_t keep) {
  while (in_flight_.size() > keep) {
    absl::StatusOr<std::string> done = in_flight_.front().get();
    in_flight_.pop_front();
    if (!done.ok()) return done.status();
    absl::Status st = inner_->Write(*done);
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status BlockCompressingSink::Write(std::string_view data) {
  if (!error_.ok()) return error_;
  block_.append(data);
  if (block_.size() < kBlockSize) return absl::OkStatus();
  // Room for the next block first, so that at most max_in_flight_ are alive.
  error_ = Drain(max_in_flight_ - 1);
  if (error_.ok()) Submit();
  return error_;
}

absl::Status BlockCompressingSink::Close() {
  if (!error_.ok()) return error_;
  // Even an empty stream is one (empty) member, which decompressors accept.
  if (!block_.empty() || !submitted_any_) Submit();
  error_ = Drain(0);
  if (!error_.ok()) return error_;  // the inner sink stays unclosed: no output
  return inner_->Close();
}

}  // namespace newsclean
