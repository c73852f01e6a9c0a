#include "src/io/input_stream.h"

#include <zstd.h>

#include <boost/iostreams/categories.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filtering_streambuf.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <vector>

#include "absl/strings/str_cat.h"
#include "src/text/strings.h"

namespace newsclean {

Compression DetectCompression(std::string_view head) {
  if (head.starts_with("\x1f\x8b")) return Compression::kGzip;
  if (head.starts_with("BZh")) return Compression::kBzip2;
  if (head.starts_with(std::string_view("\xFD"
                                        "7zXZ\x00",
                                        6)))
    return Compression::kXz;
  if (head.starts_with("\x28\xB5\x2F\xFD")) return Compression::kZstd;
  return Compression::kNone;
}

std::string_view CompressionName(Compression c) {
  switch (c) {
    case Compression::kGzip:
      return "gzip";
    case Compression::kBzip2:
      return "bzip2";
    case Compression::kXz:
      return "xz";
    case Compression::kZstd:
      return "zstd";
    case Compression::kNone:
      break;
  }
  return "none";
}

Compression CompressionFromExtension(std::string_view path) {
  if (path.ends_with(".gz")) return Compression::kGzip;
  if (path.ends_with(".bz2")) return Compression::kBzip2;
  if (path.ends_with(".xz")) return Compression::kXz;
  if (path.ends_with(".zst") || path.ends_with(".zstd")) return Compression::kZstd;
  return Compression::kNone;
}

std::string_view StripCompressionExtension(std::string_view path) {
  for (std::string_view ext : {".gz", ".bz2", ".xz", ".zst", ".zstd"}) {
    if (path.ends_with(ext)) return path.substr(0, path.size() - ext.size());
  }
  return path;
}

namespace {

// Raw bytes: a FILE* or a string, with the bytes already peeked put back.
class RawSource {
 public:
  virtual ~RawSource() = default;
  // Returns bytes read, 0 at EOF, -1 on error (errno set).
  virtual long Read(char* buf, size_t n) = 0;
};

class FileRawSource : public RawSource {
 public:
  FileRawSource(FILE* f, bool owned) : f_(f), owned_(owned) {}
  ~FileRawSource() override {
    if (owned_) std::fclose(f_);
  }
  long Read(char* buf, size_t n) override {
    size_t got = std::fread(buf, 1, n, f_);
    if (got == 0 && std::ferror(f_)) return -1;
    return static_cast<long>(got);
  }

 private:
  FILE* f_;
  bool owned_;
};

class StringRawSource : public RawSource {
 public:
  explicit StringRawSource(std::string data) : data_(std::move(data)) {}
  long Read(char* buf, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return static_cast<long>(k);
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

// Puts peeked bytes back in front of a RawSource.
class PrefixedSource {
 public:
  PrefixedSource(std::unique_ptr<RawSource> raw, std::string prefix)
      : raw_(std::move(raw)), prefix_(std::move(prefix)) {}
  long Read(char* buf, size_t n) {
    if (pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return static_cast<long>(k);
    }
    return raw_->Read(buf, n);
  }

 private:
  std::unique_ptr<RawSource> raw_;
  std::string prefix_;
  size_t pos_ = 0;
};

class PlainSource : public ByteSource {
 public:
  PlainSource(std::unique_ptr<PrefixedSource> src, std::string name)
      : src_(std::move(src)), name_(std::move(name)) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    long got = src_->Read(buf, n);
    if (got < 0)
      return absl::DataLossError(absl::StrCat(name_, ": read error: ", std::strerror(errno)));
    return static_cast<size_t>(got);
  }

 private:
  std::unique_ptr<PrefixedSource> src_;
  std::string name_;
};

// A Boost.Iostreams source device over a PrefixedSource (copyable handle).
class DeviceAdapter {
 public:
  typedef char char_type;
  typedef boost::iostreams::source_tag category;
  explicit DeviceAdapter(PrefixedSource* src) : src_(src) {}
  std::streamsize read(char* s, std::streamsize n) {
    long got = src_->Read(s, static_cast<size_t>(n));
    if (got < 0) throw std::ios_base::failure(std::strerror(errno));
    return got == 0 ? -1 : got;
  }

