/**
 * The review's state machine without a terminal: key presses → actions → reducer, on the
 * real minbase image matched against real feeds. Every screen's frame is checked to fit
 * the terminal (exactly rows-1 lines, none wider than the columns) at several sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../match/testdata/feed-db.js';
import { appResult, goldenDb } from '../../report/vulns/testdata/reports.js';
import { buildReviewData, type ReviewData, type ReviewInput } from './data.js';
import { keyToAction, splitKeys } from './keys.js';
import { lineLength } from './lines.js';
import { rowDecisions, visibleGroups, visibleRows } from './query.js';
import { reduce } from './reducer.js';
import { initialState, type ReviewState } from './state.js';
import { frameLines } from './views/frame.js';
import { layersLines } from './views/layers.js';
import { matchSbomWithDatabase } from '../../services/match.js';
import { generateSbom } from '../../services/sbom.js';
import { fixture } from '../../../test/support/fixtures.js';
import { BACKSPACE, DOWN, ENTER, ESC, press, type Press } from '../../../test/tui/drive.js';
import { reviewDb, reviewInput, tempDir } from '../../../test/tui/support.js';

let db: TestDb;
let tmp: ReturnType<typeof tempDir>;
let input: ReviewInput;
let data: ReviewData;
const clock = { now: new Date('2026-11-24T12:30:00Z'), newId: '00000000-0000-4000-8000-000000000001' };
const SIZE = { columns: 80, rows: 24 };
const NOW_APP = new Date('2026-11-24T12:00:00Z');

beforeAll(async () => {
  db = await reviewDb();
  tmp = tempDir('airlock-review-state-');
  input = await reviewInput(db, `${tmp.dir}/vex.openvex.json`);
  data = buildReviewData(input);
});
afterAll(async () => {
  await db?.close();
  tmp?.remove();
});

const start = (screen: ReviewState['screen'] = 'vulns') => press(data, initialState(data, SIZE, screen), [], clock);
const go = (presses: Press[], from = start()) => press(data, from, presses, clock);
const shown = (s: ReviewState) =>
  visibleRows(visibleGroups(data, s.filters, s.sort, rowDecisions(data, s.vex))).map(
    (r) => `${r.vulnId} ${r.group.name}`,
  );

describe('rows of the real image', () => {
  it('one row per (vulnerability, source package), as cves counts them: 1 HIGH, 10 LOW, 3 UNSPECIFIED', () => {
    expect(data.rows).toHaveLength(14);
    const bands = data.rows.map((r) => r.band);
    expect(bands.filter((b) => b === 'high')).toHaveLength(1);
    expect(bands.filter((b) => b === 'low')).toHaveLength(10);
    expect(bands.filter((b) => b === 'unspecified')).toHaveLength(3);
    const utilLinux = data.rows.find((r) => r.vulnId === 'CVE-2022-0563')!;
    expect(utilLinux.group.name).toBe('util-linux');
    expect(utilLinux.findings.map((f) => f.package.name)).toEqual([
      'bsdutils',
      'libblkid1',
      'libmount1',
      'libsmartcols1',
      'libuuid1',
      'mount',
      'util-linux',
      'util-linux-extra',
    ]);
  });

  it('every package of the one-layer image is in the base layer; the layer introduced all 88', () => {
    expect(new Set(data.rows.map((r) => r.layer))).toEqual(new Set(['base']));
    expect(data.layers).toHaveLength(1);
    expect(data.layers[0].added).toHaveLength(88);
    expect(data.layers[0].createdBy).toContain('debootstrap --variant=minbase bookworm');
    // The config's history has the layer and a metadata-only CMD step.
    expect(data.steps.map((s) => [s.createdBy, !!s.layer])).toEqual([
      ['/bin/sh -c #(nop) ADD file:rootfs.tar in / (debootstrap --variant=minbase bookworm)', true],
      ['/bin/sh -c #(nop)  CMD ["bash"]', false],
    ]);
  });

  it("carries every source's rating for the detail pane (CISA ADP scores zlib's CVE 8.8 with its vector)", () => {
    expect(input.severities.get('CVE-2023-45853')).toContainEqual({
      source: 'cisa-adp',
      rating: 'high',
      cvssVersion: '3.1',
      score: 8.8,
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
    });
    expect(input.severities.get('CVE-2016-2781')?.map((r) => `${r.source} ${r.cvssVersion} ${r.score}`)).toEqual(
      expect.arrayContaining(['nvd 3.0 6.5', 'nvd 2.0 2.1']),
    );
  });
});

describe('filters and sorting', () => {
  it('H shows only the high finding; C then adds nothing (no critical ones); H again removes the filter', () => {
    expect(shown(go(['H']))).toEqual(['CVE-2023-45853 zlib']);
    const both = go(['H', 'C']);
    expect(both.filters.bands).toEqual(['critical', 'high']);
    expect(shown(both)).toEqual(['CVE-2023-45853 zlib']);
    expect(shown(go(['C']))).toEqual([]);
    expect(shown(go(['H', 'H']))).toHaveLength(14);
  });

  it('x: fix available, then no fix (bookworm has no fix for any of them); b: base, then own (empty here, and the screen says why)', () => {
    expect(shown(go(['x']))).toEqual([]);
    expect(shown(go(['xx']))).toHaveLength(14);
    expect(shown(go(['xxx']))).toHaveLength(14);
    expect(shown(go(['b']))).toHaveLength(14);
    const own = go(['bb']);
    expect(shown(own)).toEqual([]);
    const said = frameLines(data, own)
      .map((l) =>
        l.segments
          .map((s) => s.text)
          .join('')
          .trim(),
      )
      .join(' ');
    expect(said).toContain(
      'This image has one layer: everything in it counts as base until base image detection exists.',
    );
  });

  it('t cycles through the package types that have findings (deb here) and back to all', () => {
    expect(go(['t']).filters.type).toBe('deb');
    expect(go(['tt']).filters.type).toBeUndefined();
  });

  it('/ searches ids, package names and descriptions; Esc undoes the search, Enter keeps it', () => {
    expect(shown(go(['/', 'minizip', ENTER]))).toEqual(['CVE-2023-45853 zlib']);
    expect(shown(go(['/', 'libmount1', ENTER]))).toEqual(['CVE-2022-0563 util-linux']);
    const undone = go(['/', 'zlib', ESC]);
    expect(undone.filters.search).toBe('');
    expect(undone.searching).toBe(false);
    const typo = go(['/', 'zlibx', BACKSPACE, ENTER]);
    expect(typo.filters.search).toBe('zlib');
    expect(go(['H', '/', 'zlib', ENTER, 'r']).filters).toEqual(start().filters);
  });

  it("s cycles severity → cvss → epss → kev → fixability; by CVSS the 8.8 comes before coreutils' 6.5", () => {
    const sorts = [start(), go(['s']), go(['ss']), go(['sss']), go(['ssss']), go(['sssss'])].map((s) => s.sort);
    expect(sorts).toEqual(['severity', 'cvss', 'epss', 'kev', 'fixability', 'severity']);
    expect(shown(go(['s'])).slice(0, 2)).toEqual(['CVE-2023-45853 zlib', 'CVE-2016-2781 coreutils']);
    // No finding of this image has an EPSS score or a KEV entry: those sorts fall back to severity order.
    expect(shown(go(['ss']))).toEqual(shown(start()));
    expect(shown(go(['sss']))).toEqual(shown(start()));
  });

  it('on real GitHub advisories: KEV sorts Spring4Shell first, fixability puts fixed ones first, x keeps only those', async () => {
    const appDb = await goldenDb();
    try {
      const app = buildReviewData({ ...input, result: await appResult(appDb), severities: new Map() });
      const at = (presses: Press[]) => press(app, initialState(app, SIZE, 'vulns'), presses, clock);
      const rows = (s: ReviewState) => visibleRows(visibleGroups(app, s.filters, s.sort, rowDecisions(app, s.vex)));
      const byKev = rows(at(['sss']));
      expect(byKev[0].vulnId).toBe('CVE-2022-22965');
      expect(byKev[0].kev).toBe(true);
      expect(byKev.slice(1).every((r) => !r.kev)).toBe(true);
      const byFix = rows(at(['ssss'])).map((r) => r.lead.status);
      const fixed = byFix.filter((x) => x === 'fixed').length;
      expect(fixed).toBeGreaterThan(0);
      expect(byFix.slice(0, fixed).every((x) => x === 'fixed')).toBe(true);
      expect(rows(at(['x'])).every((r) => r.lead.status === 'fixed')).toBe(true);
      expect(rows(at(['x']))).toHaveLength(fixed);
      expect(new Set(app.packageTypes)).toEqual(new Set(['maven', 'npm']));
      expect(rows(at(['t'])).every((r) => r.group.type === app.packageTypes[0])).toBe(true);
    } finally {
      await appDb.close();
    }
  });
});

describe('layers of the four-layer app image', () => {
  it('shows what each layer added, removed and changed: the purge layer removed liblog4j2-java; the COPY layer added language packages only', async () => {
    const sbom = await generateSbom(fixture('app.docker.tar'), { now: NOW_APP });
    const app = buildReviewData({
      ...input,
      result: await matchSbomWithDatabase(sbom, db.file, NOW_APP),
      severities: new Map(),
    });
    const shown = (layer: number) => {
      const at = app.steps.findIndex((s) => s.layer?.index === layer);
      const lines = layersLines(app, { ...initialState(app, { columns: 200, rows: 60 }, 'layers'), layerCursor: at });
      return lines.map((l) =>
        l.segments
          .map((x) => x.text)
          .join('')
          .trimEnd(),
      );
    };
    const purge = shown(3);
    expect(purge).toContain('Packages    added 0, removed 1, changed 0');
    expect(purge.find((l) => l.startsWith('Removed'))).toMatch(/^Removed {5}1 package: liblog4j2-java 2\.\S+$/);
    expect(purge).toContain('Added       0 packages');
    expect(purge.join('\n')).not.toContain('not known');

    const copy = app.layers[2];
    expect(copy.added.length).toBeGreaterThan(0);
    expect(new Set(copy.added.map((p) => p.type))).toEqual(
      new Set(sbom.packages.filter((p) => p.introducedByLayer === copy.diffId).map((p) => p.type)),
    );
    expect(copy.added.some((p) => p.type === 'deb')).toBe(false);
    expect(shown(2)).toContain(`Packages    added ${copy.added.length}, removed 0, changed 0`);

    // A click on a step of the table selects it, wherever the table is drawn.
    const layers = reduce(app, initialState(app, SIZE, 'layers'), { type: 'resize', ...SIZE });
    const drawn = frameLines(app, layers).map((l) => l.segments.map((x) => x.text).join(''));
    const purgeRow = drawn.findIndex((l) => l.includes('apt-get purge -y liblog4j2-java'));
    expect(purgeRow).toBeGreaterThan(2);
    const clicked = reduce(app, layers, { type: 'click', column: 5, row: purgeRow });
    expect(app.steps[clicked.layerCursor].layer?.index).toBe(3);
  }, 120_000);
});

describe('navigation', () => {
  it('keys that arrive in one chunk are split into single keys, Enter, Tab and Backspace included', () => {
    expect(splitKeys('H\rmf\t\u007f', {})).toEqual([
      ['H', {}],
      ['', { return: true }],
      ['m', {}],
      ['f', {}],
      ['', { tab: true }],
      ['', { backspace: true }],
    ]);
    expect(splitKeys('c', { ctrl: true })).toEqual([['c', { ctrl: true }]]);
  });

  it('moves over rows, skipping group headers, and keeps the cursor inside the list', () => {
    const s = go([DOWN, DOWN]);
    expect(s.cursor).toBe(2);
    expect(go([{ upArrow: true }]).cursor).toBe(0);
    expect(go(['G']).cursor).toBe(13);
    expect(go(['G', DOWN]).cursor).toBe(13);
  });

  it('scrolls so the selected row stays on screen at 80x24, and after the terminal shrinks', () => {
    const selectedShows = (s: ReviewState) =>
      frameLines(data, s).some(
        (l) =>
          l.selected && l.segments.some((x) => x.text.includes(data.rows.find((r) => r.key === s.selected)!.vulnId)),
      );
    const end = go(['G']);
    expect(end.listScroll).toBeGreaterThan(0);
    expect(selectedShows(end)).toBe(true);
    const shrunk = reduce(data, end, { type: 'resize', columns: 60, rows: 16 });
    expect(shrunk.listScroll).toBeGreaterThan(end.listScroll);
    expect(selectedShows(shrunk)).toBe(true);
    expect(selectedShows(go(['g'], shrunk))).toBe(true);
    expect(go(['g'], shrunk).listScroll).toBe(0);
  });

  it('Enter opens the detail of the selected row, Esc goes back; 1 2 3 and Tab switch screens', () => {
    const detail = go(['H', ENTER]);
    expect(detail.screen).toBe('detail');
    expect(detail.selected).toBe(data.rows.find((r) => r.vulnId === 'CVE-2023-45853')!.key);
    expect(go([ESC], detail).screen).toBe('vulns');
    expect(go(['3']).screen).toBe('layers');
    expect(go(['1']).screen).toBe('overview');
    expect(go([{ tab: true }], start('overview')).screen).toBe('vulns');
    expect(go([{ tab: true }, { tab: true }], start('overview')).screen).toBe('layers');
    expect(go(['?']).help).toBe(true);
    expect(go(['?', 'x']).help).toBe(false);
    expect(go(['q']).quit).toBe(true);
    expect(go([{ ctrl: true }], start()).quit).toBe(false);
  });
});

describe('mouse', () => {
  /** What the terminal sends for a press at a 0-based cell (SGR form, as Ink hands it over: without the ESC). */
  const report = (button: number, column: number, row: number, final = 'M') =>
    `[<${button};${column + 1};${row + 1}${final}`;
  const send = (s: ReviewState, input: string) => {
    const keys = splitKeys(input, {});
    expect(keys).toEqual([[input, {}]]);
    const action = keyToAction(s, input, {}, clock);
    return action ? reduce(data, s, action) : s;
  };
  /** The first frame as the app paints it: laid out, the first row selected. */
  const ready = (screen: ReviewState['screen'] = 'vulns') => reduce(data, start(screen), { type: 'resize', ...SIZE });
  const click = (s: ReviewState, column: number, row: number) => send(s, report(0, column, row));
  const text = (s: ReviewState) => frameLines(data, s).map((l) => l.segments.map((x) => x.text).join(''));
  /** The frame line (= terminal row) showing `needle`, as drawn. */
  const rowOf = (s: ReviewState, needle: string) => {
    const at = text(s).findIndex((l) => l.includes(needle));
    expect(at, needle).toBeGreaterThan(0);
    return at;
  };

  it('a report is one action, never keys: its M is not the MEDIUM filter, a release and the right button do nothing', () => {
    const s = ready();
    expect(keyToAction(s, report(0, 10, 5), {}, clock)).toEqual({ type: 'click', column: 10, row: 5 });
    expect(keyToAction(s, `\u001b${report(65, 3, 3)}`, {}, clock)).toEqual({ type: 'wheel', delta: 3 });
    for (const ignored of [report(0, 10, 5, 'm'), report(2, 10, 5), report(32, 10, 5)])
      expect(send(s, ignored)).toEqual(s);
    expect(send(s, report(0, 79, 23)).filters).toEqual(s.filters);
    // Wheel reports that arrive in one chunk are taken one by one, never as keys.
    const burst = `${report(65, 3, 3)}\u001b${report(65, 3, 3)}${report(65, 3, 3)}`;
    expect(splitKeys(burst, {})).toEqual([
      [report(65, 3, 3), {}],
      [`\u001b${report(65, 3, 3)}`, {}],
      [report(65, 3, 3), {}],
    ]);
  });

  it('a click on a tab shows its screen, from any screen', () => {
    const top = text(ready('overview'))[0];
    expect(click(ready('overview'), top.indexOf('2 Vulnerabilities'), 0).screen).toBe('vulns');
    expect(click(ready(), top.indexOf('3 Layers') + 3, 0).screen).toBe('layers');
    expect(click(ready('layers'), 1, 0).screen).toBe('overview');
    expect(click(ready(), top.indexOf('│'), 0).screen).toBe('vulns');
  });

  it('a click on a row selects it, a second click opens its detail; a package header selects its first row', () => {
    const s = ready();
    const coreutils = data.rows.find((r) => r.vulnId === 'CVE-2016-2781')!;
    expect(s.selected).not.toBe(coreutils.key);
    const picked = click(s, 20, rowOf(s, coreutils.vulnId));
    expect([picked.screen, picked.selected]).toEqual(['vulns', coreutils.key]);
    expect(text(picked).find((l) => l.includes(coreutils.vulnId))).toMatch(/^ {2}› /);
    const opened = click(picked, 20, rowOf(picked, coreutils.vulnId));
    expect([opened.screen, opened.selected]).toEqual(['detail', coreutils.key]);

    const header = text(s).findIndex((l, i) => i > 2 && l.startsWith('shadow '));
    const first = click(s, 2, header);
    expect(data.rows.find((r) => r.key === first.selected)!.vulnId).toBe(text(s)[header + 1].trim().split(/\s+/)[1]);
    expect(first.screen).toBe('vulns');
    // The column header, the message line and the key help select nothing.
    for (const row of [2, 20, 21, 22]) expect(click(s, 10, row).selected).toBe(s.selected);
  });

  it('the wheel moves the selection three rows at a time and scrolls the detail; it does nothing in the triage dialog', () => {
    expect(send(ready(), report(65, 10, 10)).cursor).toBe(3);
    expect(send(go([DOWN, DOWN, DOWN, DOWN], ready()), report(64, 10, 10)).cursor).toBe(1);
    // At 60x16 the detail of the HIGH finding is taller than the screen.
    const detail = reduce(data, go(['H', ENTER], ready()), { type: 'resize', columns: 60, rows: 16 });
    expect(send(detail, report(65, 10, 10)).detailScroll).toBe(3);
    const dialog = go(['m'], ready());
    expect(dialog.triage).toBeDefined();
    expect(send(dialog, report(65, 10, 10))).toEqual(dialog);
    expect(click(dialog, 1, 0)).toEqual(dialog);
    expect(click(go(['?'], ready()), 10, 10).help).toBe(false);
  });
});

