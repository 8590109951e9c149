/**
 * A jar nested past the depth limit is a warning, not a silent stop (issue 12), end to end: a
 * test-built image holds a war whose WEB-INF/lib nests real jars four levels deep (made with
 * zip(1) from the app fixture image's jars). The SBOM lists every artifact down to the
 * limit — and the sibling jars beside the deep chain — and warns on the war naming the jar
 * left unread and the limit.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFromImage, fixturePath, zipWith } from '../src/catalogers/java/testdata/jars.js';
import type { Sbom } from '../src/sbom/model.js';
import { generateSbom } from '../src/services/sbom.js';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';

let dir: string;
let app: { root: string; cleanup(): void };
let sbom: Sbom;
let image: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-nesting-'));
  app = extractFromImage(fixturePath('app.docker.tar'), ['app/lib/*.jar', 'usr/share/java/bson-3.6.3.jar']);
  const lib = (name: string) => path.join(app.root, 'app/lib', name);
  const level3 = zipWith(path.join(dir, 'level3.jar'), lib('log4j-api-2.19.0.jar'), {
    'lib/bson-3.6.3.jar': path.join(app.root, 'usr/share/java/bson-3.6.3.jar'),
  });
  const level2 = zipWith(path.join(dir, 'level2.jar'), undefined, { 'inner/level3.jar': level3 });
  const level1 = zipWith(path.join(dir, 'level1.jar'), undefined, { 'inner/level2.jar': level2 });
  const war = zipWith(path.join(dir, 'shop.war'), undefined, {
    'WEB-INF/lib/level1.jar': level1,
    'WEB-INF/lib/log4j-core-2.19.0.jar': lib('log4j-core-2.19.0.jar'),
  });
  image = writeTemp(
    await dockerClassicTar({ layers: [[{ path: 'srv/' }, { path: 'srv/shop.war', content: readFileSync(war) }]] }),
    'nested-war.tar',
  );
  sbom = await generateSbom(image);
}, 120_000);
afterAll(() => {
  app?.cleanup();
  for (const d of [dir, image && path.dirname(image)]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('a war nested deeper than the nesting limit', () => {
  it('lists what is within the limit and the sibling jars, and warns naming the unread jar and the limit', () => {
    expect(
      sbom.packages
        .filter((p) => p.type === 'maven')
        .map((p) => `${p.locations[0].path} ${p.purl}`)
        .sort(),
    ).toEqual([
      '/srv/shop.war!/WEB-INF/lib/level1.jar!/inner/level2.jar!/inner/level3.jar pkg:maven/org.apache.logging.log4j/log4j-api@2.19.0',
      '/srv/shop.war!/WEB-INF/lib/log4j-core-2.19.0.jar pkg:maven/org.apache.logging.log4j/log4j-core@2.19.0',
    ]);
    expect(sbom.warnings.filter((w) => w.path.startsWith('/srv/'))).toEqual([
      {
        path: '/srv/shop.war',
        message:
          'WEB-INF/lib/level1.jar!/inner/level2.jar!/inner/level3.jar!/lib/bson-3.6.3.jar: archive nested 4 levels deep, past the nesting limit of 3; not read',
      },
    ]);
  });
});
