/**
 * The policy file (YAML or JSON): which policies apply, their thresholds, and exceptions
 * with a reason and an optional expiry. Every key is checked: a key this airlock does not
 * know is an error naming the file and the key, never silently ignored (a typo in
 * `excluded-cves` must not turn a policy off unnoticed).
 *
 * policies:
 *   no-fixable-critical-high: { severities: [critical, high], fixable-only: true }
 *   no-high-profile-vulnerabilities: { cisa-kev: true, cves: [...], excluded-cves: [...] }
 *   no-copyleft-licenses: { licenses: [AGPL-3.0, GPL-3.0] }
 *   approved-base-images: { images: ["debian:*"] }
 *   supply-chain-attestations: { sbom: true, provenance: true }
 *   default-non-root-user: { enabled: false }
 * exceptions:
 *   - { vulnerability: CVE-2023-45853, package: zlib1g, reason: "...", expires: 2027-01-31 }
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { InputError, UserError } from '../errors.js';
import { BANDS, type SeverityBand } from '../severity/index.js';
import { POLICY_IDS, type PolicyId } from './model.js';
import { HIGH_PROFILE_CVES } from './high-profile.js';

export interface PolicyException {
  /** The policy it waives for; all policies when absent. */
  policy?: PolicyId;
  /** A vulnerability id or alias, upper case. */
  vulnerability?: string;
  /** A package name, or a purl prefix (`pkg:deb/debian/zlib1g`). */
  package?: string;
  /** A license, for the license policy. */
  license?: string;
  reason: string;
  /** ISO date; the exception is ignored (with a warning) from then on. */
  expires?: string;
}

export interface PolicyConfig {
  /** The file it was read from; undefined for the defaults. */
  file?: string;
  enabled: Record<PolicyId, boolean>;
  fixable: { severities: SeverityBand[]; fixableOnly: boolean };
  highProfile: { cisaKev: boolean; cves: string[]; excludedCves: string[] };
  /** License identifiers, or families when given without a version (`GPL`). */
  copyleft: { licenses: string[] };
  /** Patterns of `repository:tag` with `*`; empty means not configured. */
  approvedBases: { images: string[] };
  attestations: { sbom: boolean; provenance: boolean };
  exceptions: PolicyException[];
}

/** Scout's defaults where it has them: its default license policy flags AGPL; GPL is one line in the policy file away. */
export function defaultPolicyConfig(): PolicyConfig {
  return {
    enabled: Object.fromEntries(POLICY_IDS.map((id) => [id, true])) as Record<PolicyId, boolean>,
    fixable: { severities: ['critical', 'high'], fixableOnly: true },
    highProfile: { cisaKev: true, cves: [...HIGH_PROFILE_CVES], excludedCves: [] },
    copyleft: { licenses: ['AGPL-1.0', 'AGPL-3.0'] },
    approvedBases: { images: [] },
    attestations: { sbom: true, provenance: true },
    exceptions: [],
  };
}

type Obj = Record<string, unknown>;

class Reader {
  constructor(readonly file: string) {}
  fail(where: string, what: string): never {
    throw new InputError(this.file, `${where}: ${what}`, {
      hint: 'see airlock policy --help for the policy file keys',
    });
  }
  object(v: unknown, where: string, keys: readonly string[]): Obj {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(where, 'must be a mapping');
    for (const k of Object.keys(v as Obj))
      if (!keys.includes(k)) this.fail(where, `unknown key ${JSON.stringify(k)} (known: ${keys.join(', ')})`);
    return v as Obj;
  }
  bool(v: unknown, where: string): boolean {
    if (typeof v !== 'boolean') this.fail(where, 'must be true or false');
    return v;
  }
  text(v: unknown, where: string): string {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (v instanceof Date) return v.toISOString().slice(0, 10); // YAML reads 2027-01-31 as a date
    return this.fail(where, 'must be a non-empty string');
  }
  list(v: unknown, where: string): string[] {
    if (!Array.isArray(v)) this.fail(where, 'must be a list');
    return v.map((x, i) => this.text(x, `${where}[${i}]`));
  }
}

const POLICY_KEYS: Record<PolicyId, readonly string[]> = {
  'no-fixable-critical-high': ['enabled', 'severities', 'fixable-only'],
  'no-high-profile-vulnerabilities': ['enabled', 'cisa-kev', 'cves', 'excluded-cves'],
  'no-copyleft-licenses': ['enabled', 'licenses'],
  'up-to-date-base-image': ['enabled'],
  'default-non-root-user': ['enabled'],
  'approved-base-images': ['enabled', 'images'],
  'supply-chain-attestations': ['enabled', 'sbom', 'provenance'],
};

