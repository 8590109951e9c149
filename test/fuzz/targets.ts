/**
 * What one fuzz case does: picks an input kind and a mutation from its own seed, writes
 * the mutated input into the case's sandbox, and runs the real entry point on it — the
 * `sbom` service in-process (fast), or the built CLI now and then (exit codes, stderr,
 * peak RSS are the process's) — then hands the outcome to the invariants.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { statePaths } from '../../src/config/paths.js';
import { importDatabase } from '../../src/services/db.js';
import { buildBundleFromFeeds } from '../../src/services/bundle.js';
import { generateSbom } from '../../src/services/sbom.js';
import { resignBundle } from '../../src/bundle/testdata/fixtures.js';
import type { SigningKey } from '../../src/bundle/keys.js';
import {
  buildImageParts,
  compress,
  docker25Tar,
  dockerClassicTar,
  ociArchiveTar,
  tarOf,
  type ImageSpec,
  type TreeEntry,
} from '../support/image-builder.js';
import { runCliMeasured } from '../support/budget-run.js';
import { FEED_SEEDS, feedSeed, seedSpec, type Layout } from './corpus.js';
import { mutate, type Random } from './random.js';

export interface Seeds {
  bundle: Buffer;
  bundleFile: string;
  keyFile: string;
  pubFile: string;
  signer: SigningKey;
  /** Where the signed bundle's payload starts (after header, manifest and signature). */
  payloadOffset: number;
}

export interface Sandbox {
  input: string;
  out: string;
  home: string;
}

/** How a case ended, before the invariants judge it. */
export type Run =
  | { via: 'service'; error?: unknown }
  | { via: 'cli'; code: number | null; stdout: string; stderr: string; peakRssBytes: number; killed: boolean };

export interface Case {
  target: string;
  /** The mutated input the case ran on, kept for reproducing a finding. */
  input: string;
  run(): Promise<Run>;
}

const LAYOUTS: Layout[] = ['docker-archive', 'oci-gzip', 'oci-zstd', 'docker25'];

function archive(layout: Layout, spec: ImageSpec): Promise<Buffer> {
  if (layout === 'docker-archive') return dockerClassicTar(spec);
  if (layout === 'docker25') return docker25Tar(spec);
  return ociArchiveTar(spec);
}

/** One of four ways to get a hostile image: a file inside, a layer tar, a layer blob, or the archive itself. */
async function mutatedImage(r: Random): Promise<{ target: string; bytes: Buffer }> {
  const layout = r.pick(LAYOUTS);
  const spec = seedSpec(layout);
  let how = r.pick(['file', 'entry', 'layer-tar', 'layer-blob', 'archive'] as const);
  if (how === 'layer-blob' && spec.compression === 'none') how = 'layer-tar';
  if (how === 'file') {
    const files = spec.layers.flat().filter((e) => e.content !== undefined);
    const entry = r.pick(files);
    entry.content = mutate(Buffer.from(entry.content!), r, 6);
  } else if (how === 'entry') {
    for (let n = 1 + r.below(3); n > 0; n--) hostileEntry(spec.layers, r);
  } else if (how === 'layer-tar') {
    const tars = await Promise.all(spec.layers.map((l) => tarOf(l)));
    const i = r.below(tars.length);
    tars[i] = mutate(tars[i], r);
    // Mostly with valid header checksums, so the mutation reaches past the checksum test.
    if (r.chance(0.8)) fixTarChecksums(tars[i]);
    spec.layerTars = tars;
  } else if (how === 'layer-blob') {
    const parts = await buildImageParts(spec);
    const i = r.below(parts.layerBlobs.length);
    spec.layerTars = parts.layerTars;
    spec.layerBlobs = parts.layerBlobs.map((b, j) => (j === i ? mutate(b, r, 2) : b));
  }
  let bytes = await archive(layout, spec);
  if (how === 'archive') bytes = mutate(bytes, r);
  // Sometimes the whole archive is gzipped, as `docker save | gzip` is: the one-pass reader.
  if (r.chance(0.15)) bytes = compress(bytes, 'gzip');
  return { target: `image/${layout}/${how}`, bytes };
}

