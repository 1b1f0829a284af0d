/**
 * Reads any scored CSV (a header row, then one record per row) into the arrays {@link audit}
 * takes. It is not tied to files adscreen wrote: the label, score and group columns are named by
 * the caller. Every row is validated; the first bad one throws an InputError naming the file,
 * the 1-based data row (header excluded) and the column.
 */
import { createReadStream, existsSync } from 'node:fs';
import { parse } from 'csv-parse';
import { InputError } from '../errors.js';

/** Which columns to read. */
export interface ScoresCsvOptions {
  /** Label column (values 0 or 1). __Default value:__ `label`. */
  labelCol?: string;
  /** Score column (finite numbers). __Default value:__ `score`. */
  scoreCol?: string;
  /** Group columns (non-empty values), at least one. */
  groupCols: readonly string[];
}

/** The columns of a scored CSV as plain arrays. */
export interface ScoresCsv {
  /** Labels, 0 or 1. */
  labels: Uint8Array;
  /** Scores. */
  scores: Float64Array;
  /** Group columns by name. */
  groups: Record<string, string[]>;
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * Reads and validates a scored CSV file.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { audit, readScoresCsv } from 'adscreen';
 *
 * // scores of any screener, one row per synthetic ad (here four rows written by hand)
 * writeFileSync('scores.csv', 'id,label,score,gender\nad-1,1,0.91,woman\nad-2,0,0.62,woman\nad-3,0,0.12,man\nad-4,1,0.45,man\n');
 * const { labels, scores, groups } = await readScoresCsv('scores.csv', { groupCols: ['gender'] });
 * const result = audit({ labels, scores, groups, threshold: 0.5, bootstrap: 20, seed: 1 });
 * console.log(result.groups['gender']!.map((g) => [g.group, g.fpr, g.fnr]));
 * ```
 */
export async function readScoresCsv(file: string, options: ScoresCsvOptions): Promise<ScoresCsv> {
  const labelCol = options.labelCol ?? 'label';
  const scoreCol = options.scoreCol ?? 'score';
  if (options.groupCols.length === 0) throw new InputError('give at least one group column', { file, field: 'group-col' });
  if (!existsSync(file)) throw new InputError('file not found', { file });
  const source = createReadStream(file);
  const parser = source.pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true }));
  source.on('error', (err) => parser.destroy(err));
  let header: string[] | null = null;
  let li = -1;
  let si = -1;
  let gi: number[] = [];
  let labels = new Uint8Array(1024);
  let scores = new Float64Array(1024);
  const groups: string[][] = options.groupCols.map(() => []);
  let row = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = rec.map((h) => h.trim());
        const find = (name: string, what: string): number => {
          const k = (header as string[]).indexOf(name);
          if (k < 0) throw new InputError(`no ${what} column "${name}" (columns: ${(header as string[]).join(', ')})`, { file, field: name });
          return k;
        };
        li = find(labelCol, 'label');
        si = find(scoreCol, 'score');
        gi = options.groupCols.map((g) => find(g, 'group'));
        continue;
      }
      row++;
      if (row > labels.length) {
        const nl = new Uint8Array(labels.length * 2);
        nl.set(labels);
        labels = nl;
        const ns = new Float64Array(scores.length * 2);
        ns.set(scores);
        scores = ns;
      }
      const lab = (rec[li] ?? '').trim();
      if (lab !== '0' && lab !== '1') throw new InputError(`expected label 0 or 1, got ${JSON.stringify(rec[li] ?? '')}`, { file, row, field: labelCol });
      labels[row - 1] = lab === '1' ? 1 : 0;
      const sc = rec[si] ?? '';
      const v = NUMBER.test(sc) ? Number(sc) : Number.NaN;
      if (!Number.isFinite(v)) throw new InputError(`expected a numeric score, got ${JSON.stringify(sc)}`, { file, row, field: scoreCol });
      scores[row - 1] = v;
      gi.forEach((k, j) => {
        const g = (rec[k] ?? '').trim();
        if (g === '') throw new InputError('missing group value', { file, row, field: options.groupCols[j] as string });
        (groups[j] as string[]).push(g);
      });
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as { code?: string; message?: string; lines?: number };
    if (e.code === 'ENOENT') throw new InputError('file not found', { file });
    throw new InputError(`not a readable CSV: ${e.message ?? String(err)}`, { file });
  }
  if (header === null || row === 0) throw new InputError('expected a header row and at least one data row', { file });
  const out: Record<string, string[]> = {};
  options.groupCols.forEach((g, j) => (out[g] = groups[j] as string[]));
  return { labels: labels.slice(0, row), scores: scores.slice(0, row), groups: out };
}
