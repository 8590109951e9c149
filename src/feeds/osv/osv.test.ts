import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import StreamZip from 'node-stream-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byId, collect, type Collected } from '../testdata/collect.js';
import { writeStoredZip } from '../testdata/stored-zip.js';
import { namespaceOf, normalizePypiName } from './ecosystem.js';
import { importer } from './index.js';

const feeds = path.resolve(process.cwd(), '../shared/feeds');
const goZip = path.join(feeds, 'go-vulndb-osv/all.zip');
const pypaZip = path.join(feeds, 'pypa-osv/pypa-advisories.zip');
const ghsaDir = path.join(feeds, 'ghsa-osv');
const ubuntuDir = path.join(feeds, 'ubuntu-osv-samples');

describe('osv importer on the Go vulndb export (all.zip)', () => {
  let go: Collected;
  let dataDate: string | undefined;
  beforeAll(async () => {
    go = await collect(importer, goZip);
    dataDate = go.dataDate;
    expect(go.dataDates).toBe(1);
  });

  it('reads every record of the zip without warnings', () => {
    expect(importer.name).toBe('osv');
    expect(go.advisories).toHaveLength(4291);
    expect(go.warnings).toEqual([]);
    expect(go.advisories.filter((a) => a.withdrawn)).toHaveLength(17);
  });

  it('keeps stdlib SEMVER ranges, and reads Go zero-time dates as unknown', () => {
    const advisory = byId(go.advisories, 'GO-2024-2887');
    expect(advisory.aliases).toEqual(['CVE-2024-24790']);
    expect(advisory.published).toBeUndefined();
    expect(advisory.modified).toBeUndefined();
    expect(advisory.affected).toEqual([
      {
        namespace: 'Go',
        package: 'stdlib',
        status: 'fixed',
        ranges: [
          {
            type: 'SEMVER',
            events: [{ introduced: '0' }, { fixed: '1.21.11' }, { introduced: '1.22.0-0' }, { fixed: '1.22.4' }],
          },
        ],
        versions: [],
      },
    ]);
  });

  it('keeps toolchain packages and withdrawn dates', () => {
    const toolchain = byId(go.advisories, 'GO-2021-0068').affected[0];
    expect(toolchain.package).toBe('toolchain');
    expect(toolchain.ranges[0].events).toEqual([
      { introduced: '0' },
      { fixed: '1.14.14' },
      { introduced: '1.15.0-0' },
      { fixed: '1.15.7' },
    ]);
    const withdrawn = byId(go.advisories, 'GO-2024-2442');
    expect(withdrawn.withdrawn).toBe('2024-01-23T12:50:23.000Z');
    expect(withdrawn.affected[0]).toMatchObject({ package: 'github.com/gravitational/teleport', status: 'no_fix_yet' });
  });

  it('dates the data by the newest withdrawn/modified stamp, since Go records carry zero times', () => {
    expect(dataDate).toBe('2026-08-18T20:23:02.000Z');
  });
});

describe('osv importer on the PyPA advisory database (YAML in a zip)', () => {
  let pypi: Collected;
  beforeAll(async () => {
    pypi = await collect(importer, pypaZip);
  });

  it('reads all PYSEC records, 10 of them withdrawn', () => {
    expect(pypi.advisories).toHaveLength(2661);
    expect(pypi.warnings).toEqual([]);
    expect(pypi.advisories.every((a) => a.id.startsWith('PYSEC-'))).toBe(true);
    expect(pypi.advisories.filter((a) => a.withdrawn)).toHaveLength(10);
  });

  it('keeps a withdrawn record and its explicit versions as strings', () => {
    const redis = byId(pypi.advisories, 'PYSEC-2023-73');
    expect(redis.withdrawn).toBe('2023-06-06T10:37:00.000Z');
    expect(redis.modified).toBe('2023-06-27T18:49:56.911Z');
    expect(redis.affected[0]).toMatchObject({ namespace: 'PyPI', package: 'redis', status: 'no_fix_yet' });
    expect(redis.affected[0].versions.slice(0, 4)).toEqual(['0.6.0', '0.6.1', '1.34', '1.34.1']);
  });

  it('reads an unquoted YAML timestamp as a date', () => {
    expect(byId(pypi.advisories, 'PYSEC-2022-43055').withdrawn).toBe('2023-08-22T06:18:00.000Z');
  });

  it('drops GIT ranges next to ECOSYSTEM ranges and normalizes package names (PEP 503)', () => {
    const accessControl = byId(pypi.advisories, 'PYSEC-2021-335');
    expect(accessControl.aliases).toEqual(['CVE-2021-32807', 'GHSA-qcx9-j53g-ccgf']);
    expect(accessControl.affected[0].ranges).toEqual([
      { type: 'ECOSYSTEM', events: [{ introduced: '4.0' }, { fixed: '4.3' }, { introduced: '5.0' }, { fixed: '5.2' }] },
    ]);
    expect(accessControl.affected[0].fixedVersion).toBeUndefined();
    expect(byId(pypi.advisories, 'PYSEC-2020-341').affected[0]).toMatchObject({
      package: 'jw-util',
      fixedVersion: '2.3',
    });
  });
});

