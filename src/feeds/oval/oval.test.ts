/**
 * The shared OVAL reader on the real publishers' files in ../shared/feed-samples/vunnel:
 * definitions resolved against tests/objects/states that come after them, the criteria
 * flattened into what each package test is ANDed with, compressed files, and broken XML.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walkFeedFiles, type FeedFile } from '../common/feed-files.js';
import { conjunctions, openOval, type OvalDefinition } from './index.js';

const SAMPLES = path.resolve(process.cwd(), '../shared/feed-samples/vunnel');
const work = mkdtempSync(path.join(tmpdir(), 'airlock-oval-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function fileOf(p: string): Promise<FeedFile> {
  for await (const file of walkFeedFiles(p)) return file;
  throw new Error(`no file at ${p}`);
}

async function definitions(p: string): Promise<OvalDefinition[]> {
  const doc = await openOval(await fileOf(p));
  const out: OvalDefinition[] = [];
  for await (const def of doc.definitions) out.push(def);
  return out;
}

describe('openOval', () => {
  it('Oracle ELSA: metadata, and every criterion resolved to its rpm object and state', async () => {
    const doc = await openOval(await fileOf(path.join(SAMPLES, 'oracle/test-fixtures/mock_ksplice_data')));
    expect(doc.generator).toEqual({ productName: 'Oracle Errata System', timestamp: '2021-09-09T12:49:02' });
    const [def] = await definitions(path.join(SAMPLES, 'oracle/test-fixtures/mock_ksplice_data'));
    expect(def).toMatchObject({
      id: 'oval:com.oracle.elsa:def:20219151',
      title: 'ELSA-2021-9151: openssl security update (IMPORTANT)',
      severity: 'IMPORTANT',
      issued: '2021-04-01',
      platforms: ['Oracle Linux 8'],
    });
    expect(def.cves.map((c) => c.id)).toEqual(['CVE-2021-3449', 'CVE-2021-3450']);
    const leaves = [...conjunctions(def.criteria)];
    const libs = leaves.find(
      (c) =>
        c.leaf.comment === 'openssl-libs is earlier than 2:1.1.1g-15.ksplice1.el8_3' &&
        c.context.some((o) => o.comment === 'Oracle Linux arch is x86_64'),
    );
    expect(libs?.leaf.test).toEqual({
      packageName: 'openssl-libs',
      state: { evr: { operation: 'less than', value: '2:1.1.1g-15.ksplice1.el8_3' } },
    });
    expect(libs?.context.map((o) => o.test)).toEqual([
      { packageName: 'oraclelinux-release', state: { version: { operation: 'pattern match', value: '^8' } } },
      { packageName: 'oraclelinux-release', state: { arch: { operation: 'pattern match', value: 'x86_64' } } },
      { packageName: 'openssl-libs', state: { signatureKeyid: { operation: 'equals', value: '82562ea9ad986da3' } } },
      { packageName: 'openssl-libs', state: { release: { operation: 'pattern match', value: 'ksplice' } } },
    ]);
  });

  it('SUSE: the "<product> is installed" OR group beside the package OR group is the package test\'s choice of products', async () => {
    const defs = await definitions(path.join(SAMPLES, 'sles/test-fixtures/suse_truncated.xml'));
    const notAffected = [...conjunctions(defs[0].criteria)].find(
      (c) => c.leaf.comment === 'kernel-default is not affected',
    );
    expect(notAffected?.context).toEqual([]);
    expect(notAffected?.anyOf.map((group) => group.map((c) => c.comment))).toEqual([
      [
        'SUSE Linux Enterprise Module for Basesystem 15 is installed',
        'SUSE Linux Enterprise Module for Development Tools 15 is installed',
      ],
    ]);
    expect(notAffected?.leaf.test).toEqual({
      packageName: 'kernel-default',
      state: { version: { operation: 'equals', value: '0' } },
    });
  });

  it('Mariner: metadata leaves (patchable, advisory_id) and both bounds of a range', async () => {
    const [golang] = await definitions(path.join(SAMPLES, 'mariner/test-fixtures/mariner-truncated-2.0-oval.xml'));
    expect(golang.extra).toEqual({ patchable: 'true', advisory_id: '44771-1' });
    expect(
      [...conjunctions(golang.criteria)].map((c) => [
        c.leaf.test?.state?.evr,
        c.context.map((o) => o.test?.state?.evr),
      ]),
    ).toEqual([
      [{ operation: 'less than', value: '0:1.20.7-1.cm2' }, [{ operation: 'greater than', value: '0:1.19.0.cm2' }]],
      [{ operation: 'greater than', value: '0:1.19.0.cm2' }, [{ operation: 'less than', value: '0:1.20.7-1.cm2' }]],
    ]);
  });

  it('reads gzip and bzip2 files (as SUSE and Oracle publish them) by their content', async () => {
    const plain = path.join(SAMPLES, 'oracle/test-fixtures/mock_data');
    const copy = path.join(work, 'com.oracle.elsa-all.xml');
    copyFileSync(plain, copy);
    execFileSync('bzip2', ['-k', copy]);
    execFileSync('gzip', ['-k', copy]);
    const expected = await definitions(plain);
    expect(expected.length).toBe(2);
    expect(await definitions(`${copy}.bz2`)).toEqual(expected);
    expect(await definitions(`${copy}.gz`)).toEqual(expected);
  });

  it('XML that is not well-formed is one error naming the file', async () => {
    const broken = path.join(work, 'broken.xml');
    writeFileSync(broken, '<oval_definitions><definitions><definition id="x"></definitions></oval_definitions>');
    await expect(definitions(broken)).rejects.toThrow(/broken\.xml: not well-formed XML: 1:64: unexpected close tag/);
  });
});
