/**
 * Exceptions of the policy file: a waiver for one vulnerability, package or license
 * (or a combination: all given must match), for one policy or all, with a reason and an
 * optional expiry. A waived item stays in the result, marked, so the waiver is visible;
 * an expired exception waives nothing and is reported.
 */
import type { PolicyException } from './config.js';
import type { PolicyId, PolicyItem } from './model.js';

export interface ActiveExceptions {
  active: PolicyException[];
  /** Sentences about the exceptions past their expiry. */
  warnings: string[];
}

export function activeExceptions(exceptions: PolicyException[], now: Date, file = 'the policy file'): ActiveExceptions {
  const active: PolicyException[] = [];
  const warnings: string[] = [];
  for (const e of exceptions) {
    if (e.expires && Date.parse(e.expires) <= now.getTime()) {
      warnings.push(
        `${file}: the exception for ${[e.vulnerability, e.package, e.license].filter(Boolean).join(' ')} expired on ${e.expires.slice(0, 10)} and was ignored`,
      );
    } else active.push(e);
  }
  return { active, warnings };
}

/** What an exception is compared with: the item's ids, package name and purl. */
export interface WaivableItem extends PolicyItem {
  aliases?: string[];
  packageName?: string;
}

function matches(e: PolicyException, policy: PolicyId, item: WaivableItem): boolean {
  if (e.policy && e.policy !== policy) return false;
  if (e.vulnerability && ![item.vulnId, ...(item.aliases ?? [])].some((id) => id?.toUpperCase() === e.vulnerability))
    return false;
  if (
    e.package &&
    !(
      item.packageName === e.package ||
      (item.purl !== undefined && e.package.startsWith('pkg:') && item.purl.startsWith(e.package))
    )
  )
    return false;
  if (e.license && item.license?.toUpperCase() !== e.license.toUpperCase()) return false;
  return true;
}

/** The item as a result shows it: with `waived` when an exception covers it. */
export function waive(item: WaivableItem, policy: PolicyId, exceptions: PolicyException[]): PolicyItem {
  const { aliases: _aliases, packageName: _name, ...shown } = item;
  const e = exceptions.find((x) => matches(x, policy, item));
  return e ? { ...shown, waived: { reason: e.reason, ...(e.expires ? { expires: e.expires } : {}) } } : shown;
}
