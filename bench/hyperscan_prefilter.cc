#include "bench/hyperscan_prefilter.h"

#include <hs/hs.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace newsclean {
namespace {

constexpr unsigned kFlags =
    HS_FLAG_UTF8 | HS_FLAG_PREFILTER | HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY;

// One scratch space per thread, grown to fit every database the thread scans
// with (hs_alloc_scratch grows it when needed, else returns at once).
class ThreadScratch {
 public:
  ~ThreadScratch() {
    if (scratch_ != nullptr) hs_free_scratch(scratch_);
  }
  hs_scratch_t* For(const hs_database_t* db) {
    if (db != last_db_) {
      if (hs_alloc_scratch(db, &scratch_) != HS_SUCCESS) std::abort();  // out of memory
      last_db_ = db;
    }
    return scratch_;
  }

 private:
  hs_scratch_t* scratch_ = nullptr;
  const hs_database_t* last_db_ = nullptr;
};

int OnMatch(unsigned int id, unsigned long long, unsigned long long, unsigned int, void* ctx) {
  static_cast<std::vector<int>*>(ctx)->push_back(static_cast<int>(id));
  return 0;  // go on: one report per rule (HS_FLAG_SINGLEMATCH)
}

}  // namespace

HyperscanPrefilter::HyperscanPrefilter() : folder_(std::vector<std::string>()) {}

HyperscanPrefilter::~HyperscanPrefilter() {
  if (db_ != nullptr) hs_free_database(db_);
}

bool HyperscanPrefilter::Add(std::string_view pattern, std::string* error) {
  RE2::Options options;
  options.set_log_errors(false);  // the caller reports bad patterns
  options.set_max_mem(64 << 20);
  auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok()) {
    *error = re->error();
    return false;
  }
  all_.push_back(size());
  rules_.push_back(std::move(re));
  patterns_.emplace_back(pattern);
  return true;
}

void HyperscanPrefilter::Compile() {
  // Compile all at once; a pattern Hyperscan refuses is named in the error
  // (its position in the list), taken out and run on every line instead.
  std::vector<int> ids = all_;
  while (!ids.empty()) {
    std::vector<const char*> expressions;
    std::vector<unsigned> flags(ids.size(), kFlags);
    std::vector<unsigned> report(ids.begin(), ids.end());
    for (int id : ids) expressions.push_back(patterns_[static_cast<size_t>(id)].c_str());
    hs_compile_error_t* error = nullptr;
    hs_database_t* db = nullptr;
    if (hs_compile_multi(expressions.data(), flags.data(), report.data(),
                         static_cast<unsigned>(ids.size()), HS_MODE_BLOCK, nullptr, &db,
                         &error) == HS_SUCCESS) {
      db_ = db;
      break;
    }
    const int bad = error->expression;
    hs_free_compile_error(error);
    if (bad < 0) {  // not one pattern's fault: every rule runs on every line
      unfiltered_ = all_;
      return;
    }
    unfiltered_.push_back(ids[static_cast<size_t>(bad)]);
    ids.erase(ids.begin() + bad);
  }
  std::sort(unfiltered_.begin(), unfiltered_.end());
}

void HyperscanPrefilter::Candidates(std::string* line, std::vector<int>* ids) const {
  std::vector<int> none;
  if (!folder_.FoldAndScan(line, &none) || db_ == nullptr || line->size() > UINT32_MAX) {
    *ids = db_ == nullptr ? unfiltered_ : all_;
    return;
  }
  thread_local ThreadScratch scratch;
  ids->clear();
  hs_scan(db_, line->data(), static_cast<unsigned>(line->size()), 0, scratch.For(db_), OnMatch,
          ids);
  ids->insert(ids->end(), unfiltered_.begin(), unfiltered_.end());
  std::sort(ids->begin(), ids->end());
}

}  // namespace newsclean
