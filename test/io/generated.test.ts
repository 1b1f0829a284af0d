import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, generateStream, loadScenario, scenarioHash } from '../../src/generate/index.js';
import { writeDataset } from '../../src/io/dataset.js';
import { readDataset } from '../../src/io/reader.js';
import { summariseScenario } from '../../src/io/scenario-summary.js';
import { VERSION } from '../../src/version.js';

const dir = () => mkdtempSync(join(tmpdir(), 'adscreen-gen-io-'));

describe('dataset files from the real generator', () => {
  it('round-trip generated records (with twins) deep-equal through CSV and JSONL', async () => {
    const scenario = loadScenario('confounded');
    const recs = generate(scenario, { n: 300, seed: 5, twins: true });
    for (const ext of ['csv', 'jsonl']) {
      const path = join(dir(), `d.${ext}`);
      const result = await writeDataset(recs, path, { scenario, seed: 5 });
      expect(result.rows).toBe(600);
      expect(result.stats.twins).toBe(300);
      expect(await readDataset(path)).toEqual(recs);
      // the generator builds records in the fixed key order, so each JSON line is exactly JSON.stringify(record)
      if (ext === 'jsonl') expect(readFileSync(path, 'utf8')).toBe(recs.map((r) => `${JSON.stringify(r)}\n`).join(''));
    }
  });

  it('same scenario, seed and version give byte-identical CSV, JSONL and datasheet; another seed does not', async () => {
    const scenario = loadScenario('baseline');
    const [a, b, c] = [dir(), dir(), dir()];
    for (const ext of ['csv', 'jsonl']) {
      await writeDataset(generateStream(scenario, { n: 400, seed: 11 }), join(a, `x.${ext}`), { scenario, seed: 11 });
      await writeDataset(generateStream(scenario, { n: 400, seed: 11 }), join(b, `x.${ext}`), { scenario, seed: 11 });
      await writeDataset(generateStream(scenario, { n: 400, seed: 12 }), join(c, `x.${ext}`), { scenario, seed: 12 });
      for (const file of [`x.${ext}`, 'x.datasheet.md']) {
        expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file).toBe(true);
        expect(readFileSync(join(a, file)).equals(readFileSync(join(c, file))), file).toBe(false);
      }
    }
  });

  it('the CSV and the datasheet say the data is synthetic, with version, seed and scenario hash', async () => {
    const scenario = loadScenario('biased-annotation');
    const path = join(dir(), 'b.csv');
    await writeDataset(generateStream(scenario, { n: 50, seed: 9 }), path, { scenario, seed: 9 });
    const [header, first] = readFileSync(path, 'utf8').split('\n');
    expect(header).toMatch(/,synthetic,generatorVersion,seed,scenarioHash$/);
    expect(first).toMatch(new RegExp(`,true,${VERSION.replace(/\./g, '\\.')},9,${scenarioHash(scenario)}$`));
    const sheet = readFileSync(join(path, '..', 'b.datasheet.md'), 'utf8');
    expect(sheet).toContain('SYNTHETIC DATA: not real people, not for screening real ads.');
    expect(sheet).toContain(`| Generator | adscreen ${VERSION} |`);
    expect(sheet).toContain('| Seed | 9 |');
    expect(sheet).toContain(`| Scenario hash | ${scenarioHash(scenario)} |`);
  });

  it('lists every scenario setting with its value and the schema rationale', () => {
    const scenario = loadScenario('biased-annotation');
    const summary = summariseScenario(scenario);
    const fields = summary.settings.map((s) => s.field);
    for (const f of ['prevalence', 'confounding.strength', 'annotation.noise', 'indicators.strength', 'surface.phrases', 'groupAttribute']) {
      expect(fields).toContain(f);
    }
    expect(summary.settings.find((s) => s.field === 'prevalence')?.value).toBe(JSON.stringify(scenario.prevalence));
    expect(summary.settings.every((s) => s.note !== undefined && s.note.length > 0)).toBe(true);
    const flips = Object.entries(scenario.annotation.flipToPositive);
    for (const [group, rate] of flips) {
      expect(summary.settings).toContainEqual(expect.objectContaining({ field: `annotation.flipToPositive.${group}`, value: JSON.stringify(rate) }));
    }
  });

  it('a failing write from a generator leaves neither file', async () => {
    const scenario = loadScenario('baseline');
    const path = join(dir(), 'bad.jsonl');
    await expect(writeDataset(generateStream(scenario, { n: 10, seed: 1 }), path, { scenario, seed: 2 })).rejects.toThrow(/row 1: seed/);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(path.replace('.jsonl', '.datasheet.md'))).toBe(false);
  });
});

describe('flattenSettings', () => {
  it('lists every leaf as a dotted path with compact JSON, keeping empty objects and plain arrays whole', async () => {
    const { flattenSettings } = await import('../../src/io/scenario-summary.js');
    expect(flattenSettings({ a: 1, b: { c: 'x', d: {}, e: [1, 2] }, f: null, g: [{ h: true }], skip: undefined })).toEqual([
      { field: 'a', value: '1' },
      { field: 'b.c', value: '"x"' },
      { field: 'b.d', value: '{}' },
      { field: 'b.e', value: '[1,2]' },
      { field: 'f', value: 'null' },
      { field: 'g[0].h', value: 'true' },
    ]);
  });
});
