/**
 * The small reference datasets committed in `data-synthetic/`: which scenario, size and seed
 * each file has, and the one function that writes them (used by `npm run data` and by the test
 * that checks the committed files are still reproduced byte for byte).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { generateStream, loadScenario } from '../generate/index.js';
import { writeFileAtomic } from './atomic.js';
import { writeDataset } from './dataset.js';

/** One reference dataset. */
export interface ReferenceDataset {
  /** File name inside the data directory (the datasheet goes beside it). */
  file: string;
  /** Preset scenario name. */
  scenario: string;
  /** Number of records. */
  n: number;
  /** Generation seed. */
  seed: number;
}

/** The reference datasets: baseline and confounded, a 4,000-row train and a 1,000-row test file each (other seed). */
export const REFERENCE_DATASETS: readonly ReferenceDataset[] = [
  { file: 'baseline-train.csv', scenario: 'baseline', n: 4000, seed: 1 },
  { file: 'baseline-test.csv', scenario: 'baseline', n: 1000, seed: 2 },
  { file: 'confounded-train.csv', scenario: 'confounded', n: 4000, seed: 1 },
  { file: 'confounded-test.csv', scenario: 'confounded', n: 1000, seed: 2 },
];

/** Name of the checksum file in the data directory (`sha256sum -c` format). */
export const CHECKSUM_FILE = 'SHA256SUMS';

/** SHA-256 of a file, hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Writes every reference dataset and its datasheet to `dir`, then `SHA256SUMS` listing them
 * (sorted by name). Returns the checksum file's text.
 */
export async function writeReferenceData(dir: string): Promise<string> {
  const written: string[] = [];
  for (const spec of REFERENCE_DATASETS) {
    const scenario = loadScenario(spec.scenario);
    const result = await writeDataset(generateStream(scenario, { n: spec.n, seed: spec.seed }), join(dir, spec.file), {
      scenario,
      seed: spec.seed,
    });
    written.push(result.path, result.datasheetPath);
  }
  const lines = written
    .map((path) => `${sha256File(path)}  ${basename(path)}`)
    .sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1));
  const sums = `${lines.join('\n')}\n`;
  writeFileAtomic(join(dir, CHECKSUM_FILE), sums);
  return sums;
}
