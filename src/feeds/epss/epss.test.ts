import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../testdata/collect.js';
import { importer } from './index.js';

const epssDir = path.resolve(process.cwd(), '../shared/feeds/epss');
const excerpt = path.join(epssDir, 'epss_scores-2024-10-25.excerpt.csv');
const head = path.join(epssDir, 'epss_scores-2026-09-29.head.csv');

describe('epss importer on the real EPSS files', () => {
  it('reads the 2024-10-25 excerpt, including its last row without a trailing newline', async () => {
    const read = await collect(importer, excerpt);
    expect(importer.name).toBe('epss');
    expect(read.epss).toHaveLength(29);
    expect(read.warnings).toEqual([]);
    expect(read.dataDate).toBe('2024-10-25T00:00:00.000Z');
    expect(read.epss[0]).toEqual({
      cve: 'CVE-1999-0005',
      epss: 0.91963,
      percentile: 0.9903,
      date: '2024-10-25T00:00:00.000Z',
      model: 'v2023.03.01',
    });
    expect(read.epss.at(-1)).toEqual({
      cve: 'CVE-2024-9987',
      epss: 0.00043,
      percentile: 0.09778,
      date: '2024-10-25T00:00:00.000Z',
      model: 'v2023.03.01',
    });
  });

  it('reads the 2026 file, whose score date is written with a Z', async () => {
    const read = await collect(importer, head);
    expect(read.epss).toHaveLength(24);
    expect(read.epss.find((s) => s.cve === 'CVE-1999-0005')).toEqual({
      cve: 'CVE-1999-0005',
      epss: 0.18415,
      percentile: 0.97144,
      date: '2026-09-29T12:00:22.000Z',
      model: 'v2026.06.15',
    });
    expect(read.dataDate).toBe('2026-09-29T12:00:22.000Z');
  });

  it('reads a folder of EPSS files and dates it by the newest score date', async () => {
    const read = await collect(importer, epssDir);
    expect(read.epss).toHaveLength(53);
    expect(read.dataDate).toBe('2026-09-29T12:00:22.000Z');
  });

  it('detects EPSS CSV by its first line', async () => {
    expect(await importer.detect(epssDir)).toBe(true);
    expect(await importer.detect(excerpt)).toBe(true);
    expect(await importer.detect(path.resolve(epssDir, '../cisa-kev'))).toBe(false);
  });
});

describe('epss importer on altered copies', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'airlock-epss-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the gzip-compressed form the same as the plain one', async () => {
    const gz = path.join(dir, 'epss_scores-2024-10-25.csv.gz');
    await writeFile(gz, gzipSync(await readFile(excerpt)));
    expect((await collect(importer, gz)).epss).toEqual((await collect(importer, excerpt)).epss);
  });

  it('skips rows with a corrupted score, naming file and line, and keeps the rest', async () => {
    const text = (await readFile(excerpt, 'utf8'))
      .replace('CVE-2022-34667,0.00073,', 'CVE-2022-34667,0.00073x,')
      .replace('CVE-2022-34668,0.00311,', 'CVE-2022-34668,1.5,');
    const copy = path.join(dir, 'corrupted.csv');
    await writeFile(copy, text);
    const read = await collect(importer, copy);
    expect(read.epss).toHaveLength(27);
    expect(read.warnings).toEqual([
      { file: `${copy}:11`, message: 'invalid EPSS row: epss "0.00073x" is not a number between 0 and 1' },
      { file: `${copy}:12`, message: 'invalid EPSS row: epss "1.5" is not a number between 0 and 1' },
    ]);
  });
});
