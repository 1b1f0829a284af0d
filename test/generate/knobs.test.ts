/**
 * The scenario knobs do what they say, measured on generated samples. Expected values are
 * computed here by hand from the documented mechanism and compared with both the generated data
 * and the library's own expectation functions. Tolerances are several standard errors wide.
 */
import { describe, expect, it } from 'vitest';
import {
  expectedFlipRates,
  expectedLabelRates,
  generate,
  generateStream,
  indicatorRates,
  loadScenario,
  parseScenario,
  TAXONOMY,
  twin,
} from '../../src/generate/index.js';
import { POSTER_TYPES, type PosterType } from '../../src/record.js';

const BASE_NATIONALITY: Record<string, number> = { us: 0.4, 'latin-america': 0.18, 'eastern-europe': 0.14, 'east-asia': 0.14, 'southeast-asia': 0.14 };

/** P(label = 1 | group) by hand: prevalence x P(g|op) / (prevalence x P(g|op) + (1 - prevalence) x P(g|other)). */
function byHand(prev: number, strength: number, target: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [g, w] of Object.entries(BASE_NATIONALITY)) {
    const op = (1 - strength) * w + (g === target ? strength : 0);
    out[g] = (prev * op) / (prev * op + (1 - prev) * w);
  }
  return out;
}

interface Tally {
  n: number;
  positives: number;
  byType: Record<string, number>;
  groupN: Record<string, number>;
  groupPos: Record<string, number>;
  indicator: Record<string, Record<string, number>>;
}

function tally(scenario: unknown, n: number, seed: number): Tally {
  const t: Tally = { n: 0, positives: 0, byType: {}, groupN: {}, groupPos: {}, indicator: {} };
  for (const r of generateStream(parseScenario(scenario), { n, seed })) {
    t.n++;
    t.positives += r.label;
    t.byType[r.posterType] = (t.byType[r.posterType] ?? 0) + 1;
    t.groupN[r.group] = (t.groupN[r.group] ?? 0) + 1;
    t.groupPos[r.group] = (t.groupPos[r.group] ?? 0) + r.label;
    for (const s of r.indicators) {
      const row = (t.indicator[s.id] ??= {});
      row[r.posterType] = (row[r.posterType] ?? 0) + 1;
    }
  }
  return t;
}

