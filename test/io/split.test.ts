import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { split } from '../../src/split.js';
import type { AdRecord } from '../../src/record.js';
import { record } from './fixtures.js';

/** Records with uneven strata: label x group cells of sizes 1..n. */
function uneven(): AdRecord[] {
  const out: AdRecord[] = [];
  const groups = ['us', 'mx', 'ph', 'vn'];
  let i = 0;
  groups.forEach((group, g) => {
    for (const label of [0, 1] as const) {
      const size = 3 + g * 17 + label * 5; // 3, 8, 20, 25, 37, 42, 54, 59
      for (let k = 0; k < size; k++) out.push(record(i, { id: `ad-${i++}`, group, label }));
    }
  });
  return out;
}

function strata(recs: readonly AdRecord[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of recs) m.set(`${r.label}|${r.group}`, (m.get(`${r.label}|${r.group}`) ?? 0) + 1);
  return m;
}

describe('split', () => {
  it('puts within one record of the requested share of every stratum in test', () => {
    const recs = uneven();
    for (const share of [0.1, 0.2, 0.33, 0.5]) {
      const { train, test } = split(recs, { test: share, by: ['label', 'group'], seed: 3 });
      expect(train.length + test.length).toBe(recs.length);
      const all = strata(recs);
      const held = strata(test);
      for (const [key, size] of all) {
        expect(Math.abs((held.get(key) ?? 0) - share * size)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is a partition that keeps input order, deterministic for a seed and different across seeds', () => {
    const recs = uneven();
    const a = split(recs, { test: 0.25, by: ['label', 'group'], seed: 1 });
    const b = split(recs, { test: 0.25, by: ['label', 'group'], seed: 1 });
    const c = split(recs, { test: 0.25, by: ['label', 'group'], seed: 2 });
    expect(a.test.map((r) => r.id)).toEqual(b.test.map((r) => r.id));
    expect(a.test.map((r) => r.id)).not.toEqual(c.test.map((r) => r.id));
    const ids = [...a.train, ...a.test].map((r) => r.id).sort();
    expect(ids).toEqual(recs.map((r) => r.id).sort());
    const pos = new Map(recs.map((r, i) => [r.id, i]));
    for (const part of [a.train, a.test]) {
      const idx = part.map((r) => pos.get(r.id) as number);
      expect(idx).toEqual([...idx].sort((x, y) => x - y));
    }
  });

  it('does not depend on the order of the input', () => {
    const recs = uneven();
    const a = split(recs, { test: 0.3, seed: 9 });
    const b = split([...recs].reverse(), { test: 0.3, seed: 9 });
    expect(new Set(b.test.map((r) => r.id))).toEqual(new Set(a.test.map((r) => r.id)));
  });

  it('keeps counterfactual twins on the side of their original', () => {
    const base = uneven();
    const twins = base.filter((_, i) => i % 3 === 0).map((r) => ({ ...r, id: `${r.id}~t1`, twinOf: r.id, group: 'zz' }));
    const { train, test } = split([...base, ...twins], { test: 0.3, seed: 4 });
    const testIds = new Set(test.map((r) => r.id));
    for (const t of twins) expect(testIds.has(t.id)).toBe(testIds.has(t.twinOf as string));
    expect(train.length + test.length).toBe(base.length + twins.length);
  });

  it('handles shares 0 and 1, an empty input, and proxies.<attribute> strata', () => {
    const recs = uneven();
    expect(split(recs, { test: 0, seed: 1 }).test).toEqual([]);
    expect(split(recs, { test: 1, seed: 1 }).train).toEqual([]);
    expect(split([], { seed: 1 })).toEqual({ train: [], test: [] });
    const { test } = split(recs, { test: 0.5, by: ['proxies.language'], seed: 1 });
    const native = recs.filter((r) => r.proxies['language'] === 'native').length;
    expect(Math.abs(test.filter((r) => r.proxies['language'] === 'native').length - native / 2)).toBeLessThanOrEqual(1);
  });

  it('rejects a bad share or an unknown field with an InputError', () => {
    expect(() => split([], { test: 1.5, seed: 1 })).toThrow(InputError);
    expect(() => split([], { test: 1.5, seed: 1 })).toThrow(/test: expected a share from 0 to 1, got 1.5/);
    expect(() => split([], { by: ['text' as 'label'], seed: 1 })).toThrow(/by: cannot stratify by "text"/);
  });
});
