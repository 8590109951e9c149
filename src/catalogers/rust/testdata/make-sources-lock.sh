#!/usr/bin/env bash
# Regenerates sources.v4.Cargo.lock with the real cargo, without network: one project whose
# dependencies come from crates.io (Debian's librust-*-dev crate sources stand in for it, as in
# make-fixtures.sh), a git repository (a local bare repository, reached over file://), another
# registry (a git index on local disk), a workspace member and a path dependency outside the
# workspace. The git, registry and path crates are ours, a few lines each, named after crates.io
# crates so that matching them by name would be wrong. Writes sources.v4.Cargo.lock next to this
# script. Run on Debian bookworm with cargo and git on PATH: bash make-sources-lock.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
debs=(librust-hex-dev librust-memchr-dev)
dpkg -s "${debs[@]}" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${debs[@]}"

# Fixed paths: they are written into the lockfile.
work=/tmp/cargo-sources
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
export CARGO_HOME="$work/cargo-home"
mkdir -p "$CARGO_HOME"
cat >"$CARGO_HOME/config.toml" <<'TOML'
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "/usr/share/cargo/registry"

[registries.corp]
index = "file:///tmp/cargo-sources/corp-index"
TOML
export GIT_AUTHOR_NAME=fixture GIT_AUTHOR_EMAIL=fixture@example.invalid GIT_COMMITTER_NAME=fixture GIT_COMMITTER_EMAIL=fixture@example.invalid
export GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z'

lib() { # lib DIR NAME VERSION
  mkdir -p "$1/src"
  printf '[package]\nname = "%s"\nversion = "%s"\nedition = "2021"\n' "$2" "$3" >"$1/Cargo.toml"
  echo 'pub fn id() -> u32 { 1 }' >"$1/src/lib.rs"
}

# A git dependency: a crate named regex at 1.5.4 in a local bare repository.
lib "$work/regex-src" regex 1.5.4
git -C "$work/regex-src" init -q -b main
git -C "$work/regex-src" add -A
git -C "$work/regex-src" commit -q -m 'regex fork'
git clone -q --bare "$work/regex-src" "$work/git/regex.git"

# Another registry: a git index holding one crate (generate-lockfile reads the index only).
mkdir -p "$work/corp-index/sm/al"
echo '{"dl":"file:///tmp/cargo-sources/corp-crates/{crate}-{version}.crate"}' >"$work/corp-index/config.json"
echo '{"name":"smallvec","vers":"1.6.0","deps":[],"cksum":"0000000000000000000000000000000000000000000000000000000000000000","features":{},"yanked":false}' >"$work/corp-index/sm/al/smallvec"
git -C "$work/corp-index" init -q -b main
git -C "$work/corp-index" add -A
git -C "$work/corp-index" commit -q -m index

# A path dependency outside the workspace.
lib "$work/vendor/time" time 0.1.43

# The project: package app, workspace member app-core.
mkdir -p "$work/app/src"
cat >"$work/app/Cargo.toml" <<'TOML'
[package]
name = "app"
version = "0.1.0"
edition = "2021"

[dependencies]
app-core = { path = "crates/app-core" }
hex = "0.4"
regex = { git = "file:///tmp/cargo-sources/git/regex.git", branch = "main" }
smallvec = { version = "1", registry = "corp" }
time = { path = "../vendor/time" }

[workspace]
members = ["crates/app-core"]
TOML
echo 'fn main() {}' >"$work/app/src/main.rs"
lib "$work/app/crates/app-core" app-core 0.1.0
printf '\n[dependencies]\nmemchr = "2"\n' >>"$work/app/crates/app-core/Cargo.toml"

(cd "$work/app" && cargo generate-lockfile)
cp "$work/app/Cargo.lock" "$here/sources.v4.Cargo.lock"
echo "wrote sources.v4.Cargo.lock ($(cargo --version))"
