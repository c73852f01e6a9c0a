// IndexLock: one run at a time on a dedup index file.
//
// Two runs that load the same index, add to it and save it would each save
// what they saw, and the last rename would drop the other's documents. A run
// that will save an index holds an exclusive lock on a lock file beside it
// (".NAME.lock", a dot-file, so directory traversal skips it) from before it
// loads the index until after its files are renamed into place. Another run
// that finds the lock taken fails at once with a message saying so. The lock
// is the kernel's (flock): it goes with the process, however it ends, and the
// lock file left behind holds nothing.
#ifndef NEWSCLEAN_SRC_DEDUP_INDEX_LOCK_H_
#define NEWSCLEAN_SRC_DEDUP_INDEX_LOCK_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace newsclean {

class IndexLock {
 public:
  // Takes the lock for index `path`, or fails naming the path when another
  // process holds it or the lock file cannot be created.
  static absl::StatusOr<std::unique_ptr<IndexLock>> Acquire(const std::string& path);
  ~IndexLock();  // releases the lock

  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;

  // The lock file's path for index `path`.
  static std::string LockPathFor(const std::string& path);

 private:
  explicit IndexLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_DEDUP_INDEX_LOCK_H_
