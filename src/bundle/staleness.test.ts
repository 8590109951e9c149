import { describe, expect, it } from 'vitest';
import { databaseAge } from './staleness.js';
import { parseDuration } from './duration.js';

// A bundle built the day the KEV catalogue in ../shared/feeds was released.
const meta = { created: '2025-08-25T17:04:19.979Z', expires: '2025-09-24T17:04:19.979Z' };

describe('staleness', () => {
  it('counts whole days since the bundle was built', () => {
    expect(databaseAge(meta, new Date('2025-08-25T18:00:00Z'))).toBe(0);
    expect(databaseAge(meta, new Date('2025-09-01T17:04:20Z'))).toBe(7);
    expect(databaseAge(meta, new Date('2025-08-01T00:00:00Z'))).toBe(0);
  });

  it('parses --expires-in durations', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(() => parseDuration('30 days')).toThrow(/invalid duration "30 days"/);
    expect(() => parseDuration('0d')).toThrow(/invalid duration/);
  });
});
