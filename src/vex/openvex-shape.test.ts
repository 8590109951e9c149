import { describe, expect, it } from 'vitest';
import { openVexProblems } from './testdata/openvex-shape.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a document the tests break field by field
type VexJson = Record<string, any>;

/**
 * A conforming OpenVEX v0.2.0 document, written by us: the zlib1g finding of the
 * debian-bookworm-minbase image in ../shared (CVE-2023-45853, MiniZip), every optional
 * field the spec names filled in once.
 */
function goodDocument(): VexJson {
  const zlib = 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib';
  return {
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'urn:uuid:6f1f0b39-4a43-4f6e-9d55-0d5a3f0e6a11',
    author: 'security@example.com',
    role: 'image maintainer',
    timestamp: '2026-11-24T12:00:00.000Z',
    last_updated: '2026-11-25T08:30:00+01:00',
    version: 2,
    tooling: 'airlock 0.1.0',
    statements: [
      {
        '@id': 'urn:uuid:0b7c1d2e-1111-4c3b-8a55-2d1f7a9e0c42',
        version: 1,
        vulnerability: {
          '@id': 'https://nvd.nist.gov/vuln/detail/CVE-2023-45853',
          name: 'CVE-2023-45853',
          description: 'integer overflow in MiniZip zipOpenNewFileInZip4_64',
          aliases: ['CVE-2023-45853'],
        },
        timestamp: '2026-11-24T12:00:00.000Z',
        products: [
          {
            '@id':
              'pkg:oci/debian-bookworm-minbase@sha256:e7119cb0dfeba0bb604d818082cf6f955149bf11fbb3790831167cbd1f7b5dac',
            hashes: { 'sha-256': 'e7119cb0dfeba0bb604d818082cf6f955149bf11fbb3790831167cbd1f7b5dac' },
            subcomponents: [{ '@id': zlib, identifiers: { purl: zlib } }],
          },
        ],
        status: 'not_affected',
        justification: 'vulnerable_code_not_present',
        impact_statement: 'MiniZip is not built into zlib1g',
        status_notes: 'checked the package file list',
      },
      {
        vulnerability: { name: 'CVE-2024-22365' },
        products: [{ identifiers: { cpe23: 'cpe:2.3:a:linux-pam:linux-pam:1.5.2:*:*:*:*:*:*:*' } }],
        status: 'affected',
        action_statement: 'rebuild on the next point release',
        action_statement_timestamp: '2026-11-24T12:00:00Z',
      },
      {
        vulnerability: { name: 'CVE-2023-50495' },
        products: [{ '@id': zlib }],
        status: 'under_investigation',
        supplier: 'Debian',
      },
      { vulnerability: { name: 'CVE-2023-50495' }, products: [{ '@id': zlib }], status: 'fixed' },
    ],
  };
}

/** The problems of the good document after `change` is applied to a copy. */
function problemsAfter(change: (doc: VexJson) => void): string[] {
  const doc = goodDocument();
  change(doc);
  return openVexProblems(doc);
}

describe('openVexProblems (OpenVEX v0.2.0)', () => {
  it('accepts a conforming document, and one with only the required fields', () => {
    expect(openVexProblems(goodDocument())).toEqual([]);
    const minimal = {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://openvex.dev/docs/example/vex-airlock-1',
      author: 'a',
      timestamp: '2026-11-24T12:00:00Z',
      version: 1,
      statements: [
        {
          vulnerability: { name: 'CVE-2023-45853' },
          products: [{ '@id': 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1' }],
          status: 'fixed',
        },
      ],
    };
    expect(openVexProblems(minimal)).toEqual([]);
  });

  it('rejects a not_affected statement with neither justification nor impact statement', () => {
    expect(problemsAfter((d) => delete d.statements[0].justification)).toEqual([]); // the impact statement suffices
    expect(
      problemsAfter((d) => {
        delete d.statements[0].justification;
        delete d.statements[0].impact_statement;
      }),
    ).toEqual(['statements[0]: a not_affected statement needs a justification or an impact_statement']);
    expect(problemsAfter((d) => (d.statements[0].justification = 'not_exploitable'))).toEqual([
      'statements[0].justification: must be one of component_not_present, vulnerable_code_not_present, vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, inline_mitigations_already_exist',
    ]);
  });

  it('rejects an unknown status and an affected statement without an action statement', () => {
    expect(problemsAfter((d) => (d.statements[3].status = 'resolved'))).toEqual([
      'statements[3].status: must be one of not_affected, affected, fixed, under_investigation',
    ]);
    expect(problemsAfter((d) => delete d.statements[1].action_statement)).toEqual([
      'statements[1]: an affected statement needs an action_statement',
    ]);
  });

  it('rejects fields the specification does not name, at every level', () => {
    expect(problemsAfter((d) => (d.statements[2].expires = '2027-01-31'))).toEqual([
      'statements[2]: unknown field "expires"',
    ]);
    expect(problemsAfter((d) => (d.supplier = 'airlock'))).toEqual(['document: unknown field "supplier"']);
    expect(problemsAfter((d) => (d.statements[0].vulnerability.severity = 'high'))).toEqual([
      'statements[0].vulnerability: unknown field "severity"',
    ]);
    expect(problemsAfter((d) => (d.statements[0].products[0].subcomponents[0].subcomponents = []))).toEqual([
      'statements[0].products[0].subcomponents[0]: unknown field "subcomponents"',
    ]);
    expect(problemsAfter((d) => (d.statements[0].products[0].hashes = { sha256: 'e7' }))).toEqual([
      'statements[0].products[0].hashes.sha256: is not one of md5, sha1, sha-256, sha-384, sha-512, sha3-224, sha3-256, sha3-384, sha3-512, blake2s-256, blake2b-256, blake2b-512',
    ]);
  });

  it('rejects broken document metadata', () => {
    expect(
      problemsAfter((d) => {
        d['@context'] = 'https://openvex.dev/ns';
        d['@id'] = 'vex 1';
        delete d.author;
        d.timestamp = '24/11/2026';
        d.version = 0;
      }),
    ).toEqual([
      '@context: must be https://openvex.dev/ns/v0.2.0',
      '@id: must be an IRI',
      'author: is required',
      'timestamp: must be an ISO 8601 date-time',
      'version: must be an integer of at least 1',
    ]);
    expect(problemsAfter((d) => (d.version = '1'))).toEqual(['version: must be an integer of at least 1']);
    expect(problemsAfter((d) => (d.statements = []))).toEqual(['statements: must list one or more statements']);
    expect(openVexProblems([])).toEqual(['document: not a JSON object']);
  });

  it('rejects statements that name no vulnerability or product, or carry bad timestamps', () => {
    expect(
      problemsAfter((d) => {
        d.statements[3].vulnerability = 'CVE-2023-50495'; // the pre-0.2.0 string form
        d.statements[3].products = [];
        d.statements[2].products = [{}];
        d.statements[1].action_statement_timestamp = '2026-11-24 12:00';
      }),
    ).toEqual([
      'statements[1].action_statement_timestamp: must be an ISO 8601 date-time',
      'statements[2].products[0]: names no @id, identifiers or hashes',
      'statements[3].vulnerability: must be a vulnerability struct with a name',
      'statements[3].products: must identify one or more products',
    ]);
  });
});