export async function makeCase(r: Random, seeds: Seeds, box: Sandbox, viaCli: boolean): Promise<Case> {
  const kind = r.pick(['image', 'image', 'image', 'image', 'bundle', 'feed'] as const);
  if (kind === 'image') {
    const { target, bytes } = await mutatedImage(r);
    const input = join(box.input, 'image.tar');
    writeFileSync(input, bytes);
    // The CLI prints its table to the terminal: image text in it must arrive escaped.
    if (viaCli) return { target: `cli:${target}`, input, run: () => cliRun(['sbom', input], box) };
    return { target, input, run: () => service(() => generateSbom(input)) };
  }
  if (kind === 'bundle') {
    const input = join(box.input, 'fuzz.airlock');
    const how = r.pick(['raw', 'resigned-payload', 'resigned-database', 'resigned-manifest'] as const);
    if (how === 'raw') writeFileSync(input, mutate(seeds.bundle, r));
    else {
      // A trusted signer's bundle whose content is hostile: the signature and digests hold.
      const compressed = seeds.bundle.subarray(seeds.payloadOffset);
      const payload =
        how === 'resigned-payload'
          ? mutate(compressed, r, 2)
          : how === 'resigned-database'
            ? brotliCompressSync(mutate(brotliDecompressSync(compressed), r, 3))
            : undefined;
      const uncompressed = payload && how === 'resigned-database' ? brotliDecompressSync(payload).length : undefined;
      await resignBundle(
        seeds.bundleFile,
        input,
        seeds.signer,
        (m) => {
          if (!payload) return;
          m.payload.sha256 = createHash('sha256').update(payload).digest('hex');
          m.payload.length = payload.length;
          if (uncompressed !== undefined) m.payload.uncompressedLength = uncompressed;
        },
        {
          payload,
          manifestText:
            how === 'resigned-manifest' ? (t) => mutate(Buffer.from(t), r, 2).toString('latin1') : undefined,
        },
      );
    }
    const paths = statePaths(box.home);
    mkdirSync(paths.keyring, { recursive: true });
    copyFileSync(seeds.pubFile, join(paths.keyring, 'publisher.pub'));
    return { target: `bundle/${how}`, input, run: () => service(() => importDatabase({ path: input, paths })) };
  }
  const relative = r.pick(FEED_SEEDS);
  const input = join(box.input, 'feeds', relative);
  mkdirSync(dirname(input), { recursive: true });
  writeFileSync(input, mutate(feedSeed(relative), r, 6));
  // A well-formed sibling keeps the folder recognised (feeds are sniffed by content), so
  // the importer itself meets the mutated file instead of the detector skipping it.
  if (relative.endsWith('.json'))
    writeFileSync(join(dirname(input), `original-${basename(input)}`), feedSeed(relative));
  const feedsDir = join(box.input, 'feeds');
  const out = join(box.out, 'fuzz.airlock');
  return {
    target: `feed/${relative.split('/')[0]}`,
    input,
    run: () => service(() => buildBundleFromFeeds({ feedsDir, keyFile: seeds.keyFile, out, expiresIn: '30d' })),
  };
}

/** Names and link targets that trip path handling: escapes, loops, whiteouts, controls, depth. */
const HOSTILE_NAMES = [
  '..',
  '/',
  '.',
  '',
  'etc',
  'var/lib/dpkg',
  'var/lib/dpkg/status',
  '../../../../etc/passwd',
  '/etc/os-release',
  'usr/lib/os-link',
  'etc/.wh..wh..opq',
  'var/lib/dpkg/.wh.status',
  'etc/.wh.os-release',
  'lib/apk/db/installed/',
  './var/lib/../lib/dpkg/status',
  'opt/app/app.jar/inner',
  'x\u001b]0;title\u0007\n\r',
  'a/'.repeat(300) + 'b',
  'd'.repeat(300),
];

/** Changes one entry (or adds one) to a hostile type, name or link target, in some layer. */
function hostileEntry(layers: TreeEntry[][], r: Random): void {
  const layer = r.pick(layers);
  const name = r.pick(HOSTILE_NAMES);
  const kind = r.pick(['symlink', 'hardlink', 'rename', 'add-file', 'add-dir'] as const);
  if (kind === 'add-file')
    layer.push({ path: name || 'x', content: r.pick(layers.flat().filter((e) => e.content))?.content });
  else if (kind === 'add-dir') layer.push({ path: name || 'x', type: 'dir' });
  else {
    const entry = r.pick(layer);
    if (kind === 'rename') entry.path = name || entry.path;
    else Object.assign(entry, { type: kind, linkname: name, content: undefined });
  }
}

/** Recomputes the checksum of every header it can walk to (sizes may be mutated too). */
function fixTarChecksums(tar: Buffer): void {
  for (let off = 0; off + 512 <= tar.length;) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) return;
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    const size = parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
    if (!Number.isSafeInteger(size) || size < 0) return;
    off += 512 + Math.ceil(size / 512) * 512;
  }
}

async function service(fn: () => Promise<unknown>): Promise<Run> {
  try {
    await fn();
    return { via: 'service' };
  } catch (error) {
    return { via: 'service', error };
  }
}

async function cliRun(args: string[], box: Sandbox): Promise<Run> {
  const result = runCliMeasured(args, { AIRLOCK_HOME: box.home });
  return {
    via: 'cli',
    code: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    peakRssBytes: result.peakRssBytes,
    killed: result.killed,
  };
}

/** Every file under `dir`, relative to it. */
export function filesUnder(dir: string, prefix = ''): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, prefix));
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const rel = prefix ? `${prefix}/${n}` : n;
    try {
      readdirSync(join(dir, rel));
      return [`${rel}/`, ...filesUnder(dir, rel)];
    } catch {
      return [rel];
    }
  });
}
