/**
 * OpenVEX reading, matching and writing on real findings: the debian-bookworm-minbase
 * image from ../shared/images matched against Debian's tracker data in ../shared/feeds.
 * Documents airlock writes are checked against the OpenVEX v0.2.0 specification by our
 * own checker (testdata/openvex-shape.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { buildFeedDb, type TestDb } from '../match/testdata/feed-db.js';
import type { Finding } from '../match/types.js';
import { matchImage } from '../services/match.js';
import type { ImageMeta } from '../sbom/model.js';
import { decideFindings, partitionFindings } from './apply.js';
import { recordStatements, triageStatement, type TriageDecision } from './author.js';
import type { VexDocument, VexStatement } from './model.js';
import { expiryOf, noteOf, parseExpiry } from './notes.js';
import { imagePurl, matchProduct, purlCovers } from './product.js';
import { parseVexDocument, readVexFile } from './read.js';
import { openVexProblems } from './testdata/openvex-shape.js';
import { writeVexFile } from './write.js';

const IMAGE = path.resolve(process.cwd(), '../shared/images/debian-bookworm-minbase.oci.tar');
const NOW = new Date('2026-11-24T12:00:00Z');

let t: TestDb;
let image: ImageMeta;
let findings: Finding[];
let dir: string;
beforeAll(async () => {
  t = await buildFeedDb(['debian-vuln-list-debian']);
  const result = await matchImage(IMAGE, { dbFile: t.file, now: NOW });
  image = result.sbom.image;
  findings = result.findings;
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-vex-'));
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const of = (vulnId: string, pkg?: string) =>
  findings.filter((f) => f.vulnId === vulnId && (!pkg || f.package.name === pkg));
const doc = (statements: VexStatement[], extra: Partial<VexDocument> = {}): VexDocument => ({
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'urn:uuid:test',
  author: 'test',
  timestamp: '2026-11-01T00:00:00Z',
  version: 1,
  statements,
  ...extra,
});
const statement = (vulnId: string, purls: string[], decision: TriageDecision, at = '2026-11-20T00:00:00.000Z') =>
  triageStatement({ vulnId, aliases: [], packagePurls: purls }, imagePurl(image), decision, at);
const decided = (d: VexDocument, list = findings) =>
  decideFindings(d, image, list, NOW)
    .decisions.map((x, i) => (x ? `${list[i].vulnId} ${list[i].package.name} ${x.status}` : undefined))
    .filter(Boolean);

describe('the image as a product', () => {
  it('is named by its manifest digest, with the OCI ref name as tag', () => {
    expect(imagePurl(image)).toBe(
      'pkg:oci/debian-bookworm-minbase@sha256:e7119cb0dfeba0bb604d818082cf6f955149bf11fbb3790831167cbd1f7b5dac?tag=latest',
    );
  });

  it('a repo:tag name gives name, repository_url and tag', () => {
    const named = { ...image, names: ['registry.example/team/app:1.0'] };
    expect(imagePurl(named)).toBe(
      `pkg:oci/app@${image.manifestDigest}?repository_url=registry.example%2Fteam%2Fapp&tag=1.0`,
    );
  });

  it('matches by digest (percent-encoded or not), else by name and tag; a package purl is a package', () => {
    const digest = image.manifestDigest!;
    expect(matchProduct({ '@id': `pkg:oci/anything@${digest.replace(':', '%3A')}` }, image)).toEqual({ kind: 'image' });
    expect(matchProduct({ '@id': `pkg:oci/debian-bookworm-minbase@sha256:${'0'.repeat(64)}` }, image)).toBeUndefined();
    expect(matchProduct({ identifiers: { purl: 'pkg:oci/debian-bookworm-minbase?tag=latest' } }, image)).toEqual({
      kind: 'image',
    });
    expect(matchProduct({ '@id': 'pkg:oci/debian-bookworm-minbase?tag=12' }, image)).toBeUndefined();
    expect(matchProduct({ '@id': 'pkg:deb/debian/zlib1g' }, image)).toEqual({
      kind: 'package',
      purl: 'pkg:deb/debian/zlib1g',
    });
    expect(matchProduct({ '@id': 'registry.k8s.io/kube-apiserver:v1.26.0' }, image)).toBeUndefined();
  });

  it('a package purl pattern covers installed packages: version and qualifiers only when given', () => {
    const zlib = of('CVE-2023-45853')[0].package.purl;
    expect(zlib).toBe('pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib');
    expect(purlCovers('pkg:deb/debian/zlib1g', zlib)).toBe(true);
    expect(purlCovers('pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?distro=debian-12', zlib)).toBe(true);
    expect(purlCovers('pkg:deb/debian/zlib1g@1:1.3.dfsg-2', zlib)).toBe(false);
    expect(purlCovers('pkg:deb/debian/zlib1g?distro=debian-13', zlib)).toBe(false);
    expect(purlCovers('pkg:deb/debian/zlib', zlib)).toBe(false);
  });
});

describe('which statement decides a finding', () => {
  it('a statement about the image without subcomponents covers every package with that vulnerability', () => {
    const d = doc([
      {
        vulnerability: { name: 'CVE-2022-0563' },
        products: [{ '@id': imagePurl(image) }],
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
      },
    ]);
    expect(decided(d)).toHaveLength(of('CVE-2022-0563').length);
    expect(of('CVE-2022-0563')).toHaveLength(8);
  });

  it('subcomponents narrow it to those packages; a package product (vexctl style) works too', () => {
    const login = of('CVE-2007-5686', 'login')[0].package.purl;
    expect(decided(doc([statement('CVE-2007-5686', [login], { status: 'affected', note: 'upgrade' })]))).toEqual([
      'CVE-2007-5686 login affected',
    ]);
    const vexctl = doc([
      {
        timestamp: '2022-12-22T16:36:43-05:00',
        products: [{ '@id': 'pkg:deb/debian/passwd' }],
        vulnerability: { name: 'CVE-2007-5686' },
        status: 'under_investigation',
      },
    ]);
    expect(decided(vexctl)).toEqual(['CVE-2007-5686 passwd under_investigation']);
  });

  it('a statement naming an alias applies; one for another image does not', () => {
    const zlib = of('CVE-2023-45853')[0];
    const withAlias = [{ ...zlib, vulnId: 'DSA-0000-0', aliases: ['CVE-2023-45853'] }];
    const d = doc([statement('CVE-2023-45853', [zlib.package.purl], { status: 'fixed' })]);
    expect(decided(d, withAlias)).toEqual(['DSA-0000-0 zlib1g fixed']);
    const other = doc([
      {
        ...statement('CVE-2023-45853', [zlib.package.purl], { status: 'fixed' }),
        products: [{ '@id': `pkg:oci/other@sha256:${'1'.repeat(64)}` }],
      },
    ]);
    expect(decided(other)).toEqual([]);
  });

  it('the latest statement wins, whatever its place in the document; an expired one is ignored and counted', () => {
    const purl = of('CVE-2023-45853')[0].package.purl;
    const later = statement(
      'CVE-2023-45853',
      [purl],
      { status: 'affected', note: 'rebuild without minizip' },
      '2026-11-22T00:00:00.000Z',
    );
    const earlier = statement(
      'CVE-2023-45853',
      [purl],
      { status: 'not_affected', justification: 'vulnerable_code_not_present' },
      '2026-11-21T00:00:00.000Z',
    );
    expect(decided(doc([later, earlier]))).toEqual(['CVE-2023-45853 zlib1g affected']);
    const expired = statement(
      'CVE-2023-45853',
      [purl],
      { status: 'not_affected', justification: 'component_not_present', expires: '2026-11-23T00:00:00.000Z' },
      '2026-11-22T06:00:00.000Z',
    );
    const outcome = decideFindings(doc([earlier, later, expired]), image, findings, NOW);
    expect(outcome.expired).toBe(1);
    expect(outcome.decisions.filter(Boolean).map((d) => d!.status)).toEqual(['affected']);
    const stillValid = { ...expired, status_notes: expired.status_notes!.replace('2026-11-23', '2026-12-23') };
    expect(decided(doc([earlier, later, stillValid]))).toEqual(['CVE-2023-45853 zlib1g not_affected']);
  });

  it('not_affected and fixed suppress, affected and under_investigation only annotate; the marker names the justification', () => {
    const purl = of('CVE-2023-45853')[0].package.purl;
    for (const [decision, suppressed] of [
      [
        { status: 'not_affected', justification: 'vulnerable_code_not_present' },
        'suppressed (not_affected: vulnerable_code_not_present)',
      ],
      [{ status: 'fixed' }, 'suppressed (fixed)'],
      [{ status: 'affected' }, undefined],
      [{ status: 'under_investigation' }, undefined],
    ] as [TriageDecision, string | undefined][]) {
      const { decisions } = decideFindings(doc([statement('CVE-2023-45853', [purl], decision)]), image, findings, NOW);
      const { kept, suppressed: out } = partitionFindings(findings, decisions);
      expect(out.map((f) => f.vex.marker)).toEqual(suppressed ? [suppressed] : []);
      expect(kept).toHaveLength(findings.length - (suppressed ? 1 : 0));
    }
  });
});

describe('writing statements', () => {
  const purls = () => of('CVE-2024-22365').map((f) => f.package.purl);

  it('every status and the expiry make valid OpenVEX 0.2.0 documents', () => {
    const decisions: TriageDecision[] = [
      {
        status: 'not_affected',
        justification: 'inline_mitigations_already_exist',
        note: 'pam_namespace is not configured',
        expires: '2027-01-31T00:00:00.000Z',
      },
      { status: 'not_affected', note: 'no justification from the list fits' },
      { status: 'affected', note: 'rebuild on the next point release' },
      { status: 'affected' },
      { status: 'under_investigation' },
      { status: 'fixed', note: 'patched in our rebuild' },
    ];
    for (const d of decisions) {
      const written = recordStatements(undefined, [statement('CVE-2024-22365', purls(), d)], {
        author: 'a@example.com',
        now: NOW.toISOString(),
        newId: 'urn:uuid:1',
        tooling: 'airlock test',
      });
      expect(openVexProblems(written), JSON.stringify(d)).toEqual([]);
    }
    const s = statement('CVE-2024-22365', purls(), decisions[0]);
    expect(noteOf(s.status_notes)).toBe('pam_namespace is not configured');
    expect(expiryOf(s)?.toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(statement('CVE-2024-22365', purls(), decisions[1]).impact_statement).toBe(
      'no justification from the list fits',
    );
    expect(statement('CVE-2024-22365', purls(), decisions[3]).action_statement).toBe('no action recorded yet');
    // The checker is strict: a property the specification does not name fails it.
    const extra = recordStatements(
      undefined,
      [{ ...statement('CVE-2024-22365', purls(), decisions[4]), expires: '2027-01-31' } as VexStatement],
      { author: 'a', now: NOW.toISOString(), newId: 'urn:uuid:1', tooling: 't' },
    );
    expect(openVexProblems(extra)).toEqual(['statements[0]: unknown field "expires"']);
  });

  it('a new decision on the same subject replaces the old statement; others stay', () => {
    const first = recordStatements(
      undefined,
      [statement('CVE-2024-22365', purls(), { status: 'under_investigation' })],
      { author: 'a', now: '2026-11-20T00:00:00.000Z', newId: 'urn:uuid:1', tooling: 't' },
    );
    const second = recordStatements(
      first,
      [
        statement(
          'CVE-2023-50495',
          of('CVE-2023-50495').map((f) => f.package.purl),
          { status: 'affected' },
        ),
      ],
      { author: 'b', now: '2026-11-21T00:00:00.000Z', newId: 'urn:uuid:2', tooling: 't' },
    );
    const third = recordStatements(second, [statement('CVE-2024-22365', [...purls()].reverse(), { status: 'fixed' })], {
      author: 'c',
      now: '2026-11-22T00:00:00.000Z',
      newId: 'urn:uuid:3',
      tooling: 't',
    });
    expect(third.statements.map((s) => `${s.vulnerability.name} ${s.status}`)).toEqual([
      'CVE-2023-50495 affected',
      'CVE-2024-22365 fixed',
    ]);
    expect(third).toMatchObject({
      '@id': 'urn:uuid:1',
      author: 'a',
      version: 3,
      last_updated: '2026-11-22T00:00:00.000Z',
    });
  });

  it('is written whole and read back the same', async () => {
    const file = path.join(dir, 'nested', 'vex.openvex.json');
    const written = recordStatements(undefined, [statement('CVE-2024-22365', purls(), { status: 'fixed' })], {
      author: 'a',
      now: NOW.toISOString(),
      newId: 'urn:uuid:9',
      tooling: 't',
    });
    writeVexFile(file, written);
    expect(await readVexFile(file)).toEqual(written);
    expect(await readVexFile(path.join(dir, 'missing.json'))).toBeUndefined();
  });
});

describe('reading a bad document is a one-line error naming the file', () => {
  const cases: [string, string][] = [
    ['{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [', 'not JSON'],
    [
      '{"@context": "https://cyclonedx.org", "statements": []}',
      'not an OpenVEX document (@context is "https://cyclonedx.org", expected https://openvex.dev/ns/v0.2.0)',
    ],
    ['{"@context": "https://openvex.dev/ns/v0.2.0"}', 'OpenVEX document without a statements list'],
    [
      '{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2023-45853"}, "status": "ignored"}]}',
      'statement 1: status "ignored" is not one of not_affected, affected, fixed, under_investigation',
    ],
    [
      '{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": "CVE-2023-45853", "status": "fixed"}]}',
      'statement 1 has no vulnerability.name',
    ],
    [
      '{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2023-45853"}, "status": "not_affected", "justification": "not_reachable"}]}',
      'statement 1: justification "not_reachable" is not an OpenVEX justification',
    ],
  ];
  for (const [text, message] of cases) {
    it(message, async () => {
      const file = path.join(dir, 'bad.json');
      writeFileSync(file, text);
      const err = await readVexFile(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).message.startsWith(`${file}: ${message}`)).toBe(true);
    });
  }

  it("accepts a document in vexctl's shape (no version, statements with offsets in timestamps)", () => {
    const text =
      '{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://openvex.dev/docs/public/vex-1", "author": "John Doe", "statements": [{"timestamp": "2022-12-22T16:36:43-05:00", "products": [{"@id": "pkg:deb/debian/zlib1g"}], "vulnerability": {"name": "CVE-2023-45853"}, "status": "under_investigation"}]}';
    expect(decided(parseVexDocument(text, 'vexctl.json'))).toEqual(['CVE-2023-45853 zlib1g under_investigation']);
  });
});

describe('expiry as typed', () => {
  it.each([
    ['', {}],
    ['30d', { expires: '2026-12-24T12:00:00.000Z' }],
    ['2027-01-31', { expires: '2027-01-31T00:00:00.000Z' }],
    ['2026-11-24', { error: 'expiry 2026-11-24 is not in the future' }],
    ['next week', { error: 'expiry "next week": use a number of days (30d) or a date (2027-01-31)' }],
  ])('%j → %j', (typed, expected) => {
    expect(parseExpiry(typed, NOW)).toEqual(expected);
  });
});
