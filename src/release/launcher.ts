/**
 * `bin/airlock` of a release: a POSIX sh script (every Linux has /bin/sh) that runs the
 * bundled Node on the bundled code, so no `node` on PATH is needed or used. It follows a
 * symlink to itself (`ln -s /opt/airlock/bin/airlock /usr/local/bin/`) and clears
 * NODE_PATH so modules outside the release can never be loaded in its place.
 */
export const LAUNCHER = `#!/bin/sh
# airlock launcher: the Node runtime and the code it runs are both inside this folder.
set -e
self=$(readlink -f "$0" 2>/dev/null || printf '%s\\n' "$0")
root=$(cd "$(dirname "$self")/.." && pwd -P)
unset NODE_PATH
exec "$root/node/bin/node" "$root/bin/run.js" "$@"
`;
