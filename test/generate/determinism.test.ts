import { describe, expect, it } from 'vitest';
import { generate, generateStream, loadScenario, PRESET_NAMES } from '../../src/generate/index.js';

describe('generate: determinism', () => {
  it('same scenario + seed + version gives deep-equal records and identical JSON lines', () => {
    const a = generate(loadScenario('baseline'), { n: 3000, seed: 42 });
    const b = generate(loadScenario('baseline'), { n: 3000, seed: 42 });
    expect(a).toEqual(b);
    expect(a.map((r) => JSON.stringify(r)).join('\n')).toBe(b.map((r) => JSON.stringify(r)).join('\n'));
  });

  it('a different seed gives different data', () => {
    const a = generate({}, { n: 500, seed: 1 });
    const b = generate({}, { n: 500, seed: 2 });
    const sameText = a.filter((r, i) => r.text === b[i]?.text).length;
    expect(sameText).toBeLessThan(25);
  });

  it('generateStream yields exactly what generate returns, for every preset, with and without twins', () => {
    for (const name of PRESET_NAMES) {
      const s = loadScenario(name);
      for (const twins of [false, true]) {
        const arr = generate(s, { n: 700, seed: 9, twins });
        const streamed = [...generateStream(s, { n: 700, seed: 9, twins })];
        expect(streamed).toEqual(arr);
      }
    }
  });

  it('a shorter dataset is a prefix of a longer one (records depend on seed, scenario and position only)', () => {
    const long = generate({}, { n: 2000, seed: 5 });
    const short = generate({}, { n: 777, seed: 5 });
    expect(short).toEqual(long.slice(0, 777));
  });

  it('ids are ad-000001... and with twins each record is followed by its twin', () => {
    const recs = generate({}, { n: 50, seed: 3, twins: true });
    expect(recs).toHaveLength(100);
    for (let i = 0; i < 50; i++) {
      const r = recs[2 * i]!;
      const t = recs[2 * i + 1]!;
      expect(r.id).toBe(`ad-${String(i + 1).padStart(6, '0')}`);
      expect(r.twinOf).toBeNull();
      expect(t.id).toBe(`${r.id}~t1`);
      expect(t.twinOf).toBe(r.id);
    }
  });

  it('calls onProgress with the final count', () => {
    const calls: Array<[number, number | undefined]> = [];
    generate({}, { n: 25_000, seed: 1, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.at(-1)).toEqual([25_000, 25_000]);
    expect(calls.map((c) => c[0])).toEqual([10_000, 20_000, 25_000]);
  });

  it('rejects a bad n or seed with a field-named error', () => {
    expect(() => generate({}, { n: -1, seed: 1 })).toThrow(/^n: /);
    expect(() => generate({}, { n: 1.5, seed: 1 })).toThrow(/^n: /);
    expect(() => generate({}, { n: 1, seed: Number.NaN })).toThrow(/^seed: /);
  });
});
