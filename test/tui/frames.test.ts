/**
 * Every screen rendered by Ink (ink-testing-library) from a real match result, driven by
 * key presses through stdin as a user types them, compared with golden frames in
 * test/tui/golden/ (UPDATE_GOLDEN=1 rewrites them). The triage frames also check the
 * OpenVEX document the app wrote, against the OpenVEX 0.2.0 specification (our checker in
 * src/vex/testdata/openvex-shape.ts).
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../src/match/testdata/feed-db.js';
import { openVexProblems } from '../../src/vex/testdata/openvex-shape.js';
import { ReviewApp } from '../../src/tui/app.js';
import { themeFor } from '../../src/tui/components/theme.js';
import { buildReviewData, type ReviewData } from '../../src/tui/state/data.js';
import type { Size } from '../../src/tui/state/layout.js';
import { expectGolden, reviewDb, reviewInput, updatingGoldens } from './support.js';

let db: TestDb;
let data: ReviewData;
let vexFile: string;
let n = 0;

// Relative to the repo root (git-ignored tmp/), so the path the frames show is the same on every machine.
const VEX_DIR = 'tmp/review-frames';

beforeAll(async () => {
  db = await reviewDb();
  rmSync(VEX_DIR, { recursive: true, force: true });
});
afterAll(async () => {
  await db?.close();
  rmSync(VEX_DIR, { recursive: true, force: true });
});
afterEach(() => cleanup());

const KEYS = { enter: '\r', esc: '\u001b', down: '\u001b[B', up: '\u001b[A', backspace: '\u007f', tab: '\t' };
const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));
// eslint-disable-next-line no-control-regex -- the escape sequences are what the test looks for
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** A fresh app on its own VEX file (none yet), at a fixed size and clock. */
async function mount(size: Size = { columns: 80, rows: 24 }) {
  vexFile = `${VEX_DIR}/vex-${++n}.openvex.json`;
  data = buildReviewData(await reviewInput(db, vexFile));
  const clock = () => ({ now: new Date('2026-11-24T12:30:00Z'), newId: '00000000-0000-4000-8000-00000000000a' });
  const app = render(createElement(ReviewApp, { data, color: false, size, clock }));
  await tick();
  const frame = () => plain(app.lastFrame() ?? '');
  /** Each argument is one chunk of input, as a terminal delivers a key (or a paste). */
  const keys = async (...chunks: string[]) => {
    for (const c of chunks) {
      app.stdin.write(c);
      // A lone ESC waits briefly for a possible escape sequence.
      await tick(c === KEYS.esc ? 80 : 15);
    }
  };
  return { app, frame, keys };
}