/** Reads and checks a policy file; the result is the defaults with the file's settings applied. */
export async function loadPolicyConfig(file: string): Promise<PolicyConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: ${code === 'ENOENT' ? 'no such policy file' : `cannot be read (${code})`}`, {
      cause: err,
    });
  }
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, logLevel: 'error' });
  } catch (err) {
    throw new InputError(
      file,
      `is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
      { cause: err },
    );
  }
  return parsePolicyConfig(doc ?? {}, file);
}

export function parsePolicyConfig(doc: unknown, file: string): PolicyConfig {
  const r = new Reader(file);
  const config: PolicyConfig = { ...defaultPolicyConfig(), file };
  const top = r.object(doc, 'the document', ['policies', 'exceptions']);
  const policies = top.policies === undefined ? {} : r.object(top.policies, 'policies', POLICY_IDS);
  for (const id of POLICY_IDS) {
    if (policies[id] === undefined || policies[id] === null) continue;
    const where = `policies.${id}`;
    const p = r.object(policies[id], where, POLICY_KEYS[id]);
    const get = <T>(key: string, read: (v: unknown, w: string) => T, fallback: T): T =>
      p[key] === undefined ? fallback : read(p[key], `${where}.${key}`);
    config.enabled[id] = get('enabled', r.bool.bind(r), true);
    if (id === 'no-fixable-critical-high') {
      const severities = get('severities', r.list.bind(r), config.fixable.severities).map((s) => s.toLowerCase());
      const bad = severities.find((s) => !(BANDS as readonly string[]).includes(s));
      if (bad) r.fail(`${where}.severities`, `unknown severity ${JSON.stringify(bad)} (known: ${BANDS.join(', ')})`);
      config.fixable = {
        severities: severities as SeverityBand[],
        fixableOnly: get('fixable-only', r.bool.bind(r), true),
      };
    } else if (id === 'no-high-profile-vulnerabilities') {
      const upper = (l: string[]) => l.map((s) => s.toUpperCase());
      config.highProfile = {
        cisaKev: get('cisa-kev', r.bool.bind(r), true),
        cves: upper(get('cves', r.list.bind(r), config.highProfile.cves)),
        excludedCves: upper(get('excluded-cves', r.list.bind(r), [])),
      };
    } else if (id === 'no-copyleft-licenses') {
      config.copyleft = { licenses: get('licenses', r.list.bind(r), config.copyleft.licenses) };
    } else if (id === 'approved-base-images') {
      config.approvedBases = { images: get('images', r.list.bind(r), []) };
    } else if (id === 'supply-chain-attestations') {
      config.attestations = {
        sbom: get('sbom', r.bool.bind(r), true),
        provenance: get('provenance', r.bool.bind(r), true),
      };
    }
  }
  const exceptions: unknown = top.exceptions === undefined || top.exceptions === null ? [] : top.exceptions;
  if (!Array.isArray(exceptions)) return r.fail('exceptions', 'must be a list');
  config.exceptions = exceptions.map((e, i) => readException(r, e, `exceptions[${i}]`));
  return config;
}

function readException(r: Reader, raw: unknown, where: string): PolicyException {
  const e = r.object(raw, where, ['policy', 'vulnerability', 'package', 'license', 'reason', 'expires']);
  if (e.reason === undefined) r.fail(where, 'needs a reason');
  const out: PolicyException = { reason: r.text(e.reason, `${where}.reason`) };
  if (e.policy !== undefined) {
    const policy = r.text(e.policy, `${where}.policy`);
    if (!(POLICY_IDS as readonly string[]).includes(policy))
      r.fail(`${where}.policy`, `unknown policy ${JSON.stringify(policy)} (known: ${POLICY_IDS.join(', ')})`);
    out.policy = policy as PolicyId;
  }
  if (e.vulnerability !== undefined)
    out.vulnerability = r.text(e.vulnerability, `${where}.vulnerability`).toUpperCase();
  if (e.package !== undefined) out.package = r.text(e.package, `${where}.package`);
  if (e.license !== undefined) out.license = r.text(e.license, `${where}.license`);
  if (!out.vulnerability && !out.package && !out.license)
    r.fail(where, 'names nothing to waive: give a vulnerability, a package or a license');
  if (e.expires !== undefined) {
    const expires = r.text(e.expires, `${where}.expires`);
    if (!/^\d{4}-\d{2}-\d{2}/.test(expires) || Number.isNaN(Date.parse(expires)))
      r.fail(`${where}.expires`, `${JSON.stringify(expires)} is not a date (YYYY-MM-DD)`);
    out.expires = expires;
  }
  return out;
}
