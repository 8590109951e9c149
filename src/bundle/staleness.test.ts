import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { checkStaleness, databaseAge } from './staleness.js';
import { parseDuration } from './duration.js';

// A bundle built the day the KEV catalogue in ../shared/feeds was released.
const meta = { created: '2025-08-25T17:04:19.979Z', expires: '2025-09-24T17:04:19.979Z' };

describe('staleness', () => {
  it('counts whole days since the bundle was built', () => {
    expect(databaseAge(meta, new Date('2025-08-25T18:00:00Z'))).toBe(0);
    expect(databaseAge(meta, new Date('2025-09-01T17:04:20Z'))).toBe(7);
    expect(databaseAge(meta, new Date('2025-08-01T00:00:00Z'))).toBe(0);
  });

  it('is silent up to the limit, warns past it, throws when asked to fail', () => {
    expect(checkStaleness(meta, { now: new Date('2025-09-01T17:04:20Z') })).toBeUndefined();
    expect(checkStaleness(meta, { now: new Date('2025-09-02T17:04:20Z') })).toBe(
      'the advisory database is 8 days old (limit 7); findings may miss recent vulnerabilities',
    );
    expect(checkStaleness(meta, { now: new Date('2025-08-28T00:00:00Z'), maxAgeDays: 1 })).toMatch(
      /is 2 days old \(limit 1\)/,
    );
    expect(() => checkStaleness(meta, { now: new Date('2025-09-10T00:00:00Z'), failOnStale: true })).toThrow(UserError);
  });

  it('an expired database is stale whatever the limit', () => {
    expect(checkStaleness(meta, { now: new Date('2025-09-25T00:00:00Z'), maxAgeDays: 365 })).toBe(
      'the advisory database expired on 2025-09-24T17:04:19.979Z; findings may miss recent vulnerabilities',
    );
  });

  it('parses --expires-in durations', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(() => parseDuration('30 days')).toThrow(/invalid duration "30 days"/);
    expect(() => parseDuration('0d')).toThrow(/invalid duration/);
  });
});