describe('frames (80x24 unless said)', () => {
  it('overview: the quickview box, image, database and triage facts', async () => {
    const { frame } = await mount();
    // Quickview's figures, without the padding to fit 80 columns.
    expect(frame()).toContain('  Your image  debian-bookworm-minbase.oci.tar │ 0C 1H 0M 10L 3U\n');
    expect(frame()).toContain('advisory database 2026-11-24 (seq 42, 0 days old)');
    expectGolden('overview.txt', frame());
  });

  it('vulnerabilities grouped by package, then only HIGH', async () => {
    const { frame, keys } = await mount();
    await keys('2');
    expect(frame()).toContain('14 of 14 findings shown');
    expectGolden('vulns.txt', frame());
    await keys('H');
    expect(frame()).toContain('1 of 14 findings shown · sort severity · filters H');
    expectGolden('vulns-high.txt', frame());
  });

  it("detail of the HIGH finding, and scrolled to the package's origin", async () => {
    const { frame, keys } = await mount();
    await keys('2', 'H', KEYS.enter);
    expect(frame()).toContain('CVE-2023-45853  HIGH, CVSS 8.8 from CISA ADP');
    expectGolden('detail.txt', frame());
    await keys('jjjjjjjjjj');
    expect(frame()).toContain('path        /var/lib/dpkg/status');
    expect(frame()).toContain('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H');
    expect(frame()).toContain('layer       1 of 1 (base) 92305bf7694f · 50.9 MB compressed');
    expect(frame()).toContain('created by  /bin/sh -c #(nop) ADD file:rootfs.tar in / (debootstrap\n');
    expectGolden('detail-origin.txt', frame());
  });

  it('triage: scope, justification, note, then the detail says what was recorded and the list hides it', async () => {
    const { frame, keys } = await mount();
    await keys('2', 'H', KEYS.enter, 'm');
    expectGolden('triage-scope.txt', frame());
    await keys('f', 'n');
    expectGolden('triage-justification.txt', frame());
    await keys('2', 'MiniZip is not built in bookworm');
    expectGolden('triage-note.txt', frame());
    await keys(KEYS.enter, '90d', KEYS.enter);
    expect(frame()).toContain('recorded not_affected (vulnerable_code_not_present) for this finding (zlib1g)');
    expectGolden('detail-after-triage.txt', frame());
    await keys(KEYS.esc);
    expect(frame()).toContain('0 of 14 findings shown · sort severity · filters H · 1 suppressed hidden (h)');
    expectGolden('vulns-after-triage.txt', frame());

    const doc = JSON.parse(readFileSync(vexFile, 'utf8'));
    expect(openVexProblems(doc)).toEqual([]);
    expect(doc.statements[0]).toMatchObject({
      vulnerability: { name: 'CVE-2023-45853' },
      status: 'not_affected',
      justification: 'vulnerable_code_not_present',
      status_notes: 'MiniZip is not built in bookworm\nairlock-expires: 2027-02-22T12:30:00.000Z',
    });
  });

  it('keys arriving in one chunk are taken one by one, Enter included (2 H Enter m f n 3 typed fast)', async () => {
    const { frame, keys } = await mount();
    await keys('2H\rmfn3');
    expect(frame()).toContain('CVE-2023-45853 · this finding (zlib1g) · not_affected: vulnerable_code_not_in_e…');
    expect(frame()).toContain('Note (optional), Enter to go on:');
  });

  it('layers: the one layer with its command, the CMD step, the packages it added, removed and changed', async () => {
    const { frame, keys } = await mount();
    await keys('3');
    expect(frame()).toContain('Layer 1 of 1 (base image)');
    expectGolden('layers.txt', frame());
    await keys(KEYS.down);
    expect(frame()).toContain('Step 2 of 2: metadata only, no filesystem change');
    expectGolden('layers-cmd.txt', frame());
  });

  it('help and search', async () => {
    const { frame, keys } = await mount();
    await keys('2', '?');
    expectGolden('help.txt', frame());
    await keys('x', '/', 'pam');
    expect(frame()).toContain('/pam█');
    expectGolden('search.txt', frame());
  });

  it('follows a resize: 100x30, then too small, then 80x24 again', async () => {
    const { app, frame, keys } = await mount({ columns: 100, rows: 30 });
    await keys('2', 'G');
    expect(frame().split('\n')).toHaveLength(29);
    expectGolden('vulns-100x30.txt', frame());
    app.rerender(createElement(ReviewApp, { data, color: false, size: { columns: 50, rows: 12 } }));
    await tick();
    expect(frame().replace(/\n/g, ' ')).toContain('airlock review needs at least 60x16');
    app.rerender(createElement(ReviewApp, { data, color: false, size: { columns: 80, rows: 24 } }));
    await tick();
    expect(frame().split('\n')).toHaveLength(23);
    expect(frame()).toContain('› ');
    expectGolden('vulns-resized-80x24.txt', frame());
  });

  it('q quits: Ink unmounts and later keys change nothing', async () => {
    const { app, keys } = await mount();
    await keys('q');
    const framesAfter = app.frames.length;
    await keys('2', '3');
    expect(app.frames.length).toBe(framesAfter);
  });
});

describe('NO_COLOR', () => {
  it('without color, no tone carries a color; bold, dim and inverse remain', () => {
    const plainTheme = themeFor(false);
    expect(Object.values(plainTheme).some((t) => 'color' in t)).toBe(false);
    expect(plainTheme.tabActive).toEqual({ bold: true, inverse: true });
    expect(Object.values(themeFor(true)).some((t) => 'color' in t)).toBe(true);
  });
});

describe('golden frames', () => {
  it('UPDATE_GOLDEN is not left on in CI', () => {
    expect(updatingGoldens && !!process.env.CI).toBe(false);
  });

  it('every golden file is used by a test', () => {
    const dir = path.resolve(process.cwd(), 'test/tui/golden');
    const source = readFileSync(path.resolve(process.cwd(), 'test/tui/frames.test.ts'), 'utf8');
    for (const f of existsSync(dir) ? readdirSync(dir) : []) expect(source).toContain(`'${f}'`);
  });
});
