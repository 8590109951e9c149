import { execFileSync } from 'node:child_process';
import { access, copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

/**
 * The Node runtime a release carries, so the appliance needs no Node of its own. It is
 * the builder's Node 20 binary (by default the one running this build) with Node's LICENSE,
 * which its licence requires to travel with it. Official tarballs keep LICENSE at the
 * prefix (`bin/../LICENSE`); distribution packages under share/doc.
 */
export interface NodeRuntime {
  binary: string;
  license: string;
  version: string;
}

const SUPPORTED_MAJOR = 20;

export async function findNodeRuntime(binary: string = process.execPath): Promise<NodeRuntime> {
  const abs = resolve(binary);
  let version: string;
  try {
    version = execFileSync(abs, ['-p', 'process.version'], { encoding: 'utf8', env: {} }).trim();
  } catch (cause) {
    throw new UserError(`${abs}: cannot run it as Node: ${(cause as Error).message}`, { cause });
  }
  if (!version.startsWith(`v${SUPPORTED_MAJOR}.`)) {
    throw new UserError(`${abs} is Node ${version}; airlock releases ship Node ${SUPPORTED_MAJOR}`, {
      hint: 'point AIRLOCK_RELEASE_NODE (or --node) at a Node 20 binary, e.g. bin/node of the official linux-x64 tarball',
    });
  }
  const prefix = dirname(dirname(abs));
  const candidates = [
    join(prefix, 'LICENSE'),
    join(prefix, 'share/doc/node/LICENSE'),
    join(prefix, 'share/doc/nodejs/LICENSE'),
    '/usr/share/doc/nodejs/LICENSE',
  ];
  for (const license of candidates) {
    if (
      await access(license).then(
        () => true,
        () => false,
      )
    )
      return { binary: abs, license, version };
  }
  throw new UserError(
    `no LICENSE found for ${abs} (looked at ${candidates.join(', ')}); Node may not be shipped without it`,
  );
}

/** Copies the runtime to `node/bin/node` and `node/LICENSE` under the staging directory. */
export async function stageNodeRuntime(runtime: NodeRuntime, stageDir: string): Promise<void> {
  await mkdir(join(stageDir, 'node', 'bin'), { recursive: true });
  await copyFile(runtime.binary, join(stageDir, 'node', 'bin', 'node'));
  await copyFile(runtime.license, join(stageDir, 'node', 'LICENSE'));
}
