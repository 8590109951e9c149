/**
 * Tampered images: every layer's bytes must be the ones the image names, in every
 * archive form (seek-read tarballs, one-pass compressed tarballs, layout directories).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../errors.js';
import { analyzeImage, type AnalyzeOptions } from './analyze.js';
import { keepUpTo, type WantsFile } from './layer-scan.js';
import {
  buildImageParts,
  docker25Tar,
  sha256,
  tarOf,
  tempDir,
  writeTemp,
  type TreeEntry,
} from '../../test/support/image-builder.js';

const wants: WantsFile = (p) => (p.startsWith('etc/') ? keepUpTo(1 << 20) : undefined);
const GENUINE = [
  [{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }],
  [{ path: 'etc/hostname', content: 'genuine\n' }],
];
const DECOY = [[{ path: 'etc/hostname', content: 'decoy\n' }]];

async function analyzeError(path: string, options: AnalyzeOptions = {}): Promise<string> {
  const err = await analyzeImage(path, wants, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  const message = (err as InputError).message;
  expect(message.startsWith(`${path}: `)).toBe(true);
  expect(message).not.toContain('\n');
  return message;
}

/** Classic `docker save` whose config names diff_ids of its choosing (the config is named by its own digest, as Docker does). */
async function classicWithDiffIds(diffIds: (real: string[]) => string[], compressWhole = false): Promise<string> {
  const img = await buildImageParts({ layers: GENUINE });
  const config = JSON.parse(img.config.toString());
  config.rootfs.diff_ids = diffIds(config.rootfs.diff_ids);
  const configBytes = Buffer.from(JSON.stringify(config));
  const entries: TreeEntry[] = img.layerTars.map((tar, i) => ({ path: `l${i}/layer.tar`, content: tar }));
  entries.push({ path: `${sha256(configBytes)}.json`, content: configBytes });
  entries.push({
    path: 'manifest.json',
    content: JSON.stringify([
      {
        Config: `${sha256(configBytes)}.json`,
        RepoTags: ['t:1'],
        Layers: img.layerTars.map((_, i) => `l${i}/layer.tar`),
      },
    ]),
  });
  const tar = await tarOf(entries);
  return writeTemp(compressWhole ? gzipSync(tar) : tar, compressWhole ? 'image.tar.gz' : 'image.tar');
}

/** An OCI layout (archive or directory) whose layer blob `index` holds other bytes under its declared digest. */
async function ociWithSwappedLayer(index: number, compression: 'none' | 'gzip', asDir = false): Promise<string> {
  const img = await buildImageParts({ layers: GENUINE, compression });
  const decoy = await buildImageParts({ layers: DECOY, compression });
  const blobs: TreeEntry[] = img.layerBlobs.map((b, i) => ({
    path: `blobs/sha256/${sha256(b)}`,
    content: i === index ? decoy.layerBlobs[0] : b,
  }));
  const entries: TreeEntry[] = [
    { path: 'blobs/', type: 'dir' },
    { path: 'blobs/sha256/', type: 'dir' },
    ...blobs,
    { path: `blobs/sha256/${img.configDigest}`, content: img.config },
    { path: `blobs/sha256/${img.manifestDigest}`, content: img.manifest },
    { path: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' },
    {
      path: 'index.json',
      content: JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: `sha256:${img.manifestDigest}`,
            size: img.manifest.length,
          },
        ],
      }),
    },
  ];
  if (!asDir) return writeTemp(await tarOf(entries), 'image.oci.tar');
  const dir = tempDir('airlock-layout-');
  for (const e of entries) {
    if (e.type === 'dir') mkdirSync(join(dir, e.path), { recursive: true });
    else writeFileSync(join(dir, e.path), e.content ?? '');
  }
  return dir;
}

