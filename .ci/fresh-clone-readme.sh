#!/usr/bin/env bash
# The README's first command as a new user meets it: a fresh clone of this repository's
# HEAD (so nothing untracked or ignored here can help), ../shared beside it, an empty
# AIRLOCK_HOME. It needs the npm registry (npm ci), as that command does.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/airlock-fresh-clone.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
git clone --quiet --no-local "$here" "$tmp/airlock"
ln -s "$(cd "$here/../shared" && pwd)" "$tmp/shared"
command=$("$here/scripts/readme-command" 1)
echo "fresh clone: $command" >&2
(cd "$tmp/airlock" && AIRLOCK_HOME="$tmp/state" bash -euo pipefail -c "$command") | tee "$tmp/out.txt"
grep -Eq 'Your image +debian-bookworm-minbase\.oci\.tar +│ +[0-9]+C +[0-9]+H +[0-9]+M +[0-9]+L +[0-9]+U' "$tmp/out.txt" \
  || { echo "fresh clone: the README's first command did not print the image's quickview" >&2; exit 1; }
echo "fresh clone: the README's first command works" >&2
