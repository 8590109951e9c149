/**
 * The package group a finding belongs to: an OS package by its source package and version
 * (libc6 and libc-bin are one glibc), a language package by itself. Counts and groupings
 * key on it (counts.ts, package-groups.ts).
 */
import type { PackageRef } from '../match/types.js';

export function groupKey(ref: PackageRef): string {
  return `${ref.type}\u0000${ref.sourceName ?? ref.name}\u0000${ref.sourceVersion ?? ref.version}`;
}
