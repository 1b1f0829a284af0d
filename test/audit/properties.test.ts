/** Property tests (fast-check) of the audit's metrics. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit, METRIC_KEYS, rocAuc } from '../../src/audit/index.js';
import { sortDescending } from '../../src/audit/sorted.js';

// records with scores on a 1/1000 grid (ties likely), both classes present
const records = fc
  .array(fc.record({ y: fc.integer({ min: 0, max: 1 }), k: fc.integer({ min: 0, max: 1000 }), g: fc.constantFrom('a', 'b', 'c') }), { minLength: 2, maxLength: 80 })
  .filter((rs) => rs.some((r) => r.y === 1) && rs.some((r) => r.y === 0));

const RUNS = { numRuns: 60, seed: 42 };

describe('AUC properties', () => {
  it('is invariant under strictly increasing transforms of the scores', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const labels = rs.map((r) => r.y);
        const s = rs.map((r) => r.k / 1000);
        const t = rs.map((r) => Math.exp(3 * (r.k / 1000)) + r.k); // strictly increasing in k
        expect(Math.abs((rocAuc(labels, s) as number) - (rocAuc(labels, t) as number))).toBeLessThan(1e-12);
      }),
      RUNS,
    );
  });
  it('AUC(1 - scores) = 1 - AUC(scores)', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const labels = rs.map((r) => r.y);
        const s = rs.map((r) => r.k / 1000);
        expect(Math.abs((rocAuc(labels, s.map((x) => 1 - x)) as number) - (1 - (rocAuc(labels, s) as number)))).toBeLessThan(1e-12);
      }),
      RUNS,
    );
  });
});

describe('audit properties', () => {
  it('every rate lies in [0, 1] or is null, and counts add up', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 0, max: 1000 }), (rs, tk) => {
        const r = audit({ labels: rs.map((x) => x.y), scores: rs.map((x) => x.k / 1000), groups: { g: rs.map((x) => x.g) }, threshold: tk / 1000, bootstrap: 0 });
        for (const m of [r.overall, ...(r.groups['g'] ?? [])]) {
          expect(m.tp + m.fp + m.tn + m.fn).toBe(m.n);
          for (const key of METRIC_KEYS.slice(7)) {
            const v = m[key];
            if (v !== null) {
              expect(v).toBeGreaterThanOrEqual(0);
              expect(v).toBeLessThanOrEqual(1);
            }
          }
          for (const v of [(m as { subgroupAuc?: number | null }).subgroupAuc, (m as { bpsnAuc?: number | null }).bpsnAuc]) {
            if (v !== undefined && v !== null) expect(v >= 0 && v <= 1).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });
  it('bootstrap intervals contain the point estimate of stable statistics (rates)', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 1e6 }), (rs, seed) => {
        const r = audit({ labels: rs.map((x) => x.y), scores: rs.map((x) => x.k / 1000), groups: { g: rs.map((x) => x.g) }, bootstrap: 200, seed });
        for (const m of [{ ...r.overall, ci: r.overallCi }, ...(r.groups['g'] ?? [])]) {
          for (const key of ['tpr', 'fpr', 'selectionRate'] as const) {
            const v = m[key];
            const ci = m.ci[key];
            if (v === null) continue;
            expect(ci).not.toBeNull();
            const [lo, hi] = ci as [number, number];
            expect(lo - 1e-12).toBeLessThanOrEqual(v);
            expect(hi + 1e-12).toBeGreaterThanOrEqual(v);
          }
        }
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});

describe('the one sort', () => {
  it('orders by descending score, keeping input order among ties', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 0.5, 1, -1)), { maxLength: 200 }), (xs) => {
        const got = [...sortDescending(xs)];
        const want = xs.map((_, i) => i).sort((i, j) => ((xs[j] as number) - (xs[i] as number)) || i - j);
        expect(got).toEqual(want);
      }),
      RUNS,
    );
  });
});