 private:
  PrefixedSource* src_;
};

class DecompressingSource : public ByteSource {
 public:
  DecompressingSource(std::unique_ptr<PrefixedSource> src, Compression c, std::string name)
      : src_(std::move(src)), compression_(c), name_(std::move(name)) {
    namespace io = boost::iostreams;
    switch (c) {
      case Compression::kGzip:
        buf_.push(io::gzip_decompressor());
        break;
      case Compression::kBzip2:
        buf_.push(io::bzip2_decompressor());
        break;
      case Compression::kXz:
        buf_.push(io::lzma_decompressor());
        break;
      case Compression::kZstd:  // ZstdSource: Boost misses truncated zstd frames
      case Compression::kNone:
        break;
    }
    buf_.push(DeviceAdapter(src_.get()));
  }
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    if (done_) return 0;
    try {
      std::streamsize got = buf_.sgetn(buf, static_cast<std::streamsize>(n));
      if (got <= 0) {
        done_ = true;
        return 0;
      }
      return static_cast<size_t>(got);
    } catch (const std::exception& e) {
      done_ = true;
      return absl::DataLossError(absl::StrCat(name_, ": corrupt or truncated ",
                                              AV(CompressionName(compression_)), " stream (",
                                              e.what(), ")"));
    }
  }

 private:
  std::unique_ptr<PrefixedSource> src_;
  Compression compression_;
  std::string name_;
  boost::iostreams::filtering_streambuf<boost::iostreams::input> buf_;
  bool done_ = false;
};

// zstd through libzstd's streaming API, which says when the input ends inside
// a frame (Boost's zstd filter reports a truncated stream as a clean end).
class ZstdSource : public ByteSource {
 public:
  ZstdSource(std::unique_ptr<PrefixedSource> src, std::string name)
      : src_(std::move(src)),
        name_(std::move(name)),
        dctx_(ZSTD_createDCtx()),
        in_buf_(ZSTD_DStreamInSize()) {}
  ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }

  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0) {
      if (in_.pos == in_.size) {
        if (eof_) {
          if (last_ret_ != 0) return Corrupt("truncated zstd stream: input ends inside a frame");
          return 0;
        }
        long got = src_->Read(in_buf_.data(), in_buf_.size());
        if (got < 0)
          return absl::DataLossError(absl::StrCat(name_, ": read error: ", std::strerror(errno)));
        if (got == 0) {
          eof_ = true;
          continue;
        }
        in_ = ZSTD_inBuffer{in_buf_.data(), static_cast<size_t>(got), 0};
      }
      size_t ret = ZSTD_decompressStream(dctx_, &out, &in_);
      if (ZSTD_isError(ret)) return Corrupt(ZSTD_getErrorName(ret));
      last_ret_ = ret;
    }
    return out.pos;
  }

 private:
  absl::Status Corrupt(std::string_view why) {
    return absl::DataLossError(
        absl::StrCat(name_, ": corrupt or truncated zstd stream (", AV(why), ")"));
  }

  std::unique_ptr<PrefixedSource> src_;
  std::string name_;
  ZSTD_DCtx* dctx_;
  std::vector<char> in_buf_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  size_t last_ret_ = 0;  // 0 once a frame is complete
  bool eof_ = false;
};

std::unique_ptr<ByteSource> WrapRaw(std::unique_ptr<RawSource> raw, std::string name,
                                    absl::Status* status) {
  std::string head(6, '\0');
  size_t have = 0;
  while (have < head.size()) {
    long got = raw->Read(head.data() + have, head.size() - have);
    if (got < 0) {
      *status = absl::DataLossError(absl::StrCat(name, ": read error: ", std::strerror(errno)));
      return nullptr;
    }
    if (got == 0) break;
    have += static_cast<size_t>(got);
  }
  head.resize(have);
  Compression c = DetectCompression(head);
  auto prefixed = std::make_unique<PrefixedSource>(std::move(raw), std::move(head));
  if (c == Compression::kNone) return std::make_unique<PlainSource>(std::move(prefixed), name);
  if (c == Compression::kZstd)
    return std::make_unique<ZstdSource>(std::move(prefixed), std::move(name));
  return std::make_unique<DecompressingSource>(std::move(prefixed), c, std::move(name));
}

// Opens `path` for reading; an error names it (NotFound, PermissionDenied or
// Unavailable, by errno).
absl::StatusOr<FILE*> OpenForReading(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f != nullptr) return f;
  const int err = errno;
  std::string msg = absl::StrCat(path, ": cannot open: ", std::strerror(err));
  if (err == ENOENT) return absl::NotFoundError(msg);
  if (err == EACCES) return absl::PermissionDeniedError(msg);
  return absl::UnavailableError(msg);
}

}  // namespace

