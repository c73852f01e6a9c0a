#!/usr/bin/env bash
# Installs newsclean's build and test dependencies from Debian's packages.
# Safe to re-run: packages already installed are left alone. The Python
# packages (for Debian's /usr/bin/python3) come without recommends.
set -euo pipefail
PACKAGES=(
  cmake g++ make pkg-config
  libicu-dev libxxhash-dev libabsl-dev libre2-dev libsimdjson-dev libcli11-dev
  libboost-iostreams-dev zlib1g-dev libbz2-dev liblzma-dev libzstd-dev
  libgtest-dev libgmock-dev libbenchmark-dev libtinyxml2-dev libhyperscan-dev
  clang clang-format libfuzzer-14-dev libclang-rt-14-dev
  gzip bzip2 xz-utils zstd time unicode-data
)
PY_PACKAGES=(python3 python3-dev pybind11-dev python3-numpy python3-pytest python3-dask
  python3-distributed)
missing() {
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done
}
mapfile -t need < <(missing "${PACKAGES[@]}")
mapfile -t need_py < <(missing "${PY_PACKAGES[@]}")
if [ ${#need[@]} -eq 0 ] && [ ${#need_py[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${need[*]} ${need_py[*]}" >&2
$SUDO apt-get update -qq
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ${#need_py[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${need_py[@]}" >/dev/null
fi