describe('osv importer on GitHub-reviewed advisories (directory tree)', () => {
  it('reads semver ranges and both GitHub severities of GHSA-c2qf-rxjj-qqgw', async () => {
    const ghsa = await collect(importer, ghsaDir);
    expect(ghsa.advisories).toHaveLength(9);
    const semver = byId(ghsa.advisories, 'GHSA-c2qf-rxjj-qqgw');
    expect(semver.aliases).toEqual(['CVE-2022-25883']);
    expect(semver.published).toBe('2023-06-21T06:30:28.000Z');
    expect(semver.severities).toEqual([
      { source: 'ghsa', rating: 'medium' },
      {
        source: 'ghsa',
        cvssVersion: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
        score: 5.3,
        rating: 'medium',
      },
    ]);
    expect(semver.affected.map((a) => [a.namespace, a.package, a.ranges[0].events, a.fixedVersion])).toEqual([
      ['npm', 'semver', [{ introduced: '7.0.0' }, { fixed: '7.5.2' }], '7.5.2'],
      ['npm', 'semver', [{ introduced: '6.0.0' }, { fixed: '6.3.1' }], '6.3.1'],
      ['npm', 'semver', [{ introduced: '0' }, { fixed: '5.7.2' }], '5.7.2'],
    ]);
    expect(byId(ghsa.advisories, 'GHSA-mjmj-j48q-9wg2').affected[0]).toMatchObject({
      namespace: 'Maven',
      package: 'org.yaml:snakeyaml',
      fixedVersion: '2.0',
    });
    expect(ghsa.dataDate).toBe('2024-09-11T17:17:48.000Z');
  });
});

describe('osv importer on Ubuntu OSV records', () => {
  let ubuntu: Collected;
  beforeAll(async () => {
    ubuntu = await collect(importer, ubuntuDir);
  });

  it('maps Ubuntu ecosystems to releases, noting Pro/ESM streams', () => {
    const wayland = byId(ubuntu.advisories, 'UBUNTU-CVE-2021-3782');
    expect(wayland.aliases).toEqual(['CVE-2021-3782']);
    expect(wayland.affected.map((a) => a.namespace)).toEqual([
      'ubuntu:16.04',
      'ubuntu:18.04',
      'ubuntu:20.04',
      'ubuntu:22.04',
    ]);
    expect(wayland.affected[0]).toMatchObject({
      package: 'wayland',
      status: 'fixed',
      fixedVersion: '1.12.0-1~ubuntu16.04.3+esm1',
      note: 'Ubuntu Pro (ESM): Available with Ubuntu Pro (Infra-only): https://ubuntu.com/pro',
    });
    expect(wayland.affected[1].note).toBeUndefined();
  });

  it('keeps the Ubuntu priority and one copy of the repeated CVSS vector', () => {
    expect(byId(ubuntu.advisories, 'UBUNTU-CVE-2021-3782').severities).toEqual([
      { source: 'ubuntu', rating: 'medium' },
      {
        source: 'osv',
        cvssVersion: '3.1',
        vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:H',
        score: 6.6,
        rating: 'medium',
      },
    ]);
  });

  it('marks a release without a fixed event as no_fix_yet', () => {
    const netty = byId(ubuntu.advisories, 'UBUNTU-CVE-2022-24823');
    const trusty = netty.affected.find((a) => a.namespace === 'ubuntu:14.04');
    expect(trusty).toMatchObject({ status: 'no_fix_yet', note: 'Ubuntu Pro (ESM)' });
    expect(netty.affected.find((a) => a.namespace === 'ubuntu:25.10')?.status).toBe('no_fix_yet');
    expect(byId(ubuntu.advisories, 'USN-5614-1').aliases).toEqual(['UBUNTU-CVE-2021-3782']);
  });
});

