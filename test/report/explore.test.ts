import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  exploreData,
  exploreFormat,
  explorePage,
  exploreStats,
  loadExploreDir,
  parseExploreScores,
  scoreBin,
  thresholdBin,
  writeExplorePage,
  type ScoredAd,
} from '../../src/report/index.js';
import { bruteMetrics, fixtureAds } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'adscreen-explore-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scoreBin', () => {
  it('puts a score on a bin edge k/B into bin k, and just below it into bin k - 1', () => {
    for (const bins of [10, 1000, 997]) {
      for (let k = 1; k < bins; k++) {
        expect(scoreBin(k / bins, bins)).toBe(k);
        expect(scoreBin(k / bins - 1e-12, bins)).toBe(k - 1);
      }
      expect(scoreBin(0, bins)).toBe(0);
      expect(scoreBin(1, bins)).toBe(bins - 1);
    }
  });

  it('thresholdBin snaps down to the bin edge and rejects thresholds outside [0, 1]', () => {
    expect(thresholdBin(0.5, 1000)).toBe(500);
    expect(thresholdBin(0.5004, 1000)).toBe(500);
    expect(thresholdBin(1, 1000)).toBe(1000);
    expect(() => thresholdBin(1.5, 1000)).toThrow(/threshold: expected a threshold in \[0, 1\], got 1.5/);
  });
});

describe('exploreData', () => {
  const ads = fixtureAds();
  const base = ads.filter((a) => !a.twinOf);
  const data = exploreData(ads);

  it('builds per-group, per-class histograms of the non-twin ads', () => {
    expect(data.groups.map((g) => g.group)).toEqual(['native', 'non-native', 'code-switching']);
    for (const g of data.groups) {
      const mine = base.filter((a) => a.group === g.group);
      expect(g.nBenign).toBe(mine.filter((a) => a.label === 0).length);
      expect(g.nTrafficking).toBe(mine.filter((a) => a.label === 1).length);
      expect(g.benign.reduce((s, x) => s + x, 0)).toBe(g.nBenign);
      expect(g.trafficking).toHaveLength(1000);
    }
    expect(data.samplePrevalence).toBeCloseTo(base.filter((a) => a.label === 1).length / base.length, 12);
  });

  it('pairs every twin with its original and keeps the largest score changes for display', () => {
    const twins = ads.filter((a) => a.twinOf);
    expect(data.twinScores).toHaveLength(twins.length);
    expect(data.twins).toHaveLength(8);
    const diffs = data.twins.map((t) => Math.abs(t.twinScore - t.score));
    expect([...diffs].sort((a, b) => b - a)).toEqual(diffs);
    const first = data.twins[0];
    const original = base.find((a) => a.id === first?.id);
    expect(first?.score).toBe(original?.score);
  });

  it('rejects a twin whose original is missing, naming the row', () => {
    const bad: ScoredAd[] = [{ id: 'a', label: 0, score: 0.2, group: 'x' }, { id: 'b', label: 0, score: 0.3, group: 'y', twinOf: 'zzz' }];
    expect(() => exploreData(bad)).toThrow(/row 2: twinOf: twin of "zzz", but no ad has that id/);
  });

  it('rejects bad scores and labels naming row and field', () => {
    expect(() => exploreData([{ label: 0, score: 1.2, group: 'x' }])).toThrow(/row 1: score: expected a score in \[0, 1\], got 1.2/);
    expect(() => exploreData([{ label: 2 as 0, score: 0.2, group: 'x' }])).toThrow(/row 1: label/);
  });
});

