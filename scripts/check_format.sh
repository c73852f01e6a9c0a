#!/usr/bin/env bash
# Fails, listing the files, if any C++ file differs from .clang-format (the
# style of clang-format 14, Debian's). Fix with:
#   clang-format -i $(git ls-files '*.cc' '*.h' | grep -v '^fixtures/')
set -euo pipefail
cd "$(dirname "$0")/.."
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cc' '*.h' | grep -v '^fixtures/')
else
  mapfile -t files < <(find include src tools tests bench fuzz python -name '*.cc' -o -name '*.h' 2>/dev/null)
fi
bad=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  clang-format --style=file "$f" | cmp -s - "$f" || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "check_format: ${#bad[@]} file(s) differ from .clang-format:" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "check_format: ${#files[@]} files formatted"
