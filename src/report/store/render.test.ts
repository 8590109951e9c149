/**
 * The lines `db import` prints for changed images: per image, the per-band delta of its
 * current counts, then how many findings are new, resolved and changed (each counted per
 * vulnerability and source package, as reports count).
 */
import { describe, expect, it } from 'vitest';
import type { ImageChange } from '../../store/changes.js';
import type { Reevaluation } from '../../store/reevaluate.js';
import { deltaText, renderReevaluation } from './render.js';

const counts = (c: number, h: number, m: number, l: number, u: number) => ({
  critical: c,
  high: h,
  medium: m,
  low: l,
  unspecified: u,
});

function change(
  label: string,
  before: ReturnType<typeof counts>,
  after: ReturnType<typeof counts>,
  summary: ImageChange['summary'],
): ImageChange {
  const delta = Object.fromEntries(
    Object.keys(before).map((k) => [k, after[k as keyof typeof after] - before[k as keyof typeof before]]),
  ) as ImageChange['delta'];
  return {
    changeSetId: 1,
    evaluationId: 1,
    at: '2026-11-25T12:00:00.000Z',
    trigger: 'db import',
    image: { id: 1, label },
    countsBefore: before,
    countsAfter: after,
    delta,
    summary,
    findings: [],
  };
}

describe('renderReevaluation', () => {
  it('one aligned line per changed image: band deltas, then new/resolved/changed', () => {
    const result: Reevaluation = {
      evaluationId: 3,
      at: '2026-11-25T12:00:00.000Z',
      sequence: 1002,
      images: 5,
      changes: [
        change('app:1.0', counts(1, 3, 7, 2, 0), counts(3, 4, 4, 2, 0), { new: 3, resolved: 3, changed: 1 }),
        change('postgres:13.1', counts(17, 32, 35, 33, 2), counts(17, 32, 35, 34, 2), {
          new: 1,
          resolved: 0,
          changed: 0,
        }),
        change('83b9a077b6b4', counts(0, 1, 0, 10, 3), counts(0, 1, 0, 10, 3), { new: 1, resolved: 1, changed: 0 }),
      ],
      failed: [{ label: 'old:1', reason: 'incorrect header check' }],
    };
    expect(renderReevaluation(result)).toBe(
      '3 of 5 stored images changed (re-evaluated against advisory sequence 1002):\n' +
        '  app:1.0        +2C +1H -3M  3 new, 3 resolved, 1 changed\n' +
        '  postgres:13.1  +1L          1 new\n' +
        '  83b9a077b6b4   ±0           1 new, 1 resolved\n' +
        '  not re-evaluated: old:1 (incorrect header check)\n',
    );
  });

  it('says when nothing changed, and caps a long list', () => {
    expect(renderReevaluation({ evaluationId: 1, at: '', images: 2, changes: [], failed: [] })).toBe(
      'no stored image changed (2 re-evaluated against a database without bundle sequence)\n',
    );
    const many = Array.from({ length: 23 }, (_, i) =>
      change(`app:${i}`, counts(0, 0, 0, 0, 0), counts(0, 0, 0, 1, 0), { new: 1, resolved: 0, changed: 0 }),
    );
    const text = renderReevaluation({ evaluationId: 1, at: '', sequence: 2, images: 23, changes: many, failed: [] });
    expect(text.trimEnd().split('\n')).toHaveLength(22);
    expect(text).toContain('  … and 3 more (airlock images changes lists them all)\n');
    expect(deltaText(counts(0, 0, 0, 0, -2))).toBe('-2U');
  });
});
