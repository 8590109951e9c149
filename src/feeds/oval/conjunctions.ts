/**
 * Flattens a criteria tree into what each criterion needs in order to hold: the leaf, the
 * criteria it is ANDed with on the way up ("Oracle Linux 8 is installed", "arch is
 * aarch64", "openssl is ksplice-based", the lower bound of a range), and the OR groups of
 * plain criteria it is ANDed with (SUSE puts "one of these products is installed" beside
 * "one of these packages is older than …"). Distro readers then decide which leaves are
 * package tests and what the context means for them. A negated subtree is left out: an
 * rpm advisory row cannot say "unless".
 */
import type { OvalCriteria, OvalCriterion } from './model.js';

export interface Conjunction {
  leaf: OvalCriterion;
  /** The criteria that must hold with `leaf`, outermost first. */
  context: OvalCriterion[];
  /** Groups of which one criterion must hold with `leaf`. */
  anyOf: OvalCriterion[][];
}

export function* conjunctions(
  criteria: OvalCriteria | undefined,
  context: OvalCriterion[] = [],
  anyOf: OvalCriterion[][] = [],
): Generator<Conjunction> {
  if (!criteria || criteria.negate) return;
  const leaves = criteria.children.filter((c): c is OvalCriterion => c.kind === 'criterion' && !c.negate);
  const isAnd = criteria.operator === 'AND';
  const inner = isAnd ? [...context, ...leaves] : context;
  const groups = criteria.children.filter((c): c is OvalCriteria => c.kind === 'criteria' && !c.negate);
  for (const leaf of leaves) {
    yield {
      leaf,
      context: isAnd ? inner.filter((c) => c !== leaf) : context,
      anyOf: isAnd ? [...anyOf, ...groups.filter(flat).map(leavesOf)] : anyOf,
    };
  }
  for (const group of groups) {
    const siblings = isAnd ? groups.filter((g) => g !== group && flat(g)).map(leavesOf) : [];
    yield* conjunctions(group, inner, [...anyOf, ...siblings]);
  }
}

/** An OR of plain criteria: a choice the rest of an AND is made under. */
function flat(criteria: OvalCriteria): boolean {
  return criteria.operator === 'OR' && criteria.children.every((c) => c.kind === 'criterion' && !c.negate);
}

function leavesOf(criteria: OvalCriteria): OvalCriterion[] {
  return criteria.children as OvalCriterion[];
}
