import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import StreamZip from 'node-stream-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { cvssBaseScore, ratingForScore } from './cvss.js';
import { normalizeTimestamp } from './dates.js';
import { walkFeedFiles } from './feed-files.js';
import { streamJsonArray, type JsonStreamItem } from './json-array-stream.js';

const feeds = path.resolve(process.cwd(), '../shared/feeds');
const page = path.join(feeds, 'nvd/nvd-api-2.0-page/full-page.json');

async function* chunks(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function drain(source: AsyncIterable<Buffer>, key: string): Promise<JsonStreamItem[]> {
  const items: JsonStreamItem[] = [];
  for await (const item of streamJsonArray(source, key)) items.push(item);
  return items;
}

describe('streamJsonArray', () => {
  it('yields the same NVD entries as JSON.parse, whatever the chunk boundaries', async () => {
    const data = await readFile(page);
    const whole = JSON.parse(data.toString('utf8'));
    for (const size of [1, 7, 4096, data.length]) {
      const items = await drain(chunks(data, size), 'vulnerabilities');
      const elements = items
        .filter((item) => item.kind === 'element')
        .map((item) => (item as { value: unknown }).value);
      expect(elements).toEqual(whole.vulnerabilities);
      expect(items.at(-1)).toEqual({ kind: 'document', value: { ...whole, vulnerabilities: [] } });
    }
  });

  it('returns a document without the array whole (a single NVD cve object)', async () => {
    const data = await readFile(path.join(feeds, 'nvd/vuln-list-nvd/api/2020/CVE-2020-0001.json'));
    expect(await drain(chunks(data, 5), 'vulnerabilities')).toEqual([
      { kind: 'document', value: JSON.parse(data.toString('utf8')) },
    ]);
  });

  it('rejects a truncated document', async () => {
    const data = (await readFile(page)).subarray(0, 20_000);
    await expect(drain(chunks(data, 512), 'vulnerabilities')).rejects.toThrow(
      'JSON document ends before it is complete',
    );
  });
});

describe('cvssBaseScore', () => {
  it('computes the base score NVD and CISA publish for every real vector in the shared feeds', async () => {
    const published: Array<{ by: string; vector: string; score: number }> = [];
    const nvdPage = JSON.parse(await readFile(page, 'utf8'));
    for (const { cve } of nvdPage.vulnerabilities) {
      for (const metrics of Object.values(cve.metrics ?? {}) as Array<
        Array<{ source: string; cvssData: { vectorString: string; baseScore: number } }>
      >) {
        for (const metric of metrics)
          published.push({ by: metric.source, vector: metric.cvssData.vectorString, score: metric.cvssData.baseScore });
      }
    }
    const zip = new StreamZip.async({ file: path.join(feeds, 'nvd/cisa-vulnrichment-cve5/vulnrichment-subset.zip') });
    for (const entry of Object.values(await zip.entries())) {
      if (!entry.isFile) continue;
      const record = JSON.parse((await zip.entryData(entry)).toString('utf8'));
      for (const container of [record.containers.cna, ...(record.containers.adp ?? [])]) {
        for (const metric of container.metrics ?? []) {
          for (const key of ['cvssV4_0', 'cvssV3_1', 'cvssV3_0', 'cvssV2_0']) {
            const cvss = metric[key];
            if (cvss?.vectorString)
              published.push({
                by: container.providerMetadata.shortName,
                vector: cvss.vectorString,
                score: cvss.baseScore,
              });
          }
        }
      }
    }
    await zip.close();
    expect(published.length).toBeGreaterThan(900);
    const mismatches = published.filter(({ vector, score }) => cvssBaseScore(vector) !== score);
    // Every NVD and CISA-ADP score agrees with the specification's formula. The 13 CNA scores
    // that do not are the CNA's own slips: Fortinet publishes the temporal score (its vectors
    // carry E:/RL:/RC:) as the base score, GitHub's CNA scored some scope-changed vectors 0.1 off.
    // That is why importers keep a published score and compute only when none is given.
    expect(mismatches.filter(({ by }) => by === 'nvd@nist.gov' || by === 'CISA-ADP')).toEqual([]);
    expect(mismatches).toHaveLength(13);
    expect(
      mismatches.every(
        ({ by, vector }) =>
          (by === 'fortinet' && /\/E:/.test(vector)) || (by === 'GitHub_M' && vector.includes('/S:C/')),
      ),
    ).toBe(true);
  });

  it('refuses partial or unknown vectors', () => {
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')).toBeUndefined();
    expect(cvssBaseScore('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeUndefined();
    expect(cvssBaseScore('not a vector')).toBeUndefined();
  });

  it('bands scores by version (v2 has no critical)', () => {
    expect(ratingForScore('3.1', 9.8)).toBe('critical');
    expect(ratingForScore('2.0', 10)).toBe('high');
    expect(ratingForScore('4.0', 6.9)).toBe('medium');
    expect(ratingForScore('3.1', 0)).toBe('negligible');
  });
});

describe('normalizeTimestamp', () => {
  it('reads every spelling the real feeds use', () => {
    expect(normalizeTimestamp('2023-11-28T00:15:07.140')).toBe('2023-11-28T00:15:07.140Z'); // NVD, no zone
    expect(normalizeTimestamp('2024-10-25T00:00:00+0000')).toBe('2024-10-25T00:00:00.000Z'); // EPSS
    expect(normalizeTimestamp('2021-09-26T23:32:08.989778Z')).toBe('2021-09-26T23:32:08.989Z'); // PyPA
    expect(normalizeTimestamp('2025-08-25T17:04:19.9796Z')).toBe('2025-08-25T17:04:19.979Z'); // KEV
    expect(normalizeTimestamp('2026-03-26T18:50:03+00:00')).toBe('2026-03-26T18:50:03.000Z'); // CSAF
    expect(normalizeTimestamp('0001-01-01T00:00:00Z')).toBeUndefined(); // Go vulndb zero time
    expect(normalizeTimestamp('soon')).toBeUndefined();
  });
});

describe('walkFeedFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'airlock-walk-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('walks zip entries in name order, naming them <zip>!<entry>', async () => {
    const zip = path.join(feeds, 'pypa-osv/pypa-advisories.zip');
    const names: string[] = [];
    for await (const file of walkFeedFiles(zip)) names.push(file.name);
    expect(names).toHaveLength(2661);
    expect(names[0]).toBe(`${zip}!vulns/accesscontrol/PYSEC-2021-335.yaml`);
    expect([...names].sort()).toEqual(names);
  });

  it('limits entries per zip when sampling', async () => {
    const names: string[] = [];
    for await (const file of walkFeedFiles(path.join(feeds, 'go-vulndb-osv'), { entriesPerZip: 3 }))
      names.push(file.entryPath);
    expect(names).toEqual(['GO-2020-0001.json', 'GO-2020-0003.json', 'GO-2020-0004.json']);
  });

  it('names the file when a zip or a path cannot be read', async () => {
    const broken = path.join(dir, 'all.zip');
    await writeFile(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('cut short')]));
    const walk = async (p: string) => {
      for await (const file of walkFeedFiles(p)) void file;
    };
    await expect(walk(dir)).rejects.toThrow(InputError);
    await expect(walk(dir)).rejects.toThrow(`${broken}: not a readable zip archive`);
    await expect(walk(path.join(dir, 'missing'))).rejects.toThrow(
      `${path.join(dir, 'missing')}: cannot read feed path`,
    );
  });
});
