import { readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experiment } from '../../src/experiment/runner.js';
import { fakeStages, type FakeLog } from './fake-stages.js';
import { tempDirs } from '../temp-dirs.js';

const tmp = tempDirs('adscreen-exp-');

const config = {
  name: 'mechanics',
  train: { scenario: 'fake', n: 400 },
  test: { n: 300 },
  seeds: [1, 2],
  models: ['m'],
  mitigations: ['none', 'true-labels', 'group-thresholds'],
  sweep: { field: 'train.flip', values: [0, 0.3] },
  audit: { threshold: { fpr: 0.1 }, bootstrap: 0 },
};

describe('experiment runner (in-process, stand-in stages)', () => {
  it('runs every cell, writes per-cell results and a summary', async () => {
    const out = tmp();
    const log: FakeLog = { fits: [] };
    const progress: Array<[number, number | undefined]> = [];
    const res = await experiment(config, { out, jobs: 0, stages: fakeStages(log), onProgress: (d, t) => progress.push([d, t]) });
    expect(res.cells).toHaveLength(2 * 2 * 3);
    expect(res.ran).toHaveLength(12);
    expect(res.skipped).toEqual([]);
    expect(progress[0]).toEqual([0, 12]);
    expect(progress.at(-1)).toEqual([12, 12]);
    for (const c of res.cells) {
      const files = readdirSync(join(out, 'cells', c.id)).sort();
      expect(files).toEqual(['audit.json', 'card.json', 'cell.json', 'scores.csv']);
    }
    // no temporary directories left behind
    expect(readdirSync(join(out, 'cells')).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(existsSync(join(out, 'summary.md'))).toBe(true);
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('sweep_field,sweep_value,model,mitigation,metric,n,mean,sd,min,max');
    // 2 sweep values x 1 model x 3 mitigations conditions, each over 2 seeds
    expect(res.summary.rows).toHaveLength(6);
    for (const row of res.summary.rows) expect(row.seeds).toEqual([1, 2]);
    // true-labels trains on the truth; the others on observed labels
    expect(log.fits.filter((f) => f.labelField === 'label')).toHaveLength(4);
    const cell = JSON.parse(readFileSync(join(out, 'cells', res.cells[2]!.id, 'cell.json'), 'utf8'));
    expect(cell.cell.mitigation.label).toBe('group-thresholds');
    expect(cell.threshold).toBe(0.5);
    expect(cell.postProcessing.targetFpr).toBe(0.1);
    expect(cell.data.train.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('summary means are the means of the per-cell metrics', async () => {
    const out = tmp();
    const res = await experiment(config, { out, jobs: 0, stages: fakeStages() });
    const row = res.summary.rows.find((r) => r.sweepIndex === 1 && r.mitigation === 'none')!;
    const values = res.cells
      .filter((c) => c.sweepIndex === 1 && c.mitigation.label === 'none')
      .map((c) => JSON.parse(readFileSync(join(out, 'cells', c.id, 'cell.json'), 'utf8')).metrics.fprGap as number);
    expect(values).toHaveLength(2);
    expect(row.metrics['fprGap']!.mean).toBeCloseTo((values[0]! + values[1]!) / 2, 12);
    expect(row.metrics['fprGap']!.sd).toBeCloseTo(Math.abs(values[0]! - values[1]!) / Math.SQRT2, 12);
  });

  it('resumes: after deleting one cell\'s results, a rerun runs only that cell', async () => {
    const out = tmp();
    const first = await experiment(config, { out, jobs: 0, stages: fakeStages() });
    const victim = first.cells[5]!.id;
    rmSync(join(out, 'cells', victim, 'audit.json'));
    const log: FakeLog = { fits: [] };
    const second = await experiment(config, { out, jobs: 0, stages: fakeStages(log) });
    expect(second.ran).toEqual([victim]);
    expect(second.skipped).toHaveLength(11);
    expect(log.fits).toHaveLength(1);
    // same seeds, same bytes: the rerun cell's audit equals a fresh run's
    const fresh = tmp();
    await experiment(config, { out: fresh, jobs: 0, stages: fakeStages() });
    expect(readFileSync(join(out, 'cells', victim, 'audit.json'), 'utf8')).toBe(
      readFileSync(join(fresh, 'cells', victim, 'audit.json'), 'utf8'),
    );
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(readFileSync(join(fresh, 'summary.csv'), 'utf8'));
  });

  it('reruns a cell whose config changed (hash mismatch)', async () => {
    const out = tmp();
    await experiment(config, { out, jobs: 0, stages: fakeStages() });
    const changed = { ...config, test: { n: 301 } };
    const again = await experiment(changed, { out, jobs: 0, stages: fakeStages() });
    expect(again.ran).toHaveLength(12);
  });

  it('rejects a bad config before running anything', async () => {
    const out = tmp();
    await expect(experiment({ ...config, seeds: [] }, { out, jobs: 0, stages: fakeStages() })).rejects.toThrow(/seeds/);
    await expect(
      experiment({ ...config, mitigations: ['reweight'] }, { out, jobs: 0, stages: fakeStages() }),
    ).rejects.toThrow(/^mitigations\[0\]: unknown mitigation "reweight"/);
  });
});

describe('interrupted runs', () => {
  it('removes temporary cell directories an interrupted run left behind', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const out = tmp();
    mkdirSync(join(out, 'cells', 's1-m-none.tmp-123-456-789'), { recursive: true });
    writeFileSync(join(out, 'cells', 's1-m-none.tmp-123-456-789', 'cell.json'), '{');
    const res = await experiment({ ...config, sweep: undefined, mitigations: ['none'], seeds: [1] }, { out, jobs: 0, stages: fakeStages() });
    expect(res.ran).toEqual(['s1-m-none']);
    expect(readdirSync(join(out, 'cells'))).toEqual(['s1-m-none']);
  });
});

describe('your own mitigation', () => {
  it('is usable by name in-process and rejected for worker runs', async () => {
    const { mitigationPipeline } = await import('../../src/mitigate/index.js');
    const seen: number[] = [];
    const mitigations = {
      'drop-half': () => ({
        name: 'drop-half',
        description: 'keeps every other training ad',
        order: 50,
        prepare: (set: Parameters<NonNullable<ReturnType<typeof mitigationPipeline>['prepare']>>[0]) => {
          seen.push(set.records.length);
          return { ...set, records: set.records.filter((_, i) => i % 2 === 0) };
        },
      }),
    };
    const log: FakeLog = { fits: [] };
    const cfg = { ...config, sweep: undefined, seeds: [1], mitigations: ['none', 'drop-half'] };
    const res = await experiment(cfg, { out: tmp(), jobs: 0, stages: fakeStages(log), mitigations });
    expect(res.ran).toEqual(['s1-m-none', 's1-m-drop-half']);
    expect(log.fits[1]!.n).toBe(Math.ceil(seen[0]! / 2));
    await expect(experiment(cfg, { out: tmp(), jobs: 2, mitigations })).rejects.toThrow(/in-process only/);
  });
});

describe('config errors found before any cell runs', () => {
  it('names the model, mitigation or scenario field', async () => {
    const stages = fakeStages();
    const bad = (patch: Record<string, unknown>) => experiment({ ...config, ...patch }, { out: tmp(), jobs: 0, stages });
    const { InputError } = await import('../../src/errors.js');
    const throwing = {
      ...stages,
      createClassifier: () => {
        throw new InputError('unknown model "x"', { field: 'model' });
      },
    };
    await expect(experiment(config, { out: tmp(), jobs: 0, stages: throwing })).rejects.toThrow(/^models\[0\]: unknown model "x"$/);
    await expect(bad({ mitigations: ['none', { name: 'reweigh', options: { foo: 1 } }] })).rejects.toThrow(/^mitigations\[1\]\.reweigh\.options: Unrecognized key/);
    await expect(bad({ sweep: { field: 'train.nope.x', values: [1] } })).rejects.toThrow(/^sweep\.field: train\.nope: no such field/);
  });

  it('names the experiment file, when given, in errors found while expanding the cells', async () => {
    const { InputError } = await import('../../src/errors.js');
    const stages = fakeStages();
    const throwing = {
      ...stages,
      createClassifier: () => {
        throw new InputError('unknown model "x"', { field: 'model' });
      },
    };
    const file = 'experiments/e.json';
    const modelError = await experiment(config, { out: tmp(), jobs: 0, stages: throwing, file }).catch((e: unknown) => e);
    expect(modelError).toBeInstanceOf(InputError);
    expect((modelError as Error).message).toBe('experiments/e.json: models[0]: unknown model "x"');
    expect((modelError as InstanceType<typeof InputError>).location).toEqual({ file, field: 'models[0]' });
    const sweep = { sweep: { field: 'train.nope.x', values: [1] } };
    await expect(experiment({ ...config, ...sweep }, { out: tmp(), jobs: 0, stages, file })).rejects.toThrow(/^experiments\/e\.json: sweep\.field: train\.nope: no such field/);
  });
});