describe('triage', () => {
  it('m f n 2, a note, no expiry: a not_affected statement for zlib1g in the image, and the row leaves the list', () => {
    const s = go(['H', ENTER, 'm', 'f', 'n', '2', 'MiniZip is not built', ENTER, ENTER]);
    expect(s.triage).toBeUndefined();
    expect(s.recorded).toBe(1);
    expect(s.message?.text).toBe('recorded not_affected (vulnerable_code_not_present) for this finding (zlib1g)');
    const doc = s.vex!;
    expect(doc).toMatchObject({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': `urn:uuid:${clock.newId}`,
      author: 'reviewer@example.com',
      version: 1,
      timestamp: clock.now.toISOString(),
    });
    expect(doc.statements).toEqual([
      {
        vulnerability: { name: 'CVE-2023-45853' },
        timestamp: clock.now.toISOString(),
        products: [
          {
            '@id': data.imagePurl,
            identifiers: { purl: data.imagePurl },
            subcomponents: [
              {
                '@id': 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib',
                identifiers: {
                  purl: 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib',
                },
              },
            ],
          },
        ],
        status: 'not_affected',
        justification: 'vulnerable_code_not_present',
        status_notes: 'MiniZip is not built',
      },
    ]);
    // The detail pane stays on the finding; the list no longer shows it.
    expect(s.screen).toBe('detail');
    const list = go([ESC], s);
    expect(shown(list)).toEqual([]);
    expect(shown(go(['h'], list))).toEqual(['CVE-2023-45853 zlib']);
  });

  it('every finding of a CVE: one statement naming all eight util-linux packages', () => {
    const s = go(['/', 'CVE-2022-0563', ENTER, 'm', 'c', 'u', 'checking with upstream', ENTER, '30d', ENTER]);
    const [st] = s.vex!.statements;
    expect(st.status).toBe('under_investigation');
    expect(st.products![0].subcomponents!.map((c) => c.identifiers!.purl!.split('@')[0])).toEqual([
      'pkg:deb/debian/bsdutils',
      'pkg:deb/debian/libblkid1',
      'pkg:deb/debian/libmount1',
      'pkg:deb/debian/libsmartcols1',
      'pkg:deb/debian/libuuid1',
      'pkg:deb/debian/mount',
      'pkg:deb/debian/util-linux-extra',
      'pkg:deb/debian/util-linux',
    ]);
    expect(st.status_notes).toBe('checking with upstream\nairlock-expires: 2026-12-24T12:30:00.000Z');
    // under_investigation annotates; the finding stays listed.
    expect(shown(s)).toEqual(['CVE-2022-0563 util-linux']);
  });

  it("every finding of a package: shadow's two CVEs get a statement each; affected carries the note as its action", () => {
    const s = go(['/', 'shadow', ENTER, 'm', 'p', 'a', 'upgrade login in the next base image', ENTER, ENTER]);
    expect(s.vex!.statements.map((x) => [x.vulnerability.name, x.status, x.action_statement])).toEqual([
      ['CVE-2007-5686', 'affected', 'upgrade login in the next base image'],
      ['CVE-2023-4641', 'affected', 'upgrade login in the next base image'],
    ]);
    expect(s.vex!.statements[0].products![0].subcomponents!.map((c) => c['@id']!.split('@')[0])).toEqual([
      'pkg:deb/debian/login',
      'pkg:deb/debian/passwd',
    ]);
  });

  it('a bad expiry keeps the dialog open with the reason; Esc cancels without recording', () => {
    const bad = go(['H', 'm', ENTER, 'x', ENTER, 'soon', ENTER]);
    expect(bad.triage?.step).toBe('expiry');
    expect(bad.triage?.error).toBe('expiry "soon": use a number of days (30d) or a date (2027-01-31)');
    expect(bad.vex).toBeUndefined();
    const past = go(['H', 'm', ENTER, 'x', ENTER, '2026-01-01', ENTER]);
    expect(past.triage?.error).toBe('expiry 2026-01-01 is not in the future');
    const cancelled = go([ESC], bad);
    expect(cancelled.triage).toBeUndefined();
    expect(cancelled.vex).toBeUndefined();
    expect(cancelled.message?.text).toBe('triage cancelled, nothing recorded');
  });

  it('deciding the same finding again replaces its statement (document version 2, one statement)', () => {
    const first = go(['H', 'm', 'f', 'u', ENTER, ENTER]);
    const second = go(['h', 'm', 'f', 'n', '1', ENTER, ENTER], first);
    expect(second.vex!.version).toBe(2);
    expect(second.vex!.statements.map((x) => `${x.vulnerability.name} ${x.status} ${x.justification}`)).toEqual([
      'CVE-2023-45853 not_affected component_not_present',
    ]);
    expect(second.vex!.last_updated).toBe(clock.now.toISOString());
  });

  it('a failed write puts the document back as it was and says why', () => {
    const pending = press(data, start(), ['H', 'm', 'f', 'x', ENTER, ENTER], clock, false);
    expect(pending.save?.document.statements).toHaveLength(1);
    expect(pending.vex).toBe(pending.save?.document);
    const failed = reduce(data, pending, { type: 'saveFailed', seq: pending.save!.seq, message: 'EACCES' });
    expect(failed.vex).toBeUndefined();
    expect(failed.save).toBeUndefined();
    expect(failed.recorded).toBe(0);
    expect(failed.message).toEqual({ text: 'not saved: EACCES', tone: 'bad' });
    expect(shown(failed)).toEqual(['CVE-2023-45853 zlib']);
  });
});

