/**
 * Docker Scout's input habits on real images: archive://, oci-dir:// with --ref in a real
 * two-image layout (the app and base fixtures side by side), fs:// on the real Debian
 * root filesystem unpacked, sbom:// and an SBOM on stdin, refused online prefixes, and a
 * missing path said before any stored image is suggested.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BaseAdd from '../../src/commands/base/add.js';
import Compare from '../../src/commands/compare.js';
import Cves from '../../src/commands/cves.js';
import Sbom from '../../src/commands/sbom.js';
import { buildFeedDb, type TestDb } from '../../src/match/testdata/feed-db.js';
import { fixture, fixtures, shared, truthRows } from '../support/fixtures.js';
import { run } from '../support/run-command.js';

const IMAGE = path.join(shared, 'images/debian-bookworm-minbase.oci.tar');
let t: TestDb;
let dir: string;
let layout: string;
let rootfs: string;

/** The app and base OCI fixtures unpacked into one layout whose index names them app:2 and base:1. */
function twoImageLayout(into: string): string {
  const manifests: object[] = [];
  for (const [file, ref] of [
    ['app.oci.tar', 'app:2'],
    ['base.oci.tar', 'base:1'],
  ]) {
    execFileSync('tar', ['-xf', fixture(file), '-C', into]);
    const index = JSON.parse(readFileSync(path.join(into, 'index.json'), 'utf8'));
    manifests.push({ ...index.manifests[0], annotations: { 'org.opencontainers.image.ref.name': ref } });
  }
  writeFileSync(path.join(into, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests }));
  return into;
}

/** The real Debian image's only layer, unpacked as a root filesystem. */
function unpackedRoot(into: string): string {
  const work = path.join(into, 'oci');
  mkdirSync(work);
  execFileSync('tar', ['-xf', IMAGE, '-C', work]);
  const index = JSON.parse(readFileSync(path.join(work, 'index.json'), 'utf8'));
  const manifest = JSON.parse(
    readFileSync(path.join(work, 'blobs/sha256', index.manifests[0].digest.slice(7)), 'utf8'),
  );
  const root = path.join(into, 'rootfs');
  mkdirSync(root);
  execFileSync('tar', ['-xzf', path.join(work, 'blobs/sha256', manifest.layers[0].digest.slice(7)), '-C', root]);
  rmSync(work, { recursive: true });
  return root;
}

beforeAll(async () => {
  t = await buildFeedDb(['debian-vuln-list-debian', 'nvd', 'cisa-kev', 'epss']);
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-habits-'));
  layout = twoImageLayout(mkdirSync(path.join(dir, 'layout'), { recursive: true })!);
  rootfs = unpackedRoot(dir);
}, 120_000);
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const dpkgNames = (truth: string) =>
  truthRows(path.join(fixtures, `${truth}.truth/dpkg.tsv`))
    .map(([name]) => name)
    .sort();
const debNames = (sbomJson: string) =>
  (JSON.parse(sbomJson).packages as { type: string; name: string }[])
    .filter((p) => p.type === 'deb')
    .map((p) => p.name)
    .sort();

describe('archive:// and oci-dir:// with --ref', () => {
  it('archive:// reads a tarball as the bare path does', async () => {
    const prefixed = await run(Sbom, [`archive://${IMAGE}`, '--format', 'json']);
    const bare = await run(Sbom, [IMAGE, '--format', 'json']);
    expect(prefixed.code).toBe(0);
    expect(debNames(prefixed.stdout)).toEqual(debNames(bare.stdout));
    expect(debNames(prefixed.stdout)).toHaveLength(88);
  });

  it('--ref picks each image of a two-image layout, and its packages are that image’s truth', async () => {
    const app = await run(Sbom, [`oci-dir://${layout}`, '--ref', 'app:2', '--format', 'json']);
    const base = await run(Sbom, [`oci-dir://${layout}`, '--ref', 'base:1', '--format', 'json']);
    expect(app.code).toBe(0);
    expect(debNames(app.stdout)).toEqual(dpkgNames('app'));
    expect(debNames(base.stdout)).toEqual(dpkgNames('base'));
    // --image, airlock's own name, is the same flag.
    expect(debNames((await run(Sbom, [layout, '--image', 'base:1', '--format', 'json'])).stdout)).toEqual(
      dpkgNames('base'),
    );
  });

  it('without --ref the ambiguity error lists both refs', async () => {
    const out = await run(Sbom, [`oci-dir://${layout}`]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/app:2/);
    expect(out.stderr).toMatch(/base:1/);
  });

  it('a prefix that does not fit the path is one line saying what it expects', async () => {
    const dirAsArchive = await run(Sbom, [`archive://${layout}`]);
    expect(dirAsArchive.stderr.split('\n')[0]).toBe(
      `error: ${layout}: is a directory (archive:// reads a docker save or OCI tarball)`,
    );
    const fileAsDir = await run(Sbom, [`oci-dir://${IMAGE}`]);
    expect(fileAsDir.stderr.split('\n')[0]).toBe(
      `error: ${IMAGE}: is not a directory (oci-dir:// reads an OCI layout directory)`,
    );
  });
});

