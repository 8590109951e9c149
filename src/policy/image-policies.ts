/**
 * The policies about the image rather than its vulnerabilities: licenses (from the SBOM's
 * license data), the base image (from the base catalog), the default user (image config
 * `User`) and supply-chain attestations (in the archive). When the data a policy needs is
 * not there — no base detected, a snapshot older than the fact — the result is `unknown`,
 * which is not a failure, and says what is missing.
 */
import { canonicalRepository, parseRepoTag } from '../base/reference.js';
import type { Sbom } from '../sbom/model.js';
import type { PolicyConfig, PolicyException } from './config.js';
import { waive } from './exceptions.js';
import { listedLicenseIn } from './licenses.js';
import { POLICY_NAMES, type PolicyId, type PolicyItem, type PolicyResult, type PolicyStatus } from './model.js';
import { plural, verdict, waivedNote } from './vulnerability-policies.js';

/** What the base catalog says about the image's base (src/base/detect.ts, recommend.ts). */
export interface BaseFacts {
  /** `debian:bookworm`, when a base was found (in the catalog, or named by a label or annotation). */
  name?: string;
  /** Whether `name` is a catalog entry (only then can a newer build be known). */
  inCatalog: boolean;
  /** A newer build of the base's tag in the catalog. */
  refreshed?: { name: string; digest: string; created?: string };
  /** Why no base is known. */
  reason?: string;
}

const fact = (id: PolicyId, status: PolicyStatus, summary: string, items: PolicyItem[] = []): PolicyResult => ({
  id,
  name: POLICY_NAMES[id],
  status,
  summary,
  items,
});

export function copyleftLicenses(sbom: Sbom, config: PolicyConfig, exceptions: PolicyException[]): PolicyResult {
  const id = 'no-copyleft-licenses';
  const items: PolicyItem[] = [];
  let unknown = 0;
  for (const p of sbom.packages) {
    if (p.licenses.length === 0) unknown += 1;
    for (const declared of p.licenses) {
      const license = listedLicenseIn(declared, config.copyleft.licenses);
      if (!license) continue;
      items.push(
        waive(
          {
            package: `${p.name} ${p.version}`,
            packageName: p.name,
            purl: p.purl,
            license: declared,
            text: `${p.name} ${p.version} (${p.type}) is licensed ${declared}`,
          },
          id,
          exceptions,
        ),
      );
      break;
    }
  }
  const noData = unknown > 0 ? `; ${plural(unknown, 'package')} without license data` : '';
  const listed = config.copyleft.licenses.join(', ');
  return verdict(id, items, (open, waived) =>
    open > 0
      ? `${plural(open, 'package')} under ${listed}${waivedNote(waived)}${noData}`
      : `no package under ${listed}${waivedNote(waived)}${noData}`,
  );
}

export function upToDateBase(base: BaseFacts): PolicyResult {
  const id = 'up-to-date-base-image';
  if (!base.name) return fact(id, 'unknown', `no base image known: ${base.reason ?? 'none detected'}`);
  if (!base.inCatalog)
    return fact(
      id,
      'unknown',
      `base ${base.name} is named by the image but not in the base catalog, so its newer builds are unknown`,
    );
  if (!base.refreshed)
    return fact(id, 'pass', `base ${base.name} is the newest build of its tag in the catalog`, [
      { text: `base image ${base.name}` },
    ]);
  const r = base.refreshed;
  return fact(
    id,
    'fail',
    `base ${base.name} has a newer build: ${r.name} ${r.digest.slice(0, 19)}${r.created ? ` built ${r.created.slice(0, 10)}` : ''}`,
    [{ text: `refreshed base ${r.name} (${r.digest})` }],
  );
}

/** `debian:*` or `docker.io/library/debian:bookworm*`: `*` matches any run of characters. */
function approves(pattern: string, name: string): boolean {
  const norm = (ref: string) => {
    try {
      const { repository, tag } = parseRepoTag(ref.replace(/\*/g, 'x0star0x'), 'approved-base-images');
      return `${canonicalRepository(repository)}:${tag}`.replace(/x0star0x/g, '*');
    } catch {
      return ref;
    }
  };
  const re = new RegExp(
    `^${norm(pattern)
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(norm(name));
}

export function approvedBase(base: BaseFacts, config: PolicyConfig): PolicyResult {
  const id = 'approved-base-images';
  const { images } = config.approvedBases;
  if (images.length === 0)
    return fact(
      id,
      'unknown',
      'no approved base images configured (policies.approved-base-images.images in the policy file)',
    );
  if (!base.name) return fact(id, 'unknown', `no base image known: ${base.reason ?? 'none detected'}`);
  const by = images.find((p) => approves(p, base.name!));
  return by
    ? fact(id, 'pass', `base ${base.name} is approved (${by})`, [{ text: `base image ${base.name}` }])
    : fact(id, 'fail', `base ${base.name} is not among the approved: ${images.join(', ')}`, [
        { text: `base image ${base.name}` },
      ]);
}

/** Root unless `User` names another user: `""`, `root`, `0`, `0:0`, `root:staff` are root. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0];
  return name === '' || name === 'root' || name === '0';
}

export function nonRootUser(sbom: Sbom): PolicyResult {
  const id = 'default-non-root-user';
  const user = sbom.image.user;
  if (user === undefined)
    return fact(
      id,
      'unknown',
      sbom.image.format === 'sbom'
        ? 'an SBOM document carries no image config'
        : 'the snapshot predates recording the image config User: scan the image again',
    );
  const shown = JSON.stringify(user);
  return isRootUser(user)
    ? fact(id, 'fail', `the default user is root (config User ${shown})`, [{ text: `config User ${shown}` }])
    : fact(id, 'pass', `the default user is ${user}`, [{ text: `config User ${shown}` }]);
}

const SBOM_PREDICATE = /^https:\/\/(spdx\.dev\/Document|cyclonedx\.org\/bom)/;
const PROVENANCE_PREDICATE = /^https:\/\/slsa\.dev\/provenance\//;

export function attestations(sbom: Sbom, config: PolicyConfig): PolicyResult {
  const id = 'supply-chain-attestations';
  const found = sbom.image.attestations;
  if (found === undefined)
    return fact(
      id,
      'unknown',
      sbom.image.format === 'sbom'
        ? 'an SBOM document carries no attestations'
        : 'the snapshot predates recording attestations: scan the image again',
    );
  const wanted = [
    config.attestations.sbom ? { what: 'SBOM', re: SBOM_PREDICATE } : undefined,
    config.attestations.provenance ? { what: 'provenance', re: PROVENANCE_PREDICATE } : undefined,
  ].filter((w) => !!w);
  const items = found.map((t) => ({ text: `attestation ${t}` }));
  const missing = wanted.filter((w) => !found.some((t) => w.re.test(t))).map((w) => w.what);
  if (missing.length > 0)
    return fact(
      id,
      'fail',
      `no ${missing.join(' or ')} attestation in the archive${found.length ? ` (it has ${found.length} other)` : ''}`,
      [...items, ...missing.map((m) => ({ text: `missing: ${m} attestation` }))],
    );
  return fact(id, 'pass', `${wanted.map((w) => w.what).join(' and ')} attestations present`, items);
}
