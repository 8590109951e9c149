/**
 * The real built CLI in a real pseudo-terminal (tmux): `airlock review` on the real
 * minbase image and a database built from ../shared/feeds — open it, filter to HIGH, open
 * the finding, mark it not_affected with a justification, quit — then the OpenVEX file it
 * wrote, and `airlock cves` leaving the finding out (and listing it with
 * --show-suppressed). tmux comes from Debian's archive (.ci/install-oracles.sh installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../src/match/testdata/feed-db.js';
import { openVexProblems } from '../src/vex/testdata/openvex-shape.js';
import { IMAGE, reviewDb, tempDir } from './tui/support.js';

const ROOT = process.cwd();
const SOCKET = `airlock-review-${process.pid}`;
const TMUX_ENV = 'env -u CI -u CONTINUOUS_INTEGRATION -u FORCE_COLOR -u NO_COLOR';
let db: TestDb;
let home: ReturnType<typeof tempDir>;
let vex: string;

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const capture = (session: string, escapes = false) =>
  tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', session);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the pane until it shows `text` or passes the check (bounded: 30 s), returning the screen. */
async function waitFor(
  session: string,
  text: string | RegExp | ((screen: string) => boolean),
  seconds = 30,
): Promise<string> {
  const deadline = Date.now() + seconds * 1000;
  let screen = '';
  while (Date.now() < deadline) {
    screen = capture(session);
    if (typeof text === 'string' ? screen.includes(text) : text instanceof RegExp ? text.test(screen) : text(screen))
      return screen;
    await sleep(100);
  }
  throw new Error(`the pane never showed ${text} within ${seconds}s; it shows:\n${screen}`);
}

/**
 * As waitFor, for a check that a half-redrawn frame can pass (after a resize, Ink repaints
 * line by line and a capture can catch old and new lines mixed): the screen must also
 * stay the same across two captures a quarter second apart.
 */
async function waitForSettled(session: string, check: (screen: string) => boolean, seconds = 30): Promise<string> {
  const deadline = Date.now() + seconds * 1000;
  let screen = '';
  while (Date.now() < deadline) {
    screen = await waitFor(session, check, Math.max(1, (deadline - Date.now()) / 1000));
    await sleep(250);
    if (capture(session) === screen) return screen;
  }
  throw new Error(`the pane never settled on a screen passing the check within ${seconds}s; it shows:\n${screen}`);
}

async function send(session: string, keys: string[], literal = false) {
  tmux('send-keys', '-t', session, ...(literal ? ['-l'] : []), ...keys);
  await sleep(150);
}

/** Starts the CLI in a detached session whose pane outlives it, reporting its exit code and terminal mode. */
function start(session: string, args: string[], env = '') {
  const command = `cd ${ROOT} && ${TMUX_ENV} ${env} AIRLOCK_HOME=${home.dir} node bin/run.js ${args.join(' ')}; echo "exited $?"; stty -a | grep -o -- '-\\?icanon'; sleep 600`;
  tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', session, command);
}

