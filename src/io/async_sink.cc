#include "src/io/async_sink.h"

#include <utility>

namespace newsclean {

AsyncSink::AsyncSink(std::unique_ptr<ByteSink> inner) : inner_(std::move(inner)) {
  block_.reserve(kBlockSize);
  thread_ = std::thread([this] { Run(); });
}

AsyncSink::~AsyncSink() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
    queue_.clear();  // unclosed: nothing more is written
  }
  ready_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AsyncSink::Run() {
  while (true) {
    std::string block;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [&] { return done_ || !queue_.empty(); });
      if (queue_.empty()) return;  // done and drained
      block = std::move(queue_.front());
      queue_.pop_front();
    }
    room_.notify_one();
    absl::Status st = inner_->Write(block);
    if (!st.ok()) {
      std::lock_guard<std::mutex> lock(mu_);
      if (error_.ok()) error_ = st;
      queue_.clear();
      done_ = true;
      room_.notify_all();
      return;
    }
  }
}

bool AsyncSink::Hand(std::string block) {
  std::unique_lock<std::mutex> lock(mu_);
  room_.wait(lock, [&] { return !error_.ok() || queue_.size() < kQueuedBlocks; });
  if (!error_.ok()) return false;
  queue_.push_back(std::move(block));
  lock.unlock();
  ready_.notify_one();
  return true;
}

absl::Status AsyncSink::Write(std::string_view data) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!error_.ok()) return error_;
  }
  block_.append(data);
  if (block_.size() >= kBlockSize) {
    std::string full;
    full.reserve(kBlockSize + kBlockSize / 8);
    full.swap(block_);
    if (!Hand(std::move(full))) {
      std::lock_guard<std::mutex> lock(mu_);
      return error_;
    }
  }
  return absl::OkStatus();
}

absl::Status AsyncSink::Close() {
  if (closed_) return absl::FailedPreconditionError("AsyncSink closed twice");
  closed_ = true;
  if (!block_.empty()) Hand(std::move(block_));
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  ready_.notify_all();
  thread_.join();
  if (!error_.ok()) return error_;  // the inner sink stays unclosed: no output
  return inner_->Close();
}

}  // namespace newsclean
