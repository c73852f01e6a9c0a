#!/usr/bin/env bash
# Installs newsclean's build and test dependencies from Debian's packages.
# Safe to re-run: packages already installed are left alone.
set -euo pipefail
PACKAGES=(
  cmake g++ make pkg-config
  libicu-dev libxxhash-dev libabsl-dev libre2-dev libsimdjson-dev libcli11-dev
  libboost-iostreams-dev zlib1g-dev libbz2-dev liblzma-dev libzstd-dev
  libgtest-dev libgmock-dev libbenchmark-dev libtinyxml2-dev
  clang clang-format libfuzzer-14-dev libclang-rt-14-dev
  gzip bzip2 xz-utils zstd time unicode-data
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