describe('OSV ecosystem names', () => {
  it('maps distro ecosystems to the namespaces the distro feeds use', () => {
    // Ecosystem spellings as osv.dev publishes them (ecosystems.txt).
    expect(namespaceOf('Debian:12')).toEqual({ namespace: 'debian:bookworm' });
    expect(namespaceOf('Debian:11')).toEqual({ namespace: 'debian:bullseye' });
    expect(namespaceOf('Alpine:v3.20')).toEqual({ namespace: 'alpine:3.20' });
    expect(namespaceOf('Ubuntu:22.04:LTS')).toEqual({ namespace: 'ubuntu:22.04' });
    expect(namespaceOf('Ubuntu:Pro:16.04:LTS')).toEqual({ namespace: 'ubuntu:16.04', note: 'Ubuntu Pro (ESM)' });
    expect(namespaceOf('crates.io')).toEqual({ namespace: 'crates.io' });
    expect(normalizePypiName('Flask_Caching')).toBe('flask-caching');
  });
});

describe('osv importer detection and malformed records', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'airlock-osv-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('detects OSV by content, not by other feeds', async () => {
    for (const osvPath of [goZip, pypaZip, ghsaDir, ubuntuDir]) expect(await importer.detect(osvPath)).toBe(true);
    for (const other of ['cisa-kev', 'epss', 'nvd/vuln-list-nvd', 'redhat-csaf-samples']) {
      expect(await importer.detect(path.join(feeds, other))).toBe(false);
    }
  });

  it('skips a record without id and an unparsable one with warnings, and keeps the rest', async () => {
    const source = path.join(
      ghsaDir,
      'advisories/github-reviewed/2023/06/GHSA-c2qf-rxjj-qqgw/GHSA-c2qf-rxjj-qqgw.json',
    );
    const original = await readFile(source, 'utf8');
    const withoutId = JSON.parse(original) as Record<string, unknown>;
    delete withoutId.id;
    await writeFile(path.join(dir, 'a-no-id.json'), JSON.stringify(withoutId));
    await writeFile(path.join(dir, 'b-truncated.json'), original.slice(0, 400));
    await writeFile(path.join(dir, 'c-valid.json'), original);
    const read = await collect(importer, dir);
    expect(read.advisories.map((a) => a.id)).toEqual(['GHSA-c2qf-rxjj-qqgw']);
    expect(read.warnings).toEqual([
      { file: path.join(dir, 'a-no-id.json'), message: 'invalid OSV record: missing id' },
      { file: path.join(dir, 'b-truncated.json'), message: expect.stringMatching(/^unreadable record: /) },
    ]);
  });

  it('names a bad zip entry as <zip>!<entry> and goes on with the next', async () => {
    const go = new StreamZip.async({ file: goZip });
    const pypa = new StreamZip.async({ file: pypaZip });
    const valid = await go.entryData('GO-2020-0001.json');
    const stdlib = JSON.parse((await go.entryData('GO-2024-2887.json')).toString('utf8'));
    const yaml = (await pypa.entryData('vulns/redis/PYSEC-2023-73.yaml')).toString('utf8');
    await Promise.all([go.close(), pypa.close()]);
    stdlib.affected[0].ranges[0].events = 'introduced 0';
    const zip = path.join(dir, 'all.zip');
    await writeStoredZip(zip, [
      { name: 'GO-2020-0001.json', data: valid },
      { name: 'GO-2024-2887.json', data: JSON.stringify(stdlib) },
      {
        name: 'vulns/redis/PYSEC-2023-73.yaml',
        data: yaml.replace("withdrawn: '2023-06-06T10:37:00Z'", "withdrawn: 'soon'"),
      },
      { name: 'vulns/redis/PYSEC-2023-74.yaml', data: yaml.replace('affected:', 'affected: [') },
    ]);
    const read = await collect(importer, zip);
    expect(read.advisories.map((a) => a.id)).toEqual(['GO-2020-0001']);
    expect(read.warnings).toEqual([
      { file: `${zip}!GO-2024-2887.json`, message: 'invalid OSV record: affected[0].ranges[0].events is not a list' },
      { file: `${zip}!vulns/redis/PYSEC-2023-73.yaml`, message: 'invalid OSV record: withdrawn is not a date: "soon"' },
      { file: `${zip}!vulns/redis/PYSEC-2023-74.yaml`, message: expect.stringMatching(/^unreadable record: /) },
    ]);
  });
});
