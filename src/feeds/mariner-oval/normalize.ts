/**
 * An Azure Linux / CBL-Mariner OVAL definition (one CVE, one package) to a row in
 * `azurelinux:3.0` or `mariner:2.0`. The release is not in the criteria: it is the
 * file's, told by the dist tag every fixed EVR carries (`.azl3`, `.cm2`) or else by the
 * file name (`azurelinux-3.0-oval.xml`). `patchable` decides what an unfixed bound means:
 * "Not Applicable" is not affected; otherwise an `evr less than or equal` bound has no fix
 * yet, and `less than` is the fixed version. A `greater than` test opens the range.
 */
import path from 'node:path';
import type { Advisory, AffectedPackage } from '../../advisories/model.js';
import { RecordError } from '../common/values.js';
import type { FeedFile } from '../common/feed-files.js';
import { conjunctions, type OvalDefinition, type OvalGenerator } from '../oval/index.js';
import { advisoriesOf, affectedRow, packageBounds } from '../oval/rows.js';

export function marinerFamily(generator: OvalGenerator): 'azurelinux' | 'mariner' | undefined {
  const product = generator.productName ?? '';
  if (/azure linux/i.test(product)) return 'azurelinux';
  if (/mariner/i.test(product)) return 'mariner';
  return undefined;
}

function releaseOf(evr: string | undefined, file: FeedFile): string | undefined {
  const tag = /\.(?:cm|azl)(\d+)(?:[._]|$)/.exec(evr ?? '');
  if (tag) return `${tag[1]}.0`;
  return /-(\d+\.\d+)-oval\b/.exec(path.posix.basename(file.entryPath))?.[1];
}

export function normalizeMariner(def: OvalDefinition, file: FeedFile, generator: OvalGenerator): Advisory[] {
  const family = marinerFamily(generator);
  if (!family)
    throw new RecordError(`generator "${generator.productName ?? ''}" is neither Azure Linux nor CBL-Mariner`);
  const patchable = def.extra.patchable?.toLowerCase();
  const rows: AffectedPackage[] = [];
  for (const c of conjunctions(def.criteria)) {
    const bounds = packageBounds(c);
    if (!bounds) continue;
    const release = releaseOf(c.leaf.test?.state?.evr?.value, file);
    if (!release) throw new RecordError(`no release in ${bounds.name}'s version or the file name`);
    const namespace = `${family}:${release}`;
    if (patchable === 'not applicable')
      rows.push({ namespace, package: bounds.name, status: 'not_affected', ranges: [], versions: [] });
    else rows.push(affectedRow(namespace, bounds, { status: 'no_fix_yet' }));
  }
  // Microsoft's advisory_id (`44771-1`) names the definition, not an advisory anyone cites: no alias.
  if (!def.issued && def.extra.advisory_date) def.issued = def.extra.advisory_date;
  return advisoriesOf(def, 'mariner-oval', rows, { severitySource: family });
}
