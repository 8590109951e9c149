import { readFileSync } from 'node:fs';
import path, { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpkgCataloger } from '../src/catalogers/dpkg/cataloger.js';
import { extractRealImage, type ExtractedImage } from '../src/catalogers/common/testdata/real-image.js';
import type { Sbom } from '../src/sbom/model.js';
import { generateSbom } from '../src/services/sbom.js';
import { fixture, fixtures, truthRows } from './support/fixtures.js';
import { dockerClassicTar, writeTemp, type TreeEntry } from './support/image-builder.js';

/**
 * app.docker.tar is base.docker.tar (debootstrap bookworm) plus an apt-get install layer,
 * a COPY layer and an `apt-get purge -y liblog4j2-java` layer. The per-layer package
 * changes the SBOM records must agree with dpkg-query run in both images.
 */
let sbom: Sbom;
beforeAll(async () => {
  sbom = await generateSbom(fixture('app.docker.tar'));
}, 120_000);

const changeOf = (index: number) => sbom.layerChanges?.find((c) => c.layer === sbom.image.layers[index].diffId);
const dpkgTruth = (name: string) =>
  new Map(truthRows(join(fixtures, name, 'dpkg.tsv')).map(([pkg, version]) => [pkg, version]));

describe('layer changes of app.docker.tar', () => {
  it('records the purge layer as removing liblog4j2-java and adding nothing', () => {
    expect(sbom.image.layers[3].createdBy).toContain('apt-get purge -y liblog4j2-java');
    const purge = changeOf(3)!;
    expect(purge.removed.map((p) => [p.type, p.name])).toEqual([['deb', 'liblog4j2-java']]);
    expect(purge.removed[0].version).toMatch(/^2\.\d+/);
    expect(purge.added).toEqual([]);
    expect(purge.changed).toEqual([]);
  });

  it('records the install layer as adding exactly the packages app has beyond base, plus what a later layer removed', () => {
    const base = dpkgTruth('base.truth');
    const app = dpkgTruth('app.truth');
    const removedLater = new Map(
      sbom
        .layerChanges!.filter((c) => c.layer !== sbom.image.layers[1].diffId)
        .flatMap((c) => c.removed.map((p) => [p.name, p.version] as const)),
    );
    const expected = new Map([...app].filter(([name]) => !base.has(name)));
    for (const [name, version] of removedLater) if (!base.has(name)) expected.set(name, version);

    const install = changeOf(1)!;
    expect(install.added.map((p) => [p.name, p.version]).sort()).toEqual([...expected].sort());
    expect(install.removed).toEqual([]);
    // Base packages the install layer upgraded show as changed, from base's version to app's.
    for (const c of install.changed) expect([c.from, c.to]).toEqual([base.get(c.name), app.get(c.name)]);
    const upgraded = [...base]
      .filter(([name, version]) => app.has(name) && app.get(name) !== version)
      .map(([name]) => name);
    expect(install.changed.map((c) => c.name).sort()).toEqual(upgraded.sort());
  });

  it('has the first layer add all of base and the COPY layer change no OS package', () => {
    const base = dpkgTruth('base.truth');
    expect(
      changeOf(0)!
        .added.map((p) => [p.name, p.version])
        .sort(),
    ).toEqual([...base].sort());
    expect(changeOf(2)).toBeUndefined();
  });
});

/**
 * Multi-layer images whose dpkg status file changes from layer to layer, composed from the
 * real status paragraphs of debian-bookworm-minbase. The older libc6 version is the real
 * bookworm fix of DSA-5514-1 (glibc 2.36-9+deb12u3, ../shared/feeds/debian-vuln-list-debian);
 * the image's own 2.36-9+deb12u14 is the upgrade.
 */
const OLD_GLIBC = '2.36-9+deb12u3';
const NEW_GLIBC = '2.36-9+deb12u14';
const DSA = path.resolve(process.cwd(), '../shared/feeds/debian-vuln-list-debian/tracker/DSA/DSA-5514-1.json');

let real: ExtractedImage;
let paragraphs: Map<string, string>;
beforeAll(() => {
  real = extractRealImage();
  const status = readFileSync(path.join(real.root, 'var/lib/dpkg/status'), 'utf8');
  paragraphs = new Map(
    status
      .trim()
      .split('\n\n')
      .map((p) => [/^Package: (.+)$/m.exec(p)![1], p]),
  );
});
afterAll(() => real?.cleanup());

