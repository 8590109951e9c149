import { describe, expect, it } from 'vitest';
import { parseImageInput } from './input-ref.js';

describe('parseImageInput: Scout prefixes, offline', () => {
  it.each([
    ['archive://app.tar', { kind: 'archive', path: 'app.tar' }],
    ['oci-dir:///srv/layout', { kind: 'oci-dir', path: '/srv/layout' }],
    ['fs://./rootfs', { kind: 'fs', path: './rootfs' }],
    ['sbom://app.cdx.json', { kind: 'sbom', path: 'app.cdx.json' }],
    ['sbom:app.cdx.json', { kind: 'sbom', path: 'app.cdx.json' }],
    ['sbom://-', { kind: 'sbom', path: '-' }],
    ['sbom://', { kind: 'sbom', path: '-' }],
    ['-', { kind: 'sbom', path: '-' }],
    ['app:1.0', { kind: 'auto', path: 'app:1.0' }],
    ['./app.tar', { kind: 'auto', path: './app.tar' }],
  ])('%s', (input, expected) => expect(parseImageInput(input)).toEqual(expected));

  it('refuses the prefixes that need a daemon or registry, and empty paths', () => {
    expect(() => parseImageInput('registry://alpine')).toThrow(
      /registry:\/\/ reads from a Docker daemon or a registry/,
    );
    expect(() => parseImageInput('image://alpine')).toThrow(/never contacts either/);
    expect(() => parseImageInput('fs://')).toThrow('fs:// needs a path after it');
    expect(() => parseImageInput('sbom:')).toThrow('sbom: needs a path after it');
  });
});
