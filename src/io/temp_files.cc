#include "src/io/temp_files.h"

#include <limits.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace newsclean {
namespace {

constexpr int kSlots = 64;

// A fixed table, so that the signal handler reads it without locks or
// allocation: `state` is 0 free, 1 being written, 2 holding a path.
struct Slot {
  std::atomic<int> state{0};
  char path[PATH_MAX];
};
Slot slots[kSlots];

}  // namespace

std::string TemporaryPathFor(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::string suffix = absl::StrCat(".tmp-", ::getpid());
  const size_t room = NAME_MAX - 1 - suffix.size();  // 1 for the leading dot
  if (base.size() > room) {
    size_t cut = room;
    // Back up to a character boundary: never leave half a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(base[cut]) & 0xC0) == 0x80) --cut;
    base.resize(cut);
  }
  return absl::StrCat(dir, ".", base, suffix);
}

void RegisterTemporary(const std::string& path) {
  if (path.size() >= PATH_MAX) return;
  for (Slot& slot : slots) {
    int expected = 0;
    if (slot.state.compare_exchange_strong(expected, 1)) {
      std::memcpy(slot.path, path.c_str(), path.size() + 1);
      slot.state.store(2, std::memory_order_release);
      return;
    }
  }
}

void UnregisterTemporary(const std::string& path) {
  for (Slot& slot : slots) {
    int expected = 2;
    if (slot.state.load(std::memory_order_acquire) == 2 && path == slot.path &&
        slot.state.compare_exchange_strong(expected, 0)) {
      return;
    }
  }
}

void RemoveTemporaries() {
  for (Slot& slot : slots) {
    int expected = 2;
    if (slot.state.compare_exchange_strong(expected, 1)) {
      ::unlink(slot.path);
      slot.state.store(0);
    }
  }
}

namespace {

void OnSignal(int sig) {
  RemoveTemporaries();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

}  // namespace

void RemoveTemporariesOnSignals() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &action, nullptr);
}

}  // namespace newsclean
