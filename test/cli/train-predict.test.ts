import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerTrain } from '../../src/cli/train.js';
import { registerPredict } from '../../src/cli/predict.js';
import { readDataset } from '../../src/io/index.js';
import { loadClassifier } from '../../src/models/index.js';

const TRAIN = new URL('../../data-synthetic/baseline-train.csv', import.meta.url).pathname;
const TEST = new URL('../../data-synthetic/baseline-test.csv', import.meta.url).pathname;

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerTrain(program);
  registerPredict(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'adscreen', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('adscreen train + predict', () => {
  it('trains a model, saves it with a card, and predict writes scores equal to the loaded model with carried-over columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adscreen-cli-train-'));
    const modelDir = join(dir, 'model');
    const printed = await run('train', '--data', TRAIN, '--model', 'naive-bayes', '--seed', '3', '--out', modelDir);
    expect(printed).toContain(modelDir);
    expect(existsSync(join(modelDir, 'card.json'))).toBe(true);
    expect(existsSync(join(modelDir, 'card.md'))).toBe(true);

    const scoresPath = join(dir, 'scores.csv');
    await run('predict', '--model', modelDir, '--data', TEST, '--out', scoresPath);
    const rows = parse(readFileSync(scoresPath, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const records = await readDataset(TEST);
    expect(rows).toHaveLength(records.length);
    const model = await loadClassifier(modelDir);
    const scores = await model.predict(records.slice(0, 50).map((r) => r.text));
    for (let i = 0; i < 50; i++) {
      const row = rows[i]!;
      const rec = records[i]!;
      expect(row['id']).toBe(rec.id);
      expect(Number(row['score'])).toBe(scores[i]);
      expect(row['label']).toBe(String(rec.label));
      expect(row['observedLabel']).toBe(String(rec.observedLabel));
      expect(row['group']).toBe(rec.group);
      expect(row['twinOf']).toBe(rec.twinOf ?? '');
      for (const [k, v] of Object.entries(rec.proxies)) expect(row[k]).toBe(v);
    }
  });

  it('predict --threads is accepted and does not change the scores (worker threads need dist/: test/text/encode-pool.test.ts); 0 is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adscreen-cli-predict-'));
    const model = new URL('../../models/embedding-bag', import.meta.url).pathname;
    await run('predict', '--model', model, '--data', TEST, '--out', join(dir, 'one.csv'), '--threads', '1');
    await run('predict', '--model', model, '--data', TEST, '--out', join(dir, 'two.csv'), '--threads', '2');
    expect(readFileSync(join(dir, 'two.csv'), 'utf8')).toBe(readFileSync(join(dir, 'one.csv'), 'utf8'));
    await expect(run('predict', '--model', model, '--data', TEST, '--out', join(dir, 'zero.csv'), '--threads', '0')).rejects.toThrow(/--threads.*whole number >= 1/);
    expect(existsSync(join(dir, 'zero.csv'))).toBe(false);
  });

  it('rejects an unknown model name and a bad label field with errors naming the option, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adscreen-cli-train-'));
    await expect(run('train', '--data', TRAIN, '--model', 'svm', '--out', join(dir, 'm'))).rejects.toThrow(/svm/);
    await expect(run('train', '--data', TRAIN, '--model', 'logreg', '--label', 'truth', '--out', join(dir, 'm'))).rejects.toThrow(/--label/);
    expect(existsSync(join(dir, 'm'))).toBe(false);
  });
});
