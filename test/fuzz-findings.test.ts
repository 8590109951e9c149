/**
 * Findings of the mutation fuzzer (scripts/fuzz), each kept as the input that showed it,
 * rebuilt here by our own builders, or replayed by seed and case through the fuzzer itself
 * (`scripts/fuzz --seed S --case N` reruns the same bytes).
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import { generateSbom } from '../src/services/sbom.js';
import { runFuzz, type CaseReport } from './fuzz/run.js';
import { zstdBadFseTable } from './support/hostile-inputs.js';
import { dockerClassicTar, ociArchiveTar, tarOf, writeTemp } from './support/image-builder.js';

/** Writes `text` over a header field of the first member and recomputes that header's checksum. */
function withHeaderField(tar: Buffer, offset: number, text: string): Buffer {
  const out = Buffer.from(tar);
  out.write(text, offset, 'latin1');
  out.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of out.subarray(0, 512)) sum += b;
  out.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return out;
}

describe('fuzz findings', () => {
  it('seed 3 case 38: a tar size field holding a newline and an ESC gives a one-line error, the bytes escaped', async () => {
    const layer = withHeaderField(
      await tarOf([{ path: 'etc/os-release', content: 'ID=debian\n' }]),
      124,
      'bc.org/\nL:\u001b[2J', // cut at the field's 12 bytes
    );
    const image = writeTemp(await dockerClassicTar({ layers: [], layerTars: [layer] }), 'size-field.tar');
    const error = await generateSbom(image).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(
      /^.*size-field\.tar: layer \w+\/layer\.tar: invalid numeric field "bc\.org\/\\u000aL:\\u001b\["$/,
    );
    expect(error?.message).not.toMatch(/[\n\u001b]/);
  });

  it('seed 11 case 93: a trusted bundle whose database fails integrity_check with several problems says so on one line', async () => {
    const reports: CaseReport[] = [];
    const summary = await runFuzz({ seed: 11, only: 93, onCase: (r) => reports.push(r) });
    expect(summary.ran).toBe(1);
    expect(reports[0]).toMatchObject({ index: 93, target: 'bundle/resigned-database', outcome: 'error' });
    expect(reports[0].error).toMatch(
      /^\S+fuzz\.airlock: payload database fails PRAGMA integrity_check: [^\n*]+; row \d+ missing from index sqlite_autoindex_kev_1$/,
    );
  });

  it('seed 12 case 2429: a zstd layer whose FSE table is out of range is a one-line error naming the layer', async () => {
    const layerTar = await tarOf([{ path: 'etc/os-release', content: 'ID=debian\n' }]);
    const image = writeTemp(
      await ociArchiveTar({ layers: [], compression: 'zstd', layerTars: [layerTar], layerBlobs: [zstdBadFseTable()] }),
      'bad-fse.tar',
    );
    const error = await generateSbom(image).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toMatch(
      /^\S+bad-fse\.tar: layer blobs\/sha256\/[0-9a-f]{64}: corrupt zstd data \(FSE accuracy too high\)$/,
    );
  });

  it('an unknown YAML tag in an image’s pnpm-lock.yaml prints no Node warning (raw image text on stderr)', async () => {
    const lock = "lockfileVersion: '9.0'\npackages:\n  semver@5.7.1: !evil\n    resolution: {integrity: x}\n";
    const image = writeTemp(
      await dockerClassicTar({ layers: [[{ path: 'srv/web/pnpm-lock.yaml', content: lock }]] }),
      'yaml-tag.tar',
    );
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const sbom = await generateSbom(image);
      expect(sbom.packages.map((p) => `${p.type}:${p.name}@${p.version}`)).toEqual(['npm:semver@5.7.1']);
    } finally {
      await new Promise((resolve) => setImmediate(resolve)); // warnings are delivered a tick later
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.message)).toEqual([]);
  });
});