describe('layer bytes are checked against the digests the image names', () => {
  it('an untouched image of each form reads as before', async () => {
    const path = writeTemp(await docker25Tar({ layers: GENUINE }), 'ok.tar');
    const image = await analyzeImage(path, wants);
    expect(image.files.map((f) => [f.path, f.content.toString()])).toEqual([
      ['/etc/hostname', 'genuine\n'],
      ['/etc/os-release', 'ID=debian\nVERSION_ID="12"\n'],
    ]);
    expect(image.warnings).toEqual([]);
  });

  it('refuses a classic docker save whose diff_ids are unrelated to its layers, naming the layer', async () => {
    const path = await classicWithDiffIds((real) => [real[0], `sha256:${'ab'.repeat(32)}`]);
    const message = await analyzeError(path);
    expect(message).toMatch(
      /^.*: layer 2 \(l1\/layer\.tar\) uncompressed hashes to sha256:[0-9a-f]{12}…, but the config's rootfs\.diff_ids\[1\] is sha256:abababababab…$/,
    );
  });

  it('refuses it in a gzip-compressed tarball too (the one-pass reader)', async () => {
    const path = await classicWithDiffIds((real) => [real[1], real[0]], true);
    expect(await analyzeError(path)).toMatch(
      /: layer 1 \(l0\/layer\.tar\) uncompressed hashes to .* but the config's rootfs\.diff_ids\[0\] is /,
    );
  });

  it('--allow-diff-id-mismatch reads such an archive with a warning on each layer path', async () => {
    const path = await classicWithDiffIds((real) => [real[0], `sha256:${'cd'.repeat(32)}`]);
    const image = await analyzeImage(path, wants, { allowDiffIdMismatch: true });
    expect(image.files.map((f) => f.content.toString())).toContain('genuine\n');
    expect(image.warnings).toEqual([
      {
        path: 'l1/layer.tar',
        message: expect.stringMatching(
          /^layer 2 \(l1\/layer\.tar\) uncompressed hashes to sha256:[0-9a-f]{12}…, but the config's rootfs\.diff_ids\[1\] is sha256:cdcdcdcdcdcd…; read anyway \(--allow-diff-id-mismatch\)$/,
        ),
      },
    ]);
  });

  for (const [form, compression, asDir] of [
    ['oci-archive, uncompressed layers', 'none', false],
    ['oci-archive, gzip layers', 'gzip', false],
    ['OCI layout directory', 'gzip', true],
  ] as const) {
    it(`refuses a layer blob replaced by another layer under the original's digest (${form})`, async () => {
      const path = await ociWithSwappedLayer(1, compression, asDir);
      const message = await analyzeError(path);
      expect(message).toMatch(
        /: layer 2 \(blobs\/sha256\/[0-9a-f]{64}\) does not match its descriptor: its bytes hash to sha256:[0-9a-f]{12}…, the manifest names sha256:[0-9a-f]{12}…$/,
      );
    });
  }

  it('the override never waives a blob that does not match its descriptor', async () => {
    const path = await ociWithSwappedLayer(0, 'gzip');
    expect(await analyzeError(path, { allowDiffIdMismatch: true })).toMatch(/layer 1 .* does not match its descriptor/);
  });

  it('refuses a config whose bytes do not hash to the digest it is named by', async () => {
    const img = await buildImageParts({ layers: GENUINE });
    const forged = Buffer.from(img.config.toString().replace('"os":"linux"', '"os":"linux" '));
    const path = writeTemp(
      await tarOf([
        ...img.layerTars.map((tar, i) => ({ path: `l${i}/layer.tar`, content: tar })),
        { path: `${img.configDigest}.json`, content: forged },
        {
          path: 'manifest.json',
          content: JSON.stringify([
            { Config: `${img.configDigest}.json`, RepoTags: ['t:1'], Layers: ['l0/layer.tar', 'l1/layer.tar'] },
          ]),
        },
      ]),
      'image.tar',
    );
    expect(await analyzeError(path)).toMatch(
      new RegExp(
        `: image config ${img.configDigest}\\.json does not match the digest in its name \\(its bytes hash to sha256:[0-9a-f]{12}…\\)$`,
      ),
    );
  });
});

describe('image metadata with a repeated JSON key is refused', () => {
  it('manifest.json naming its layers twice', async () => {
    const img = await buildImageParts({ layers: GENUINE });
    const decoy = await buildImageParts({ layers: DECOY });
    const path = writeTemp(
      await tarOf([
        { path: 'a/layer.tar', content: img.layerTars[0] },
        { path: 'b/layer.tar', content: decoy.layerTars[0] },
        { path: `${img.configDigest}.json`, content: img.config },
        {
          path: 'manifest.json',
          content: `[{"Config":"${img.configDigest}.json","RepoTags":["t:1"],"Layers":["a/layer.tar","b/layer.tar"],"Layers":["b/layer.tar"]}]`,
        },
      ]),
      'image.tar',
    );
    expect(await analyzeError(path)).toMatch(
      /: manifest\.json \(manifest\.json\) is not valid JSON: duplicate key "Layers"$|: .*manifest\.json.* is not valid JSON: duplicate key "Layers"$/,
    );
  });

  it('an OCI index and a config blob', async () => {
    const img = await buildImageParts({ layers: GENUINE, compression: 'gzip' });
    const desc = `{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:${img.manifestDigest}","size":${img.manifest.length}}`;
    const base: TreeEntry[] = [
      ...img.layerBlobs.map((b) => ({ path: `blobs/sha256/${sha256(b)}`, content: b })),
      { path: `blobs/sha256/${img.manifestDigest}`, content: img.manifest },
      { path: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' },
    ];
    const index = writeTemp(
      await tarOf([
        ...base,
        { path: `blobs/sha256/${img.configDigest}`, content: img.config },
        { path: 'index.json', content: `{"schemaVersion":2,"manifests":[${desc}],"manifests":[]}` },
      ]),
      'index.tar',
    );
    expect(await analyzeError(index)).toMatch(/index\.json.* is not valid JSON: duplicate key "manifests"$/);

    // A config with two rootfs objects, stored under its true digest and named by a manifest that matches it.
    const config = Buffer.from(
      img.config.toString().replace('"rootfs":', '"rootfs":{"type":"layers","diff_ids":[]},"rootfs":'),
    );
    const manifest = Buffer.from(
      img.manifest
        .toString()
        .replace(img.configDigest, sha256(config))
        .replace(`"size":${img.config.length}`, `"size":${config.length}`),
    );
    const path = writeTemp(
      await tarOf([
        ...img.layerBlobs.map((b) => ({ path: `blobs/sha256/${sha256(b)}`, content: b })),
        { path: `blobs/sha256/${sha256(config)}`, content: config },
        { path: `blobs/sha256/${sha256(manifest)}`, content: manifest },
        { path: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' },
        {
          path: 'index.json',
          content: JSON.stringify({
            schemaVersion: 2,
            manifests: [
              {
                mediaType: 'application/vnd.oci.image.manifest.v1+json',
                digest: `sha256:${sha256(manifest)}`,
                size: manifest.length,
              },
            ],
          }),
        },
      ]),
      'config.tar',
    );
    expect(await analyzeError(path)).toMatch(
      /config blob sha256:[0-9a-f]{64} is not valid JSON: duplicate key "rootfs"$/,
    );
  });
});
