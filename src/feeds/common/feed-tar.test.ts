/**
 * Feeds shipped as one tar archive, as Red Hat ships its CSAF advisories
 * (`csaf_advisories_YYYY-MM-DD.tar.zst`, one `YYYY/rhsa-*.json` per advisory): the three
 * real RHSA documents of ../shared/feeds packed the same way with tar and zstd at test
 * time, read through the CSAF importer exactly as from the folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer } from '../redhat-csaf/index.js';
import { collect } from '../testdata/collect.js';
import { containsFormat } from './sniff.js';
import { walkFeedFiles } from './feed-files.js';

const SAMPLES = path.resolve(process.cwd(), '../shared/feeds/redhat-csaf-samples');
const FILES = {
  '2024/rhsa-2024_6163.json': 'rhsa-2024_6163.json',
  '2024/rhsa-2024_9371.json': 'rhsa-2024_9371.json',
  '2025/rhsa-2025_23414.json': 'rhsa-2025_23414.json',
};

let dir: string;
let zst: string;
let gz: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-feed-tar-'));
  const tree = path.join(dir, 'tree');
  for (const [inTar, sample] of Object.entries(FILES)) {
    mkdirSync(path.join(tree, path.dirname(inTar)), { recursive: true });
    copyFileSync(path.join(SAMPLES, sample), path.join(tree, inTar));
  }
  const tar = path.join(dir, 'csaf_advisories_2026-03-27.tar');
  execFileSync('tar', ['-cf', tar, '-C', tree, ...Object.keys(FILES)]);
  execFileSync('zstd', ['-q', '-k', tar, '-o', (zst = `${tar}.zst`)]);
  gz = path.join(dir, 'feeds', 'redhat', 'csaf_advisories_2026-03-27.tar.gz');
  mkdirSync(path.dirname(gz), { recursive: true });
  writeFileSync(gz, execFileSync('gzip', ['-c', tar]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tar feed archives', () => {
  it('a .tar.zst of the real RHSAs imports exactly as the folder does', async () => {
    const fromFolder = await collect(importer, SAMPLES);
    const fromTar = await collect(importer, zst);
    expect(fromTar.warnings).toEqual([]);
    expect(fromTar.advisories).toEqual(fromFolder.advisories);
    expect(fromTar.advisories).toHaveLength(4);
    expect(await containsFormat(zst, 'csaf')).toBe(true);
  });

  it('names each document by archive and entry; a .tar.gz inside a feed folder is walked too', async () => {
    const names: string[] = [];
    for await (const file of walkFeedFiles(path.dirname(path.dirname(gz)))) names.push(file.name);
    expect(names).toEqual(Object.keys(FILES).map((entry) => `${gz}!${entry}`));
    expect((await collect(importer, path.dirname(gz))).advisories.map((a) => a.id)).toEqual([
      'CVE-2024-8088',
      'CVE-2024-8088',
      'CVE-2021-25220',
      'CVE-2025-40778',
    ]);
  });

  it('a truncated archive is one error naming the file', async () => {
    const cut = path.join(dir, 'cut.tar.zst');
    const whole = readFileSync(zst);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(collect(importer, cut)).rejects.toThrow(`${cut}: not a readable tar archive`);
  });
});
