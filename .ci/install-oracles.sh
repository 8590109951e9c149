#!/usr/bin/env bash
# Installs the reference tools that src/versions/*.oracle.test.ts compare airlock's version
# comparators against (Debian bookworm packages). Those tests fail, naming this script, when
# a tool is missing; they never skip.
#   dpkg              dpkg --compare-versions            (always present on Debian)
#   rpm               rpm's Lua rpm.ver comparison        (Debian package: rpm)
#   python3-packaging pypa packaging's Version            (for /usr/bin/python3 when pyenv's python lacks it)
#   maven             Maven's ComparableVersion jar       (Debian package: maven, with a JRE)
# Alpine's apk-tools is not packaged in Debian bookworm, so the apk comparator has table tests only.
# The rpm and Java catalogers' tests build real inputs with these (they fail, naming this script):
#   rpm (rpmbuild, rpm --initdb/-i --justdb), sqlite3, db-util (Berkeley DB's db_load/db_dump),
#   zip (fat jars), a JDK (src/catalogers/java/testdata/JarFacts.java runs as a single-file program),
#   and the Java libraries maven pulls into /usr/share/java (guice, commons-io, wagon-http-shaded ...).
# test/e2e-review.test.ts drives the built CLI's terminal UI in a pseudo-terminal: tmux.
# test/e2e-html-report.test.ts renders the HTML report in headless Chromium (in a network
# namespace without network): Debian's chromium.
# The image and feed tests compress zstd layers and archives with the zstd tool: zstd.
# The OVAL tests compress Oracle's sample as Oracle publishes it (.xml.bz2): bzip2.
# src/catalogers/php reads the real vendor/composer/installed.json inside Debian's dokuwiki
# package: its .deb is downloaded (not installed) into $AIRLOCK_TEST_DEBS.
# test/release builds the release tarball, checks its signature with openssl and runs it
# under util-linux's unshare (no network); git stamps its files with the commit's time;
# binutils' objdump is the oracle for src/release/elf.ts (the glibc a release needs).
# `npm test` runs this first (its pretest step): as root it installs what is missing from
# Debian's archive; as another user it fails, naming the packages to install.
set -euo pipefail

missing=()
command -v rpm >/dev/null 2>&1 || missing+=(rpm)
if ! python3 -c 'import packaging.version' >/dev/null 2>&1 && ! /usr/bin/python3 -c 'import packaging.version' >/dev/null 2>&1; then
  missing+=(python3-packaging)
fi
if ! ls /usr/share/java/maven3-artifact.jar /usr/share/maven/lib/maven-artifact*.jar >/dev/null 2>&1; then
  missing+=(maven)
fi
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v rpmbuild >/dev/null 2>&1 || missing+=(rpm)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v db_load >/dev/null 2>&1 || missing+=(db-util)
command -v zip >/dev/null 2>&1 || missing+=(zip)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
command -v bzip2 >/dev/null 2>&1 || missing+=(bzip2)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v objdump >/dev/null 2>&1 || missing+=(binutils)
# test/image/budgets.test.ts reads peak RSS from GNU time (its %M)
[ -x /usr/bin/time ] || missing+=(time)

debs=${AIRLOCK_TEST_DEBS:-/var/cache/airlock-test-debs}
if [ "$(id -u)" -ne 0 ]; then
  ls "$debs"/dokuwiki_*_all.deb >/dev/null 2>&1 || missing+=("(the dokuwiki .deb in $debs)")
  if [ ${#missing[@]} -gt 0 ]; then
    echo "the tests need Debian packages that are missing here: ${missing[*]}" >&2
    echo "install them as root: sudo bash $(cd "$(dirname "$0")" && pwd)/install-oracles.sh" >&2
    exit 1
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

if ! ls "$debs"/dokuwiki_*_all.deb >/dev/null 2>&1; then
  mkdir -p "$debs"
  (cd "$debs" && { apt-get download dokuwiki || { apt-get update && apt-get download dokuwiki; }; })
fi

# First lines are taken with sed, which reads its whole input: `head` would exit early and,
# under pipefail, the writer's SIGPIPE (exit 141) would fail the run.
echo "version oracles:"
dpkg --version | sed -n 1p
rpm --version
{ python3 -c 'import packaging; print("python packaging", packaging.__version__)' 2>/dev/null \
  || /usr/bin/python3 -c 'import packaging; print("python packaging", packaging.__version__)'; }
ls /usr/share/java/maven3-artifact.jar /usr/share/maven/lib/maven-artifact*.jar 2>/dev/null | sed -n 1p
java -version 2>&1 | sed -n 1p
tmux -V
zstd --version
/usr/bin/chromium --version
openssl version
ls "$debs"/dokuwiki_*_all.deb
