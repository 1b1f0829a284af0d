import { describe, expect, it } from 'vitest';
import {
  calibrationChart,
  errorRateChart,
  harmChart,
  prChart,
  rocChart,
  sweepChart,
  thresholdChart,
  tradeoffChart,
} from '../../src/report/index.js';
import { GROUP_COLORS, OKABE_ITO } from '../../src/report/palette.js';
import { renderSvg } from '../../src/report/svg.js';
import { wrapText, type VegaLiteSpec } from '../../src/report/spec.js';
import { bruteMetrics, fixtureAds, fixtureAudit, fixtureCells } from './fixtures.js';

const audit = fixtureAudit(0.5);

/** All `data.values` arrays anywhere in a spec. */
function dataValues(spec: unknown): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const data = o['data'] as { values?: unknown } | undefined;
      if (data && Array.isArray(data.values)) out.push(data.values as Record<string, unknown>[]);
      Object.values(o).forEach(walk);
    }
  };
  walk(spec);
  return out;
}

/** Every number in a spec has at most 4 decimals (specs are rounded so snapshots are stable). */
function maxDecimals(spec: unknown): number {
  let max = 0;
  JSON.stringify(spec, (_, v: unknown) => {
    if (typeof v === 'number' && !Number.isInteger(v)) max = Math.max(max, (String(v).split('.')[1] ?? '').length);
    return v;
  });
  return max;
}

function colorRange(spec: unknown): string[] {
  const found: string[][] = [];
  JSON.stringify(spec, (k, v: unknown) => {
    if (k === 'color' && v && typeof v === 'object' && 'scale' in v) {
      const range = (v as { scale: { range?: string[] } }).scale.range;
      if (range) found.push(range);
    }
    return v;
  });
  return found.flat();
}

const charts: Array<[string, () => VegaLiteSpec]> = [
  ['errorRateChart', () => errorRateChart(audit)],
  ['rocChart', () => rocChart(audit)],
  ['prChart', () => prChart(audit)],
  ['calibrationChart', () => calibrationChart(audit)],
  ['thresholdChart', () => thresholdChart(audit)],
  ['harmChart', () => harmChart(audit)],
  ['sweepChart', () => sweepChart(fixtureCells(), { knob: 'confounding.strength' })],
  ['tradeoffChart', () => tradeoffChart(fixtureCells())],
];

