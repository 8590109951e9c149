/**
 * The OSV event timeline, on the examples of the OSV schema document
 * (ossf/osv-schema docs/schema.md, "Evaluation" and "Examples") with the SemVer comparator.
 */
import { describe, expect, it } from 'vitest';
import type { VersionRange } from '../advisories/model.js';
import { comparatorFor } from '../versions/index.js';
import { listedVersion, rangeVerdict } from './osv-range.js';

const semver = comparatorFor('semver');
const range = (events: VersionRange['events'], type: VersionRange['type'] = 'SEMVER'): VersionRange => ({
  type,
  events,
});

describe('OSV range evaluation', () => {
  // "Multiple range example": [1.0.0, 1.0.2) or [3.0.0, 3.2.5). Events are sorted before evaluation, so their order in the record does not matter.
  const multiple = range([{ introduced: '3.0.0' }, { fixed: '3.2.5' }, { introduced: '1.0.0' }, { fixed: '1.0.2' }]);
  it.each([
    ['0.9.0', false, undefined],
    ['1.0.0', true, '1.0.2'],
    ['1.0.1', true, '1.0.2'],
    ['1.0.2', false, undefined],
    ['2.0.0', false, undefined],
    ['3.2.4', true, '3.2.5'],
    ['3.2.5', false, undefined],
  ])('multiple ranges: %s → affected %s, fix %s', (v, affected, fixed) => {
    expect(rangeVerdict(v, multiple, semver)).toEqual(fixed ? { affected, fixed } : { affected });
  });

  it('"introduced: 0" sorts before every version; no fix means affected with no fixed version', () => {
    expect(rangeVerdict('0.0.1', range([{ introduced: '0' }]), semver)).toEqual({ affected: true });
  });

  it('last_affected includes its version, fixed excludes it ("last_affected vs fixed" example)', () => {
    expect(
      rangeVerdict('2.1.214', range([{ introduced: '0' }, { last_affected: '2.1.214' }], 'ECOSYSTEM'), semver).affected,
    ).toBe(true);
    expect(
      rangeVerdict('2.1.215', range([{ introduced: '0' }, { last_affected: '2.1.214' }], 'ECOSYSTEM'), semver).affected,
    ).toBe(false);
    expect(rangeVerdict('2.1.214', range([{ introduced: '0' }, { fixed: '2.1.214' }]), semver).affected).toBe(false);
  });

  it('limit bounds the range from above, "*" is infinity (BeforeLimits)', () => {
    // No real record in ../shared/feeds uses limit (the spec reserves it mostly for GIT ranges):
    // the spec's "unfixed vulnerability" example capped by a limit.
    const capped = range([{ introduced: '0' }, { limit: '2.0.0' }]);
    expect(rangeVerdict('1.9.9', capped, semver).affected).toBe(true);
    expect(rangeVerdict('2.0.0', capped, semver).affected).toBe(false);
    expect(rangeVerdict('9.0.0', range([{ introduced: '0' }, { limit: '*' }]), semver).affected).toBe(true);
  });

  it('GIT ranges name commits and never match an installed version', () => {
    expect(rangeVerdict('1.0.0', range([{ introduced: '0' }], 'GIT'), semver).affected).toBe(false);
  });

  it('a versions list matches by text or by equality in the scheme', () => {
    expect(listedVersion('1.0.0', ['0.9.0', '1.0.0'], semver)).toBe(true);
    expect(listedVersion('v1.0.0', ['1.0.0'], semver)).toBe(true);
    expect(listedVersion('1.0.1', ['0.9.0', '1.0.0'], semver)).toBe(false);
  });
});
