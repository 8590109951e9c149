/**
 * SBOM documents as other tools shape them, around the real Debian image's packages: a
 * Trivy-style CycloneDX (source package in aquasecurity:trivy properties, image ID and
 * RepoTag on metadata.component), a BuildKit statement in a DSSE envelope, and the
 * documents airlock refuses with one line naming the file.
 */
import { describe, expect, it } from 'vitest';
import { parseSbomJson } from './decode.js';
import { buildkitSpdx, minbasePackages } from '../../../test/store/support/buildkit-spdx.js';

const packages = minbasePackages();

describe('parseSbomJson', () => {
  it('Trivy-style CycloneDX: SrcName/SrcVersion/SrcEpoch properties, ImageID and RepoTag', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: {
        timestamp: '2026-11-24T10:30:00+00:00',
        tools: { components: [{ type: 'application', group: 'aquasecurity', name: 'trivy', version: '0.56.2' }] },
        component: {
          type: 'container',
          name: 'minbase:1.0',
          properties: [
            {
              name: 'aquasecurity:trivy:ImageID',
              value: 'sha256:83b9a077b6b4866a6d4e0af70d2f37248c38fe13d95a70d014cd87129597230c',
            },
            {
              name: 'aquasecurity:trivy:DiffID',
              value: 'sha256:92305bf7694fdf2e42153d3640ec2528e2f87ad0f35711c39687754bc9896ce3',
            },
            { name: 'aquasecurity:trivy:RepoTag', value: 'minbase:1.0' },
          ],
        },
      },
      components: [
        { type: 'operating-system', name: 'debian', version: '12.11' },
        ...packages.map((p) => {
          const [epoch, version] = p.version.includes(':') ? p.version.split(':') : ['0', p.version];
          const [srcEpoch, srcFull] = p.sourceVersion.includes(':')
            ? p.sourceVersion.split(':')
            : ['0', p.sourceVersion];
          const dash = srcFull.lastIndexOf('-');
          return {
            type: 'library',
            name: p.name,
            version: p.version,
            purl: `pkg:deb/debian/${p.name}@${encodeURIComponent(version)}?arch=${p.arch}&distro=debian-12.11${epoch !== '0' ? `&epoch=${epoch}` : ''}`,
            properties: [
              { name: 'aquasecurity:trivy:PkgType', value: 'debian' },
              { name: 'aquasecurity:trivy:SrcName', value: p.source },
              { name: 'aquasecurity:trivy:SrcVersion', value: dash > 0 ? srcFull.slice(0, dash) : srcFull },
              ...(dash > 0 ? [{ name: 'aquasecurity:trivy:SrcRelease', value: srcFull.slice(dash + 1) }] : []),
              ...(srcEpoch !== '0' ? [{ name: 'aquasecurity:trivy:SrcEpoch', value: srcEpoch }] : []),
              {
                name: 'aquasecurity:trivy:LayerDiffID',
                value: 'sha256:92305bf7694fdf2e42153d3640ec2528e2f87ad0f35711c39687754bc9896ce3',
              },
            ],
          };
        }),
      ],
    };
    const sbom = parseSbomJson(doc, 'trivy.cdx.json');
    expect(sbom.image).toMatchObject({
      format: 'sbom',
      names: ['minbase:1.0'],
      configDigest: 'sha256:83b9a077b6b4866a6d4e0af70d2f37248c38fe13d95a70d014cd87129597230c',
    });
    expect(sbom.image.layers.map((l) => l.diffId)).toEqual([
      'sha256:92305bf7694fdf2e42153d3640ec2528e2f87ad0f35711c39687754bc9896ce3',
    ]);
    expect(sbom.distro).toEqual({ id: 'debian', versionId: '12.11' });
    expect(sbom.packages).toHaveLength(88);
    for (const p of packages) {
      const pkg = sbom.packages.find((x) => x.name === p.name)!;
      expect([pkg.version, pkg.sourceName, pkg.sourceVersion ?? pkg.version]).toEqual([
        p.version,
        p.source,
        p.sourceVersion,
      ]);
    }
    expect(sbom.packages.find((p) => p.name === 'bsdutils')).toMatchObject({
      foundBy: 'trivy',
      introducedByLayer: 'sha256:92305bf7694fdf2e42153d3640ec2528e2f87ad0f35711c39687754bc9896ce3',
    });
  });

  it('a BuildKit statement inside a DSSE envelope', () => {
    const statement = {
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://spdx.dev/Document',
      subject: [
        {
          name: 'pkg:docker/minbase@1.0',
          digest: { sha256: 'e7119cb0dfeba0bb604d818082cf6f955149bf11fbb3790831167cbd1f7b5dac' },
        },
      ],
      predicate: buildkitSpdx(packages),
    };
    const envelope = {
      payloadType: 'application/vnd.in-toto+json',
      payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
      signatures: [],
    };
    const sbom = parseSbomJson(envelope, 'minbase.intoto.jsonl');
    expect(sbom.packages).toHaveLength(88);
    expect(sbom.distro).toMatchObject({ id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' });
    expect(sbom.generatedAt).toBe('2026-11-24T10:30:00.000Z');
  });

  it('refuses, in one line naming the file, what is not an SBOM it reads', () => {
    const provenance = {
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://slsa.dev/provenance/v0.2',
      subject: [],
      predicate: { buildType: 'https://mobyproject.org/buildkit@v1' },
    };
    expect(() => parseSbomJson(provenance, 'prov.json')).toThrow(
      "prov.json: in-toto statement's predicate is https://slsa.dev/provenance/v0.2, not an SBOM (SPDX or CycloneDX)",
    );
    expect(() =>
      parseSbomJson({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [] }, 'v3.json'),
    ).toThrow('v3.json: looks like SPDX 3 (JSON-LD)');
    expect(() => parseSbomJson({ spdxVersion: 'SPDX-2.1', packages: [] }, 'old.spdx.json')).toThrow(
      'old.spdx.json: SPDX version "SPDX-2.1" is not one airlock reads (SPDX-2.2, SPDX-2.3)',
    );
    expect(() =>
      parseSbomJson({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [] }, 'empty.cdx.json'),
    ).toThrow('empty.cdx.json: CycloneDX 1.6 document lists no packages');
    expect(() => parseSbomJson([1, 2], 'array.json')).toThrow('array.json: is not a JSON object');
  });

  it('keeps what it cannot match out, with one warning that says how many and why', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.4',
      metadata: { tools: [{ vendor: 'anchore', name: 'syft', version: '1.18.1' }] },
      components: [
        { type: 'library', name: 'openssl', version: '3.0.13', purl: 'pkg:generic/openssl@3.0.13' },
        {
          type: 'library',
          name: 'zlib1g',
          version: '1:1.2.13.dfsg-1',
          purl: 'pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&upstream=zlib&distro=debian-12',
        },
        { type: 'file', name: '/usr/bin/env' },
      ],
    };
    const sbom = parseSbomJson(doc, 'syft.cdx.json');
    expect(sbom.packages.map((p) => [p.name, p.sourceName, p.foundBy])).toEqual([['zlib1g', 'zlib', 'syft']]);
    expect(sbom.warnings).toEqual([
      {
        path: 'syft.cdx.json',
        message:
          '1 package left out, no purl of a type airlock matches: openssl 3.0.13 (purl type generic is not one airlock matches)',
      },
    ]);
  });
});
