/**
 * Data dates of feed files without one of their own come from the sidecar `feeds fetch`
 * wrote: a real Alpine secdb branch file from ../shared/feeds, copied into a fetched tree.
 */
import { cpSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../testdata/collect.js';
import { importer as alpineSecdb } from '../alpine-secdb/index.js';
import { sidecarPath, writeSidecar } from '../fetch/sidecar.js';
import { fetchedDataDate } from './fetched-date.js';

const BRANCH = path.resolve(process.cwd(), '../shared/feeds/alpine-secdb/official-yaml/v3.11/main.yaml');

describe('fetched data dates', () => {
  it("take the server's Last-Modified that feeds fetch recorded, else its download time; the mtime never counts", async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'airlock-fetched-'));
    const file = path.join(out, 'alpine-secdb/v3.11/main.yaml');
    cpSync(BRANCH, file);
    utimesSync(file, new Date(), new Date()); // a fresh copy: today's mtime
    expect(await fetchedDataDate(file)).toBeUndefined();
    const undated = await collect(alpineSecdb, file);
    expect(undated.advisories.length).toBeGreaterThan(0);
    expect(undated.dataDate).toBeUndefined();

    const sidecar = sidecarPath(out, 'alpine-secdb/v3.11/main.yaml');
    await writeSidecar(sidecar, {
      url: 'https://secdb.alpinelinux.org/v3.11/main.yaml',
      complete: true,
      lastModified: 'Tue, 03 Nov 2020 09:12:44 GMT',
      fetched: '2026-12-01T10:00:00.000Z',
    });
    expect(await fetchedDataDate(file)).toBe('2020-11-03');
    expect((await collect(alpineSecdb, file)).dataDate).toBe('2020-11-03');

    await writeSidecar(sidecar, {
      url: 'https://secdb.alpinelinux.org/v3.11/main.yaml',
      complete: true,
      fetched: '2026-12-01T10:00:00.000Z',
    });
    expect(await fetchedDataDate(file)).toBe('2026-12-01');
  });
});
