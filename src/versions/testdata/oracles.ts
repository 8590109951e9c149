/**
 * Reference implementations on this machine, run in batches: each returns, for every pair,
 * the tool's verdict -1/0/1, or null where the tool rejects a version. A missing tool is an
 * error that names the package to install (see .ci/install-oracles.sh); it never passes quietly.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Pair } from './pairs.js';

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;
export type Verdict = -1 | 0 | 1 | null;

function requireTool(cmd: string, args: string[], pkg: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`oracle "${cmd}" is not usable here: install Debian package ${pkg} (bash .ci/install-oracles.sh)`);
  }
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function parseVerdicts(stdout: string, expected: number, tool: string): Verdict[] {
  const lines = stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== expected) throw new Error(`${tool}: expected ${expected} answers, got ${lines.length}`);
  return lines.map((l) => (l === 'E' ? null : (Number(l) as -1 | 0 | 1)));
}

/** `dpkg --compare-versions`, one shell script per half of the pairs, the two halves in parallel. */
export async function dpkgOracle(pairs: Pair[]): Promise<Verdict[]> {
  requireTool('dpkg', ['--version'], 'dpkg');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'airlock-dpkg-oracle-'));
  // Exit status 0/1 answers the question; anything else means dpkg rejected a version.
  const fn =
    'c() { dpkg --compare-versions "$1" lt "$2" 2>/dev/null; r=$?; ' +
    'if [ $r = 0 ]; then echo -1; elif [ $r != 1 ]; then echo E; ' +
    'elif dpkg --compare-versions "$1" eq "$2" 2>/dev/null; then echo 0; else echo 1; fi; }\n';
  const half = Math.ceil(pairs.length / 2);
  const chunks = [pairs.slice(0, half), pairs.slice(half)];
  const outputs = await Promise.all(
    chunks.map(async (chunk, i) => {
      const script = path.join(dir, `pairs-${i}.sh`);
      writeFileSync(script, fn + chunk.map(([a, b]) => `c ${quote(a)} ${quote(b)}`).join('\n') + '\n');
      return (await run('sh', [script], { maxBuffer: MAX_BUFFER })).stdout;
    }),
  );
  return chunks.flatMap((chunk, i) => parseVerdicts(outputs[i], chunk.length, 'dpkg'));
}

/** rpm's own EVR comparison through its embedded Lua: rpm.ver objects, compared by rpmverCmp. */
export async function rpmOracle(pairs: Pair[]): Promise<Verdict[]> {
  requireTool('rpm', ['--version'], 'rpm');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'airlock-rpm-oracle-'));
  const input = path.join(dir, 'pairs.tsv');
  writeFileSync(input, pairs.map(([a, b]) => `${a}\t${b}`).join('\n') + '\n');
  const cmp =
    'local x, y = rpm.ver(a), rpm.ver(b); if x < y then return -1 elseif x == y then return 0 else return 1 end';
  const lua = path.join(dir, 'oracle.lua');
  writeFileSync(
    lua,
    `for line in io.lines(${JSON.stringify(input)}) do
  local a, b = line:match("^(.-)\\t(.*)$")
  local ok, r = pcall(function() ${cmp} end)
  if ok then io.write(r < 0 and -1 or (r > 0 and 1 or 0), "\\n") else io.write("E\\n") end
end
`,
  );
  const { stdout } = await run('rpm', ['--eval', `%{lua: dofile(${JSON.stringify(lua)})}`], { maxBuffer: MAX_BUFFER });
  return parseVerdicts(stdout, pairs.length, 'rpm');
}

/** The Python interpreter that has pypa `packaging` (pyenv's, or Debian's with python3-packaging). */
function pythonWithPackaging(): string {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import packaging.version'], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return py;
  }
  throw new Error(
    'oracle python3 "packaging" is not importable: install Debian package python3-packaging (bash .ci/install-oracles.sh)',
  );
}

/** pypa packaging's Version ordering; null where Version() raises InvalidVersion. */
export async function pep440Oracle(pairs: Pair[]): Promise<{ verdicts: Verdict[]; packagingVersion: string }> {
  const py = pythonWithPackaging();
  const script = `
import sys, json, packaging
from packaging.version import Version, InvalidVersion
out = []
for a, b in json.load(sys.stdin):
    try:
        x, y = Version(a), Version(b)
        out.append((x > y) - (x < y))
    except InvalidVersion:
        out.append(None)
print(json.dumps({"verdicts": out, "version": packaging.__version__}))
`;
  const child = execFile(py, ['-c', script], { maxBuffer: MAX_BUFFER });
  child.stdin!.end(JSON.stringify(pairs));
  const stdout = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${py} exited with ${code}`))));
  });
  const parsed = JSON.parse(stdout) as { verdicts: Verdict[]; version: string };
  return { verdicts: parsed.verdicts, packagingVersion: parsed.version };
}

/** Maven's own ComparableVersion, from the maven-artifact jar that Debian's maven package ships. */
export function mavenArtifactJar(): string {
  const candidates = ['/usr/share/java/maven3-artifact.jar', '/usr/share/java/maven-artifact.jar'];
  const lib = '/usr/share/maven/lib';
  if (existsSync(lib))
    candidates.push(
      ...readdirSync(lib)
        .filter((f) => f.startsWith('maven-artifact'))
        .map((f) => path.join(lib, f)),
    );
  const jar = candidates.find((c) => existsSync(c));
  if (!jar)
    throw new Error('oracle maven-artifact jar not found: install Debian package maven (bash .ci/install-oracles.sh)');
  requireTool('java', ['-version'], 'default-jre-headless');
  return jar;
}

export async function mavenOracle(pairs: Pair[]): Promise<Verdict[]> {
  const jar = mavenArtifactJar();
  const source = path.join(import.meta.dirname, 'MavenOracle.java');
  const child = execFile('java', ['-cp', jar, source], { maxBuffer: MAX_BUFFER });
  child.stdin!.end(pairs.map(([a, b]) => `${a}\t${b}`).join('\n') + '\n');
  const stdout = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: string) => (out += d));
    child.stderr!.on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`java exited with ${code}: ${err}`))));
  });
  return parseVerdicts(stdout, pairs.length, 'maven ComparableVersion');
}
