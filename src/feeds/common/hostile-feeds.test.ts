/**
 * Issue 11, the connected side: feed files are untrusted too. Each class of hostile feed
 * file, built here from real records of ../shared/feeds by test/support/hostile-feeds.ts,
 * costs a counted warning naming the file and line or entry (or one error naming the
 * file), and the good records beside it still import.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DSA_LIST,
  EPSS_CSV,
  SHARED_FEEDS,
  deflateZeros,
  gzipParts,
  hostileZip,
  realOsvRecords,
  withAffectedCopies,
} from '../../../test/support/hostile-feeds.js';
import { importer as debianLists } from '../debian-lists/index.js';
import { importer as debianTrackerJson } from '../debian-tracker-json/index.js';
import { importer as epss } from '../epss/index.js';
import { importer as nvd } from '../nvd/index.js';
import { importer as osv } from '../osv/index.js';
import { collect } from '../testdata/collect.js';
import { FEED_MAX_LINE_BYTES, FEED_MAX_RECORD_BYTES, FEED_MAX_RECORD_ENTRIES } from './limits.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'airlock-hostile-feed-'));
const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('AIRLOCK_MAX_FEED')) delete process.env[key];
  Object.assign(process.env, saved);
});

const epssLines = readFileSync(EPSS_CSV, 'utf8').trimEnd().split('\n');
const realEpssRows = epssLines.length - 2; // the metadata comment and the header

describe('oversized lines in line-oriented feeds', () => {
  it('epss-long-line: a line past the limit is skipped with a warning naming file:line; every real row imports', async () => {
    const file = path.join(dir(), 'epss_scores-2024-10-25.csv');
    const long = `CVE-2024-0001,${'9'.repeat(FEED_MAX_LINE_BYTES + 1)},0.5`;
    writeFileSync(file, [...epssLines.slice(0, 3), long, ...epssLines.slice(3)].join('\n') + '\n');
    const read = await collect(epss, file);
    expect(read.warnings).toEqual([
      {
        file: `${file}:4`,
        message: 'line longer than 1048576 bytes; skipped (AIRLOCK_MAX_FEED_LINE_BYTES raises the limit)',
      },
    ]);
    expect(read.epss).toHaveLength(realEpssRows);
    expect(read.epss.map((s) => s.cve)).toEqual(epssLines.slice(2).map((line) => line.split(',')[0]));
  });

  it('epss-long-line.gz: the same in a gzip, the long line never held (its end is a valid row)', async () => {
    const file = path.join(dir(), 'epss_scores-2024-10-25.csv.gz');
    // The long line ends like a real row: were it kept, it would parse.
    const parts = [
      Buffer.from(epssLines.slice(0, 3).join('\n') + '\nCVE-2024-0001,0.1,0.'),
      { repeat: Buffer.from('5'.repeat(1 << 16)), times: 20 },
      Buffer.from('\n' + epssLines.slice(3).join('\n') + '\n'),
    ];
    writeFileSync(file, await gzipParts(parts));
    const read = await collect(epss, file);
    expect(read.warnings.map((w) => `${w.file}: ${w.message}`)).toEqual([
      `${file}:4: line longer than 1048576 bytes; skipped (AIRLOCK_MAX_FEED_LINE_BYTES raises the limit)`,
    ]);
    expect(read.epss).toHaveLength(realEpssRows);
  });

  it('dsa-long-line: a Debian list line past the limit is skipped with file:line; the entries are as without it', async () => {
    const root = dir();
    cpSync(path.join(SHARED_FEEDS, 'debian-security-tracker-lists'), root, { recursive: true });
    const list = path.join(root, 'data/DSA/list');
    const lines = readFileSync(DSA_LIST, 'utf8').split('\n');
    writeFileSync(list, [...lines.slice(0, 2), `\t${'x'.repeat(FEED_MAX_LINE_BYTES)}`, ...lines.slice(2)].join('\n'));
    const hostile = await collect(debianLists, root);
    const clean = await collect(debianLists, path.join(SHARED_FEEDS, 'debian-security-tracker-lists'));
    expect(hostile.warnings).toEqual([
      {
        file: `${list}:3`,
        message: 'line longer than 1048576 bytes; skipped (AIRLOCK_MAX_FEED_LINE_BYTES raises the limit)',
      },
    ]);
    expect(clean.warnings).toEqual([]);
    expect(hostile.advisories).toEqual(clean.advisories);
    expect(hostile.advisories.length).toBeGreaterThan(100);
  });

  it('the limit is AIRLOCK_MAX_FEED_LINE_BYTES when set', async () => {
    process.env.AIRLOCK_MAX_FEED_LINE_BYTES = '40';
    const file = path.join(dir(), 'epss_scores-2024-10-25.csv');
    writeFileSync(file, epssLines.join('\n'));
    const read = await collect(epss, file);
    // The metadata line (line 1) is longer than 40 bytes; without it the header still reads.
    expect(read.warnings.map((w) => w.file)).toEqual([`${file}:1`]);
    expect(read.warnings[0].message).toBe(
      'line longer than 40 bytes; skipped (AIRLOCK_MAX_FEED_LINE_BYTES raises the limit)',
    );
    expect(read.epss).toHaveLength(realEpssRows);
  });
});

describe('oversized OSV records', () => {
  it('osv-200k-affected: a record of 200,000 affected entries is skipped with a warning naming it; the others import', async () => {
    const records = await realOsvRecords(4);
    const big = withAffectedCopies(records[1].content, 200_000);
    const file = path.join(dir(), 'all.zip');
    writeFileSync(
      file,
      hostileZip([records[0], { name: records[1].name, content: big, method: 'deflate' }, records[2], records[3]]),
    );
    const read = await collect(osv, file);
    expect(read.warnings).toEqual([
      {
        file: `${file}!${records[1].name}`,
        message: `unreadable record: more than ${FEED_MAX_RECORD_ENTRIES} list entries in one record; skipped (AIRLOCK_MAX_FEED_RECORD_ENTRIES raises the limit)`,
      },
    ]);
    expect(read.advisories.map((a) => a.id)).toEqual(
      [records[0], records[2], records[3]].map((r) => r.name.replace('.json', '')),
    );
  });

  it('osv-200k-affected allowed: with the entry limit raised the record imports whole, no stack overflow', async () => {
    process.env.AIRLOCK_MAX_FEED_RECORD_ENTRIES = '10000000';
    const [record] = await realOsvRecords(1);
    const file = path.join(dir(), `${record.name}`);
    writeFileSync(file, withAffectedCopies(record.content, 200_000));
    const read = await collect(osv, file);
    expect(read.warnings).toEqual([]);
    expect(read.advisories).toHaveLength(1);
    expect(read.advisories[0].affected.length).toBeGreaterThanOrEqual(200_000);
  });

  it('osv-gzip-bomb: a small .json.gz inflating past the record limit is skipped, never held', async () => {
    const records = await realOsvRecords(2);
    const root = dir();
    writeFileSync(path.join(root, records[0].name), records[0].content);
    // A real record's opening, then 80 MiB of spaces (valid JSON whitespace) and its end.
    const text = records[1].content.toString('utf8');
    const bomb = await gzipParts([
      Buffer.from(text.slice(0, -1)),
      { repeat: Buffer.alloc(1 << 20, 0x20), times: 80 },
      Buffer.from('}'),
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    writeFileSync(path.join(root, `${records[1].name}.gz`), bomb);
    const read = await collect(osv, root);
    expect(read.warnings).toEqual([
      {
        file: path.join(root, `${records[1].name}.gz`),
        message: `unreadable record: larger than ${FEED_MAX_RECORD_BYTES} bytes once decompressed; skipped (AIRLOCK_MAX_FEED_RECORD_BYTES raises the limit)`,
      },
    ]);
    expect(read.advisories.map((a) => a.id)).toEqual([records[0].name.replace('.json', '')]);
  });

  it('nvd-gzip-bomb: a streamed .json.gz past the per-file expansion limit is one error naming the file', async () => {
    process.env.AIRLOCK_MAX_FEED_FILE_BYTES = String(8 << 20);
    const file = path.join(dir(), 'nvdcve-2.0-2024.json.gz');
    writeFileSync(
      file,
      await gzipParts([
        Buffer.from('{"format":"NVD_CVE","vulnerabilities":['),
        { repeat: Buffer.alloc(1 << 20, 0x20), times: 16 },
        Buffer.from(']}'),
      ]),
    );
    await expect(collect(nvd, file)).rejects.toThrow(
      `${file}: decompresses to more than ${8 << 20} bytes (decompression bomb?; AIRLOCK_MAX_FEED_FILE_BYTES raises the limit)`,
    );
  });
});

describe('hostile zip entries', () => {
  it('osv-zip-lying-size: an entry inflating past its declared size is skipped; the rest of the zip imports', async () => {
    const records = await realOsvRecords(3);
    const file = path.join(dir(), 'all.zip');
    writeFileSync(
      file,
      hostileZip([
        records[0],
        { name: 'GO-2099-0001.json', deflated: await deflateZeros(300 << 20), claimedSize: 1024 },
        { ...records[1], method: 'deflate', claimedSize: 100 },
        records[2],
      ]),
    );
    const read = await collect(osv, file);
    expect(read.warnings).toEqual([
      {
        file: `${file}!${records[1].name}`,
        message: 'unreadable record: zip entry inflates to more than the 100 bytes it declares',
      },
      {
        file: `${file}!GO-2099-0001.json`,
        message: 'unreadable record: zip entry inflates to more than the 1024 bytes it declares',
      },
    ]);
    expect(read.advisories.map((a) => a.id)).toEqual([records[0], records[2]].map((r) => r.name.replace('.json', '')));
  }, 60_000);

  it('osv-zip-big-entry: an entry truthfully declaring more than the record limit is skipped unread', async () => {
    const records = await realOsvRecords(2);
    const file = path.join(dir(), 'all.zip');
    writeFileSync(
      file,
      hostileZip([records[0], { name: 'GO-2099-0002.json', deflated: await deflateZeros(70 << 20) }, records[1]]),
    );
    const read = await collect(osv, file);
    expect(read.warnings).toEqual([
      {
        file: `${file}!GO-2099-0002.json`,
        message: `unreadable record: larger than ${FEED_MAX_RECORD_BYTES} bytes once decompressed; skipped (AIRLOCK_MAX_FEED_RECORD_BYTES raises the limit)`,
      },
    ]);
    expect(read.advisories).toHaveLength(2);
  }, 60_000);

  it('osv-zip-unsafe-names: ../, absolute and backslash names are skipped and counted; the rest is read', async () => {
    const records = await realOsvRecords(5);
    const file = path.join(dir(), 'all.zip');
    const bad = ['../../GO-2020-0001.json', '/etc/GO-2020-0001.json', 'C:/GO-2020-0001.json', 'a\\GO-2020-0001.json'];
    // The first entry by name order is a climbing one: it used to drop the whole zip without a word.
    writeFileSync(file, hostileZip([...bad.map((name) => ({ name, content: records[0].content })), ...records]));
    const read = await collect(osv, file);
    expect(read.warnings).toEqual([
      { file: `${file}!../../GO-2020-0001.json`, message: 'zip entry name climbs out of the archive (..); skipped' },
      { file: `${file}!/etc/GO-2020-0001.json`, message: 'zip entry name is absolute; skipped' },
      { file: `${file}!C:/GO-2020-0001.json`, message: 'zip entry name is absolute; skipped' },
      { file: `${file}!a\\GO-2020-0001.json`, message: 'zip entry name has a backslash; skipped' },
    ]);
    expect(read.advisories.map((a) => a.id)).toEqual(records.map((r) => r.name.replace('.json', '')));
  });

  it('osv-zip-zero-dos-date: entries dated 0x0000 import without warnings, as dated ones do', async () => {
    const records = await realOsvRecords(6);
    const file = path.join(dir(), 'all.zip');
    writeFileSync(file, hostileZip(records.map((r) => ({ ...r, dosDate: 0 }))));
    const read = await collect(osv, file);
    expect(read.warnings).toEqual([]);
    expect(read.advisories.map((a) => a.id)).toEqual(records.map((r) => r.name.replace('.json', '')));
  });
});

describe('files that are not the archive they claim to be', () => {
  async function osvDirWith(name: string, data: Buffer): Promise<string> {
    const root = dir();
    const [record] = await realOsvRecords(1);
    writeFileSync(path.join(root, record.name), record.content);
    writeFileSync(path.join(root, name), data);
    return root;
  }

  it('text-as-zip: an x.zip holding text is an error naming it', async () => {
    const root = await osvDirWith('x.zip', Buffer.from('not a zip at all\n'));
    await expect(collect(osv, root)).rejects.toThrow(`${path.join(root, 'x.zip')}: not a readable zip archive`);
  });

  it('json-as-gz: an x.json.gz that is not gzip is an error naming it', async () => {
    const [record] = await realOsvRecords(1);
    const root = await osvDirWith('x.json.gz', record.content);
    await expect(collect(osv, root)).rejects.toThrow(`${path.join(root, 'x.json.gz')}: named .gz but is not gzip data`);
  });

  it('truncated-gz: a truncated gzip is an error naming it', async () => {
    const [record] = await realOsvRecords(1);
    const gz = gzipSync(record.content);
    const root = await osvDirWith('x.json.gz', gz.subarray(0, gz.length - 20));
    await expect(collect(osv, root)).rejects.toThrow(
      `${path.join(root, 'x.json.gz')}: not valid gzip data: unexpected end of file`,
    );
  });
});

describe('single-document feeds read whole', () => {
  it('tracker-json-too-big: a document past AIRLOCK_MAX_FEED_DOCUMENT_BYTES is skipped with a warning, unread', async () => {
    const file = path.join(SHARED_FEEDS, 'debian-tracker-json-excerpt/debian.json');
    const clean = await collect(debianTrackerJson, file);
    expect(clean.advisories.length).toBeGreaterThan(0);
    process.env.AIRLOCK_MAX_FEED_DOCUMENT_BYTES = '1000';
    const read = await collect(debianTrackerJson, file);
    const size = readFileSync(file).length;
    expect(read.warnings).toEqual([
      {
        file,
        message: `not valid JSON (${size} bytes, larger than the 1000-byte document limit (AIRLOCK_MAX_FEED_DOCUMENT_BYTES raises it)); skipped`,
      },
    ]);
    expect(read.advisories).toEqual([]);
  });
});
