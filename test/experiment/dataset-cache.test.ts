/**
 * Generated data kept between cells: the cache makes each dataset once per key, evicts the
 * oldest beyond its record budget, hashes like the uncached path, and cells run with a shared
 * cache write exactly the bytes of cells run without one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetCache, dataHash, type DatasetKey } from '../../src/experiment/dataset-cache.js';
import { cellDir, dataReuse, defaultStages, experimentCells, parseExperiment, runCell } from '../../src/experiment/index.js';
import { generate, loadScenario } from '../../src/generate/index.js';
import type { AdRecord } from '../../src/record.js';
import { tempDirs } from '../temp-dirs.js';

const tmp = tempDirs('adscreen-cache-');

const key = (seed: number, n = 10): DatasetKey => ({ scenario: { name: 'x' }, n, seed, twins: false });
const fake = (n: number, seed: number): AdRecord[] => generate(loadScenario('baseline'), { n, seed });

describe('DatasetCache', () => {
  it('makes each dataset once per key and keeps separate keys apart', () => {
    const cache = new DatasetCache(100);
    let made = 0;
    const make = (seed: number) => () => (made++, fake(10, seed));
    const a = cache.records(key(1), make(1));
    expect(cache.records(key(1), make(1))).toBe(a);
    const b = cache.records(key(2), make(2));
    expect(b).not.toBe(a);
    expect(made).toBe(2);
  });

  it('evicts the least recently used datasets beyond its record budget, and keeps none with a budget of 0', () => {
    const cache = new DatasetCache(25);
    let made = 0;
    const get = (seed: number) => cache.records(key(seed), () => (made++, fake(10, seed)));
    get(1);
    get(2);
    get(1); // 1 is now the most recent
    get(3); // 30 records > 25: 2 goes
    expect(made).toBe(3);
    get(1);
    expect(made).toBe(3);
    get(2);
    expect(made).toBe(4);
    const none = new DatasetCache(0);
    let fresh = 0;
    none.records(key(1), () => (fresh++, fake(5, 1)));
    none.records(key(1), () => (fresh++, fake(5, 1)));
    expect(fresh).toBe(2);
  });

  it('hashes a kept dataset like dataHash, and a different array by its own content', () => {
    const cache = new DatasetCache();
    const records = cache.records(key(1), () => fake(10, 1));
    expect(cache.sha256(key(1), records)).toBe(dataHash(records));
    expect(cache.sha256(key(1), records)).toBe(dataHash(records));
    const other = fake(10, 2);
    expect(cache.sha256(key(1), other)).toBe(dataHash(other));
    expect(dataHash(other)).not.toBe(dataHash(records));
  });
});

describe('DatasetCache keep hints', () => {
  it('does not keep a dataset made with keep false, but still returns a kept one', () => {
    const cache = new DatasetCache(100);
    let made = 0;
    const make = () => (made++, fake(10, 1));
    cache.records(key(1), make, false);
    cache.records(key(1), make, false);
    expect(made).toBe(2);
    const kept = cache.records(key(1), make, true);
    expect(cache.records(key(1), make, false)).toBe(kept);
    expect(made).toBe(3);
  });

  it('dataReuse: in a sweep over a training field, training sets go on only within a sweep value and seed, test sets until the last cell of the seed', () => {
    const config = parseExperiment({
      name: 'reuse',
      train: { scenario: 'baseline', n: 100 },
      test: { scenario: 'baseline', n: 50 },
      seeds: [1, 2],
      models: ['naive-bayes'],
      mitigations: ['none', 'reweigh'],
      sweep: { field: 'train.confounding.strength', values: [0, 0.5] },
      audit: { threshold: 0.5, bootstrap: 10 },
    });
    const cells = experimentCells(config, defaultStages);
    const reuse = dataReuse(cells);
    const lastOfSeed = new Map(cells.map((c, i) => [c.seed, i]));
    cells.forEach((c, i) => {
      // the mitigations of one sweep value and seed share training ads; the last of them does not pass them on
      const laterSameTrain = cells.slice(i + 1).some((d) => d.seed === c.seed && d.sweepIndex === c.sweepIndex);
      expect(reuse[i], c.id).toEqual({ train: laterSameTrain, test: i !== lastOfSeed.get(c.seed) });
    });
    expect(reuse.some((r) => r.train)).toBe(true);
    expect(reuse.some((r) => !r.train)).toBe(true);
  });
});

describe('cells sharing a cache', () => {
  it('write the same bytes as cells run alone', async () => {
    const config = parseExperiment({
      name: 'cache',
      train: { scenario: 'confounded', n: 500 },
      test: { n: 300 },
      seeds: [1],
      models: ['naive-bayes', 'keywords'],
      mitigations: ['none', 'reweigh'],
      audit: { threshold: { fpr: 0.1 }, bootstrap: 10 },
    });
    const cells = experimentCells(config, defaultStages);
    expect(cells).toHaveLength(4); // all four share their training and test data
    const shared = tmp();
    const alone = tmp();
    const cache = new DatasetCache();
    for (const cell of cells) {
      await runCell(cell, shared, defaultStages, {}, cache);
      await runCell(cell, alone, defaultStages);
    }
    for (const cell of cells) {
      for (const file of readdirSync(cellDir(alone, cell.id))) {
        const read = (root: string) => readFileSync(join(cellDir(root, cell.id), file), 'utf8');
        // cell.json differs only in its timings
        const strip = (text: string) => (file === 'cell.json' ? JSON.stringify({ ...JSON.parse(text), timings: null }) : text);
        expect(strip(read(shared)), `${cell.id}/${file}`).toBe(strip(read(alone)));
      }
    }
  });
});
