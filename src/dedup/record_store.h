// RecordStore: fixed-size byte records in blocks of 1024, so growing never
// copies or over-allocates more than one block (a doubling vector would hold
// up to twice the bytes). Record(i) stays valid while the store lives.
#ifndef NEWSCLEAN_SRC_DEDUP_RECORD_STORE_H_
#define NEWSCLEAN_SRC_DEDUP_RECORD_STORE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace newsclean {

class RecordStore {
 public:
  explicit RecordStore(size_t record_size) : record_size_(record_size) {}

  void Append(const void* data) {
    if (size_ % kPerBlock == 0) {
      blocks_.push_back(std::make_unique<uint8_t[]>(kPerBlock * record_size_));
    }
    std::memcpy(Record(size_), data, record_size_);
    ++size_;
  }
  uint8_t* Record(size_t i) {
    return blocks_[i / kPerBlock].get() + (i % kPerBlock) * record_size_;
  }
  const uint8_t* Record(size_t i) const {
    return blocks_[i / kPerBlock].get() + (i % kPerBlock) * record_size_;
  }
  size_t size() const { return size_; }
  size_t MemoryBytes() const {
    return blocks_.size() * kPerBlock * record_size_ + blocks_.capacity() * sizeof(void*);
  }

 private:
  static constexpr size_t kPerBlock = 1024;
  size_t record_size_;
  size_t size_ = 0;
  std::vector<std::unique_ptr<uint8_t[]>> blocks_;
};

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_DEDUP_RECORD_STORE_H_
