// Temporary files of this process, so that none outlives a failed run.
//
// Outputs are written to a temporary file beside their destination and renamed
// into place when complete (output_stream.h). While a temporary exists it is
// registered here, so that a signal handler or the last-resort error handler
// of a program can remove every one of them (RemoveTemporaries is
// async-signal-safe). Thread-safe.
#ifndef NEWSCLEAN_SRC_IO_TEMP_FILES_H_
#define NEWSCLEAN_SRC_IO_TEMP_FILES_H_

#include <string>

namespace newsclean {

// The temporary name for `path`: a dot-file in the same directory, so that
// directory traversal skips it (".NAME.tmp-PID"), shortened so that the name
// stays within NAME_MAX bytes (cut at a UTF-8 character boundary).
std::string TemporaryPathFor(const std::string& path);

// Registers `path` as a temporary to remove if the process is interrupted.
// Paths that do not fit the registry (more than 64 at once, or longer than
// PATH_MAX) are not registered; they are still removed on orderly failure.
void RegisterTemporary(const std::string& path);

// Forgets `path` (it was renamed into place or removed).
void UnregisterTemporary(const std::string& path);

// Removes every registered temporary. Async-signal-safe.
void RemoveTemporaries();

// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the registered
// temporaries and then end the process as the signal would have.
void RemoveTemporariesOnSignals();

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_IO_TEMP_FILES_H_
