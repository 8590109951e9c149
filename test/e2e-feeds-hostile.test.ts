/**
 * Issue 11, the connected side, proved on the real CLI: `bundle build` over hostile feed
 * files stays inside the budgets (30 s wall clock, 512 MB peak RSS, measured by the
 * kernel), prints one warning line per skipped line or record, and on a file that is not
 * what it claims fails with one error line, leaving no bundle and no temp file.
 * Run after `npm run build` (the CLI runs over dist/).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { keygen } from '../src/bundle/keys.js';
import { BUDGET, runCliMeasured, type BudgetRun } from './support/budget-run.js';
import {
  EPSS_CSV,
  deflateZeros,
  gzipParts,
  hostileZip,
  realOsvRecords,
  withAffectedCopies,
} from './support/hostile-feeds.js';

let keyFile: string;
beforeAll(async () => {
  const keys = mkdtempSync(path.join(tmpdir(), 'airlock-feed-keys-'));
  keyFile = (await keygen(path.join(keys, 'publisher'), { comment: 'hostile feeds test' })).keyFile;
});

function withinBudget(run: BudgetRun): void {
  console.info(`peak RSS ${Math.round(run.peakRssBytes / 2 ** 20)} MiB, ${run.wallSeconds.toFixed(1)} s`);
  expect(run.killed, `killed at the ${BUDGET.wallSeconds} s budget`).toBe(false);
  expect(run.peakRssBytes, `peak RSS ${Math.round(run.peakRssBytes / 2 ** 20)} MiB`).toBeLessThanOrEqual(
    BUDGET.peakRssBytes,
  );
}

function build(feeds: string, out: string, env: Record<string, string> = {}): BudgetRun {
  return runCliMeasured(['bundle', 'build', '--feeds', feeds, '--key', keyFile, '--out', out, '--sequence', '7'], env);
}

const warningLines = (run: BudgetRun) => run.stderr.split('\n').filter((line) => line.startsWith('warning: '));

describe('bundle build over hostile feed files, under the budgets', () => {
  it('epss-1gib-line.csv.gz: a 1 GiB line is skipped with one warning; the real rows import', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'airlock-feeds-'));
    mkdirSync(path.join(root, 'epss'));
    const file = path.join(root, 'epss/epss_scores-2024-10-25.csv.gz');
    const lines = readFileSync(EPSS_CSV, 'utf8').trimEnd().split('\n');
    const gz = await gzipParts([
      Buffer.from(lines.slice(0, 3).join('\n') + '\nCVE-2024-0001,0.1,0.'),
      { repeat: Buffer.alloc(1 << 20, 0x35), times: 1024 }, // 1 GiB of "5", no newline
      Buffer.from('\n' + lines.slice(3).join('\n') + '\n'),
    ]);
    expect(gz.length).toBeLessThan(2 << 20);
    writeFileSync(file, gz);
    const out = path.join(root, 'out.airlock');
    const run = build(root, out);
    withinBudget(run);
    expect(run.code, run.stderr).toBe(0);
    expect(warningLines(run)).toEqual([
      `warning: ${file}:4: line longer than 1048576 bytes; skipped (AIRLOCK_MAX_FEED_LINE_BYTES raises the limit)`,
    ]);
    expect(run.stdout).toContain(`  epss: ${lines.length - 2} records, 1 warnings`);
  }, 90_000);

  it('osv-hostile-zip: a lying 300 MiB entry, a ../ name and a 200,000-affected record are each one warning', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'airlock-feeds-'));
    mkdirSync(path.join(root, 'osv'));
    const records = await realOsvRecords(3);
    const zipFile = path.join(root, 'osv/all.zip');
    writeFileSync(
      zipFile,
      hostileZip([
        { ...records[0], dosDate: 0 },
        { name: 'GO-2099-0001.json', deflated: await deflateZeros(300 << 20), claimedSize: 2048 },
        { name: '../../GO-2099-0002.json', content: records[1].content },
        { name: records[1].name, content: withAffectedCopies(records[1].content, 200_000), method: 'deflate' },
        { ...records[2], dosDate: 0 },
      ]),
    );
    const run = build(root, path.join(root, 'out.airlock'));
    withinBudget(run);
    expect(run.code, run.stderr).toBe(0);
    expect(warningLines(run).sort()).toEqual(
      [
        `warning: ${zipFile}!../../GO-2099-0002.json: zip entry name climbs out of the archive (..); skipped`,
        `warning: ${zipFile}!GO-2099-0001.json: unreadable record: zip entry inflates to more than the 2048 bytes it declares`,
        `warning: ${zipFile}!${records[1].name}: unreadable record: more than 100000 list entries in one record; skipped (AIRLOCK_MAX_FEED_RECORD_ENTRIES raises the limit)`,
      ].sort(),
    );
    // records 0 and 2, dated 0x0000, import.
    expect(run.stdout).toContain('  osv: 2 records, 3 warnings');
  }, 120_000);

  it('osv-json-gz-bomb: a 1.5 MB .json.gz of 1.5 GB is one warning, never held', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'airlock-feeds-'));
    const records = await realOsvRecords(2);
    // 1.5 GB of spaces inside a real record, gzipped to about 1.5 MB.
    const text = records[1].content.toString('utf8');
    const bombFile = path.join(root, `${records[1].name}.gz`);
    const bomb = await gzipParts([
      Buffer.from(text.slice(0, -1)),
      { repeat: Buffer.alloc(1 << 20, 0x20), times: 1500 },
      Buffer.from('}'),
    ]);
    expect(bomb.length).toBeLessThan(2_000_000);
    writeFileSync(bombFile, bomb);
    writeFileSync(path.join(root, records[0].name), records[0].content);
    const run = build(root, path.join(root, 'out.airlock'));
    withinBudget(run);
    expect(run.code, run.stderr).toBe(0);
    expect(warningLines(run)).toEqual([
      `warning: ${bombFile}: unreadable JSON: larger than 67108864 bytes once decompressed; skipped (AIRLOCK_MAX_FEED_RECORD_BYTES raises the limit)`,
    ]);
    // The file is judged unreadable when its format is sniffed, before any importer has it.
    expect(run.stdout).toContain('  osv: 1 records\n');
    expect(run.stdout).toContain('1 feed records were skipped with warnings');
  }, 120_000);
});

describe('bundle build on failures', () => {
  it('osv-200k-affected allowed: with the entry limit raised the record is written whole (no stack overflow)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'airlock-feeds-'));
    const [record, other] = await realOsvRecords(2);
    writeFileSync(path.join(root, record.name), withAffectedCopies(record.content, 200_000));
    // A plain record beside it: detection judges files over 8 MB by their head alone.
    writeFileSync(path.join(root, other.name), other.content);
    // Not a budget case (the limit is raised on purpose): run without the 30 s kill, 200,000 rows take a while.
    const home = mkdtempSync(path.join(tmpdir(), 'airlock-home-'));
    const args = ['bundle', 'build', '--feeds', root, '--key', keyFile, '--out', path.join(root, 'out.airlock')];
    const result = spawnSync(process.execPath, ['bin/run.js', ...args], {
      encoding: 'utf8',
      timeout: 170_000,
      env: { ...process.env, AIRLOCK_HOME: home, NO_COLOR: '1', AIRLOCK_MAX_FEED_RECORD_ENTRIES: '10000000' },
    });
    const run = { code: result.status, stdout: result.stdout, stderr: result.stderr };
    expect(run.stderr).not.toMatch(/Maximum call stack|\n\s+at /);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('  osv: 2 records');
  }, 180_000);

  it('truncated-gz: a truncated .json.gz is one error line, no bundle and no temp file left', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'airlock-feeds-'));
    const feeds = path.join(root, 'feeds');
    mkdirSync(feeds);
    const records = await realOsvRecords(2);
    writeFileSync(path.join(feeds, records[0].name), records[0].content);
    const gz = gzipSync(records[1].content);
    const bad = path.join(feeds, `${records[1].name}.gz`);
    writeFileSync(bad, gz.subarray(0, gz.length - 20));
    const temp = path.join(root, 'tmp');
    mkdirSync(temp);
    const outDir = path.join(root, 'out');
    mkdirSync(outDir);
    const run = build(feeds, path.join(outDir, 'out.airlock'), { TMPDIR: temp });
    withinBudget(run);
    expect(run.code).not.toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(`error: ${bad}: not valid gzip data: unexpected end of file`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(outDir)).toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
  }, 60_000);

  it('text-as-zip: an all.zip holding text is one error line naming it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'airlock-feeds-'));
    const [record] = await realOsvRecords(1);
    writeFileSync(path.join(root, record.name), record.content);
    const bad = path.join(root, 'all.zip');
    writeFileSync(bad, 'this is not a zip\n');
    const run = build(root, path.join(root, 'out.airlock'));
    expect(run.code).not.toBe(0);
    expect(run.stderr.split('\n')[0]).toMatch(
      new RegExp(`^error: ${bad.replace(/[.]/g, '\\.')}: not a readable zip archive`),
    );
    expect(readdirSync(root).sort()).toEqual([record.name, 'all.zip'].sort());
  }, 60_000);
});
