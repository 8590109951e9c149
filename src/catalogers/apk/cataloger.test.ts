import { describe, expect, it } from 'vitest';
import type { Distro } from '../../sbom/model.js';
import { contextFromLayers, testLayer, type LayerContents } from '../common/testdata/context.js';
import { apkCataloger } from './cataloger.js';
import { baseDb, curlDb } from './testdata/alpine-3.20.js';
const alpine: Distro = { id: 'alpine', versionId: '3.20.2', prettyName: 'Alpine Linux v3.20' };
const DB = '/lib/apk/db/installed';

/** One package field as the database text spells it, to check the cataloger maps it. */
function field(name: string, key: string): string {
  const entry = baseDb()
    .split('\n\n')
    .find((e) => e.includes(`\nP:${name}\n`))!;
  return new RegExp(`^${key}:(.+)$`, 'm').exec(entry)![1];
}

function catalog(layers: LayerContents[], distro: Distro | undefined = alpine) {
  return apkCataloger.catalog(contextFromLayers(layers, distro, apkCataloger.wants));
}

describe('apkCataloger', () => {
  it('wants the installed database at the apk-tools 2 and 3 locations', () => {
    expect(apkCataloger.wants('/lib/apk/db/installed')).toBe(true);
    expect(apkCataloger.wants('/usr/lib/apk/db/installed')).toBe(true);
    expect(apkCataloger.wants('/lib/apk/db/triggers')).toBe(false);
  });

  it('catalogs the base packages of Alpine 3.20', () => {
    const { packages, warnings } = catalog([{ [DB]: baseDb() }]);
    expect(warnings).toEqual([]);
    expect(packages.map((p) => `${p.name} ${p.version} ${p.sourceName}`)).toEqual([
      'alpine-baselayout 3.6.5-r0 alpine-baselayout',
      'alpine-baselayout-data 3.6.5-r0 alpine-baselayout',
      'alpine-keys 2.4-r1 alpine-keys',
      'apk-tools 2.14.4-r0 apk-tools',
      'busybox 1.36.1-r29 busybox',
      'busybox-binsh 1.36.1-r29 busybox',
      'ca-certificates-bundle 20240705-r0 ca-certificates',
      'libcrypto3 3.3.1-r1 openssl',
      'libssl3 3.3.1-r1 openssl',
      'musl 1.2.5-r0 musl',
      'musl-utils 1.2.5-r0 musl',
      'scanelf 1.3.7-r2 pax-utils',
      'ssl_client 1.36.1-r29 busybox',
      'zlib 1.3.1-r1 zlib',
    ]);
  });

  it('builds syft-style purls, upstream only when the origin differs', () => {
    const byName = new Map(catalog([{ [DB]: baseDb() }]).packages.map((p) => [p.name, p]));
    expect(byName.get('musl')?.purl).toBe('pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.2');
    expect(byName.get('libcrypto3')?.purl).toBe(
      'pkg:apk/alpine/libcrypto3@3.3.1-r1?arch=x86_64&distro=alpine-3.20.2&upstream=openssl',
    );
    expect(byName.get('libcrypto3')).toMatchObject({
      type: 'apk',
      arch: 'x86_64',
      foundBy: 'apk',
      licenses: ['Apache-2.0'],
      locations: [{ path: DB, layerDiffId: testLayer(0).diffId }],
      introducedByLayer: testLayer(0).diffId,
      metadata: {
        maintainer: 'Natanael Copa <ncopa@alpinelinux.org>',
        installedSize: Number(field('libcrypto3', 'I')),
        commit: field('libcrypto3', 'c'),
        buildTime: Number(field('libcrypto3', 't')),
        url: 'https://www.openssl.org/',
      },
    });
  });

  it('keeps SPDX expressions whole', () => {
    const byName = new Map(catalog([{ [DB]: baseDb() }]).packages.map((p) => [p.name, p.licenses]));
    expect(byName.get('ca-certificates-bundle')).toEqual(['MPL-2.0 AND MIT']);
    expect(byName.get('musl-utils')).toEqual(['MIT AND BSD-2-Clause AND GPL-2.0-or-later']);
    expect(byName.get('zlib')).toEqual(['Zlib']);
  });

  it('follows packages through layers: base image, apk add, apk del, apk add again', () => {
    const layers: LayerContents[] = [
      { [DB]: baseDb() }, // 0: FROM alpine:3.20
      { [DB]: curlDb() }, // 1: apk add curl tzdata
      { [DB]: curlDb(['tzdata']) }, // 2: apk del tzdata
      { [DB]: curlDb() }, // 3: apk add tzdata
    ];
    const { packages } = catalog(layers);
    const introduced = new Map(packages.map((p) => [p.name, p.introducedByLayer]));
    expect(packages).toHaveLength(22);
    expect(introduced.get('musl')).toBe(testLayer(0).diffId);
    expect(introduced.get('curl')).toBe(testLayer(1).diffId);
    expect(introduced.get('zstd-libs')).toBe(testLayer(1).diffId);
    expect(introduced.get('tzdata')).toBe(testLayer(3).diffId);
  });

  it('records what each layer added and removed, and a layer that changed nothing not at all', () => {
    const layers: LayerContents[] = [
      { [DB]: baseDb() }, // 0: FROM alpine:3.20
      { [DB]: curlDb() }, // 1: apk add curl tzdata
      { [DB]: curlDb(['tzdata']) }, // 2: apk del tzdata
      { [DB]: curlDb() }, // 3: apk add tzdata
      { [DB]: curlDb() }, // 4: rewritten, same packages
    ];
    const { layerChanges } = catalog(layers);
    expect(layerChanges!.map((c) => c.layer)).toEqual([0, 1, 2, 3].map((i) => testLayer(i).diffId));
    expect(layerChanges![0].added).toHaveLength(14);
    const names = (db: string) => [...db.matchAll(/^P:(.+)$/gm)].map((m) => m[1]);
    const added = names(curlDb()).filter((n) => !names(baseDb()).includes(n));
    expect(added).toContain('tzdata');
    expect(layerChanges![1].added.map((p) => p.name)).toEqual(added.sort());
    expect(layerChanges![1].removed).toEqual([]);
    expect(layerChanges![1].added.some((p) => p.name === 'curl' && p.version === '8.9.0-r0')).toBe(true);
    const tzdata = layerChanges![1].added.find((p) => p.name === 'tzdata')!;
    expect(layerChanges![2]).toEqual({ layer: testLayer(2).diffId, added: [], removed: [tzdata], changed: [] });
    expect(layerChanges![3]).toEqual({ layer: testLayer(3).diffId, added: [tzdata], removed: [], changed: [] });
  });

  it('records a package whose version a layer replaced as changed, once when both database paths hold it', () => {
    const upgraded = baseDb().replace(/(\nP:musl\nV:)1\.2\.5-r0\n/, '$11.2.5-r1\n');
    expect(upgraded).not.toBe(baseDb());
    const both = (db: string) => ({ [DB]: db, '/usr/lib/apk/db/installed': db });
    const { layerChanges } = catalog([both(baseDb()), both(upgraded)]);
    expect(layerChanges![0].added).toHaveLength(14);
    expect(layerChanges![1]).toEqual({
      layer: testLayer(1).diffId,
      added: [],
      removed: [],
      changed: [{ type: 'apk', name: 'musl', from: '1.2.5-r0', to: '1.2.5-r1' }],
    });
  });

  it('reports each package once when both database paths are present', () => {
    const db = baseDb();
    const { packages } = catalog([{ [DB]: db, '/usr/lib/apk/db/installed': db }]);
    expect(packages).toHaveLength(14);
    expect(new Set(packages.map((p) => p.locations[0].path))).toEqual(new Set(['/lib/apk/db/installed']));
  });

  it('skips a corrupt entry with a warning and keeps the rest', () => {
    // A database whose first line is not a field, then valid entries, then an entry without V.
    const db = `this is a corrupt db\n\n${baseDb()}P:no-version\nA:x86_64\n\n`;
    const { packages, warnings } = catalog([{ [DB]: db }]);
    expect(packages).toHaveLength(14);
    expect(warnings).toEqual([
      { path: DB, message: 'entry at line 1: line 1 is not a "X:value" line; entry skipped' },
      {
        path: DB,
        message: `package no-version (line ${db.split('\n').indexOf('P:no-version') + 1}) has no V (version) field; entry skipped`,
      },
    ]);
  });
});
