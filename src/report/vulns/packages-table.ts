/**
 * The default `cves` output, after `docker scout cves`'s layout (the CLI reference named in
 * src/findings/package-groups.ts): a summary, an overview, then per
 * package group a header (counts, name, version, purl) and one block per vulnerability:
 *
 *      0C     1H     0M     0L  zlib 1:1.2.13.dfsg-1
 *   pkg:deb/debian/zlib@1:1.2.13.dfsg-1?distro=debian-12
 *
 *       ✗ HIGH CVE-2023-45853
 *         https://security-tracker.debian.org/tracker/CVE-2023-45853
 *         Fixed version  : 1:1.3.dfsg-2
 */
import { describeSeverity } from '../../severity/index.js';
import type { Finding } from '../../match/types.js';
import { total } from '../../findings/counts.js';
import { severityCells } from './severity-cells.js';
import { dataDatesLine, databaseLine } from './database-line.js';
import { decidedByText, epssText, fixText, kevText, primaryLink } from './finding-lines.js';
import type { VulnReport } from '../../findings/model.js';
import { packageGroups, type PackageGroup } from '../../findings/package-groups.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import { bold, green, paintBand, red, type Style } from './style.js';
import { coverageLines, osAssessed, reportCoverage } from './coverage-lines.js';

const field = (label: string, value: string) => `      ${label.padEnd(15)}: ${value}`;

/** `--details`: the advisory's description, on lines of at most this many characters, and at most this many. */
const DETAIL_WIDTH = 90;
const DETAIL_LINES = 12;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function detailLines(f: Finding): string[] {
  const lines: string[] = [];
  if (f.description) {
    const wrapped = wrap(terminalSafe(f.description), DETAIL_WIDTH);
    lines.push('', ...wrapped.slice(0, DETAIL_LINES).map((l) => `      ${l}`));
    if (wrapped.length > DETAIL_LINES) lines.push('      … (the whole description is in --format json)');
  }
  const refs = f.references.filter((r) => r !== primaryLink(f));
  if (refs.length > 0)
    lines.push(
      '',
      field('References', terminalSafe(refs[0])),
      ...refs.slice(1, 8).map((r) => `${' '.repeat(23)}${terminalSafe(r)}`),
    );
  if (refs.length > 8) lines.push(`${' '.repeat(23)}… ${refs.length - 8} more in --format json`);
  lines.push(field('Source', `${f.source} (${f.namespace})`));
  return lines;
}

function findingBlock(f: Finding, style: Style, options: PackagesTableOptions = {}): string[] {
  const lines = [
    `    ${red(style, '✗')} ${paintBand(style, f.severity.band, f.severity.band.toUpperCase())} ${bold(style, f.vulnId)}`,
  ];
  const link = primaryLink(f);
  if (link) lines.push(`      ${link}`);
  if (f.status === 'fixed' && f.fixedVersion) lines.push(field('Affected range', `<${f.fixedVersion}`));
  lines.push(field('Fixed version', fixText(f)));
  if (f.fixedBy) lines.push(field('Fixed by', f.fixedBy));
  const decided = decidedByText(f);
  if (decided) lines.push(field('Decided by', decided));
  lines.push(field('Severity', describeSeverity(f.severity)));
  if (f.severity.cvss?.vector) lines.push(field('CVSS vector', f.severity.cvss.vector));
  const epss = epssText(f);
  if (epss || options.epss) lines.push(field('EPSS', epss ?? 'not scored'));
  const kev = kevText(f);
  if (kev) lines.push(field('KEV', red(style, kev)));
  if (f.note) lines.push(field('Note', f.note));
  if (f.aliases.length > 0) lines.push(field('Also known as', f.aliases.join(', ')));
  if (options.details) lines.push(...detailLines(f));
  return lines;
}