describe('compare inside one multi-image layout: --ref, --to-ref, --ignore-base', () => {
  it('--to-ref picks the second image of the same layout; --exit-on package then exits 2', async () => {
    const out = await run(Compare, [
      `oci-dir://${layout}`,
      '--ref',
      'app:2',
      '--to',
      `oci-dir://${layout}`,
      '--to-ref',
      'base:1',
      '--db',
      t.file,
      '--format',
      'json',
      '--exit-on',
      'package',
    ]);
    expect(out.code).toBe(2);
    const result = JSON.parse(out.stdout);
    const appOnly = new Set(dpkgNames('app').filter((n) => !dpkgNames('base').includes(n)));
    const added = result.packages
      .filter((p: { kind: string; type: string }) => p.kind === 'added' && p.type === 'deb')
      .map((p: { name: string }) => p.name);
    expect(new Set(added)).toEqual(appOnly);
  }, 120_000);

  it('--ignore-base leaves each side without its base layers’ findings: the base against itself has none left', async () => {
    const home = process.env.AIRLOCK_HOME;
    process.env.AIRLOCK_HOME = path.join(dir, 'base-home');
    try {
      expect((await run(BaseAdd, [fixture('base.docker.tar'), '--name', 'base:1', '--db', t.file])).code).toBe(0);
      const plain = JSON.parse(
        (
          await run(Compare, [
            fixture('app.docker.tar'),
            '--to',
            fixture('base.docker.tar'),
            '--db',
            t.file,
            '--format',
            'json',
          ])
        ).stdout,
      );
      const own = JSON.parse(
        (
          await run(Compare, [
            fixture('app.docker.tar'),
            '--to',
            fixture('base.docker.tar'),
            '--db',
            t.file,
            '--format',
            'json',
            '--ignore-base',
          ])
        ).stdout,
      );
      const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
      expect(sum(plain.other.counts)).toBeGreaterThan(0);
      expect(sum(own.other.counts)).toBe(0);
      expect(sum(own.image.counts)).toBeLessThan(sum(plain.image.counts));
    } finally {
      process.env.AIRLOCK_HOME = home;
    }
  }, 240_000);
});

describe('fs://DIR', () => {
  it('catalogs an unpacked root filesystem as one layer: the same 88 debs and distro as the image', async () => {
    const out = await run(Sbom, [`fs://${rootfs}`, '--format', 'json']);
    expect(out.code).toBe(0);
    const sbom = JSON.parse(out.stdout);
    expect(sbom.image.format).toBe('filesystem');
    expect(sbom.image.layers).toHaveLength(1);
    expect(sbom.distro).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm' });
    expect(debNames(out.stdout)).toEqual(debNames((await run(Sbom, [IMAGE, '--format', 'json'])).stdout));
  });

  it('matches like the image: cves on fs:// finds what cves on the tarball finds', async () => {
    const fs = JSON.parse((await run(Cves, [`fs://${rootfs}`, '--db', t.file, '--format', 'json'])).stdout);
    const tar = JSON.parse((await run(Cves, [IMAGE, '--db', t.file, '--format', 'json'])).stdout);
    const ids = (r: { findings: { vulnId: string; package: { name: string } }[] }) =>
      r.findings.map((f) => `${f.vulnId} ${f.package.name}`).sort();
    expect(ids(fs)).toEqual(ids(tar));
    expect(ids(fs)).toContain('CVE-2023-45853 zlib1g');
  });

  it('never follows a symlink out of DIR: /etc/os-release pointing at the host’s is the tree’s own (missing) file', async () => {
    const root = path.join(dir, 'escape');
    mkdirSync(path.join(root, 'etc'), { recursive: true });
    mkdirSync(path.join(root, 'var/lib/dpkg'), { recursive: true });
    symlinkSync('/etc/os-release', path.join(root, 'etc/os-release'));
    symlinkSync('/var/lib/dpkg/status', path.join(root, 'var/lib/dpkg/status'));
    const out = await run(Sbom, [`fs://${root}`, '--format', 'json']);
    expect(out.code).toBe(0);
    const sbom = JSON.parse(out.stdout);
    expect(sbom.distro).toBeUndefined();
    expect(sbom.packages).toEqual([]);
    expect(sbom.warnings.map((w: { path: string }) => w.path)).toContain('/etc/os-release');
  });

  it('text from the tree never reaches the terminal raw: an escape in os-release is shown as \\u001b', async () => {
    const root = path.join(dir, 'escape-text');
    mkdirSync(path.join(root, 'etc'), { recursive: true });
    writeFileSync(
      path.join(root, 'etc/os-release'),
      'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian \u001b]0;owned\u0007\u001b[2J"\n',
    );
    const out = await run(Sbom, [`fs://${root}`, '--format', 'list']);
    expect(out.code).toBe(0);
    expect(out.stdout).not.toMatch(/\u001b/);
    expect(out.stdout).toContain('Debian \\u001b]0;owned\\u0007\\u001b[2J');
  });

  it('a file is not a root filesystem', async () => {
    const out = await run(Sbom, [`fs://${IMAGE}`]);
    expect(out.code).toBe(1);
    expect(out.stderr.split('\n')[0]).toBe(
      `error: ${IMAGE}: is not a directory (fs:// reads an unpacked root filesystem)`,
    );
  });
});

