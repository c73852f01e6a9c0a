#!/usr/bin/env bash
# Installs dependencies, checks the C++ formatting (.clang-format), builds
# newsclean twice (optimized with g++ and the Python module, whose pytest
# suite ctest runs; and with clang, AddressSanitizer +
# UndefinedBehaviorSanitizer and the libFuzzer targets), runs the whole test
# suite on both builds and each fuzz target for a short fixed time. Used by
# .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/check_format.sh
jobs="$(nproc)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSCLEAN_BUILD_PYTHON=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
scripts/test_install.sh build
CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DNEWSCLEAN_SANITIZE=ON \
      -DNEWSCLEAN_FUZZ=ON -DNEWSCLEAN_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
scripts/fuzz.sh build-asan "${FUZZ_SECONDS:-20}"
