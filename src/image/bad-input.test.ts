import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../errors.js';
import { analyzeImage } from './analyze.js';
import { keepUpTo, type WantsFile } from './layer-scan.js';
import {
  buildImageParts,
  dockerClassicTar,
  sha256,
  tarOf,
  tempDir,
  writeTemp,
  type TreeEntry,
} from '../../test/support/image-builder.js';

const wants: WantsFile = (p) => (p.startsWith('etc/') ? keepUpTo(1 << 20) : undefined);
const layers = [[{ path: 'etc/hostname', content: 'box\n' }]];

/** Expects a one-line InputError that names the file. */
async function rejects(path: string, pattern: RegExp): Promise<void> {
  const err = await analyzeImage(path, wants).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  const message = (err as InputError).message;
  expect(message.startsWith(`${path}: `)).toBe(true);
  expect(message).not.toContain('\n');
  expect(message).toMatch(pattern);
}

/** An oci-archive whose blobs keep their declared names but whose content the test controls. */
type OciIndex = { schemaVersion: number; manifests: { mediaType: string; digest: string; size: number }[] };

async function ociWith(mutate: {
  index?: (index: OciIndex) => unknown;
  layer?: (blob: Buffer) => Buffer;
  dropLayer?: boolean;
}): Promise<string> {
  const img = await buildImageParts({ layers, compression: 'gzip' });
  const layerHex = sha256(img.layerBlobs[0]);
  const index: OciIndex = {
    schemaVersion: 2,
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: `sha256:${img.manifestDigest}`,
        size: img.manifest.length,
      },
    ],
  };
  const entries: TreeEntry[] = [
    { path: `blobs/sha256/${img.configDigest}`, content: img.config },
    { path: `blobs/sha256/${img.manifestDigest}`, content: img.manifest },
    { path: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' },
    { path: 'index.json', content: JSON.stringify(mutate.index ? mutate.index(index) : index) },
  ];
  if (!mutate.dropLayer)
    entries.push({
      path: `blobs/sha256/${layerHex}`,
      content: mutate.layer ? mutate.layer(img.layerBlobs[0]) : img.layerBlobs[0],
    });
  return writeTemp(await tarOf(entries), 'image.tar');
}

async function dockerWith(manifest: unknown, extra: TreeEntry[] = []): Promise<string> {
  const img = await buildImageParts({ layers });
  return writeTemp(
    await tarOf([
      { path: 'layer/layer.tar', content: img.layerTars[0] },
      { path: 'config.json', content: img.config },
      { path: 'manifest.json', content: typeof manifest === 'string' ? manifest : JSON.stringify(manifest) },
      ...extra,
    ]),
    'image.tar',
  );
}

afterEach(() => {
  delete process.env.AIRLOCK_MAX_LAYER_BYTES;
});

describe('bad image input gets one clear line naming the file', () => {
  it('a missing file', async () => rejects(join(tempDir(), 'nope.tar'), /no such file or directory/));
  it('an empty file', async () => rejects(writeTemp(Buffer.alloc(0), 'empty.tar'), /is empty/));
  it('not a tar', async () =>
    rejects(
      writeTemp(Buffer.from('PK\u0003\u0004 this is a zip, not a tar'.repeat(40)), 'x.tar'),
      /is not a tar archive/,
    ));

  it('a truncated tarball', async () => {
    const full = await dockerClassicTar({ layers: [[{ path: 'etc/big', content: 'z'.repeat(100_000) }]] });
    await rejects(writeTemp(full.subarray(0, 60_000), 'cut.tar'), /truncated/);
  });

  it('a truncated gzip tarball', async () => {
    const gz = gzipSync(
      await dockerClassicTar({
        layers: [
          [{ path: 'etc/big', content: Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251)) }],
        ],
      }),
    );
    await rejects(writeTemp(gz.subarray(0, gz.length / 2), 'cut.tar.gz'), /truncated|corrupt|unexpected end/);
  });

  it('a truncated layer inside an intact archive', async () => {
    const img = await buildImageParts({ layers: [[{ path: 'etc/big', content: 'z'.repeat(10_000) }]] });
    await rejects(
      await dockerWith(
        [{ Config: 'config.json', RepoTags: ['t:1'], Layers: ['layer/layer.tar'] }],
        [{ path: 'layer/layer.tar', content: img.layerTars[0].subarray(0, 4096) }],
      ),
      /layer layer\/layer.tar: truncated/,
    );
  });

  it('a truncated gzip layer', async () =>
    rejects(
      await ociWith({ layer: (b) => b.subarray(0, b.length - 30) }),
      /layer blobs\/sha256\/[a-f0-9]{64}: corrupt or truncated/,
    ));
  it('no manifest.json nor index.json', async () =>
    rejects(writeTemp(await tarOf([{ path: 'hello.txt', content: 'hi' }]), 'x.tar'), /neither a docker save archive/));
  it('an invalid manifest.json', async () =>
    rejects(await dockerWith('[{"Config": '), /manifest.json \(manifest.json\) is not valid JSON/));
  it('a manifest naming a path outside the archive', async () =>
    rejects(
      await dockerWith([{ Config: '../../etc/passwd', Layers: [] }]),
      /names a path outside the archive: "..\/..\/etc\/passwd"/,
    ));
  it('a manifest whose layer count disagrees with the config', async () =>
    rejects(await dockerWith([{ Config: 'config.json', Layers: [] }]), /lists 0 layers but the config has 1 diff_ids/));
  it('a digest that is not hex', async () =>
    rejects(
      await ociWith({
        index: (i) => ({ ...i, manifests: [{ ...i.manifests[0], digest: 'sha256:../../../etc/passwd' }] }),
      }),
      /is not a valid sha256 digest/,
    ));
  it('a missing blob', async () =>
    rejects(await ociWith({ dropLayer: true }), /layer blob sha256:[a-f0-9]{64} is missing/));
  it('a manifest that does not match its digest', async () =>
    rejects(
      await ociWith({
        index: (i) => ({ ...i, manifests: [{ ...i.manifests[0], digest: `sha256:${'0'.repeat(64)}` }] }),
      }),
      /manifest blob sha256:0{64} is missing/,
    ));
  it('an unknown layer compression', async () =>
    rejects(
      await ociWith({ layer: () => Buffer.from('BZh91AY&SY not supported') }),
      /is not a tar, gzip or zstd blob/,
    ));

  it('a decompression bomb', async () => {
    process.env.AIRLOCK_MAX_LAYER_BYTES = '4096';
    await rejects(await ociWith({ layer: () => gzipSync(Buffer.alloc(1 << 20)) }), /decompression bomb/);
  });

  it('a huge PAX header', async () => {
    const header = Buffer.alloc(512);
    header.write('PaxHeader/evil', 0);
    header.write('0000644\0', 100);
    header.write(`${(4 << 20).toString(8).padStart(11, '0')}\0`, 124);
    header.write('x', 156);
    header.write('ustar\u000000', 257);
    header.fill(' ', 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    const path = join(tempDir(), 'pax.tar');
    writeFileSync(path, Buffer.concat([header, Buffer.alloc(4 << 20, 0x41)]));
    await rejects(path, /extended header of 4194304 bytes is too large/);
  });
});
