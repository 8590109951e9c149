/**
 * Alpine secdb documents to advisories. Two shapes carry the same data:
 * - the official branch file: `{distroversion: v3.8, reponame, packages: [{pkg: {name, secfixes}}]}`
 *   (YAML, or JSON on secdb.alpinelinux.org);
 * - aquasecurity/vuln-list's split file: one package, `{name, secfixes, distroversion, …}`.
 * `secfixes` maps a fixed version to the ids it fixed; version "0" means the
 * package was never affected. Package names are origin (aport) names.
 */
import type { Advisory, AffectedPackage, FeedContext } from '../../advisories/model.js';
import { comparatorFor, schemeForNamespace } from '../../versions/index.js';
import { parseSecfixItem } from './secfix.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface PackageFixes {
  name: string;
  secfixes: unknown;
}

/** The branch namespace and the package entries of either shape; undefined when neither fits. */
export function branchPackages(doc: unknown): { namespace: string; packages: unknown[] } | undefined {
  if (!isObject(doc) || typeof doc.distroversion !== 'string' || doc.distroversion.trim() === '') return undefined;
  const namespace = `alpine:${doc.distroversion.trim().replace(/^v/, '')}`;
  if ('packages' in doc) return { namespace, packages: Array.isArray(doc.packages) ? doc.packages : [] };
  if (typeof doc.name === 'string')
    return { namespace, packages: [{ pkg: { name: doc.name, secfixes: doc.secfixes } }] };
  return undefined;
}

interface IdFixes {
  versions: Set<string>;
  aliases: Set<string>;
  notes: Set<string>;
}

/** Per advisory id: the versions that list it, its companion ids and notes. */
function collectIds(pkg: PackageFixes, warn: (message: string) => void): Map<string, IdFixes> {
  const ids = new Map<string, IdFixes>();
  if (!isObject(pkg.secfixes)) return ids;
  for (const [version, items] of Object.entries(pkg.secfixes)) {
    if (items === null || items === '') continue;
    if (!Array.isArray(items)) {
      warn(`${pkg.name} ${version}: secfixes entry is not a list; skipped`);
      continue;
    }
    for (const item of items) {
      if (typeof item !== 'string') {
        warn(`${pkg.name} ${version}: secfix item ${JSON.stringify(item)} is not text; skipped`);
        continue;
      }
      const { cves, others, note } = parseSecfixItem(item);
      const primaries = cves.length > 0 ? cves : others.slice(0, 1);
      if (primaries.length === 0) warn(`${pkg.name} ${version}: no advisory id in ${JSON.stringify(item)}; skipped`);
      for (const id of primaries) {
        const fixes = ids.get(id) ?? { versions: new Set(), aliases: new Set(), notes: new Set() };
        ids.set(id, fixes);
        fixes.versions.add(version.trim());
        for (const other of others) if (other !== id) fixes.aliases.add(other);
        if (note) fixes.notes.add(note);
      }
    }
  }
  return ids;
}

function affectedRow(namespace: string, pkg: string, fixes: IdFixes): AffectedPackage {
  const real = [...fixes.versions].filter((v) => v !== '0');
  const note = fixes.notes.size > 0 ? [...fixes.notes].join('; ') : undefined;
  const base = { namespace, package: pkg, ranges: [], versions: [], ...(note ? { note } : {}) };
  // A real fix version outranks a "0" for the same id: when the data disagrees, report it fixed, not safe.
  if (real.length === 0) return { ...base, status: 'not_affected' };
  // The earliest in the order of the branch's own apk-tools (2 up to 3.22, then 3), the order matching compares in.
  const { compare } = comparatorFor(schemeForNamespace(namespace));
  return { ...base, status: 'fixed', fixedVersion: [...real].sort(compare)[0] };
}

export function alpineAdvisories(doc: unknown, file: string, ctx: FeedContext, source: string): Advisory[] {
  const branch = branchPackages(doc);
  if (!branch) {
    ctx.warn({ file, message: 'no distroversion and packages/name: not an Alpine secdb document; skipped' });
    return [];
  }
  return secdbPackageAdvisories(branch.packages, branch.namespace, file, ctx, source);
}

/**
 * The `packages[].pkg.secfixes` entries of a secdb document, in one namespace: Alpine's
 * branch files and the rolling secdb of Wolfi, Chainguard and MinimOS share this shape.
 */
export function secdbPackageAdvisories(
  packages: unknown[],
  namespace: string,
  file: string,
  ctx: FeedContext,
  source: string,
): Advisory[] {
  const out: Advisory[] = [];
  for (const entry of packages) {
    const pkg = isObject(entry) && isObject(entry.pkg) ? entry.pkg : undefined;
    if (!pkg || typeof pkg.name !== 'string' || pkg.name.trim() === '') {
      ctx.warn({ file, message: `package entry ${JSON.stringify(entry).slice(0, 80)} has no pkg.name; skipped` });
      continue;
    }
    const name = pkg.name.trim();
    const ids = collectIds({ name, secfixes: pkg.secfixes }, (message) => ctx.warn({ file, message }));
    for (const [id, fixes] of ids) {
      out.push({
        id,
        source,
        aliases: [...fixes.aliases],
        references: [],
        severities: [],
        affected: [affectedRow(namespace, name, fixes)],
      });
    }
  }
  return out;
}
