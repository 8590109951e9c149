/**
 * A SUSE OVAL definition (one CVE) to advisory rows per product release. SUSE says which
 * product a package test is for with "<product> is installed" criteria, tests of the
 * product's release package (`sles-release`, `sle-module-basesystem-release`,
 * `openSUSE-release` …) at a version (`15.1` = 15 SP1), ANDed with the package tests
 * directly or as an OR group beside them. Every SUSE Linux Enterprise product and module
 * of a service pack shares one package set, so they all give rows in `sles:<version>`;
 * openSUSE Leap's give rows in `opensuse-leap:<version>`. "<pkg> is not affected" (a
 * version test for 0) is a not-affected row.
 */
import type { Advisory, AffectedPackage } from '../../advisories/model.js';
import { conjunctions, type Conjunction, type OvalCriterion, type OvalDefinition } from '../oval/index.js';
import { advisoriesOf, affectedRow, packageBounds } from '../oval/rows.js';

/** The namespace of a product criterion, from its release-package test or, when the test is missing, its comment. */
export function productNamespace(c: OvalCriterion): string | undefined {
  const name = c.test?.packageName;
  const version = c.test?.state?.version;
  if (name && /-release$/i.test(name) && version?.operation === 'equals' && /^\d+(\.\d+)?$/.test(version.value)) {
    return /^opensuse/i.test(name) ? `opensuse-leap:${version.value}` : `sles:${version.value}`;
  }
  if (c.test?.packageName) return undefined;
  const leap = /openSUSE Leap (\d+\.\d+)\b.*is installed/.exec(c.comment ?? '');
  if (leap) return `opensuse-leap:${leap[1]}`;
  const sle = /SUSE Linux Enterprise .*?\b(\d+)(?: SP(\d+))?(?:-[\w-]+)? is installed/.exec(c.comment ?? '');
  return sle ? `sles:${sle[1]}${sle[2] ? `.${sle[2]}` : ''}` : undefined;
}

function namespacesOf(c: Conjunction): string[] {
  const direct = c.context.map(productNamespace).filter((n): n is string => !!n);
  const chosen = c.anyOf.flatMap((group) => group.map(productNamespace)).filter((n): n is string => !!n);
  return [...new Set([...direct, ...chosen])];
}

function notAffected(c: Conjunction): string | undefined {
  const state = c.leaf.test?.state;
  return c.leaf.test?.packageName &&
    !state?.evr &&
    state?.version?.operation === 'equals' &&
    state.version.value === '0'
    ? c.leaf.test.packageName
    : undefined;
}

export function normalizeSuse(def: OvalDefinition): Advisory[] {
  const rows: AffectedPackage[] = [];
  for (const c of conjunctions(def.criteria)) {
    if (productNamespace(c.leaf)) continue;
    const bounds = packageBounds(c);
    const unaffected = bounds ? undefined : notAffected(c);
    if (!bounds && !unaffected) continue;
    for (const namespace of namespacesOf(c)) {
      rows.push(
        bounds
          ? affectedRow(namespace, bounds)
          : { namespace, package: unaffected!, status: 'not_affected', ranges: [], versions: [] },
      );
    }
  }
  return advisoriesOf(def, 'suse-oval', rows, { severitySource: 'suse' });
}