export function overviewLines(r: VulnReport, style: Style): string[] {
  const rows: [string, string][] = [
    ['  Target', r.image.name],
    ['    digest', r.image.manifestDigest?.replace(/^sha256:/, '').slice(0, 12) ?? '-'],
    ['    platform', r.image.platform ?? '-'],
    ['    vulnerabilities', severityCells(r.counts, style, { alwaysU: true }).slice(1)],
    ['    packages', String(r.indexedPackages)],
    ['  Database', databaseLine(r.database)],
    ['    data dates', dataDatesLine(r.database)],
  ];
  return [
    `${' '.repeat(20)}│       Analyzed Image`,
    `${'─'.repeat(20)}┼${'─'.repeat(30)}`,
    ...rows.map(([label, value]) => `${label.padEnd(20)}│  ${value}`),
  ];
}

export function summaryLines(r: VulnReport, style: Style): string[] {
  const groups = packageGroups(r.findings);
  const lines = [`    ${green(style, '✓')} Indexed ${r.indexedPackages} packages · ${databaseLine(r.database)}`];
  const n = total(r.counts);
  const clean = osAssessed(reportCoverage(r));
  if (n === 0 && clean) lines.push(`    ${green(style, '✓')} No vulnerable package detected`);
  else if (n === 0)
    lines.push(
      `    ${red(style, '✗')} No vulnerable package detected among the assessed packages, but some packages were NOT assessed (below)`,
    );
  else
    lines.push(
      `    ${red(style, '✗')} Detected ${groups.length} vulnerable ${groups.length === 1 ? 'package' : 'packages'} with a total of ${n} ${n === 1 ? 'vulnerability' : 'vulnerabilities'}`,
    );
  lines.push(...coverageLines(reportCoverage(r), r.distro, style).slice(0, 1));
  for (const w of r.warnings) lines.push(`    ! ${w}`);
  return lines;
}

export interface PackagesTableOptions {
  /** `--locations`: where each installed package of a group was found, and in which layer. */
  locations?: boolean;
  /** `--details`: each vulnerability's description, references and source. */
  details?: boolean;
  /** `--epss`: the EPSS line on every vulnerability, and the most likely exploited first. */
  epss?: boolean;
}

const epssOf = (f: Finding) => f.epss?.epss ?? -1;

/** `--epss`: packages by their highest EPSS score, and within one the vulnerabilities too. */
function byEpss(groups: PackageGroup[]): PackageGroup[] {
  const sorted = groups.map((g) => ({ ...g, findings: [...g.findings].sort((a, b) => epssOf(b) - epssOf(a)) }));
  return sorted.sort((a, b) => epssOf(b.findings[0]) - epssOf(a.findings[0]));
}

/**
 * The files each installed package of a group was read from, with the layer that wrote
 * them (`/usr/share/java/log4j-core.jar · layer sha256:3b1f0a9c2d4e`): the first is the
 * package database entry or the artifact itself.
 */
function locationLines(group: PackageGroup): string[] {
  const lines = ['locations'];
  const seen = new Set<string>();
  for (const f of group.findings) {
    const pkg = f.package;
    const key = `${pkg.purl}\u0000${pkg.locations[0]?.path ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const l of pkg.locations) {
      const layer = l.layerDiffId ? ` · layer ${l.layerDiffId.slice(0, 'sha256:'.length + 12)}` : '';
      const owner = pkg.ownedBy ? ` · owned by ${pkg.ownedBy.type} ${pkg.ownedBy.name}` : '';
      lines.push(`  ${pkg.name} ${pkg.version}  ${l.path}${layer}${owner}`);
    }
  }
  return lines;
}

export function renderPackagesTable(r: VulnReport, style: Style, options: PackagesTableOptions = {}): string {
  const lines = [
    ...summaryLines(r, style),
    '',
    '## Overview',
    '',
    ...overviewLines(r, style),
    '',
    '## Packages and Vulnerabilities',
    '',
  ];
  const groups = packageGroups(r.findings);
  for (const group of options.epss ? byEpss(groups) : groups) {
    lines.push(`${severityCells(group.counts, style)}  ${bold(style, group.name)} ${group.version}`);
    lines.push(group.purl);
    if (group.installedAs.length > 0) lines.push(`installed as ${group.installedAs.join(', ')}`);
    if (options.locations) lines.push(...locationLines(group));
    lines.push('');
    const seen = new Set<string>();
    for (const f of group.findings) {
      if (seen.has(f.vulnId)) continue;
      seen.add(f.vulnId);
      lines.push(...findingBlock(f, style, options), '');
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
