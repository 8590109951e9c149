#!/usr/bin/env bash
# Regenerates the Rust cataloger fixtures with the real cargo and rustc, offline: crates.io is
# replaced by the crate sources Debian's librust-*-dev packages install under
# /usr/share/cargo/registry. Writes, next to this script:
#   hello.v3.Cargo.lock      workspace hello-auditable + path crate hello-core (rust-version 1.70,
#                            so cargo writes lockfile format 3)
#   workspace.v4.Cargo.lock  virtual workspace tool + text (no rust-version: format 4)
#   dep-v0.json              the hello-auditable dependency tree in cargo-auditable's format,
#                            converted from `cargo metadata` of the first workspace
#   hello-auditable.gz       main.rs built by rustc with that JSON, zlib-compressed, in .dep-v0
# Run as root on Debian bookworm with cargo and rustc on PATH: bash make-fixtures.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
debs=(librust-flate2-dev librust-hex-dev librust-regex-dev librust-aho-corasick-dev librust-memchr-dev librust-semver-dev librust-bitflags-dev)
dpkg -s "${debs[@]}" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${debs[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_HOME="$work/cargo-home"
mkdir -p "$CARGO_HOME"
cat >"$CARGO_HOME/config.toml" <<'EOF'
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "/usr/share/cargo/registry"

[net]
offline = true
EOF

crate() { # [LIB=1] crate DIR NAME [dependency lines...]
  local dir=$1 name=$2
  shift 2
  mkdir -p "$dir/src"
  printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2021"\n%s\n[dependencies]\n' "$name" "${RUST_VERSION:+rust-version = \"$RUST_VERSION\"}" >"$dir/Cargo.toml"
  printf '%s\n' "$@" >>"$dir/Cargo.toml"
  if [[ -n ${LIB:-} ]]; then echo 'pub fn hello() {}' >"$dir/src/lib.rs"; else echo 'fn main() {}' >"$dir/src/main.rs"; fi
}

# Format 3: cargo keeps to format 3 for a package whose rust-version predates 1.78.
RUST_VERSION=1.70 crate "$work/v3" hello-auditable 'hello-core = { path = "hello-core" }'
printf '\n[workspace]\n' >>"$work/v3/Cargo.toml"
LIB=1 RUST_VERSION=1.70 crate "$work/v3/hello-core" hello-core 'flate2 = "1"' 'hex = "0.4"'
(cd "$work/v3" && cargo generate-lockfile --offline)
cp "$work/v3/Cargo.lock" "$here/hello.v3.Cargo.lock"

# Format 4, a virtual workspace with two members, one depending on the other.
mkdir -p "$work/v4"
printf '[workspace]\nmembers = ["tool", "text"]\nresolver = "2"\n' >"$work/v4/Cargo.toml"
crate "$work/v4/tool" tool 'text = { path = "../text" }' 'flate2 = "1"' 'semver = "1"' 'bitflags = "1"'
LIB=1 crate "$work/v4/text" text 'regex = "1"' 'hex = "0.4"'
(cd "$work/v4" && cargo generate-lockfile --offline)
cp "$work/v4/Cargo.lock" "$here/workspace.v4.Cargo.lock"

# cargo-auditable's JSON (its cargo-auditable.schema.json): packages sorted by name, source
# kind instead of the source URL, dependencies as indices into the list, dev-dependencies out.
(cd "$work/v3" && cargo metadata --offline --locked --format-version 1) | node -e '
const meta = JSON.parse(require("fs").readFileSync(0, "utf8"));
const pkgs = new Map(meta.packages.map((p) => [p.id, p]));
const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
const runtime = (d) => d.dep_kinds.some((k) => k.kind !== "dev");
const seen = new Set([meta.resolve.root]);
for (const id of seen) for (const d of nodes.get(id).deps) if (runtime(d)) seen.add(d.pkg);
const ids = [...seen].sort((a, b) => pkgs.get(a).name.localeCompare(pkgs.get(b).name) || pkgs.get(a).version.localeCompare(pkgs.get(b).version));
const kind = (s) => (s === null ? "local" : s.startsWith("registry+https://github.com/rust-lang/crates.io-index") ? "crates.io" : s.startsWith("git+") ? "git" : "registry");
const out = ids.map((id) => {
  const p = pkgs.get(id);
  const e = { name: p.name, version: p.version, source: kind(p.source) };
  const deps = nodes.get(id).deps.filter(runtime).map((d) => ids.indexOf(d.pkg)).sort((a, b) => a - b);
  if (deps.length) e.dependencies = deps;
  if (id === meta.resolve.root) e.root = true;
  return e;
});
process.stdout.write(JSON.stringify({ packages: out }));
' >"$here/dep-v0.json"

mkdir -p "$work/bin"
cp "$here/main.rs" "$work/bin/"
node -e 'const z = require("zlib"), fs = require("fs"); fs.writeFileSync(process.argv[2], z.deflateSync(fs.readFileSync(process.argv[1])))' "$here/dep-v0.json" "$work/bin/dep-v0.zlib"
(cd "$work/bin" && rustc -C opt-level=z -C strip=symbols -C panic=abort main.rs -o hello-auditable)
gzip -9n <"$work/bin/hello-auditable" >"$here/hello-auditable.gz"
echo "wrote hello.v3.Cargo.lock workspace.v4.Cargo.lock dep-v0.json hello-auditable.gz ($(cargo --version); $(rustc --version))"