describe('scenario knobs', () => {
  const base = tally({}, 200_000, 101);

  it('prevalence: the ad-level share of label 1 matches (baseline 10%)', () => {
    expect(Math.abs(base.positives / base.n - 0.1)).toBeLessThan(0.01);
  });

  it('prevalence: low-prevalence gives about 1% positives', () => {
    let pos = 0;
    for (const r of generateStream(loadScenario('low-prevalence'), { n: 200_000, seed: 7 })) pos += r.label;
    expect(Math.abs(pos / 200_000 - 0.01)).toBeLessThan(0.003);
  });

  it('posterMix: benign poster types share the label-0 ads as configured', () => {
    const neg = base.n - base.positives;
    expect(Math.abs((base.byType.independent ?? 0) / neg - 0.45)).toBeLessThan(0.02);
    expect(Math.abs((base.byType.agency ?? 0) / neg - 0.2)).toBeLessThan(0.02);
    expect(Math.abs((base.byType['non-escort'] ?? 0) / neg - 0.35)).toBeLessThan(0.02);
  });

  it('confounding 0: P(label | group) is the same for every group', () => {
    const expected = byHand(0.1, 0, 'southeast-asia');
    const lib = expectedLabelRates(parseScenario({}));
    for (const g of Object.keys(BASE_NATIONALITY)) {
      expect(expected[g]).toBeCloseTo(0.1, 12);
      expect(lib[g]).toBeCloseTo(expected[g]!, 12);
      expect(Math.abs(base.groupPos[g]! / base.groupN[g]! - 0.1)).toBeLessThan(0.02);
    }
  });

  it('confounding (confounded preset, strength 0.7): P(label | group) moves apart by the computed amount', () => {
    const scenario = loadScenario('confounded');
    expect(scenario.confounding).toEqual({ strength: 0.7, targetGroup: 'southeast-asia' });
    const expected = byHand(0.1, 0.7, 'southeast-asia');
    const lib = expectedLabelRates(scenario);
    const t = tally(scenario, 200_000, 55);
    for (const g of Object.keys(BASE_NATIONALITY)) {
      expect(lib[g]).toBeCloseTo(expected[g]!, 12);
      expect(Math.abs(t.groupPos[g]! / t.groupN[g]! - expected[g]!)).toBeLessThan(0.025);
    }
    expect(expected['southeast-asia']! - expected.us!).toBeGreaterThan(0.3);
  });

  it('confounding works on any group attribute (gender): the group mix of the other attributes follows the base joint', () => {
    const scenario = parseScenario({ groupAttribute: 'gender', confounding: { strength: 0.5 } });
    expect(scenario.confounding.targetGroup).toBe('trans-woman');
    const base: Record<string, number> = { woman: 0.8, 'trans-woman': 0.1, man: 0.1 };
    const lib = expectedLabelRates(scenario);
    const t = tally(scenario, 100_000, 31);
    for (const [g, w] of Object.entries(base)) {
      const op = 0.5 * w + (g === 'trans-woman' ? 0.5 : 0);
      const expected = (0.1 * op) / (0.1 * op + 0.9 * w);
      expect(lib[g]).toBeCloseTo(expected, 12);
      expect(Math.abs(t.groupPos[g]! / t.groupN[g]! - expected), g).toBeLessThan(0.03);
    }
  });

  it('annotation: observed-label flip rates per group match the configured rates; label stays the truth', () => {
    const scenario = loadScenario('biased-annotation');
    const expected = expectedFlipRates(scenario);
    const up: Record<string, [number, number]> = {};
    const down: Record<string, [number, number]> = {};
    let wrongTruth = 0;
    for (const r of generateStream(scenario, { n: 200_000, seed: 8 })) {
      if (r.label !== (r.posterType === 'operation' ? 1 : 0)) wrongTruth++;
      const cell = r.label === 0 ? (up[r.group] ??= [0, 0]) : (down[r.group] ??= [0, 0]);
      cell[0]++;
      if (r.observedLabel !== r.label) cell[1]++;
    }
    expect(wrongTruth).toBe(0);
    const fp = scenario.annotation.flipToPositive;
    const fn = scenario.annotation.flipToNegative;
    for (const g of Object.keys(BASE_NATIONALITY)) {
      expect(expected[g]).toEqual({ toPositive: fp[g], toNegative: fn[g] });
      expect(Math.abs(up[g]![1] / up[g]![0] - fp[g]!)).toBeLessThan(0.01);
      expect(Math.abs(down[g]![1] / down[g]![0] - fn[g]!)).toBeLessThan(0.025);
    }
  });

  it('annotation noise flips observed labels uniformly', () => {
    let flips = 0;
    const n = 100_000;
    for (const r of generateStream({ annotation: { noise: 0.1 } }, { n, seed: 9 })) if (r.observedLabel !== r.label) flips++;
    expect(Math.abs(flips / n - 0.1)).toBeLessThan(0.006);
    // noise composes with group flips: e(1-f) + (1-e)f
    expect(expectedFlipRates(parseScenario({ annotation: { noise: 0.1, flipToPositive: { us: 0.2 } } })).us).toEqual({
      toPositive: 0.1 * 0.8 + 0.9 * 0.2,
      toNegative: 0.1,
    });
  });

  it('indicator rates per poster type are close to the taxonomy rates at default strength', () => {
    for (const ind of TAXONOMY) {
      for (const t of POSTER_TYPES) {
        const observed = (base.indicator[ind.id]?.[t] ?? 0) / base.byType[t]!;
        expect(Math.abs(observed - ind.rates[t]), `${ind.id} / ${t}`).toBeLessThan(0.015);
      }
    }
  });

  it('indicator strength 0 makes operation rates equal the benign escort reference; overlap 0 silences benign phrasing', () => {
    const scenario = parseScenario({ indicators: { strength: 0, overlap: 0 } });
    const rates = indicatorRates(scenario);
    const t = tally(scenario, 60_000, 12);
    for (const ind of TAXONOMY) {
      const ref = (ind.rates.independent + ind.rates.agency) / 2;
      expect(rates[ind.id]!.operation).toBeCloseTo(ref, 12);
      const observed = (t.indicator[ind.id]?.operation ?? 0) / t.byType.operation!;
      expect(Math.abs(observed - ref), ind.id).toBeLessThan(0.04);
      for (const type of ['independent', 'agency', 'non-escort'] as PosterType[]) {
        const count = t.indicator[ind.id]?.[type] ?? 0;
        if (ind.phrases.length > 0) expect(count, `${ind.id} / ${type}`).toBe(0);
      }
    }
    // strength 2 doubles the gap (clamped to [0, 0.95])
    const strong = indicatorRates(parseScenario({ indicators: { strength: 2 } }));
    const obscured = TAXONOMY.find((i) => i.id === 'obscured-phone')!;
    const ref = (obscured.rates.independent + obscured.rates.agency) / 2;
    expect(strong['obscured-phone']!.operation).toBeCloseTo(ref + 2 * (obscured.rates.operation - ref), 12);
  });

  it('proxySignal: with no mentions and no variety the nationality never shows in the text', () => {
    const scenario = parseScenario({ proxySignal: { mention: 0, variety: 0 } });
    const recs = generate(scenario, { n: 400, seed: 3, twins: true });
    for (let i = 0; i < recs.length; i += 2) {
      expect(recs[i]!.indicators.some((s) => s.id === 'ethnicity-emphasis')).toBe(false);
      expect(recs[i + 1]!.text).toBe(recs[i]!.text);
    }
    // with variety only, the group still shows through language for some ads
    const varietyOnly = parseScenario({ proxySignal: { mention: 0, variety: 1 } });
    const v = generate(varietyOnly, { n: 400, seed: 3 });
    const changed = v.filter((r) => twin(r, { nationality: r.group === 'us' ? 'east-asia' : 'us' }, varietyOnly).text !== r.text).length;
    expect(changed).toBeGreaterThan(20);
  });
});
