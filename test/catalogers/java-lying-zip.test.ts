import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeArchive, DEFAULT_LIMITS } from '../../src/catalogers/java/archive.js';
import { pomProperties, zipOf } from '../support/hostile-inputs.js';
import { writeTemp } from '../support/image-builder.js';

/**
 * Zips whose headers lie about sizes, with the data-descriptor flag set so that
 * node-stream-zip checks neither size nor CRC: the real inflated bytes must be what
 * counts against the limits, and an entry over them is a problem while the rest counts.
 */
const written: string[] = [];
afterAll(() => written.forEach((f) => rmSync(dirname(f), { recursive: true, force: true })));
function jar(name: string, data: Buffer): string {
  const file = writeTemp(data, name);
  written.push(file);
  return file;
}

const MiB = 1024 * 1024;

describe('zips that lie about their sizes', () => {
  it('lying-pom-properties: a pom.properties claiming 60 bytes inflates to 8 MiB: a problem, the real pom still counts', async () => {
    const file = jar(
      'lying-pom.jar',
      zipOf([
        pomProperties('org.example', 'honest', '1.2.3'),
        {
          name: 'META-INF/maven/org.example/liar/pom.properties',
          content: Buffer.alloc(8 * MiB, 0x23),
          claimedSize: 60,
        },
      ]),
    );
    const analysis = await analyzeArchive(file, 'lying-pom.jar');
    expect(analysis.artifacts.map((a) => `${a.groupId}:${a.artifactId}:${a.version}`)).toEqual([
      'org.example:honest:1.2.3',
    ]);
    expect(analysis.problems).toEqual([
      `META-INF/maven/org.example/liar/pom.properties: inflates past ${MiB} bytes; skipped`,
    ]);
  });

  it('lying-nested-jars: nested jars claiming 1 KB each are charged what they really inflate to', async () => {
    // Each nested entry inflates to 3 MiB while claiming 1000 bytes; the outer budget is 8 MiB:
    // two fit (as damaged zips, a problem each), the third is cut off at the 2 MiB left.
    const nested = (n: number) => ({
      name: `BOOT-INF/lib/filler-${n}.jar`,
      content: Buffer.alloc(3 * MiB),
      claimedSize: 1000,
    });
    const file = jar(
      'lying-nested.jar',
      zipOf([pomProperties('org.example', 'app', '2.0.0'), nested(1), nested(2), nested(3)]),
    );
    const analysis = await analyzeArchive(file, 'lying-nested.jar', {
      ...DEFAULT_LIMITS,
      maxNestedBytes: 4 * MiB,
      maxTotalNestedBytes: 8 * MiB,
    });
    expect(analysis.artifacts.map((a) => `${a.nestedPath || '.'} ${a.groupId}:${a.artifactId}:${a.version}`)).toEqual([
      '. org.example:app:2.0.0',
    ]);
    expect(analysis.problems).toHaveLength(3);
    // The third is cut off by what is left of the outer archive's total, and says so.
    expect(analysis.problems[2]).toBe(
      `BOOT-INF/lib/filler-3.jar: inflates past ${2 * MiB} bytes (the ${2 * MiB} bytes left of the limit of ${8 * MiB} bytes extracted per outer archive); skipped`,
    );
  });
});