describe('sbom:// and stdin', () => {
  const airlock = (args: string[], input?: string) =>
    spawnSync(process.execPath, [path.join(process.cwd(), 'bin/run.js'), ...args], {
      input,
      encoding: 'utf8',
      env: { ...process.env, AIRLOCK_DEBUG: '' },
    });

  it('sbom://FILE, sbom:FILE, sbom://- and - all give the findings of the image the SBOM came from', async () => {
    const cdx = path.join(dir, 'debian.cdx.json');
    expect((await run(Sbom, [IMAGE, '--format', 'cyclonedx', '-o', cdx])).code).toBe(0);
    const ids = (json: string) =>
      (JSON.parse(json).findings as { vulnId: string; package: { name: string } }[])
        .map((f) => `${f.vulnId} ${f.package.name}`)
        .sort();
    const fromImage = ids((await run(Cves, [IMAGE, '--db', t.file, '--format', 'json'])).stdout);
    expect(ids((await run(Cves, [`sbom://${cdx}`, '--db', t.file, '--format', 'json'])).stdout)).toEqual(fromImage);
    expect(ids((await run(Cves, [`sbom:${cdx}`, '--db', t.file, '--format', 'json'])).stdout)).toEqual(fromImage);
    for (const arg of ['-', 'sbom://-', 'sbom://']) {
      const piped = airlock(['cves', arg, '--db', t.file, '--format', 'json'], readFileSync(cdx, 'utf8'));
      expect(piped.status, piped.stderr).toBe(0);
      expect(ids(piped.stdout)).toEqual(fromImage);
    }
  }, 120_000);

  it('an empty stdin is one line, not a parse trace', () => {
    const out = airlock(['cves', '-', '--db', t.file], '');
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^error: stdin: is empty, not an SBOM document\n/);
  });
});

describe('what airlock will not do, and missing paths', () => {
  it('image:// and registry:// are refused: airlock never contacts a daemon or a registry', async () => {
    for (const ref of ['image://alpine:3.20', 'registry://docker.io/library/alpine', 'local://alpine']) {
      const out = await run(Cves, [ref, '--db', t.file]);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(
        /reads from a Docker daemon or a registry, and airlock never contacts either\nhint: save the image on a connected machine/,
      );
    }
  });

  it('a wrong path says the file does not exist before anything about stored images', async () => {
    const home = process.env.AIRLOCK_HOME;
    process.env.AIRLOCK_HOME = path.join(dir, 'empty-home');
    try {
      const missing = path.join(dir, 'no-such-app.tar');
      const out = await run(Cves, [missing, '--db', t.file]);
      expect(out.code).toBe(1);
      expect(out.stderr.split('\n')[0]).toBe(`error: ${missing}: no such file or directory`);
      expect(out.stderr.split('\n')[1]).toMatch(/^hint: nor is it a stored image/);
      const prefixed = await run(Cves, [`archive://${missing}`, '--db', t.file]);
      expect(prefixed.stderr).toBe(`error: ${missing}: no such file or directory\n`);
    } finally {
      process.env.AIRLOCK_HOME = home;
    }
    expect(readdirSync(dir).filter((n) => n.includes('tmp'))).toEqual([]);
  });
});
