import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeArchive, withArchive, DEFAULT_LIMITS, type ArchiveAnalysis } from './archive.js';
import { debianJars, extractFromImage, fixturePath, jdkFacts, zipWith } from './testdata/jars.js';

const gav = (a: { groupId?: string; artifactId: string; version: string }) =>
  `${a.groupId}:${a.artifactId}:${a.version}`;
const found = (r: ArchiveAnalysis) =>
  r.artifacts.map((a) => `${a.nestedPath || '.'} ${gav(a)} ${a.identifiedBy}`).sort();

describe("Debian's jars: pom.properties and manifests read as the JDK reads them", () => {
  const jars = debianJars();
  const facts = jdkFacts(jars);

  it(`every pom.properties of ${jars.length} jars in /usr/share/java`, async () => {
    let poms = 0;
    for (const jar of jars) {
      const ours = await analyzeArchive(jar, path.basename(jar));
      const fromPoms = ours.artifacts
        .filter((a) => a.identifiedBy === 'pom.properties')
        .map(gav)
        .sort();
      expect(fromPoms, jar).toEqual([...new Set(facts.get(jar)!.poms)].sort());
      poms += fromPoms.length;
    }
    expect(poms).toBeGreaterThan(40);
  });

  it('every manifest main-section attribute the cataloger uses, continuation lines joined', async () => {
    let compared = 0;
    for (const jar of jars) {
      const manifest = await withArchive(jar, async (d) => d.manifest);
      for (const [name, value] of facts.get(jar)!.manifest) {
        expect(manifest.get(name.toLowerCase()), `${jar} ${name}`).toBe(value);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('a shaded jar lists every artifact folded into it, and the jar itself from its manifest when no pom names it', async () => {
    const guice = await analyzeArchive('/usr/share/java/guice.jar', 'guice.jar');
    // Debian's guice bundles cglib (with its pom.properties) but has none of its own.
    expect(found(guice)).toEqual([
      '. cglib:cglib:3.2.12 pom.properties',
      `. com.google.inject:guice:${facts.get('/usr/share/java/guice.jar')!.manifest.get('Bundle-Version')} manifest`,
    ]);
    const wagon = jars.find((j) => /wagon-http-shaded.*\.jar$/.test(j))!;
    expect((await analyzeArchive(wagon, path.basename(wagon))).artifacts.map(gav).sort()).toEqual(
      [...facts.get(wagon)!.poms].sort(),
    );
  });

  it('a jar without pom.properties is named from its file name', async () => {
    const jar = jars.find((j) => path.basename(j) === 'aopalliance-1.0.jar')!;
    expect(facts.get(jar)!.poms).toEqual([]);
    expect(found(await analyzeArchive(jar, path.basename(jar)))).toEqual(['. undefined:aopalliance:1.0 file name']);
  });
});

describe('fat jars assembled from real jars with zip(1)', () => {
  let dir: string;
  let app: { root: string; cleanup(): void };
  const lib = (name: string) => path.join(app.root, 'app/lib', name);

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'airlock-fatjar-'));
    app = extractFromImage(fixturePath('app.docker.tar'), ['app/lib/*.jar', 'usr/share/java/bson-3.6.3.jar']);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    app?.cleanup();
  });

  it("Spring Boot layout: the app's own pom plus every BOOT-INF/lib jar, located as outer!/inner", async () => {
    const boot = zipWith(path.join(dir, 'service.jar'), lib('jackson-databind-2.14.0.jar'), {
      'BOOT-INF/lib/log4j-api-2.19.0.jar': lib('log4j-api-2.19.0.jar'),
      'BOOT-INF/lib/log4j-core-2.19.0.jar': lib('log4j-core-2.19.0.jar'),
      'BOOT-INF/lib/commons-io.jar': '/usr/share/java/commons-io.jar',
    });
    expect(found(await analyzeArchive(boot, 'service.jar'))).toEqual([
      '!/BOOT-INF/lib/commons-io.jar commons-io:commons-io:2.11.0 pom.properties',
      '!/BOOT-INF/lib/log4j-api-2.19.0.jar org.apache.logging.log4j:log4j-api:2.19.0 pom.properties',
      '!/BOOT-INF/lib/log4j-core-2.19.0.jar org.apache.logging.log4j:log4j-core:2.19.0 pom.properties',
      '. com.fasterxml.jackson.core:jackson-databind:2.14.0 pom.properties',
    ]);
  });

  it('a war with WEB-INF/lib, nested three deep, read down to the depth limit and no further, saying so', async () => {
    const level3 = zipWith(path.join(dir, 'level3.jar'), lib('log4j-api-2.19.0.jar'), {
      'lib/bson-3.6.3.jar': path.join(app.root, 'usr/share/java/bson-3.6.3.jar'),
    });
    const level2 = zipWith(path.join(dir, 'level2.jar'), undefined, { 'inner/level3.jar': level3 });
    const level1 = zipWith(path.join(dir, 'level1.jar'), undefined, { 'inner/level2.jar': level2 });
    const war = zipWith(path.join(dir, 'shop.war'), undefined, { 'WEB-INF/lib/level1.jar': level1 });
    const analysis = await analyzeArchive(war, 'shop.war');
    // shop.war (depth 0) → level1 (1) → level2 (2) → level3 (3): level3's own jar is the last read.
    expect(found(analysis)).toEqual([
      '!/WEB-INF/lib/level1.jar!/inner/level2.jar!/inner/level3.jar org.apache.logging.log4j:log4j-api:2.19.0 pom.properties',
    ]);
    // The fourth level is not opened, and not silently: its contents are missing from the SBOM.
    expect(analysis.problems).toEqual([
      'WEB-INF/lib/level1.jar!/inner/level2.jar!/inner/level3.jar!/lib/bson-3.6.3.jar: archive nested 4 levels deep, past the nesting limit of 3; not read',
    ]);
    const deeper = await analyzeArchive(war, 'shop.war', { ...DEFAULT_LIMITS, maxDepth: 4 });
    expect(found(deeper)).toContain(
      '!/WEB-INF/lib/level1.jar!/inner/level2.jar!/inner/level3.jar!/lib/bson-3.6.3.jar org.mongodb:bson:3.6.3 file name',
    );
    expect(deeper.problems).toEqual([]);
    // At limit 0 only the war itself is read; each archive it holds is named.
    const flat = await analyzeArchive(war, 'shop.war', { ...DEFAULT_LIMITS, maxDepth: 0 });
    expect(flat.problems).toEqual([
      'WEB-INF/lib/level1.jar: archive nested 1 levels deep, past the nesting limit of 0; not read',
    ]);
  });

  it('a nested jar over the size limit is skipped with a problem; the rest is read', async () => {
    const boot = zipWith(path.join(dir, 'sized.jar'), undefined, {
      'BOOT-INF/lib/log4j-core-2.19.0.jar': lib('log4j-core-2.19.0.jar'),
      'BOOT-INF/lib/log4j-api-2.19.0.jar': lib('log4j-api-2.19.0.jar'),
    });
    const coreSize = readFileSync(lib('log4j-core-2.19.0.jar')).length;
    const analysis = await analyzeArchive(boot, 'sized.jar', { ...DEFAULT_LIMITS, maxNestedBytes: coreSize - 1 });
    expect(found(analysis)).toEqual([
      '!/BOOT-INF/lib/log4j-api-2.19.0.jar org.apache.logging.log4j:log4j-api:2.19.0 pom.properties',
    ]);
    expect(analysis.problems).toEqual([
      `BOOT-INF/lib/log4j-core-2.19.0.jar: nested archive of ${coreSize} bytes is over the limit of ${coreSize - 1} bytes per nested archive; skipped`,
    ]);
  });

  it('once the total extracted for one outer jar is spent, the next nested jar is skipped naming that limit; the rest is read', async () => {
    const boot = zipWith(path.join(dir, 'budget.jar'), lib('jackson-databind-2.14.0.jar'), {
      'BOOT-INF/lib/log4j-core-2.19.0.jar': lib('log4j-core-2.19.0.jar'),
      'BOOT-INF/lib/log4j-api-2.19.0.jar': lib('log4j-api-2.19.0.jar'),
    });
    const coreSize = readFileSync(lib('log4j-core-2.19.0.jar')).length;
    const apiSize = readFileSync(lib('log4j-api-2.19.0.jar')).length;
    // zip(1) stores them in the order given: log4j-core is extracted, then one byte too few is left for log4j-api.
    const total = coreSize + apiSize - 1;
    const analysis = await analyzeArchive(boot, 'budget.jar', { ...DEFAULT_LIMITS, maxTotalNestedBytes: total });
    expect(found(analysis)).toEqual([
      '!/BOOT-INF/lib/log4j-core-2.19.0.jar org.apache.logging.log4j:log4j-core:2.19.0 pom.properties',
      '. com.fasterxml.jackson.core:jackson-databind:2.14.0 pom.properties',
    ]);
    expect(analysis.problems).toEqual([
      `BOOT-INF/lib/log4j-api-2.19.0.jar: nested archive of ${apiSize} bytes is over the ${total - coreSize} bytes left of the limit of ${total} bytes extracted per outer archive; skipped`,
    ]);
  });

  it('a damaged nested jar is a problem; a damaged outer jar throws', async () => {
    const broken = path.join(dir, 'broken.jar');
    writeFileSync(broken, readFileSync(lib('log4j-api-2.19.0.jar')).subarray(0, 5000));
    const boot = zipWith(path.join(dir, 'with-broken.jar'), lib('log4j-core-2.19.0.jar'), {
      'BOOT-INF/lib/broken.jar': broken,
    });
    const analysis = await analyzeArchive(boot, 'with-broken.jar');
    expect(found(analysis)).toEqual(['. org.apache.logging.log4j:log4j-core:2.19.0 pom.properties']);
    expect(analysis.problems).toHaveLength(1);
    expect(analysis.problems[0]).toMatch(/^BOOT-INF\/lib\/broken\.jar: .+; skipped$/);
    await expect(analyzeArchive(broken, 'broken.jar')).rejects.toThrow();
  });

  it('the vendored jars of the app image: the pom.properties coordinates of its truth file', async () => {
    const rows = readFileSync(fixturePath('app.truth/java.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'));
    const vendored = rows.filter(([jar]) => jar.startsWith('/app/lib/'));
    expect(vendored.length).toBe(3);
    for (const [jar, gavs] of vendored) {
      const analysis = await analyzeArchive(path.join(app.root, jar), path.basename(jar));
      expect(
        analysis.artifacts.map((a) => `${gav(a)} ${a.identifiedBy}`),
        jar,
      ).toEqual(gavs.split(',').map((g) => `${g} pom.properties`));
    }
  });
});

describe('licenses from the pom.xml beside pom.properties', () => {
  it("Debian's jansi declares the Apache license in its own pom.xml; a jar whose pom has no <licenses> gets none", async () => {
    const jansi = await analyzeArchive('/usr/share/java/jansi.jar', 'jansi.jar');
    const own = jansi.artifacts.find((a) => a.artifactId === 'jansi')!;
    expect(own.licenses).toEqual(['The Apache Software License, Version 2.0']);
    const guice = await analyzeArchive('/usr/share/java/guice.jar', 'guice.jar');
    expect(guice.artifacts.every((a) => a.licenses === undefined || a.licenses.length > 0)).toBe(true);
  });
});
