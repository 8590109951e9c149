import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, type Collected } from '../testdata/collect.js';
import { importer as alpineSecdb } from '../alpine-secdb/index.js';
import { importer as osv } from '../osv/index.js';
import { chainguardSecdb, distroOfSecdb, minimosSecdb, wolfiSecdb } from './index.js';

const SAMPLES = path.resolve(process.cwd(), '../shared/feed-samples/vunnel');
const WOLFI = path.join(SAMPLES, 'wolfi/test-fixtures/input/secdb/security.json');
const CHAINGUARD = path.join(SAMPLES, 'chainguard/test-fixtures/input/secdb/security.json');
const MINIMOS = path.join(SAMPLES, 'minimos/test-fixtures/input/secdb/security.json');

const rows = (c: Collected, pkg: string) =>
  c.advisories
    .filter((a) => a.affected[0].package === pkg)
    .map((a) => [a.id, a.affected[0].namespace, a.affected[0].status, a.affected[0].fixedVersion]);

const work = mkdtempSync(path.join(tmpdir(), 'airlock-rolling-secdb-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('rolling apk secdb importers on the real security.json of Wolfi, Chainguard and MinimOS', () => {
  it("each claims only its own distribution, by the urlprefix host, and Alpine's importer none of them", async () => {
    expect([
      await wolfiSecdb.detect(WOLFI),
      await chainguardSecdb.detect(WOLFI),
      await minimosSecdb.detect(WOLFI),
    ]).toEqual([true, false, false]);
    expect([
      await wolfiSecdb.detect(CHAINGUARD),
      await chainguardSecdb.detect(CHAINGUARD),
      await minimosSecdb.detect(CHAINGUARD),
    ]).toEqual([false, true, false]);
    expect([
      await wolfiSecdb.detect(MINIMOS),
      await chainguardSecdb.detect(MINIMOS),
      await minimosSecdb.detect(MINIMOS),
    ]).toEqual([false, false, true]);
    expect(await alpineSecdb.detect(WOLFI)).toBe(false);
    expect(await osv.detect(path.dirname(WOLFI))).toBe(false);
    expect(distroOfSecdb({ urlprefix: 'https://dl-cdn.alpinelinux.org/alpine' })).toBeUndefined();
  });

  it('Wolfi: every secfix is a "fixed in" row in wolfi:rolling, "0" not affected, GHSA ids kept', async () => {
    const wolfi = await collect(wolfiSecdb, WOLFI);
    expect(wolfi.warnings).toEqual([]);
    expect(wolfi.advisories).toHaveLength(59);
    expect(
      wolfi.advisories.every((a) => a.source === 'wolfi-secdb' && a.affected[0].namespace === 'wolfi:rolling'),
    ).toBe(true);
    expect(rows(wolfi, 'curl')).toEqual([
      ['CVE-2022-42916', 'wolfi:rolling', 'fixed', '7.86.0-r0'],
      ['CVE-2022-32221', 'wolfi:rolling', 'fixed', '7.86.0-r0'],
    ]);
    expect(rows(wolfi, 'coreutils')).toEqual([['CVE-2016-2781', 'wolfi:rolling', 'not_affected', undefined]]);
    expect(rows(wolfi, 'apko')).toContainEqual(['GHSA-jq35-85cj-fj4p', 'wolfi:rolling', 'not_affected', undefined]);
    expect(rows(wolfi, 'apko')).toContainEqual(['CVE-2023-39325', 'wolfi:rolling', 'fixed', '0.10.0-r6']);
    // No record of a `feeds fetch` beside the sample: its data date is unknown, never the file's mtime.
    expect(wolfi.dataDate).toBeUndefined();
  });

  it('Chainguard and MinimOS land in their own namespaces', async () => {
    const chainguard = await collect(chainguardSecdb, CHAINGUARD);
    expect(chainguard.warnings).toEqual([]);
    expect(chainguard.advisories).toHaveLength(197);
    expect(rows(chainguard, 'bind').filter(([id]) => id === 'CVE-2022-3094' || id === 'CVE-2021-25220')).toEqual([
      ['CVE-2021-25220', 'chainguard:rolling', 'fixed', '9.18.10-r0'],
      ['CVE-2022-3094', 'chainguard:rolling', 'fixed', '9.18.11-r0'],
    ]);
    const minimos = await collect(minimosSecdb, MINIMOS);
    expect(minimos.warnings).toEqual([]);
    expect(rows(minimos, 'git')).toEqual([
      ['CVE-2022-39253', 'minimos:rolling', 'fixed', '2.38.1-r0'],
      ['CVE-2022-39260', 'minimos:rolling', 'fixed', '2.38.1-r0'],
    ]);
  });

  it('a secdb of another host or a broken file is a warning naming the file, not rows', async () => {
    const other = path.join(work, 'security.json');
    writeFileSync(
      other,
      readFileSync(WOLFI, 'utf8').replace('https://packages.wolfi.dev', 'https://packages.example.org'),
    );
    expect(await wolfiSecdb.detect(other)).toBe(false);
    const read = await collect(wolfiSecdb, other);
    expect(read.advisories).toEqual([]);
    expect(read.warnings).toEqual([{ file: other, message: expect.stringContaining('not a wolfi secdb') }]);
    const truncated = path.join(work, 'truncated.json');
    copyFileSync(WOLFI, truncated);
    writeFileSync(truncated, readFileSync(WOLFI).subarray(0, 900));
    const broken = await collect(wolfiSecdb, truncated);
    expect(broken.advisories).toEqual([]);
    expect(broken.warnings).toEqual([{ file: truncated, message: expect.stringMatching(/^not valid JSON/) }]);
  });
});