/** The real status file without `omit`, with `replace` paragraphs swapped in. */
function statusFile(omit: string[], replace: Record<string, string> = {}): TreeEntry {
  const kept = [...paragraphs].filter(([name]) => !omit.includes(name)).map(([name, p]) => replace[name] ?? p);
  return { path: 'var/lib/dpkg/status', content: kept.join('\n\n') + '\n' };
}

async function layerChanges(layers: TreeEntry[][]) {
  const tar = writeTemp(
    await dockerClassicTar({ layers, createdBy: layers.map((_, i) => `RUN step ${i + 1}`) }),
    'image.tar',
  );
  const sbom = await generateSbom(tar, { catalogers: [dpkgCataloger] });
  return { sbom, at: (i: number) => sbom.layerChanges?.find((c) => c.layer === sbom.image.layers[i].diffId) };
}

describe('dpkg layer changes of images built layer by layer from real status paragraphs', () => {
  it('the real DSA names the older glibc fix for bookworm', () => {
    expect(readFileSync(DSA, 'utf8')).toContain(`[bookworm] - glibc ${OLD_GLIBC}`);
  });

  it('tells the packages a layer upgraded, removed and added', async () => {
    const libc6 = paragraphs.get('libc6')!;
    expect(libc6).toContain(`Version: ${NEW_GLIBC}`);
    const oldLibc6 = libc6.replace(`Version: ${NEW_GLIBC}`, `Version: ${OLD_GLIBC}`);
    const { sbom, at } = await layerChanges([
      [statusFile(['tzdata'], { libc6: oldLibc6 })],
      [statusFile(['hostname'])],
    ]);

    expect(at(0)!.added).toHaveLength(87);
    expect(at(0)!.added).toContainEqual({ type: 'deb', name: 'hostname', version: '3.23+nmu1' });
    expect(at(0)!.added).toContainEqual({ type: 'deb', name: 'libc6', version: OLD_GLIBC });
    expect([at(0)!.removed, at(0)!.changed]).toEqual([[], []]);
    expect(at(1)).toEqual({
      layer: sbom.image.layers[1].diffId,
      added: [{ type: 'deb', name: 'tzdata', version: '2026b-0+deb12u1' }],
      removed: [{ type: 'deb', name: 'hostname', version: '3.23+nmu1' }],
      changed: [{ type: 'deb', name: 'libc6', from: OLD_GLIBC, to: NEW_GLIBC }],
    });
  });

  it('counts a whiteout of the status file as removing every package, and a layer that leaves it alone as nothing', async () => {
    const { sbom, at } = await layerChanges([
      [statusFile([])],
      [{ path: 'etc/motd', content: 'hello\n' }],
      [{ path: 'var/lib/dpkg/.wh.status', content: '' }],
    ]);
    expect(sbom.packages).toEqual([]);
    expect(at(1)).toBeUndefined();
    expect(at(2)!.removed.map((p) => p.name)).toEqual([...paragraphs.keys()].sort());
    expect([at(2)!.added, at(2)!.changed]).toEqual([[], []]);
  });

  it('distroless status.d: a file a later layer deletes is a removal, one it rewrites a change', async () => {
    const statusD = (name: string, paragraph = paragraphs.get(name)!): TreeEntry => ({
      path: `var/lib/dpkg/status.d/${name}`,
      content: `${paragraph}
`,
    });
    const oldLibc6 = paragraphs.get('libc6')!.replace(`Version: ${NEW_GLIBC}`, `Version: ${OLD_GLIBC}`);
    const { sbom, at } = await layerChanges([
      [statusD('base-files'), statusD('tzdata'), statusD('libc6', oldLibc6)],
      [{ path: 'var/lib/dpkg/status.d/.wh.tzdata', content: '' }, statusD('libc6')],
    ]);
    const baseFiles = /^Version: (.+)$/m.exec(paragraphs.get('base-files')!)![1];
    expect(sbom.packages.map((p) => [p.name, p.version])).toEqual([
      ['base-files', baseFiles],
      ['libc6', NEW_GLIBC],
    ]);
    expect(at(0)!.added.map((p) => p.name)).toEqual(['base-files', 'libc6', 'tzdata']);
    expect(at(1)).toEqual({
      layer: sbom.image.layers[1].diffId,
      added: [],
      removed: [{ type: 'deb', name: 'tzdata', version: '2026b-0+deb12u1' }],
      changed: [{ type: 'deb', name: 'libc6', from: OLD_GLIBC, to: NEW_GLIBC }],
    });
  });
});
