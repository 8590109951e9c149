/**
 * The endoflife.date importer on the real API v1 response of
 * ../shared/feed-samples/vunnel/eol (products python and ubuntu), and on malformed
 * products written here from that shape.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../testdata/collect.js';
import { importer } from './index.js';

const SAMPLE = path.resolve(process.cwd(), '../shared/feed-samples/vunnel/eol/test-fixtures');

describe('endoflife.date importer', () => {
  it('finds the response by content and reads every release with its end-of-life day', async () => {
    expect(await importer.detect(SAMPLE)).toBe(true);
    const { eol, advisories, warnings, dataDate } = await collect(importer, SAMPLE);
    expect(advisories).toEqual([]);
    expect(warnings).toEqual([]);
    expect(eol).toEqual([
      {
        product: 'python',
        release: '3.12',
        codename: 'Stable',
        releaseDate: '2023-10-02',
        eolDate: '2028-10-01',
        isEol: false,
      },
      {
        product: 'python',
        release: '3.11',
        codename: 'Feature Complete',
        releaseDate: '2022-10-24',
        eolDate: '2027-10-24',
        isEol: false,
      },
      {
        product: 'python',
        release: '2.7',
        codename: 'Legacy',
        releaseDate: '2010-07-03',
        eolDate: '2020-01-01',
        isEol: true,
      },
      {
        product: 'ubuntu',
        release: '24.04',
        codename: 'Noble Numbat',
        releaseDate: '2024-04-25',
        eolDate: '2029-04-25',
        isEol: false,
      },
      {
        product: 'ubuntu',
        release: '22.04',
        codename: 'Jammy Jellyfish',
        releaseDate: '2022-04-21',
        eolDate: '2027-04-21',
        isEol: false,
      },
      {
        product: 'ubuntu',
        release: '18.04',
        codename: 'Bionic Beaver',
        releaseDate: '2018-04-26',
        eolDate: '2023-04-26',
        isEol: true,
      },
    ]);
    // The sample carries no generated_at: its data date is unknown, never the file's mtime.
    expect(dataDate).toBeUndefined();
  });

  it('a single-product response (`/api/v1/products/<name>`) and its generated_at date', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-eol-'));
    writeFileSync(
      path.join(dir, 'debian.json'),
      JSON.stringify({
        schema_version: '1.2.0',
        generated_at: '2026-11-30T06:01:02+00:00',
        result: {
          name: 'debian',
          releases: [
            { name: '10', codename: 'Buster', releaseDate: '2019-07-06', isEol: true, eolFrom: '2024-06-30' },
            { name: '13', codename: 'Trixie', isEol: false, eolFrom: null },
          ],
        },
      }),
    );
    const { eol, warnings, dataDate } = await collect(importer, dir);
    expect(warnings).toEqual([]);
    expect(eol).toEqual([
      {
        product: 'debian',
        release: '10',
        codename: 'Buster',
        releaseDate: '2019-07-06',
        eolDate: '2024-06-30',
        isEol: true,
      },
      { product: 'debian', release: '13', codename: 'Trixie', isEol: false },
    ]);
    expect(dataDate).toBe('2026-11-30T06:01:02.000Z');
  });

  it('a malformed product is skipped with a warning naming it; the others stand', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-eol-bad-'));
    writeFileSync(
      path.join(dir, 'full.json'),
      JSON.stringify({
        result: [
          { name: 'alpine-linux', releases: [{ name: '3.19', eolFrom: 'soon' }] },
          { name: 'rhel', releases: [{ name: '7', eolFrom: '2024-06-30', isEol: true }] },
        ],
      }),
    );
    const { eol, warnings } = await collect(importer, dir);
    expect(eol).toEqual([{ product: 'rhel', release: '7', eolDate: '2024-06-30', isEol: true }]);
    expect(warnings).toEqual([
      {
        file: `${path.join(dir, 'full.json')}#result[0]`,
        message: 'invalid endoflife.date product: release 3.19: eolFrom "soon" is not a date',
      },
    ]);
  });
});
