import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPolicyConfig, loadPolicyConfig } from './config.js';
import { isRootUser } from './image-policies.js';
import { licenseKey, listedLicenseIn } from './licenses.js';

const dir = mkdtempSync(path.join(tmpdir(), 'airlock-policy-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('copyleft license matching', () => {
  const listed = ['AGPL-3.0', 'GPL-3.0'];
  it('reads SPDX, DEP-5 and rpm spellings as one family and version', () => {
    expect(licenseKey('GPL-3.0-or-later')).toEqual({ family: 'GPL', version: '3' });
    expect(licenseKey('GPL-3+')).toEqual({ family: 'GPL', version: '3' });
    expect(licenseKey('GPLv3+')).toEqual({ family: 'GPL', version: '3' });
    expect(licenseKey('LGPL-2.1+')).toEqual({ family: 'LGPL', version: '2.1' });
    expect(licenseKey('AGPL-3.0-only')).toEqual({ family: 'AGPL', version: '3' });
  });
  it('flags listed licenses and no others', () => {
    expect(listedLicenseIn('GPL-3.0-or-later', listed)).toBe('GPL-3.0');
    expect(listedLicenseIn('AGPLv3', listed)).toBe('AGPL-3.0');
    expect(listedLicenseIn('GPL-2.0-only', listed)).toBeUndefined();
    expect(listedLicenseIn('LGPL-3.0-or-later', listed)).toBeUndefined();
    // Alpine's musl-utils, as apk records it
    expect(listedLicenseIn('MIT AND BSD-2-Clause AND GPL-2.0-or-later', ['GPL-2.0'])).toBe('GPL-2.0');
    // a family without a version covers every version
    expect(listedLicenseIn('GPL-2+', ['GPL'])).toBe('GPL');
  });
  it('an OR with a way out is not copyleft; parentheses flag any listed identifier', () => {
    expect(listedLicenseIn('GPL-3.0-or-later OR MIT', listed)).toBeUndefined();
    expect(listedLicenseIn('GPL-3.0 OR AGPL-3.0', listed)).toBe('GPL-3.0');
    expect(listedLicenseIn('MIT AND (GPL-3.0-only OR Apache-2.0)', listed)).toBe('GPL-3.0');
  });
});

describe('the policy file', () => {
  it('YAML with thresholds, exceptions and a disabled policy', async () => {
    const f = file(
      'p.yaml',
      [
        'policies:',
        '  no-fixable-critical-high: { severities: [critical] }',
        '  default-non-root-user: { enabled: false }',
        '  approved-base-images: { images: ["debian:*"] }',
        'exceptions:',
        '  - { vulnerability: cve-2023-45853, package: zlib1g, reason: not reachable, expires: 2027-01-31 }',
      ].join('\n'),
    );
    const config = await loadPolicyConfig(f);
    expect(config.fixable).toEqual({ severities: ['critical'], fixableOnly: true });
    expect(config.enabled['default-non-root-user']).toBe(false);
    expect(config.approvedBases.images).toEqual(['debian:*']);
    expect(config.exceptions).toEqual([
      { vulnerability: 'CVE-2023-45853', package: 'zlib1g', reason: 'not reachable', expires: '2027-01-31' },
    ]);
    expect(config.copyleft).toEqual(defaultPolicyConfig().copyleft);
  });
  it('unknown keys are an error naming the file and the key', async () => {
    await expect(
      loadPolicyConfig(
        file('typo.yaml', 'policies:\n  no-high-profile-vulnerabilities: { excluded-cve: [CVE-2014-0160] }\n'),
      ),
    ).rejects.toThrow(
      `${path.join(dir, 'typo.yaml')}: policies.no-high-profile-vulnerabilities: unknown key "excluded-cve"`,
    );
    await expect(loadPolicyConfig(file('top.json', '{"polices": {}}'))).rejects.toThrow(
      /top\.json: the document: unknown key "polices"/,
    );
    await expect(loadPolicyConfig(file('pol.json', '{"policies": {"no-agpl": {}}}'))).rejects.toThrow(
      /pol\.json: policies: unknown key "no-agpl"/,
    );
  });
  it('exceptions need a reason and something to waive; bad dates and severities are refused', async () => {
    await expect(loadPolicyConfig(file('r.yaml', 'exceptions:\n  - { vulnerability: CVE-1 }\n'))).rejects.toThrow(
      /exceptions\[0\]: needs a reason/,
    );
    await expect(loadPolicyConfig(file('w.yaml', 'exceptions:\n  - { reason: x }\n'))).rejects.toThrow(
      /names nothing to waive/,
    );
    await expect(
      loadPolicyConfig(file('d.yaml', 'exceptions:\n  - { reason: x, package: a, expires: soon }\n')),
    ).rejects.toThrow(/"soon" is not a date/);
    await expect(
      loadPolicyConfig(file('s.yaml', 'policies:\n  no-fixable-critical-high: { severities: [urgent] }\n')),
    ).rejects.toThrow(/unknown severity "urgent"/);
    await expect(loadPolicyConfig(file('bad.yaml', 'policies: [\n'))).rejects.toThrow(/bad\.yaml: is not valid YAML/);
    await expect(loadPolicyConfig(path.join(dir, 'none.yaml'))).rejects.toThrow(/none\.yaml: no such policy file/);
  });
});

describe('default user', () => {
  it('unset, root and uid 0 are root; others are not', () => {
    for (const u of ['', 'root', '0', '0:0', 'root:staff']) expect(isRootUser(u)).toBe(true);
    for (const u of ['nobody', '1000', '1000:1000', 'app:root']) expect(isRootUser(u)).toBe(false);
  });
});
