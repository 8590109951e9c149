#!/usr/bin/env node
// `npm run release` (after `npm run build`): writes release/airlock-<version>-linux-x64.tar.gz,
// its .sha256, the .sha256.sig signature and the signer's PEM public key.
//   --out DIR       output directory (default release/)
//   --key FILE      Ed25519 private key (PEM, from `airlock bundle keygen`); or AIRLOCK_RELEASE_KEY.
//                   With neither, the DEMO key signs, with a warning: fine for tests, never for users.
//   --node FILE     the Node 20 binary to ship (default: the one running this); or AIRLOCK_RELEASE_NODE.
// Reproducible: every entry is stamped SOURCE_DATE_EPOCH, else the HEAD commit's time.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { out: { type: 'string' }, key: { type: 'string' }, node: { type: 'string' } },
});
const demoKey = join(root, 'bundles', 'demo', 'demo-signer.key');
const keyFile = values.key ?? process.env.AIRLOCK_RELEASE_KEY ?? demoKey;

function sourceDateEpoch() {
  if (process.env.SOURCE_DATE_EPOCH) {
    const n = Number(process.env.SOURCE_DATE_EPOCH);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`SOURCE_DATE_EPOCH=${process.env.SOURCE_DATE_EPOCH} is not a whole number of seconds`);
    return n;
  }
  try {
    return Number(execFileSync('git', ['-C', root, 'log', '-1', '--format=%ct'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error('not a git checkout: set SOURCE_DATE_EPOCH to the time to stamp on every file of the release');
  }
}

const { buildRelease } = await import(join(root, 'dist', 'release', 'build.js')).catch(() => {
  console.error('error: dist/release/build.js is missing: run `npm run build` first (`npm run release` does)');
  process.exit(1);
});
try {
  const r = await buildRelease({
    root,
    outDir: resolve(values.out ?? join(root, 'release')),
    keyFile: resolve(keyFile),
    nodeBinary: values.node ?? process.env.AIRLOCK_RELEASE_NODE,
    sourceDateEpoch: sourceDateEpoch(),
  });
  if (r.demoKey) {
    console.error('');
    console.error('WARNING: this release is signed with the DEMO key, whose private half is published in');
    console.error('WARNING: bundles/demo/. Anyone can forge that signature. Sign real releases with your own key:');
    console.error(
      'WARNING:   airlock bundle keygen --out release   then   AIRLOCK_RELEASE_KEY=release.key npm run release',
    );
    console.error('');
  }
  console.log(r.tarball);
  console.log(`  sha256  ${r.sha256}`);
  console.log(`  signer  ${r.keyId}${r.demoKey ? ' (DEMO)' : ''}, fingerprint ${r.fingerprint}`);
  console.log(`  node    ${r.nodeVersion}; ${r.packages} production packages`);
  console.log(
    `  target  linux x86-64, glibc ${r.requirements.glibc}+${r.requirements.glibcxx ? `, GLIBCXX_${r.requirements.glibcxx}` : ''} (from ${r.requirements.binaries.join(', ')})`,
  );
  console.log(`  files   ${r.checksumFile}, ${r.signatureFile}, ${r.publicKeyFile}`);
} catch (err) {
  console.error(`error: ${err.message}`);
  if (err.hint) console.error(`hint: ${err.hint}`);
  process.exit(1);
}
