import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fingerprintOf, rawPublicKey, readSigningKey } from '../bundle/keys.js';
import { loadTrustStore } from '../bundle/trust.js';
import { UserError } from '../errors.js';
import { tempSpace } from '../system/temp-space.js';
import { checksumLine, sha256File } from './checksum.js';
import { LAUNCHER } from './launcher.js';
import { copyProductionModules } from './node-modules.js';
import { findNodeRuntime, stageNodeRuntime } from './node-runtime.js';
import { packTree } from './pack.js';
import { targetRequirements, writeRequirements, type TargetRequirements } from './requirements.js';
import { publicKeyPem, signChecksumFile } from './sign.js';

/**
 * `npm run release`: the one artifact that crosses the air gap, with its checksum and
 * signature beside it:
 *   airlock-<version>-linux-x64.tar.gz          one folder: bin/airlock, node/, dist/, node_modules/, bundles/, README.md, REQUIREMENTS.txt
 *   airlock-<version>-linux-x64.tar.gz.sha256   sha256sum line
 *   airlock-<version>-linux-x64.tar.gz.sha256.sig  raw Ed25519 signature of the .sha256 file
 *   airlock-release-<keyId>.pem                 the signer's public key for `openssl pkeyutl`
 * The same checkout, node_modules, Node binary and SOURCE_DATE_EPOCH give the same bytes.
 */
export interface ReleaseOptions {
  /** The checkout: package.json, package-lock.json, built dist/, node_modules/. */
  root: string;
  outDir: string;
  /** PKCS8 PEM Ed25519 private key (`airlock bundle keygen`). */
  keyFile: string;
  nodeBinary?: string;
  /** Seconds since the epoch stamped on every entry. */
  sourceDateEpoch: number;
}

export interface ReleaseResult {
  tarball: string;
  checksumFile: string;
  signatureFile: string;
  publicKeyFile: string;
  sha256: string;
  keyId: string;
  fingerprint: string;
  demoKey: boolean;
  nodeVersion: string;
  packages: number;
  requirements: TargetRequirements;
}

/** Files and folders of the checkout that run on the appliance (tests and sources stay behind). */
const APP_FILES = ['bin/run.js', 'dist', 'db', 'bundles', 'package.json', 'oclif.manifest.json', 'README.md'];

export function releaseName(version: string): string {
  return `airlock-${version}-linux-x64`;
}

export async function buildRelease(options: ReleaseOptions): Promise<ReleaseResult> {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new UserError(`releases are built for linux-x64 on linux-x64; this is ${process.platform}-${process.arch}`);
  const pkg = JSON.parse(await readFile(join(options.root, 'package.json'), 'utf8')) as { version: string };
  const name = releaseName(pkg.version);
  const key = await readSigningKey(options.keyFile);
  const runtime = await findNodeRuntime(options.nodeBinary);
  const work = await mkdtemp(join(tempSpace(), 'release-'));
  try {
    const stage = join(work, name);
    for (const file of APP_FILES) {
      const from = join(options.root, file);
      await cp(from, join(stage, file), { recursive: true, verbatimSymlinks: true }).catch((cause) => {
        throw new UserError(`${from}: cannot copy it into the release: ${(cause as Error).message}`, {
          hint: 'run `npm ci` (it builds dist/ and oclif.manifest.json) before `npm run release`',
          cause,
        });
      });
    }
    const packages = await copyProductionModules(options.root, stage);
    await stageNodeRuntime(runtime, stage);
    await writeFile(join(stage, 'bin', 'airlock'), LAUNCHER);
    await chmod(join(stage, 'bin', 'airlock'), 0o755);
    const requirements = await targetRequirements(stage);
    await writeRequirements(stage, requirements);

    await mkdir(options.outDir, { recursive: true });
    const tarball = join(options.outDir, `${name}.tar.gz`);
    await packTree({ dir: stage, prefix: name, out: tarball, mtime: new Date(options.sourceDateEpoch * 1000) });
    const sha256 = await sha256File(tarball);
    const line = Buffer.from(checksumLine(sha256, `${name}.tar.gz`));
    const checksumFile = `${tarball}.sha256`;
    const signatureFile = `${checksumFile}.sig`;
    const publicKeyFile = join(options.outDir, `airlock-release-${key.keyId}.pem`);
    await writeFile(checksumFile, line);
    await writeFile(signatureFile, signChecksumFile(line, key));
    await writeFile(publicKeyFile, publicKeyPem(key.publicKey.key));
    const raw = rawPublicKey(key.publicKey.key);
    return {
      tarball,
      checksumFile,
      signatureFile,
      publicKeyFile,
      sha256,
      keyId: key.keyId,
      fingerprint: fingerprintOf(raw),
      demoKey: await isDemoKey(options.root, key.keyId),
      nodeVersion: runtime.version,
      packages: packages.length,
      requirements,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Whether the key is one of the shipped keys marked `"demo": true` (its private half is public). */
async function isDemoKey(root: string, keyId: string): Promise<boolean> {
  const shipped = await loadTrustStore({ packageKeysDir: join(root, 'bundles', 'keys'), allowDemoKeys: true });
  const found = shipped.lookup(keyId);
  return found.status === 'trusted' && found.key.record.demo === true;
}
