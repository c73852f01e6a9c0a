#include "src/dedup/index_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace newsclean {

std::string IndexLock::LockPathFor(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return absl::StrCat(dir, ".", base, ".lock");
}

absl::StatusOr<std::unique_ptr<IndexLock>> IndexLock::Acquire(const std::string& path) {
  const std::string lock_path = LockPathFor(path);
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot create the index's lock file ",
                                               lock_path, ": ", std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return absl::UnavailableError(
          absl::StrCat(path, ": the index is in use by another newsclean run (lock ", lock_path,
                       "); run again when it has finished"));
    }
    return absl::UnavailableError(
        absl::StrCat(path, ": cannot lock ", lock_path, ": ", std::strerror(err)));
  }
  return std::unique_ptr<IndexLock>(new IndexLock(fd));
}

IndexLock::~IndexLock() { ::close(fd_); }  // closing releases the lock

}  // namespace newsclean
