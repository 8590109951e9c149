/**
 * An image that writes terminal control sequences into its package database, its
 * os-release and its tar entry names: the built CLI shows them escaped on stdout and
 * stderr, in every text format, and JSON output still decodes to the image's bytes.
 * Runs `node bin/run.js` (dist/ is built by `npm test`), so the guard every command
 * installs is the one under test.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';

const cli = join(process.cwd(), 'bin/run.js');
const CLEAR = '\u001b[2J\u001b[H';
const TITLE = '\u001b]0;all clear\u0007';
const HIDE = '\u001b[8m';
const C1_CSI = '\u009b2K';

/** A raw control a terminal acts on: any C0 but newline and tab, DEL, C1, or ESC not starting one of our SGR codes. */
function rawControls(text: string): string[] {
  const withoutOurColours = text.replace(/\u001b\[(?:[0-9;]*)m/g, (m) =>
    /^\u001b\[(?:0|1|2|4|22|24|31|32|33|39|38;5;\d+|1;38;5;\d+)?m$/.test(m) ? '' : m,
  );
  return withoutOurColours.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g) ?? [];
}

let image: string;

beforeAll(async () => {
  const status = [
    `Package: libevil${CLEAR}`,
    'Status: install ok installed',
    `Version: 1.0${TITLE}`,
    'Architecture: amd64',
    `Source: evil${HIDE}src`,
    '',
    'Package: zlib1g',
    'Status: install ok installed',
    'Version: 1:1.2.13.dfsg-1',
    'Architecture: amd64',
    'Source: zlib',
    '',
  ].join('\n');
  const tar = await dockerClassicTar({
    layers: [
      [
        { path: 'etc/os-release', content: `ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian ${C1_CSI}12"\n` },
        { path: 'var/lib/dpkg/status', content: status },
        // An entry name that leaves the root: its warning quotes the name.
        { path: `../../escape${TITLE}`, content: 'x' },
      ],
    ],
    createdBy: [`RUN echo ${CLEAR}`],
  });
  image = writeTemp(tar, 'hostile-text.tar');
});

function airlock(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', AIRLOCK_HOME: join(image, '..', 'home') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('control sequences from an image never reach the terminal raw', () => {
  it('sbom table: package names and versions are shown escaped', () => {
    const r = airlock('sbom', image);
    expect(r.code).toBe(0);
    expect(rawControls(r.stdout)).toEqual([]);
    expect(rawControls(r.stderr)).toEqual([]);
    expect(r.stdout).toContain('libevil\\u001b[2J\\u001b[H');
    expect(r.stdout).toContain('1.0\\u001b]0;all clear\\u0007');
    expect(r.stdout).toContain('zlib1g');
  });

  it('warnings quoting a hostile entry name are escaped', () => {
    const r = airlock('sbom', image);
    expect(r.stderr).toContain('escape\\u001b]0;all clear\\u0007');
    expect(rawControls(r.stderr)).toEqual([]);
  });

  it('JSON output keeps the exact bytes, escaped as JSON does', () => {
    const r = airlock('sbom', image, '--format', 'json');
    expect(r.code).toBe(0);
    expect(rawControls(r.stdout)).toEqual([]);
    const sbom = JSON.parse(r.stdout) as {
      packages: { name: string; version: string }[];
      distro?: { prettyName?: string };
    };
    const evil = sbom.packages.find((p) => p.name.startsWith('libevil'));
    expect(evil?.name).toBe(`libevil${CLEAR}`);
    expect(evil?.version).toBe(`1.0${TITLE}`);
  });

  it('an error line naming a hostile file name is escaped', () => {
    const r = airlock('sbom', join(image, '..', `missing${CLEAR}.tar`));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('missing\\u001b[2J\\u001b[H.tar');
    expect(rawControls(r.stderr)).toEqual([]);
  });
});