describe('chart specs', () => {
  it.each(charts)('%s is a deterministic, rounded Vega-Lite spec with an Okabe-Ito palette', (_, make) => {
    const a = make();
    expect(JSON.stringify(make())).toBe(JSON.stringify(a));
    expect(a.$schema).toMatch(/vega-lite\/v6\.json$/);
    expect(maxDecimals(a)).toBeLessThanOrEqual(4);
    const okabe = new Set<string>(Object.values(OKABE_ITO));
    const range = colorRange(a);
    expect(range.length).toBeGreaterThan(0);
    for (const c of range) expect(okabe.has(c)).toBe(true);
    const title = a['title'] as { text: string; subtitle: string[] };
    expect(title.subtitle.join(' ')).toMatch(/Data: synthetic/);
  });

  it.each(charts)('%s matches its snapshot', (_, make) => {
    expect(make()).toMatchSnapshot();
  });

  it('errorRateChart carries each group FPR and FNR computed by masks, with the intervals', () => {
    const spec = errorRateChart(audit, { column: 'language' });
    const values = dataValues(spec)[0] ?? [];
    const base = fixtureAds().filter((a) => !a.twinOf);
    for (const group of ['native', 'non-native', 'code-switching']) {
      const m = bruteMetrics(
        base.filter((a) => a.group === group),
        0.5,
      );
      const fpr = values.find((v) => v['group'] === group && String(v['measure']).startsWith('False positive'));
      const fnr = values.find((v) => v['group'] === group && String(v['measure']).startsWith('False negative'));
      expect(fpr?.['value']).toBeCloseTo(m.fpr as number, 4);
      expect(fnr?.['value']).toBeCloseTo(m.fnr as number, 4);
      expect(fpr?.['lo']).toBeCloseTo(Math.max(0, (m.fpr as number) - 0.03), 4);
    }
    expect(values.every((v) => v['overall'] !== undefined)).toBe(true);
  });

  it('errorRateChart leaves out undefined rates and names them in the subtitle', () => {
    const a = fixtureAudit(0.5);
    const rows = a.groups['language'] ?? [];
    const withNull = { ...a, groups: { language: rows.map((r, i) => (i === 2 ? { ...r, fnr: null, ci: {} } : r)) } };
    const spec = errorRateChart(withNull);
    const values = dataValues(spec)[0] ?? [];
    expect(values).toHaveLength(5);
    expect((spec['title'] as { subtitle: string[] }).subtitle.join(' ')).toContain('Undefined: FNR of code-switching');
  });

  it('wraps long subtitle lines at spaces so charts stay as wide as their plots', () => {
    expect(wrapText('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapText('a verylongword b', 4)).toEqual(['a', 'verylongword', 'b']);
    const spec = errorRateChart(audit, { dataLabel: 'x '.repeat(100) });
    const lines = (spec['title'] as { subtitle: string[] }).subtitle;
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(90);
  });

  it('charts reject a group column the audit does not have, naming it', () => {
    expect(() => errorRateChart(audit, { column: 'gender' })).toThrow(/no group column "gender".*"language"/);
  });

  it('groups get palette colours in order', () => {
    const range = colorRange(errorRateChart(audit));
    expect(range.slice(0, 3)).toEqual(GROUP_COLORS.slice(0, 3));
  });

  it('sweepChart keeps one point per cell and seed, with a numeric knob axis', () => {
    const cells = fixtureCells();
    const spec = sweepChart(cells, { metric: 'fprGap', knob: 'confounding.strength' });
    const values = dataValues(spec)[0] ?? [];
    expect(values).toHaveLength(cells.length);
    expect(values[0]).toEqual({ value: 0, seed: 1, series: 'logreg', metric: 0.03 });
    expect(JSON.stringify(spec)).toContain('"type":"quantitative","title":"confounding.strength"');
  });

  it('tradeoffChart colours by mitigation and plots AUC against FPR gap', () => {
    const spec = tradeoffChart(fixtureCells());
    const values = dataValues(spec)[0] ?? [];
    expect(values).toHaveLength(12);
    const first = values[0] as Record<string, unknown>;
    expect(first['score']).toBe(0.9);
    expect(first['gap']).toBe(0.03);
    expect(new Set(values.map((v) => v['mitigation']))).toEqual(new Set(['none', 'reweigh']));
  });

  it('harmChart shows flags per 10,000 from the audit harm section', () => {
    const spec = harmChart(audit);
    const values = dataValues(spec)[0] ?? [];
    const rows = audit.groups['language'] ?? [];
    for (const r of rows) {
      const v = values.find((x) => x['group'] === r.group);
      expect(v?.['per10k']).toBeCloseTo(Math.round((r.fpr as number) * 100000) / 10, 6);
    }
  });
});

describe('SVG rendering', () => {
  it('renders the error-rate chart with its title, axis titles, groups and one bar per defined rate', async () => {
    const svg = await renderSvg(errorRateChart(audit), { idPrefix: 'fprfnr' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('False positive and false negative rates by language');
    expect(svg).toContain('False positive rate (benign ads flagged)');
    for (const g of ['native', 'non-native', 'code-switching']) expect(svg).toContain(`>${g}</text>`);
    const bars = svg.match(/<g class="mark-rect role-mark[^"]*"/g) ?? [];
    expect(bars.length).toBeGreaterThanOrEqual(2);
    const barPaths = (svg.match(/aria-roledescription="bar"/g) ?? []).length;
    expect(barPaths).toBe(6);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('is deterministic and renumbers element ids under the prefix', async () => {
    const a = await renderSvg(rocChart(audit), { idPrefix: 'roc' });
    const b = await renderSvg(rocChart(audit), { idPrefix: 'roc' });
    expect(a).toBe(b);
    const ids = [...a.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ids) expect(id).toMatch(/^roc-\d+$/);
  });

  it.each(charts)('renders %s without error', async (name, make) => {
    const svg = await renderSvg(make(), { idPrefix: name });
    expect(svg).toContain('Data: synthetic');
    expect(svg.length).toBeGreaterThan(1000);
  });
});
