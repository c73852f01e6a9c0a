#!/usr/bin/env bash
# Installs a build of newsclean into a temporary prefix, then builds and runs a
# consumer program outside the tree twice: with CMake's find_package, and with
# pkg-config. Used by scripts/test.sh.
#
#   scripts/test_install.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cp -r tests/consumer "$work/src"
# find_package
cmake -S "$work/src" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
"$work/build/consumer"
# pkg-config (a static library: --static for its private dependencies)
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
# shellcheck disable=SC2046
c++ -o "$work/consumer-pc" "$work/src/main.cc" $(pkg-config --cflags newsclean) \
  $(pkg-config --libs --static newsclean)
"$work/consumer-pc"
"$work/prefix/bin/newsclean" --version
# The Python package, when the build has it: importable from the prefix alone.
if [ -d "$work/prefix/lib/python3/dist-packages/newsclean" ]; then
  (cd "$work" && PYTHONPATH="$work/prefix/lib/python3/dist-packages" /usr/bin/python3 -c '
import newsclean, newsclean.adapters
r = newsclean.Cleaner().clean("黨(dang) 組織發(fā)展,國(guo) 家。")
assert r.text == "黨組織發展,國家。", r.text
print("python:", newsclean.__version__, r.text)')
fi
