import { describe, expect, it } from 'vitest';
import { catalogers, distroDetectors } from './index.js';

describe('cataloger registry', () => {
  it('registers each cataloger and detector once, with a stable name and a version', () => {
    const all = [...distroDetectors, ...catalogers];
    expect(all.map((c) => c.name)).toEqual([
      'os-release',
      'dpkg',
      'apk',
      'rpm',
      'java',
      'npm',
      'python',
      'golang',
      'rust',
      'ruby',
      'php',
      'dotnet',
      'dart',
    ]);
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
    expect(owners('/var/lib/rpm/rpmdb.sqlite')).toEqual(['rpm']);
    expect(owners('/app/lib/a.jar')).toEqual(['java']);
    expect(owners('/app/node_modules/lodash/package.json')).toEqual(['npm']);
    // A program file may be a Go or a Rust binary: both look at it, through one read.
    expect(owners('/usr/bin/bash')).toEqual(['golang', 'rust']);
    expect(owners('/usr/share/doc/bash/README')).toEqual([]);
  });
});
