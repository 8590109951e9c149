/**
 * Coverage in words: the warnings every report prints, and the one-line basis under a
 * count ("matched against alpine:3.20 (alpine-secdb, 10,466 records)").
 */
import type { Distro } from '../sbom/model.js';
import type { Coverage, CoverageEntry } from './coverage.js';

const SHOWN_NAMES = 8;

/** `alpine:3.19` → `alpine 3.19`; ecosystems stay as named (`PyPI`). */
export function namespaceLabel(namespace: string): string {
  return namespace.replace(':', ' ');
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function names(list: string[], total: number): string {
  const shown = list.slice(0, SHOWN_NAMES).join(', ');
  return total > SHOWN_NAMES ? `${shown} and ${total - SHOWN_NAMES} more` : shown;
}

/** The entries whose packages got no verdict: the distro's own ones make `--exit-code` fail. */
export function unassessed(coverage: Coverage | undefined, osOnly = false): CoverageEntry[] {
  return (coverage?.entries ?? []).filter(
    (e) => (e.status === 'no_data' || e.status === 'unmatched') && (!osOnly || e.os),
  );
}

export function coverageWarning(entry: CoverageEntry): string | undefined {
  const what = plural(entry.packages, `${entry.packageType} package`);
  if (entry.status === 'no_data') {
    const label = namespaceLabel(entry.namespace!);
    const others = entry.availableReleases?.length
      ? ` (it has ${entry.namespace!.split(':')[0]} ${entry.availableReleases.join(', ')})`
      : '';
    return `no advisory data for ${label} in the database${others}: ${what} NOT assessed`;
  }
  if (entry.status === 'unmatched') {
    const unnamed = entry.unmatchedPackages ?? [];
    return `${what} NOT assessed: ${entry.reason}: ${names(unnamed, entry.packages)}`;
  }
  return undefined;
}

/** Every coverage warning, the distro's first, then the end of life of its release. */
export function coverageWarnings(coverage: Coverage | undefined, distro: Distro | undefined): string[] {
  const out = (coverage?.entries ?? []).map(coverageWarning).filter((w): w is string => !!w);
  const eol = coverage?.endOfLife;
  if (eol?.past && distro)
    out.push(
      `${distro.id} ${eol.release} is past its end of life${eol.date ? ` (${eol.date})` : ''}: the distribution no longer publishes fixes for it`,
    );
  return out;
}

/** `alpine:3.20 (alpine-secdb, 10466 records)` for an assessed entry; the status otherwise. */
export function coverageBasis(entry: CoverageEntry): string {
  if (entry.status === 'assessed') return `${entry.namespace} (${entry.sources.join(', ')}, ${entry.records} records)`;
  if (entry.status === 'no_data') return `${entry.namespace} (no data)`;
  if (entry.status === 'os_owned') return 'their owning OS packages';
  return `not matched (${entry.reason})`;
}
