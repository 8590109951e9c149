/**
 * The HTML report in a real browser: `cves --format html -o report.html` on the app
 * fixture image against a database of all ../shared/feeds, with one VEX decision, opened
 * from disk by headless Chromium in a network namespace with no network. The DOM must hold
 * the report's counts and findings (compared with `cves --format json`), the page's own
 * script must have run under its CSP with no violation, a click on a filter must hide
 * exactly the findings it should, and a screenshot is saved (.vitest/html-report.png).
 * The file itself must reference nothing outside itself and escape image-derived text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import Images from '../src/commands/images/index.js';
import Scan from '../src/commands/scan.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { renderHtmlReport } from '../src/report/html/render.js';
import { scriptHash } from '../src/report/html/script.js';
import { htmlReportForImage } from '../src/services/html-report.js';
import { recordStatements, triageStatement } from '../src/vex/author.js';
import { imagePurl } from '../src/vex/product.js';
import { generateSbom } from '../src/services/sbom.js';
import { launchChromium, openPage, type Browser } from './support/chromium.js';
import { fixture } from './support/fixtures.js';
import { run } from './support/run-command.js';
import { tempDir } from './tui/support.js';

let db: TestDb;
let home: ReturnType<typeof tempDir>;
let app: string;
let browser: Browser | undefined;
let report: any;
let vexFile: string;
let suppressed: { vulnId: string; purl: string };
const savedHome = process.env.AIRLOCK_HOME;
export const SCREENSHOT = path.resolve('.vitest/html-report.png');

beforeAll(async () => {
  app = fixture('app.docker.tar');
  db = await buildFeedDb(undefined, {
    sequence: 9,
    created: new Date().toISOString(),
    expires: new Date(Date.now() + 864e5 * 30).toISOString(),
    signerKeyId: 'test',
    formatVersion: 1,
    schemaVersion: 1,
  });
  home = tempDir('airlock-html-e2e-');
  process.env.AIRLOCK_HOME = home.dir;
  const all = JSON.parse((await run(Cves, [app, '--db', db.file, '--format', 'json'])).stdout);
  const first = all.findings.find((f: any) => f.severity.band === 'critical') ?? all.findings[0];
  suppressed = { vulnId: first.vulnId, purl: first.package.purl };
  const meta = (await generateSbom(app)).image;
  const at = new Date().toISOString();
  vexFile = path.join(home.dir, 'decisions.openvex.json');
  const statement = triageStatement(
    { vulnId: suppressed.vulnId, aliases: [], packagePurls: [suppressed.purl] },
    imagePurl(meta),
    { status: 'not_affected', justification: 'vulnerable_code_not_present', note: 'built without it' },
    at,
  );
  writeFileSync(
    vexFile,
    JSON.stringify(
      recordStatements(undefined, [statement], { author: 'test', now: at, newId: 'urn:uuid:html', tooling: 'test' }),
    ),
  );
  report = JSON.parse((await run(Cves, [app, '--db', db.file, '--format', 'json', '--vex', vexFile])).stdout);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  await db?.close();
  home?.remove();
});

describe('cves --format html', () => {
  let file: string;
  let html: string;

  it('writes one self-contained file: nothing external, a CSP that allows only its own script', async () => {
    file = path.join(home.dir, 'report.html');
    const out = await run(Cves, [app, '--db', db.file, '--vex', vexFile, '--format', 'html', '-o', file]);
    expect(out.code).toBe(0);
    html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // No external resource of any kind, no inline handler, no eval.
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\beval\(|new Function\(|url\(/);
    expect(html.match(/<script>/g)).toHaveLength(1);
    const body = /<script>([\s\S]*)<\/script>/.exec(html)![1];
    expect(html).toContain(`script-src ${scriptHash(body)};`);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes image-derived text', async () => {
    const data = await htmlReportForImage(app, { dbFile: db.file, vexFile });
    const img = data.images[0];
    const evil = '<img src=x onerror=alert(1)>"\'&';
    img.label = evil;
    img.layers[0] = { ...img.layers[0], createdBy: `/bin/sh -c ${evil}` };
    img.report.findings[0] = { ...img.report.findings[0], description: evil };
    const out = renderHtmlReport(data);
    expect(out).not.toContain('<img src=x');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
  });

  it('renders in Chromium with no network: counts, findings, policies, layers and VEX are in the DOM; a filter works', async () => {
    browser = await launchChromium();
    // The namespace really has no network: only a loopback interface and no route at all.
    expect(browser.interfaces).toEqual(['lo']);
    expect(browser.routes).toEqual([]);
    expect(browser.connect).toBe('failed');
    const page = await openPage(browser, 1280, 2600);
    await page.navigate(pathToFileURL(file).href);
    expect(await page.evaluate<string>("document.documentElement.getAttribute('data-script')")).toBe('ran');
    const dom = await page.evaluate<any>(`(() => ({
      findings: [...document.querySelectorAll('.finding')].map((f) => [f.querySelector('.id').textContent, f.closest('.pkg').getAttribute('data-purl')]),
      packages: document.querySelectorAll('.pkg').length,
      target: [...document.querySelectorAll('.qv-row[data-kind=Target] .counts span')].map((s) => s.textContent),
      policies: [...document.querySelectorAll('.policy')].map((p) => [p.getAttribute('data-policy'), p.getAttribute('data-status')]),
      layers: document.querySelectorAll('.layer').length,
      layerTotal: [...document.querySelectorAll('.layer')].reduce((n, l) => n + Number(l.getAttribute('data-total')), 0),
      suppressed: [...document.querySelectorAll('.suppressed .mono')].map((s) => s.textContent),
      shown: document.querySelector('form.filters .shown').textContent,
      formVisible: !document.querySelector('form.filters').hidden,
    }))()`);
    expect(dom.findings.map((f: string[]) => f.join(' ')).sort()).toEqual(
      report.findings.map((f: any) => `${f.vulnId} ${f.package.purl}`).sort(),
    );
    expect(dom.packages).toBe(new Set(report.findings.map((f: any) => f.package.purl)).size);
    const c = report.counts;
    expect(dom.target).toEqual([`${c.critical}C`, `${c.high}H`, `${c.medium}M`, `${c.low}L`, `${c.unspecified}U`]);
    expect(dom.policies.map((p: string[]) => p[0])).toHaveLength(7);
    expect(dom.policies).toContainEqual(['no-fixable-critical-high', 'fail']);
    expect(dom.layers).toBe(report.image.layers);
    expect(dom.layerTotal).toBeGreaterThan(0);
    expect(dom.suppressed).toEqual([suppressed.vulnId]);
    expect(dom.findings.map((f: string[]) => f.join(' '))).not.toContain(`${suppressed.vulnId} ${suppressed.purl}`);
    expect(dom.shown).toBe(String(report.findings.length));
    expect(dom.formVisible).toBe(true);

    // A real click (mouse events at the checkbox) turns critical off.
    const box = await page.evaluate<{ x: number; y: number }>(
      `(() => { const el = document.querySelector('form.filters input[name=sev][value=critical]'); el.scrollIntoView({ block: 'center' }); const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
    );
    for (const type of ['mousePressed', 'mouseReleased'])
      await browser.send(
        'Input.dispatchMouseEvent',
        { type, x: box.x, y: box.y, button: 'left', clickCount: 1 },
        page.session,
      );
    const filtered = await page.evaluate<any>(`(() => ({
      checked: document.querySelector('form.filters input[name=sev][value=critical]').checked,
      visible: [...document.querySelectorAll('.finding')].filter((f) => !f.hidden).map((f) => f.getAttribute('data-sev')),
      shown: document.querySelector('form.filters .shown').textContent,
    }))()`);
    const nonCritical = report.findings.filter((f: any) => f.severity.band !== 'critical').length;
    expect(filtered.checked).toBe(false);
    expect(filtered.visible).not.toContain('critical');
    expect(filtered.visible).toHaveLength(nonCritical);
    expect(filtered.shown).toBe(String(nonCritical));
    expect(nonCritical).toBeLessThan(report.findings.length);

    // Sorting: by severity (the default) the most severe packages come first; by EPSS, the highest score.
    const order = (attr: string) =>
      page.evaluate<number[]>(
        `[...document.querySelectorAll('.packages > .pkg')].filter((p) => !p.hidden).map((p) => Number(p.getAttribute('${attr}')))`,
      );
    const descending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);
    expect(descending(await order('data-rank'))).toBe(true);
    await page.evaluate(
      `(() => { const s = document.querySelector('form.filters select[name=sort]'); s.value = 'epss'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`,
    );
    const epss = await order('data-epss');
    expect(descending(epss)).toBe(true);
    expect(epss[0]).toBe(
      Math.max(
        ...report.findings.filter((f: any) => f.severity.band !== 'critical').map((f: any) => f.epss?.epss ?? -1),
      ),
    );
    await page.evaluate(
      `(() => { const s = document.querySelector('form.filters select[name=sort]'); s.value = 'severity'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`,
    );

    // Open the first package and its first finding for the screenshot, at the top of the page.
    await page.evaluate(
      `(() => { for (const b of document.querySelectorAll('form.filters input[name=sev]')) if (!b.checked) b.click(); const p = document.querySelector('.pkg'); p.open = true; p.querySelector('.finding').open = true; window.scrollTo(0, 0); })()`,
    );
    const shot = await browser.send(
      'Page.captureScreenshot',
      { format: 'png', captureBeyondViewport: false },
      page.session,
    );
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    writeFileSync(SCREENSHOT, Buffer.from(shot.data, 'base64'));
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');

    // The page's CSP held: no violation, no script error.
    const problems = browser.events.filter(
      (e) =>
        e.method === 'Runtime.exceptionThrown' || (e.method === 'Log.entryAdded' && e.params.entry.level === 'error'),
    );
    expect(problems.map((e) => JSON.stringify(e.params).slice(0, 300))).toEqual([]);
  });
});

describe('images --format html', () => {
  it("one report over every stored snapshot, with each image's section", async () => {
    expect((await run(Scan, [app, '--db', db.file, '--name', 'app:1.0'])).code).toBe(0);
    const file = path.join(home.dir, 'images.html');
    const out = await run(Images, ['--format', 'html', '--db', db.file, '-o', file]);
    expect(out.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<body data-images="1">');
    expect(html).toContain('<section class="image" id="image-1"');
    expect(html).toContain('<h2>app:1.0</h2>');
    expect(html.match(/class="finding"/g)?.length).toBeGreaterThan(0);
  });
});
