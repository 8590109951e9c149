/**
 * An Oracle Linux ELSA definition to advisory rows in `oracle:<major>`. Each package test
 * is ANDed with "Oracle Linux N is installed" (the release), often "Oracle Linux arch is
 * X" and, for Ksplice builds, "<pkg> is ksplice-based". A fix respun at different
 * revisions per arch becomes one row per arch; a fix shared by every arch one row without.
 * Ksplice rows are marked so that they never meet ordinary userspace rpms.
 */
import type { Advisory, AffectedPackage } from '../../advisories/model.js';
import { conjunctions, type OvalCriterion, type OvalDefinition } from '../oval/index.js';
import { isKspliceVersion, rpmRowNote } from '../oval/row-note.js';
import { advisoriesOf, affectedRow, evrVersion, packageBounds, type PackageBounds } from '../oval/rows.js';

const RELEASE_PACKAGE = /^(oraclelinux|enterprise|redhat)-release/;

interface Candidate {
  namespace: string;
  bounds: PackageBounds;
  arch?: string;
  ksplice: boolean;
}

/**
 * What one criterion says, from its resolved test or, when the file lacks the test (vunnel's
 * trimmed samples keep only definitions), from the comment Oracle writes on every criterion.
 */
interface ElsaFact {
  release?: string;
  arch?: string;
  kspliceOf?: string;
  bounds?: PackageBounds;
}

export function elsaFact(c: OvalCriterion): ElsaFact {
  const test = c.test;
  if (test?.packageName && RELEASE_PACKAGE.test(test.packageName)) {
    const release = /\d+/.exec(test.state?.version?.value ?? '')?.[0];
    const arch = test.state?.arch?.value.replace(/^\((.*)\)$/, '$1');
    return { ...(release ? { release } : {}), ...(arch ? { arch } : {}) };
  }
  if (test?.packageName) {
    if (/ksplice/i.test(test.state?.release?.value ?? '')) return { kspliceOf: test.packageName };
    const bounds = packageBounds({ leaf: c, context: [], anyOf: [] });
    return bounds ? { bounds } : {};
  }
  const comment = c.comment ?? '';
  let m: RegExpExecArray | null;
  if ((m = /^Oracle Linux (\d+) is installed$/.exec(comment))) return { release: m[1] };
  if ((m = /^Oracle Linux arch is (\S+)$/.exec(comment))) return { arch: m[1] };
  if ((m = /^(\S+) is ksplice-based$/.exec(comment))) return { kspliceOf: m[1] };
  if ((m = /^(\S+) is earlier than (\S+)$/.exec(comment))) return { bounds: { name: m[1], fixed: evrVersion(m[2]) } };
  return {};
}

export function elsaId(def: OvalDefinition): string | undefined {
  const ref = def.references.find((r) => r.source.toLowerCase() === 'elsa');
  return ref?.refId ?? /ELSA-\d{4}-\d+/.exec(def.title ?? '')?.[0];
}

export function normalizeElsa(def: OvalDefinition): Advisory[] {
  const candidates: Candidate[] = [];
  for (const c of conjunctions(def.criteria)) {
    const { bounds } = elsaFact(c.leaf);
    if (!bounds) continue;
    const facts = c.context.map(elsaFact);
    const release = facts.find((f) => f.release)?.release;
    if (!release) continue;
    const arch = facts.find((f) => f.arch)?.arch;
    const ksplice =
      facts.some((f) => f.kspliceOf === bounds.name) || isKspliceVersion(bounds.fixed ?? bounds.lastAffected ?? '');
    candidates.push({ namespace: `oracle:${release}`, bounds, arch, ksplice });
  }
  const id = elsaId(def);
  return advisoriesOf(def, 'oracle-oval', collapseArches(candidates, id), { advisoryId: id, severitySource: 'oracle' });
}

/** Rows per (release, package, ksplice): one without an arch when every arch has the same fix, else one per arch. */
function collapseArches(candidates: Candidate[], fixedBy: string | undefined): AffectedPackage[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.namespace}\u0000${c.bounds.name}\u0000${c.ksplice}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const rows: AffectedPackage[] = [];
  for (const group of groups.values()) {
    // Per arch only when the arches' fixes differ; the same rebuilds on every arch are arch-less.
    const byArch = new Map<string, Set<string>>();
    for (const c of group)
      byArch.set(c.arch ?? '', (byArch.get(c.arch ?? '') ?? new Set()).add(JSON.stringify(c.bounds)));
    const sets = [...byArch.values()].map((set) => [...set].sort().join('\n'));
    const perArch = !byArch.has('') && new Set(sets).size > 1;
    const chosen = perArch
      ? group
      : group.filter((c, i) => group.findIndex((o) => JSON.stringify(o.bounds) === JSON.stringify(c.bounds)) === i);
    for (const c of chosen) {
      rows.push(
        affectedRow(c.namespace, c.bounds, {
          fixedBy,
          note: rpmRowNote({ arch: perArch ? c.arch : undefined, ksplice: c.ksplice }),
        }),
      );
    }
  }
  return rows;
}
