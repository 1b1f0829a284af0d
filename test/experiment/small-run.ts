/**
 * Runs an example experiment from examples/experiments/ at a small, fast size (a fast linear
 * model, a few thousand ads, in-process) for the phenomenon tests, and reads its cells back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experiment, loadExperiment, readCellRecord, type CellMetrics, type ExperimentResult } from '../../src/experiment/index.js';

export interface SmallRun {
  result: ExperimentResult;
  /** Cells with their metrics. */
  cells: Array<{ sweepIndex: number | null; seed: number; model: string; mitigation: string; metrics: CellMetrics; train: Record<string, unknown> }>;
}

export async function runSmall(example: string, overrides: Record<string, unknown>): Promise<SmallRun> {
  const config = loadExperiment(join('examples', 'experiments', example));
  const out = mkdtempSync(join(tmpdir(), `adscreen-${config.name}-`));
  try {
    const result = await experiment({ ...config, ...overrides }, { out, jobs: 0 });
    const cells = result.cells.map((c) => {
      const rec = readCellRecord(out, c.id);
      if (rec === null) throw new Error(`missing results for ${c.id}`);
      return { sweepIndex: c.sweepIndex, seed: c.seed, model: c.model.label, mitigation: c.mitigation.label, metrics: rec.metrics, train: c.train.scenario };
    });
    return { result, cells };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** FPR of the target group minus the mean FPR of the other groups. */
export function targetFprGap(m: CellMetrics, target: string): number {
  const others = Object.entries(m.groupFpr).filter(([g, v]) => g !== target && v !== null).map(([, v]) => v as number);
  const t = m.groupFpr[target];
  if (t === null || t === undefined || others.length === 0) throw new Error(`FPR undefined for ${target}`);
  return t - others.reduce((a, b) => a + b, 0) / others.length;
}

/** Mean of numbers. */
export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Small sizes for the phenomenon tests. */
export const SMALL = { models: ['logreg'] as string[] };