describe('every frame fits the terminal', () => {
  const screens: [string, Press[]][] = [
    ['overview', ['1']],
    ['vulns', []],
    ['detail', ['H', ENTER]],
    ['layers', ['3']],
    ['help', ['?']],
    ['triage', ['m', 'f', 'n']],
    ['search', ['/', 'zlib']],
  ];
  for (const size of [
    { columns: 80, rows: 24 },
    { columns: 100, rows: 30 },
    { columns: 60, rows: 16 },
    { columns: 200, rows: 60 },
  ]) {
    for (const [name, presses] of screens) {
      it(`${name} at ${size.columns}x${size.rows}`, () => {
        const s = press(data, initialState(data, size, 'vulns'), presses, clock);
        const lines = frameLines(data, s);
        expect(lines).toHaveLength(size.rows - 1);
        for (const l of lines) expect(lineLength(l)).toBeLessThanOrEqual(size.columns);
      });
    }
  }

  it('too small a terminal says what it needs instead of a broken layout', () => {
    const s = press(data, initialState(data, { columns: 50, rows: 10 }, 'vulns'), [], clock);
    expect(
      frameLines(data, s)
        .map((l) => l.segments.map((x) => x.text).join(''))
        .join(' '),
    ).toBe('The terminal is 50x10; airlock review needs at least 60x16. q quits.');
  });
});
