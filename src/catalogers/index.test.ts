import { describe, expect, it } from 'vitest';
import { catalogers, distroDetectors } from './index.js';

describe('cataloger registry', () => {
  it('registers each cataloger and detector once, with a stable name and a version', () => {
    const all = [...distroDetectors, ...catalogers];
    expect(all.map((c) => c.name)).toEqual(['os-release', 'dpkg', 'apk']);
    for (const c of all) {
      expect(Number.isInteger(c.version) && c.version >= 1, c.name).toBe(true);
      expect(c.maxFileBytes, c.name).toBeGreaterThan(0);
    }
  });

  it('gives every wanted path to exactly the catalogers that read it', () => {
    const owners = (p: string) => [...distroDetectors, ...catalogers].filter((c) => c.wants(p)).map((c) => c.name);
    expect(owners('/etc/os-release')).toEqual(['os-release']);
    expect(owners('/var/lib/dpkg/status')).toEqual(['dpkg']);
    expect(owners('/lib/apk/db/installed')).toEqual(['apk']);
    expect(owners('/usr/bin/bash')).toEqual([]);
  });
});