describe('exploreStats', () => {
  const ads = fixtureAds();
  const base = ads.filter((a) => !a.twinOf);
  const data = exploreData(ads);

  it('gives exactly the brute-force FPR and TPR at every bin-edge threshold', () => {
    for (let bin = 0; bin <= 1000; bin += 7) {
      const s = exploreStats(data, { bin, prevalence: 0.01, volume: 1e5 });
      for (const g of s.groups) {
        const m = bruteMetrics(
          base.filter((a) => a.group === g.group),
          bin / 1000,
        );
        expect(g.fpr).toBe(m.fpr);
        expect(g.tpr).toBe(m.tpr);
      }
    }
  });

  it('matches brute force for random scores, many of them on bin edges (property)', () => {
    const ad = fc.record({
      label: fc.constantFrom<0 | 1>(0, 1),
      score: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 100 }).map((k) => k / 100)),
      group: fc.constantFrom('a', 'b'),
    });
    fc.assert(
      fc.property(fc.array(ad, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 100 }), (list, bin) => {
        const d = exploreData(list, { bins: 100 });
        const s = exploreStats(d, { bin, prevalence: 0.1, volume: 1000 });
        for (const g of s.groups) {
          const m = bruteMetrics(
            list.filter((a) => a.group === g.group),
            bin / 100,
          );
          if (g.fpr !== m.fpr || g.tpr !== m.tpr) return false;
        }
        return true;
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('computes harm at base rate by hand on a tiny case', () => {
    // group a: 4 benign (scores .1 .2 .6 .7), 1 trafficking (.9); group b: 2 benign (.1 .8), 3 trafficking (.3 .6 .9)
    const tiny: ScoredAd[] = [
      ...[0.1, 0.2, 0.6, 0.7].map((score) => ({ label: 0 as const, score, group: 'a' })),
      { label: 1, score: 0.9, group: 'a' },
      ...[0.1, 0.8].map((score) => ({ label: 0 as const, score, group: 'b' })),
      ...[0.3, 0.6, 0.9].map((score) => ({ label: 1 as const, score, group: 'b' })),
    ];
    const s = exploreStats(exploreData(tiny, { bins: 10 }), { bin: 5, prevalence: 0.1, volume: 1000 });
    const [a, b] = s.groups;
    // a: FPR 2/4, TPR 1/1, 5 of 10 ads; b: FPR 1/2, TPR 2/3, 5 of 10 ads
    expect(a?.fpr).toBe(0.5);
    expect(a?.benignFlaggedPer10k).toBe(5000);
    expect(a?.wrongFlagsPerMonth).toBeCloseTo(1000 * 0.5 * 0.9 * 0.5, 9); // 225
    expect(a?.wrongFlagShare).toBeCloseTo((0.5 * 0.9) / (0.5 * 0.9 + 1 * 0.1), 12);
    expect(a?.missedPerMonth).toBeCloseTo(0, 12);
    expect(b?.wrongFlagShare).toBeCloseTo((0.5 * 0.9) / (0.5 * 0.9 + (2 / 3) * 0.1), 12);
    expect(b?.missedPerMonth).toBeCloseTo(1000 * 0.5 * 0.1 * (1 / 3), 9);
    expect(s.fprGap).toBe(0);
    expect(s.threshold).toBe(0.5);
  });

  it('counts twin pairs whose flags differ at the threshold', () => {
    const s = exploreStats(data, { bin: 500, prevalence: 0.01, volume: 1e5 });
    const twins = ads.filter((a) => a.twinOf);
    const byId = new Map(base.map((a) => [a.id, a]));
    const flips = twins.filter((t) => (t.score >= 0.5) !== ((byId.get(t.twinOf as string)?.score ?? 0) >= 0.5)).length;
    expect(s.twinFlips).toBe(flips);
    expect(s.twinPairs).toBe(twins.length);
  });

  it('returns null FPR for a group without benign ads and leaves it out of the gap', () => {
    const d = exploreData([
      { label: 1, score: 0.9, group: 'only-positive' },
      { label: 0, score: 0.9, group: 'b' },
      { label: 0, score: 0.1, group: 'c' },
    ]);
    const s = exploreStats(d, { bin: 500, prevalence: 0.01, volume: 100 });
    expect(s.groups[0]?.fpr).toBeNull();
    expect(s.groups[0]?.benignFlaggedPer10k).toBeNull();
    expect(s.groups[0]?.wrongFlagsPerMonth).toBeNull();
    expect(s.groups[0]?.wrongFlagShare).toBeNull();
    expect(s.groups[1]?.missedPerMonth).toBeNull();
    expect(s.fprGap).toBe(1);
    expect(exploreFormat.per10k(null)).toBe('n/a');
  });
});

describe('scores.csv input', () => {
  it('reads label, score, group, twins and provenance columns', () => {
    const csv = 'id,group,label,observedLabel,score,twinOf,seed\nx1,a,1,1,0.75,,9\nx2,b,0,0,0.25,,9\nx3,b,1,1,0.5,x1,9\n';
    const t = parseExploreScores(csv);
    expect(t.ads).toEqual([
      { id: 'x1', label: 1, score: 0.75, group: 'a' },
      { id: 'x2', label: 0, score: 0.25, group: 'b' },
      { id: 'x3', label: 1, score: 0.5, group: 'b', twinOf: 'x1' },
    ]);
    expect(t.provenance).toEqual({ seed: '9' });
  });

  it('names file, row and column of bad input', () => {
    expect(() => parseExploreScores('label,score\n1,0.5\n', { file: 's.csv' })).toThrow(/s.csv: group: missing column "group"/);
    expect(() => parseExploreScores('label,score,group\n1,0.5,a\nyes,0.5,a\n', { file: 's.csv' })).toThrow(/s.csv: row 2: label: expected 0 or 1, got "yes"/);
    expect(() => parseExploreScores('label,score,group\n1,abc,a\n', { file: 's.csv' })).toThrow(/row 1: score: expected a number in \[0, 1\], got "abc"/);
    expect(() => parseExploreScores('label,score,lang\n1,0.2,\n', { groupColumn: 'lang' })).toThrow(/row 1: lang: expected a group name/);
  });

  it('loads a directory, taking the initial threshold and harm settings from audit.json', () => {
    const dir = join(tmp, 'cell');
    const out = join(tmp, 'page.html');
    rmSync(dir, { recursive: true, force: true });
    const rows = fixtureAds().map((a) => `${a.id},${a.group},${a.label},${a.score},${a.twinOf ?? ''}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'scores.csv'), `id,group,label,score,twinOf\n${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'audit.json'), JSON.stringify({ schema: 'adscreen.audit/1', threshold: 0.4217, harm: { prevalence: 0.02, volume: 5000 } }));
    const data = loadExploreDir(dir);
    expect(data.initialBin).toBe(421);
    expect(data.prevalence).toBe(0.02);
    expect(data.volume).toBe(5000);
    expect(data.prevalenceChoices).toContain(0.02);
    expect(data.twins.every((t) => t.text === '' && t.twinText === '')).toBe(true);
    const texts = new Map(fixtureAds().map((a) => [a.id as string, { text: `text of ${a.id}` }]));
    const withTexts = loadExploreDir(dir, { ads: texts });
    expect(withTexts.twins[0]?.text).toBe(`text of ${withTexts.twins[0]?.id}`);
    expect(withTexts.twins[0]?.twinText).toBe(`text of ${withTexts.twins[0]?.twinId}`);
    // twin links can come from the dataset too (scores written by `adscreen predict` have no twinOf column)
    writeFileSync(join(dir, 'scores.csv'), `id,group,label,score\n${fixtureAds().map((a) => `${a.id},${a.group},${a.label},${a.score}`).join('\n')}\n`);
    const links = new Map(fixtureAds().map((a) => [a.id as string, { twinOf: a.twinOf ?? null }]));
    expect(loadExploreDir(dir).twinScores).toHaveLength(0);
    expect(loadExploreDir(dir, { ads: links }).twinScores).toEqual(data.twinScores);
    writeExplorePage(data, out);
    expect(readFileSync(out, 'utf8')).toBe(explorePage(data));
  });
});

describe('explorePage', () => {
  const data = exploreData(fixtureAds(), { provenance: { generatorVersion: '0.1.0', seed: 7, scenarioHash: 'h1' } });
  const html = explorePage(data);

  it('is self-contained: no external URL, a CSP that forbids requests, data embedded safely', () => {
    expect(html).not.toMatch(/(src|href)=["']?(https?:|\/\/)/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("default-src 'none'");
    const json = /<script type="application\/json" id="explore-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(data);
  });

  it('escapes ad text and carries the synthetic banner with provenance', () => {
    expect(html).toContain('Fictional ad 20 &lt;b&gt;&amp;&lt;/b&gt; text');
    expect(html).not.toContain('<b>&</b>');
    expect(html).toMatch(/SYNTHETIC DATA: .*generator version 0.1.0, seed 7, scenario hash h1/);
  });

  it('labels every control and has a live summary', () => {
    for (const id of ['threshold', 'prevalence', 'volume']) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toMatch(/id="summary" role="status" aria-live="polite"/);
    expect(html).toContain(':focus-visible');
  });

  it('draws each group\'s score distributions with the threshold line at the initial threshold', () => {
    expect(html).toContain('<line id="threshold-line" x1="500" x2="500"');
    expect((html.match(/<polygon /g) ?? []).length).toBe(data.groups.length);
    expect((html.match(/<polyline /g) ?? []).length).toBe(data.groups.length);
  });

  it('is the same string for the same data', () => {
    expect(explorePage(data)).toBe(html);
  });
});
