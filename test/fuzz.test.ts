/**
 * Issue 11, the mutation fuzzer on every build: a bounded number of seeded cases
 * (test/fuzz/, the same driver as `scripts/fuzz`, which runs for hours on demand) over
 * mutated image archives, a signed bundle and real feed files, through the real entry
 * points. Any finding fails the test with its seed and case, which `scripts/fuzz --seed S
 * --case N --keep DIR` reproduces.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz/run.js';

const SEED = Number(process.env.AIRLOCK_FUZZ_SEED ?? 20261203);
const CASES = Number(process.env.AIRLOCK_FUZZ_CASES ?? 200);

describe('mutation fuzzer', () => {
  it(`${CASES} seeded cases (seed ${SEED}) keep every invariant`, async () => {
    const summary = await runFuzz({ seed: SEED, cases: CASES, cliEvery: 40, caseTimeoutMs: 30_000 });
    expect(summary.ran).toBe(CASES);
    // Every kind of input was tried.
    const kinds = new Set(Object.keys(summary.byTarget).map((t) => t.replace(/^cli:/, '').split('/')[0]));
    expect([...kinds].sort()).toEqual(['bundle', 'feed', 'image']);
    expect(summary.findings.map((f) => `case ${f.index} (${f.target}): ${f.finding}`)).toEqual([]);
  }, 300_000);
});
