#include "newsclean/lsh_index.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <tuple>

namespace newsclean {
namespace {

constexpr int kSteps = 200;  // of the trapezoid rule over each integral

// The trapezoid rule over `values`, the integrand at kSteps + 1 points h
// apart.
double Trapezoid(const double* values, double h) {
  double sum = 0;
  for (int i = 0; i < kSteps; ++i) sum += (values[i] + values[i + 1]) * h / 2;
  return sum;
}

}  // namespace

double CandidateProbability(double s, LshParams p) {
  return 1.0 - std::pow(1.0 - std::pow(s, p.rows), p.bands);
}

LshParams OptimalLshParams(double threshold, int num_perm, double fp_weight, double fn_weight) {
  // The search integrates every (bands, rows) pair: tens of milliseconds.
  // Runs ask for the same few settings again and again: remember them.
  static std::mutex mu;
  static auto* known = new std::map<std::tuple<double, int, double, double>, LshParams>();
  const auto key = std::make_tuple(threshold, num_perm, fp_weight, fn_weight);
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = known->find(key); it != known->end()) return it->second;
  }
  // The false-positive area (candidates below the threshold) and the
  // false-negative area (misses above it) of every (bands, rows) layout, by
  // the trapezoid rule, each integrand evaluated as CandidateProbability does.
  // s^rows depends on the row count only: computed once per row count and
  // point, not once per layout (half the pow() calls of start-up).
  const double h_fp = (threshold - 0.0) / kSteps, h_fn = (1.0 - threshold) / kSteps;
  const size_t points = kSteps + 1;
  std::vector<double> s_to_rows_fp(static_cast<size_t>(num_perm + 1) * points);
  std::vector<double> s_to_rows_fn(s_to_rows_fp.size());
  for (int r = 1; r <= num_perm; ++r) {
    for (int j = 0; j <= kSteps; ++j) {
      const size_t k = static_cast<size_t>(r) * points + static_cast<size_t>(j);
      s_to_rows_fp[k] = std::pow(0.0 + j * h_fp, r);
      s_to_rows_fn[k] = std::pow(threshold + j * h_fn, r);
    }
  }
  LshParams best{1, num_perm};
  double best_error = 1e300;
  double values[kSteps + 1];
  for (int b = 1; b <= num_perm; ++b) {
    for (int r = 1; r * b <= num_perm; ++r) {
      const size_t row = static_cast<size_t>(r) * points;
      for (int j = 0; j <= kSteps; ++j) {
        values[j] = 1.0 - std::pow(1.0 - s_to_rows_fp[row + static_cast<size_t>(j)], b);
      }
      const double fp = Trapezoid(values, h_fp);
      for (int j = 0; j <= kSteps; ++j) {
        values[j] = 1.0 - (1.0 - std::pow(1.0 - s_to_rows_fn[row + static_cast<size_t>(j)], b));
      }
      const double fn = Trapezoid(values, h_fn);
      const double error = fp_weight * fp + fn_weight * fn;
      if (error < best_error) {
        best_error = error;
        best = LshParams{b, r};
      }
    }
  }
  std::lock_guard<std::mutex> lock(mu);
  known->emplace(key, best);
  return best;
}

std::vector<uint8_t> PackSignature(std::span<const uint32_t> sig) {
  std::vector<uint8_t> packed((sig.size() + 1) / 2, 0);
  for (size_t i = 0; i < sig.size(); ++i) {
    packed[i / 2] |= static_cast<uint8_t>((sig[i] & 0xF) << (4 * (i & 1)));
  }
  return packed;
}

double EstimatePackedJaccard(std::span<const uint8_t> a, std::span<const uint8_t> b, int k) {
  if (a.size() != b.size() || a.empty() || k <= 0) return 0.0;
  int equal = 0;
  for (int i = 0; i < k; ++i) {
    uint8_t x = (a[i / 2] >> (4 * (i & 1))) & 0xF;
    uint8_t y = (b[i / 2] >> (4 * (i & 1))) & 0xF;
    equal += x == y;
  }
  constexpr double kChance = 1.0 / (1 << kSignatureBits);
  double p = static_cast<double>(equal) / k;
  return std::clamp((p - kChance) / (1.0 - kChance), 0.0, 1.0);
}

LshIndex::LshIndex(int num_perm, LshParams params) : num_perm_(num_perm), params_(params) {
  slots_.assign(1024, Slot{0, kEmptySlot});
}

// Slot counts are not powers of two: the table grows by a quarter, keeping the
// load between 0.68 and 0.85 (8 bytes a slot), and a multiply-shift maps a tag
// to its home slot.

void LshIndex::BandKeys(std::span<const uint8_t> packed, std::vector<uint64_t>* keys) const {
  keys->clear();
  uint8_t row_values[256];
  for (int band = 0; band < params_.bands; ++band) {
    int n = 0;
    for (int i = band * params_.rows; i < (band + 1) * params_.rows && i < num_perm_; ++i) {
      row_values[n++] = (packed[i / 2] >> (4 * (i & 1))) & 0xF;
    }
    keys->push_back(XXH3_64bits_withSeed(row_values, static_cast<size_t>(n), band + 1));
  }
}

size_t LshIndex::Home(uint32_t tag) const {
  uint64_t mixed = (static_cast<uint64_t>(tag) * 0x9E3779B97F4A7C15ull) >> 32;
  return static_cast<size_t>((mixed * slots_.size()) >> 32);
}

void LshIndex::Candidates(std::span<const uint64_t> keys, std::vector<uint32_t>* out) const {
  size_t start = out->size();
  const size_t n = slots_.size();
  for (uint64_t key : keys) {
    uint32_t tag = Tag(key);
    for (size_t i = Home(tag); slots_[i].doc != kEmptySlot; i = i + 1 == n ? 0 : i + 1) {
      if (slots_[i].tag == tag) out->push_back(slots_[i].doc);
    }
  }
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(start), out->end());
  out->erase(std::unique(out->begin() + static_cast<std::ptrdiff_t>(start), out->end()),
             out->end());
}

void LshIndex::Insert(uint32_t doc, std::span<const uint64_t> keys) {
  for (uint64_t key : keys) {
    if ((used_ + 1) * 20 > slots_.size() * 17) Grow();  // load factor <= 0.85
    uint32_t tag = Tag(key);
    const size_t n = slots_.size();
    size_t i = Home(tag);
    while (slots_[i].doc != kEmptySlot) i = i + 1 == n ? 0 : i + 1;
    slots_[i] = Slot{tag, doc};
    ++used_;
  }
}

void LshIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() + old.size() / 4, Slot{0, kEmptySlot});
  const size_t n = slots_.size();
  for (const Slot& s : old) {
    if (s.doc == kEmptySlot) continue;
    size_t i = Home(s.tag);
    while (slots_[i].doc != kEmptySlot) i = i + 1 == n ? 0 : i + 1;
    slots_[i] = s;
  }
}

}  // namespace newsclean
