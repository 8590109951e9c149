import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Test scaffolding for the Java cataloger: real jars only. Debian's jars on this machine
 * (/usr/share/java, from the maven package .ci/install-oracles.sh installs), the vendored
 * jars of the `app` fixture image, and fat jars assembled from those with zip(1).
 */

export const DEBIAN_JARS = '/usr/share/java';
const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The regular (not symlinked) jars Debian installed here. */
export function debianJars(): string[] {
  const jars = existsSync(DEBIAN_JARS)
    ? readdirSync(DEBIAN_JARS)
        .map((f) => path.join(DEBIAN_JARS, f))
        .filter((f) => f.endsWith('.jar') && lstatSync(f).isFile())
    : [];
  if (jars.length < 20)
    throw new Error(
      `${DEBIAN_JARS} holds ${jars.length} jars: run .ci/install-oracles.sh (installs maven and its Java libraries)`,
    );
  return jars.sort();
}

export interface JdkFacts {
  poms: string[];
  manifest: Map<string, string>;
}

/** What the JDK's java.util.jar and java.util.Properties read from each jar (testdata/JarFacts.java). */
export function jdkFacts(jars: string[]): Map<string, JdkFacts> {
  const out = execFileSync('java', [path.join(HERE, 'JarFacts.java'), ...jars], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const facts = new Map<string, JdkFacts>(jars.map((j) => [j, { poms: [], manifest: new Map() }]));
  for (const line of out.split('\n').filter(Boolean)) {
    const [jar, kind, a, b] = line.split('\t');
    if (kind === 'pom') facts.get(jar)!.poms.push(a);
    else facts.get(jar)!.manifest.set(a, b);
  }
  return facts;
}

export const FIXTURES = process.env.AIRLOCK_FIXTURES ?? '/tmp/fixtures';

export function fixturePath(name: string): string {
  const p = path.join(FIXTURES, name);
  if (!existsSync(p)) throw new Error(`${p} is missing: run scripts/ensure-fixtures to build the fixture images`);
  return p;
}

/** Extracts `members` (tar wildcards) from every layer of a classic docker-save tarball into a new directory. */
export function extractFromImage(image: string, members: string[]): { root: string; cleanup(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'airlock-jars-'));
  const manifest = JSON.parse(execFileSync('tar', ['-xOf', image, 'manifest.json'], { encoding: 'utf8' }));
  for (const layer of manifest[0].Layers as string[]) {
    // A layer without the members makes tar complain; that is expected.
    const script =
      'img=$1 layer=$2 dest=$3; shift 3; tar -xOf "$img" "$layer" | tar -x -C "$dest" --wildcards "$@" 2>/dev/null || true';
    execFileSync('sh', ['-c', script, 'sh', image, layer, root, ...members]);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A zip archive made by Info-ZIP zip(1): `base` (a real jar, copied) plus `entries`, each a
 * real file stored (-0, as Spring Boot stores nested jars) under the given entry name.
 */
export function zipWith(out: string, base: string | undefined, entries: Record<string, string>): string {
  const stage = mkdtempSync(path.join(tmpdir(), 'airlock-zip-'));
  try {
    if (base) copyFileSync(base, out);
    for (const [name, file] of Object.entries(entries)) {
      mkdirSync(path.join(stage, path.dirname(name)), { recursive: true });
      copyFileSync(file, path.join(stage, name));
    }
    execFileSync('zip', ['-q', '-0', '-r', out, ...Object.keys(entries)], { cwd: stage });
    return out;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