function cli(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('node', ['bin/run.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, AIRLOCK_HOME: home.dir },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

beforeAll(async () => {
  if (spawnSync('tmux', ['-V']).status !== 0)
    throw new Error('tmux is missing: run .ci/install-oracles.sh (Debian package tmux)');
  // The CLI under test is the built one: compile (emitting even if another part of the tree
  // does not type-check) and write oclif's command manifest, as `npm run build` does.
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
  if (existsSync(path.join(ROOT, 'scripts/write-oclif-manifest.mjs')))
    execFileSync('node', ['scripts/write-oclif-manifest.mjs'], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(path.join(ROOT, 'dist/commands/review.js')))
    throw new Error('the build did not produce dist/commands/review.js');
  db = await reviewDb();
  home = tempDir('airlock-review-e2e-');
  vex = path.join(home.dir, 'triage.openvex.json');
});

afterAll(async () => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  await db?.close();
  home?.remove();
});

describe('airlock review in a terminal', () => {
  it('open, filter to HIGH, open the detail, mark not_affected, quit: the VEX file holds the decision and cves honours it', async () => {
    start('review', ['review', IMAGE, '--db', db.file, '--vex', vex]);
    const overview = await waitFor('review', 'Indexed 88 packages');
    expect(overview).toContain('[1 Overview]');
    expect(overview).toContain('Your image  debian-bookworm-minbase.oci.tar   │    0C     1H     0M    10L     3U');

    await send('review', ['2']);
    await waitFor('review', 'row 1/14 · 14 of 14 findings shown');
    // Usable at 80x24 and on resize: the frame follows the window.
    tmux('resize-window', '-t', 'review', '-x', '80', '-y', '24');
    const fits80 = (screen: string) =>
      screen.split('\n').every((l) => l.length <= 80) && screen.includes('x fix · b base/own');
    const small = await waitForSettled('review', fits80);
    expect(small).toContain('  › HIGH CVE-2023-45853');
    expect(small.split('\n').filter((l) => l.trim()).length).toBeLessThanOrEqual(23);
    tmux('resize-window', '-t', 'review', '-x', '100', '-y', '30');
    // Back at 100x30: the key help is on the 29th line again, one line left free below it.
    await waitFor('review', (screen) => screen.split('\n')[28]?.startsWith('x fix · b base/own') ?? false);

    await send('review', ['H']);
    const high = await waitFor('review', 'row 1/1 · 1 of 14 findings shown · sort severity · filters H');
    expect(high).toContain('  › HIGH CVE-2023-45853');
    expect(high).not.toContain('CVE-2016-2781');

    await send('review', ['Enter']);
    const detail = await waitFor('review', 'CVE-2023-45853  HIGH, CVSS 8.8 from CISA ADP');
    expect(detail).toContain(
      'created by  /bin/sh -c #(nop) ADD file:rootfs.tar in / (debootstrap --variant=minbase bookworm)',
    );

    await send('review', ['m']);
    await waitFor('review', 'Apply to:');
    await send('review', ['f']);
    await waitFor('review', 'Status:');
    await send('review', ['n']);
    await waitFor('review', 'Why is it not affected?');
    await send('review', ['2']);
    await waitFor('review', 'Note (optional)');
    await send('review', ['MiniZip is not built into this image'], true);
    await waitFor('review', '> MiniZip is not built into this image');
    await send('review', ['Enter']);
    await waitFor('review', 'Expires (Enter: never');
    await send('review', ['Enter']);
    const recorded = await waitFor(
      'review',
      'recorded not_affected (vulnerable_code_not_present) for this finding (zlib1g)',
    );
    expect(recorded).toContain('vulnerabilities 0C 0H 0M 10L 3U · 1 VEX statement');

    await send('review', ['q']);
    const after = await waitFor('review', /exited \d+/);
    // Left cleanly: off the alternate screen, the shell's screen as before plus the summary, cooked mode back.
    expect(after).toMatch(
      new RegExp(`Recorded 1 VEX statement in ${vex.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+exited 0\\s+icanon`),
    );
    expect(after).not.toContain('Vulnerabilities');
    expect(tmux('display-message', '-p', '-t', 'review', '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');

    const doc = JSON.parse(readFileSync(vex, 'utf8'));
    expect(openVexProblems(doc)).toEqual([]);
    expect(doc).toMatchObject({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': expect.stringMatching(/^urn:uuid:/),
      version: 1,
      tooling: expect.stringMatching(/^airlock /),
    });
    expect(doc.statements).toHaveLength(1);
    const [s] = doc.statements;
    expect(s).toMatchObject({
      vulnerability: { name: 'CVE-2023-45853' },
      status: 'not_affected',
      justification: 'vulnerable_code_not_present',
      status_notes: 'MiniZip is not built into this image',
    });
    const image =
      'pkg:oci/debian-bookworm-minbase@sha256:e7119cb0dfeba0bb604d818082cf6f955149bf11fbb3790831167cbd1f7b5dac?tag=latest';
    expect(s.products).toEqual([
      {
        '@id': image,
        identifiers: { purl: image },
        subcomponents: [
          {
            '@id': 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib',
            identifiers: { purl: 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib' },
          },
        ],
      },
    ]);

    const plain = cli(['cves', IMAGE, '--db', db.file, '--vex', vex, '--format', 'json']);
    expect(plain.status, plain.stderr).toBe(0);
    const report = JSON.parse(plain.stdout);
    expect(report.findings.map((f: { vulnId: string }) => f.vulnId)).not.toContain('CVE-2023-45853');
    expect(report.counts).toEqual({ critical: 0, high: 0, medium: 0, low: 10, unspecified: 3 });
    expect(report.vex).toEqual({ file: vex, statements: 1, expired: 0, suppressed: 1 });
    expect(report.suppressed).toBeUndefined();

    const shown = JSON.parse(
      cli(['cves', IMAGE, '--db', db.file, '--vex', vex, '--format', 'json', '--show-suppressed']).stdout,
    );
    expect(
      shown.suppressed.map(
        (f: { vulnId: string; package: { name: string }; vex: { marker: string; note: string } }) => [
          f.vulnId,
          f.package.name,
          f.vex.marker,
          f.vex.note,
        ],
      ),
    ).toEqual([
      [
        'CVE-2023-45853',
        'zlib1g',
        'suppressed (not_affected: vulnerable_code_not_present)',
        'MiniZip is not built into this image',
      ],
    ]);
    expect(shown.findings).toEqual(report.findings);
  });

  it('NO_COLOR: the same screen without a single color escape (and with colors otherwise)', async () => {
    start('colored', ['review', IMAGE, '--db', db.file, '--vex', vex]);
    start('nocolor', ['review', IMAGE, '--db', db.file, '--vex', vex], 'NO_COLOR=1');
    await waitFor('colored', 'Indexed 88 packages');
    await waitFor('nocolor', 'Indexed 88 packages');
    // eslint-disable-next-line no-control-regex -- the escape sequences are what the test looks for
    const COLOR_SGR =
      /\u001b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;[25];[0-9;]+|48;[25];[0-9;]+)(?:;[0-9;]*)?m/;
    expect(capture('colored', true)).toMatch(COLOR_SGR);
    const nocolor = capture('nocolor', true);
    expect(nocolor).not.toMatch(COLOR_SGR);
    // eslint-disable-next-line no-control-regex -- the escape sequences are what the test looks for
    expect(nocolor).toMatch(/\u001b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m\[1 Overview\]/); // the active tab stays visible as inverse text
    // Ctrl-C leaves as cleanly as q.
    await send('nocolor', ['C-c']);
    const after = await waitFor('nocolor', /exited \d+/);
    expect(after).toMatch(/exited 0\s+icanon/);
    expect(tmux('display-message', '-p', '-t', 'nocolor', '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');
  });

  it('the mouse: reporting is on while it runs, clicks on a tab and a row work, and it is off again after quitting; --no-mouse never turns it on', async () => {
    const modes = (session: string) =>
      tmux('display-message', '-p', '-t', session, '#{mouse_standard_flag} #{mouse_sgr_flag}').trim();
    // A VEX file of its own: the first test's decision would hide a row here.
    const untouched = path.join(home.dir, 'mouse.openvex.json');
    start('mouse', ['review', IMAGE, '--db', db.file, '--vex', untouched]);
    start('nomouse', ['review', IMAGE, '--db', db.file, '--vex', untouched, '--no-mouse']);
    const overview = await waitFor('mouse', 'Indexed 88 packages');
    expect(modes('mouse')).toBe('1 1');
    // A left press and release on "2 Vulnerabilities" of the tab line, as the terminal reports it (1-based cells).
    const tab = overview.split('\n')[0].indexOf('2 Vulnerabilities') + 1;
    await send('mouse', [`\u001b[<0;${tab};1M\u001b[<0;${tab};1m`], true);
    const list = await waitFor('mouse', 'row 1/14 · 14 of 14 findings shown');
    // Click CVE-2016-2781's row twice: selected, then opened.
    const row = list.split('\n').findIndex((l) => l.includes('CVE-2016-2781')) + 1;
    await send('mouse', [`\u001b[<0;20;${row}M\u001b[<0;20;${row}m`], true);
    await waitFor('mouse', '  › LOW  CVE-2016-2781');
    await send('mouse', [`\u001b[<0;20;${row}M\u001b[<0;20;${row}m`], true);
    await waitFor('mouse', 'CVE-2016-2781 in coreutils');
    await send('mouse', ['q']);
    await waitFor('mouse', /exited \d+/);
    expect(modes('mouse')).toBe('0 0');

    await waitFor('nomouse', 'Indexed 88 packages');
    expect(modes('nomouse')).toBe('0 0');
    await send('nomouse', ['q']);
    await waitFor('nomouse', /exited 0/);
  });

  it('refuses to run without a terminal, pointing at cves', () => {
    const r = cli(['review', IMAGE, '--db', db.file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'error: airlock review needs a terminal (stdin and stdout)\nhint: for a report use airlock cves IMAGE (--format json, sarif, …); for counts airlock quickview IMAGE\n',
    );
  });
});
