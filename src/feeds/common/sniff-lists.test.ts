/**
 * JSON lists in the real samples that are not OSV records: Photon's CVE lists (read by
 * photon-cve), Chainguard's OSV index `all.json` and a page of Red Hat's CVE list API.
 * The OSV importer, which walks whole folders, passes over them without a warning, and
 * still warns about a list it cannot place.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importer as osv } from '../osv/index.js';
import { importer as photonCve } from '../photon-cve/index.js';
import { collect } from '../testdata/collect.js';
import { formatOfDocument } from './sniff.js';

const SAMPLES = path.resolve(process.cwd(), '../shared/feed-samples/vunnel');
const LISTS: [sample: string, format: string][] = [
  ['photon/test-fixtures/input/cve_data_photon4.0.json', 'photon-cve'],
  ['photon/test-fixtures/input/cve_data_photon1.0.json', 'photon-cve'],
  ['chainguard/test-fixtures/input/osv/all.json', 'osv-index'],
  ['rhel/test-fixtures/csaf/input/cve/min_pages/1.json', 'redhat-cve-list'],
];
const CGA = 'chainguard/test-fixtures/input/osv/CGA-224q-ccj5-2p53.json';

describe('lists that are not OSV records', () => {
  it.each(LISTS)('%s is named %s', async (sample, format) => {
    expect(formatOfDocument(JSON.parse(await readFile(path.join(SAMPLES, sample), 'utf8')))).toBe(format);
  });

  it('a record list is not an index: an element with more than id and modified is not placed', async () => {
    const record = JSON.parse(await readFile(path.join(SAMPLES, CGA), 'utf8'));
    expect(formatOfDocument([record])).toBeUndefined();
    expect(formatOfDocument([])).toBeUndefined();
  });

  it('the OSV importer passes over them in a folder, warns about a list it cannot place; photon-cve still reads its own', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-sniff-lists-'));
    for (const [sample] of LISTS) cpSync(path.join(SAMPLES, sample), path.join(dir, path.basename(sample)));
    writeFileSync(path.join(dir, 'odd.json'), '[{"name": "not a feed"}]');
    const read = await collect(osv, dir);
    expect(read.advisories).toEqual([]);
    expect(read.warnings).toEqual([
      { file: path.join(dir, 'odd.json'), message: 'invalid OSV record: not an OSV object' },
    ]);
    const photon = await collect(photonCve, dir);
    expect(photon.warnings).toEqual([]);
    expect(photon.advisories.length).toBe(9);
  });
});