absl::StatusOr<std::unique_ptr<ByteSource>> OpenInput(const std::string& path) {
  std::unique_ptr<RawSource> raw;
  if (path == "-") {
    raw = std::make_unique<FileRawSource>(stdin, false);
  } else {
    absl::StatusOr<FILE*> f = OpenForReading(path);
    if (!f.ok()) return f.status();
    raw = std::make_unique<FileRawSource>(*f, true);
  }
  absl::Status status;
  std::unique_ptr<ByteSource> source = WrapRaw(std::move(raw), path, &status);
  if (!status.ok()) return status;
  return source;
}

std::unique_ptr<ByteSource> OpenInputFromString(std::string data, std::string name) {
  absl::Status status;
  return WrapRaw(std::make_unique<StringRawSource>(std::move(data)), std::move(name), &status);
}

absl::StatusOr<std::string> ReadFileContents(const std::string& path) {
  absl::StatusOr<FILE*> opened = OpenForReading(path);
  if (!opened.ok()) return opened.status();
  FILE* f = *opened;
  std::string data;
  char block[1 << 16];
  size_t got;
  while ((got = std::fread(block, 1, sizeof block, f)) > 0) data.append(block, got);
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return absl::DataLossError(absl::StrCat(path, ": read error"));
  return data;
}

LineReader::LineReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}

bool LineReader::Fill() {
  if (eof_ || !status_.ok()) return false;
  constexpr size_t kBlock = 1 << 20;
  // The unread bytes move to the front; the buffer keeps its size, so that
  // it is zero-filled only when it grows (a resize after an erase would fill
  // a block on every read).
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() < end_ + kBlock) buffer_.resize(end_ + kBlock);
  absl::StatusOr<size_t> got = source_->Read(buffer_.data() + end_, kBlock);
  if (!got.ok()) {
    status_ = got.status();
    return false;
  }
  if (*got == 0) {
    eof_ = true;
    return false;
  }
  const bool first = bytes_read_ == 0;
  end_ += *got;
  bytes_read_ += *got;
  // A UTF-8 byte-order mark starting the input is not content (RFC 8259 lets
  // JSON parsers ignore it; in a text file it is no character of the text).
  if (first && end_ - begin_ >= 3 && std::memcmp(buffer_.data() + begin_, "\xEF\xBB\xBF", 3) == 0) {
    begin_ += 3;
  }
  return true;
}

bool LineReader::Next(std::string_view* line, size_t* too_long) {
  *too_long = 0;
  size_t scan_from = begin_;
  size_t dropped = 0;  // bytes of an over-long line already let go
  auto over = [&](size_t len) { return dropped > 0 || (max_bytes_ > 0 && len > max_bytes_); };
  while (true) {
    const char* nl =
        static_cast<const char*>(std::memchr(buffer_.data() + scan_from, '\n', end_ - scan_from));
    if (nl != nullptr) {
      size_t pos = static_cast<size_t>(nl - buffer_.data());
      size_t len = pos - begin_;
      if (len > 0 && buffer_[pos - 1] == '\r') --len;
      if (over(len)) {
        *too_long = dropped + len;
        *line = std::string_view();
      } else {
        *line = std::string_view(buffer_.data() + begin_, len);
      }
      begin_ = pos + 1;
      return true;
    }
    if (max_bytes_ > 0 && end_ - begin_ > max_bytes_) {
      dropped += end_ - begin_;  // over the limit already: let it go, keep looking for its end
      begin_ = end_;
    }
    size_t consumed = end_ - begin_;
    if (!Fill()) {
      if (!status_.ok()) return false;
      if (end_ > begin_ || dropped > 0) {  // last line without a newline
        size_t len = end_ - begin_;
        if (len > 0 && buffer_[end_ - 1] == '\r') --len;
        if (over(len)) {
          *too_long = dropped + len;
          *line = std::string_view();
        } else {
          *line = std::string_view(buffer_.data() + begin_, len);
        }
        begin_ = end_;
        return true;
      }
      return false;
    }
    scan_from = begin_ + consumed;
  }
}

bool LineReader::ReadAll(std::string* out, size_t* too_long) {
  *too_long = 0;
  size_t dropped = 0;
  while (Fill()) {
    if (max_bytes_ > 0 && end_ - begin_ > max_bytes_) {
      dropped += end_ - begin_;
      begin_ = end_;
    }
  }
  if (!status_.ok()) return false;
  if (dropped > 0) {
    *too_long = dropped + (end_ - begin_);
    out->clear();
  } else {
    out->assign(buffer_.data() + begin_, end_ - begin_);
  }
  begin_ = end_;
  return true;
}

char LineReader::PeekFirstNonSpace() {
  if (end_ == begin_) Fill();
  for (size_t i = begin_; i < end_; ++i) {
    char c = buffer_[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
  }
  return 0;
}

}  // namespace newsclean
