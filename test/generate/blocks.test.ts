import { describe, expect, it } from 'vitest';
import { blockRecords, generate, generationBlocks, loadScenario, planGeneration } from '../../src/generate/index.js';
import { buildModel } from '../../src/generate/model.js';
import { makePoster, posterAdCount } from '../../src/generate/posters.js';

describe('block-wise generation', () => {
  it('posterAdCount agrees with the poster makePoster builds', () => {
    for (const name of ['baseline', 'confounded', 'classroom']) {
      const model = buildModel(loadScenario(name));
      for (const seed of [0, 1, 4294967295]) {
        for (let k = 0; k < 300; k++) expect(posterAdCount(model, seed, k)).toBe(makePoster(model, seed, k).adPersona.length);
      }
    }
  });

  it('blocks cover consecutive posters and exactly n ads, each but the last holding at least adsPerBlock', () => {
    const plan = planGeneration(loadScenario('baseline'), { n: 1001, seed: 3 });
    const blocks = [...generationBlocks(plan, 100)];
    let poster = 0;
    let ads = 0;
    blocks.forEach((b, i) => {
      expect(b.index).toBe(i);
      expect(b.firstPoster).toBe(poster);
      expect(b.firstAd).toBe(ads);
      expect(b.rows).toBe(b.ads);
      if (i < blocks.length - 1) expect(b.ads).toBeGreaterThanOrEqual(100);
      poster = b.endPoster;
      ads += b.ads;
    });
    expect(ads).toBe(1001);
  });

  it('concatenated in order, the blocks give exactly the records of generate, twins included', () => {
    for (const [name, n, seed, twins, size] of [
      ['baseline', 777, 9, false, 50],
      ['confounded', 400, 2, true, 64],
      ['classroom', 333, 5, true, 1],
    ] as const) {
      const scenario = loadScenario(name);
      const plan = planGeneration(scenario, { n, seed, twins });
      const parts = [...generationBlocks(plan, size)];
      expect(parts.length).toBeGreaterThan(2);
      // blocks are generated independently, here in reverse order, and put back in order
      const byBlock = parts
        .slice()
        .reverse()
        .map((b) => ({ index: b.index, rows: b.rows, records: [...blockRecords(plan, b)] }))
        .sort((a, b) => a.index - b.index);
      for (const b of byBlock) expect(b.records).toHaveLength(b.rows);
      expect(byBlock.flatMap((b) => b.records)).toEqual(generate(scenario, { n, seed, twins }));
    }
  });

  it('an empty dataset has no blocks, and bad options are refused as generate refuses them', () => {
    expect([...generationBlocks(planGeneration(loadScenario('baseline'), { n: 0, seed: 1 }))]).toEqual([]);
    expect(() => planGeneration(loadScenario('baseline'), { n: -1, seed: 1 })).toThrow(/n: expected a non-negative integer/);
    expect(() => planGeneration(loadScenario('baseline'), { n: 5, seed: Number.NaN })).toThrow(/seed: expected a finite number/);
  });
});
