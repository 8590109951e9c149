/**
 * Release-line order of real tags: Debian's own (docker.io/library/debian), Debian-based
 * language images (python, node) and plain semver tags; suites that move (stable) take
 * their release from the image's os-release; development suites are never newer.
 */
import { describe, expect, it } from 'vitest';
import { compareReleaseLines, tagFacts } from './tags.js';

const line = (repository: string, tag: string, os?: string, built = '2026-01-01T00:00:00Z') => ({
  ...tagFacts(repository, tag, os),
  built,
});
const sign = (n: number) => Math.sign(n);

describe('tagFacts', () => {
  it.each([
    ['debian', 'bookworm', undefined, { debianRelease: 12, variant: '', development: false }],
    ['debian', 'bookworm-slim', undefined, { debianRelease: 12, variant: 'slim', development: false }],
    ['debian', '12.8-slim', undefined, { debianRelease: 12, variant: 'slim', development: false }],
    ['debian', 'bookworm-20241111-slim', undefined, { debianRelease: 12, variant: 'slim', development: false }],
    ['docker.io/library/debian', '13', undefined, { debianRelease: 13, variant: '', development: false }],
    ['debian', 'stable-slim', 'debian 13', { debianRelease: 13, variant: 'slim', development: false }],
    ['debian', 'sid', 'debian forky', { variant: '', development: true }],
    [
      'python',
      '3.12-slim-bookworm',
      undefined,
      { debianRelease: 12, version: [3, 12], variant: 'slim', development: false },
    ],
    [
      'node',
      '20.18.1-bullseye-slim',
      undefined,
      { debianRelease: 11, version: [20, 18, 1], variant: 'slim', development: false },
    ],
    ['registry.local:5000/base/runtime', 'v1.4.2', undefined, { version: [1, 4, 2], variant: '', development: false }],
    ['alpine', 'latest', 'alpine 3.20.3', { variant: '', development: false }],
  ])('%s:%s', (repository, tag, os, facts) => {
    expect(tagFacts(repository, tag, os)).toEqual(facts);
  });
});

describe('compareReleaseLines', () => {
  it('orders Debian codenames and versions by release, not alphabet', () => {
    expect(sign(compareReleaseLines(line('debian', 'trixie'), line('debian', 'bookworm')))).toBe(1);
    expect(sign(compareReleaseLines(line('debian', 'bullseye'), line('debian', 'bookworm')))).toBe(-1);
    expect(sign(compareReleaseLines(line('debian', 'forky-slim'), line('debian', 'trixie-slim')))).toBe(1);
    expect(sign(compareReleaseLines(line('debian', '13-slim'), line('debian', 'bookworm-slim')))).toBe(1);
    expect(sign(compareReleaseLines(line('debian', 'stable', 'debian 12'), line('debian', 'bullseye')))).toBe(1);
  });

  it('the same release in another variant or dated build is the same line', () => {
    expect(compareReleaseLines(line('debian', 'bookworm-slim'), line('debian', 'bookworm'))).toBe(0);
    expect(
      compareReleaseLines(
        line('debian', 'bookworm-20241111', undefined, '2024-11-11'),
        line('debian', 'bookworm', undefined, '2024-01-01'),
      ),
    ).toBe(0);
  });

  it('versions decide within a release, the release decides across them', () => {
    expect(sign(compareReleaseLines(line('python', '3.12-bookworm'), line('python', '3.11-bookworm')))).toBe(1);
    expect(sign(compareReleaseLines(line('python', '3.11-trixie'), line('python', '3.12-bookworm')))).toBe(1);
    expect(sign(compareReleaseLines(line('node', '22.11.0'), line('node', '22.9.0')))).toBe(1);
    expect(sign(compareReleaseLines(line('node', '22'), line('node', '22.0.0')))).toBe(0);
  });

  it('tags naming neither are ordered by build date', () => {
    expect(
      sign(
        compareReleaseLines(
          line('shop/base', 'edge', undefined, '2026-03-01'),
          line('shop/base', 'main', undefined, '2026-01-01'),
        ),
      ),
    ).toBe(1);
    expect(
      sign(
        compareReleaseLines(
          line('alpine', 'latest', 'alpine 3.20.3', '2026-01-01'),
          line('alpine', 'edge', undefined, '2026-03-01'),
        ),
      ),
    ).toBe(-1);
  });
});
