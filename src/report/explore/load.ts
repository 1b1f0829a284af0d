/**
 * Reading the explorable page's input directory and writing the page.
 *
 * An explore directory holds:
 * - `scores.csv` (required): one scored ad a row, with a header. Columns `label` (0 or 1, the
 *   true label), `score` (in [0, 1]) and `group` (or another column chosen with `groupColumn`)
 *   are required; `id`, `text` and `twinOf` (or `twin_of`: the id of the ad this row is the
 *   counterfactual twin of) pair twins; `generatorVersion`, `seed`, `scenarioHash` and
 *   `scenario`, when present, are shown as provenance. Twin rows are left out of the histograms.
 * - `audit.json` (optional): an `adscreen.audit/1` result; its threshold is the page's initial
 *   threshold, and `harm.prevalence` / `harm.volume`, when present, the initial prevalence and volume.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic.js';
import type { ProvenanceLike } from '../input.js';
import { exploreData, type ExploreData, type ExploreDataOptions, type ScoredAd } from './data.js';
import { explorePage } from './page.js';

/** Options for {@link parseExploreScores}. */
export interface ParseExploreScoresOptions {
  /** Column holding the group. Default `group`. */
  groupColumn?: string;
  /** File name for error messages. */
  file?: string;
}

/** Scored ads and the provenance found in a scores CSV. */
export interface ExploreScores {
  /** The ads. */
  ads: ScoredAd[];
  /** Provenance columns' values, when every row agrees. */
  provenance: ProvenanceLike;
}

/** Parses a scores CSV (see the module notes for its columns). Throws an `InputError` naming the row and column. */
export function parseExploreScores(text: string, options: ParseExploreScoresOptions = {}): ExploreScores {
  const file = options.file ?? 'scores.csv';
  const groupColumn = options.groupColumn ?? 'group';
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  } catch (err) {
    throw new InputError(`not a readable CSV file (${err instanceof Error ? err.message : String(err)})`, { file });
  }
  const first = rows[0];
  if (first === undefined) throw new InputError('no rows: expected a header and at least one scored ad', { file });
  for (const column of ['label', 'score', groupColumn]) {
    if (!(column in first)) throw new InputError(`missing column "${column}" (columns: ${Object.keys(first).join(', ')})`, { file, field: column });
  }
  const ads = rows.map((r, i): ScoredAd => {
    const row = i + 1;
    const label = r['label'];
    if (label !== '0' && label !== '1') throw new InputError(`expected 0 or 1, got "${label}"`, { file, row, field: 'label' });
    const score = Number(r['score']);
    if (r['score'] === '' || !(score >= 0 && score <= 1)) throw new InputError(`expected a number in [0, 1], got "${r['score']}"`, { file, row, field: 'score' });
    const group = r[groupColumn] ?? '';
    if (group === '') throw new InputError('expected a group name, got an empty cell', { file, row, field: groupColumn });
    const ad: ScoredAd = { label: label === '1' ? 1 : 0, score, group };
    if (r['id']) ad.id = r['id'];
    if (r['text']) ad.text = r['text'];
    const twinOf = r['twinOf'] || r['twin_of'];
    if (twinOf) ad.twinOf = twinOf;
    return ad;
  });
  const provenance: ProvenanceLike = {};
  const single = (column: string): string | undefined => {
    const values = new Set(rows.map((r) => r[column]).filter((v): v is string => v !== undefined && v !== ''));
    return values.size === 1 ? [...values][0] : undefined;
  };
  const version = single('generatorVersion');
  const seed = single('seed');
  const hash = single('scenarioHash');
  const scenario = single('scenario');
  if (version !== undefined) provenance.generatorVersion = version;
  if (seed !== undefined) provenance.seed = seed;
  if (hash !== undefined) provenance.scenarioHash = hash;
  if (scenario !== undefined) provenance.scenario = scenario;
  return { ads, provenance };
}

/** Options for {@link loadExploreDir}: the page options plus the group column. */
export interface LoadExploreOptions extends ExploreDataOptions {
  /** Column of scores.csv holding the group. Default `group`. */
  groupColumn?: string;
  /**
   * Ad text and twin link by id, for scores.csv files without `text` or `twinOf` columns (an
   * experiment cell's or `adscreen predict`'s scores): read from the test dataset the scores came
   * from. Values in scores.csv take precedence.
   */
  ads?: ReadonlyMap<string, { text?: string; twinOf?: string | null }>;
}

function numberAt(value: unknown, ...path: string[]): number | undefined {
  let v: unknown = value;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Reads an explore directory (see the module notes) into the page's data. Options override the directory's defaults. */
export function loadExploreDir(dir: string, options: LoadExploreOptions = {}): ExploreData {
  const scoresPath = join(dir, 'scores.csv');
  if (!existsSync(scoresPath)) throw new InputError('missing scores.csv (columns label, score, group; see `adscreen explore --help`)', { file: dir });
  const table = parseExploreScores(readFileSync(scoresPath, 'utf8'), { file: scoresPath, groupColumn: options.groupColumn ?? 'group' });
  const { ads, groupColumn: _groupColumn, ...pageOptions } = options;
  if (ads) {
    for (const ad of table.ads) {
      const info = ad.id === undefined ? undefined : ads.get(ad.id);
      if (info?.text !== undefined && ad.text === undefined) ad.text = info.text;
      if (info?.twinOf && ad.twinOf === undefined) ad.twinOf = info.twinOf;
    }
  }
  const merged: ExploreDataOptions = { ...pageOptions, provenance: { ...table.provenance, ...options.provenance } };
  const auditPath = join(dir, 'audit.json');
  if (existsSync(auditPath)) {
    let audit: unknown;
    try {
      audit = JSON.parse(readFileSync(auditPath, 'utf8'));
    } catch (err) {
      throw new InputError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`, { file: auditPath });
    }
    const threshold = numberAt(audit, 'threshold');
    const prevalence = numberAt(audit, 'harm', 'prevalence');
    const volume = numberAt(audit, 'harm', 'volume');
    if (merged.threshold === undefined && threshold !== undefined) merged.threshold = threshold;
    if (merged.prevalence === undefined && prevalence !== undefined) merged.prevalence = prevalence;
    if (merged.volume === undefined && volume !== undefined) merged.volume = volume;
  }
  return exploreData(table.ads, merged);
}

/**
 * Writes the explorable page for the data to `out` atomically and returns the path.
 *
 * @example
 * ```ts
 * import { exploreData, generate, loadScenario, writeExplorePage } from 'adscreen';
 *
 * const ads = generate(loadScenario('confounded'), { n: 300, seed: 1, twins: true });
 * // any scores in [0, 1] will do: here a toy screener that flags ads naming a rate
 * const scored = ads.map((ad) => ({
 *   id: ad.id, text: ad.text, twinOf: ad.twinOf ?? undefined,
 *   label: ad.label, group: ad.group, score: /\$\d+/.test(ad.text) ? 0.8 : 0.2,
 * }));
 * console.log(writeExplorePage(exploreData(scored), 'out/explore.html'));
 * ```
 */
export function writeExplorePage(data: ExploreData, out: string): string {
  writeFileAtomic(out, explorePage(data));
  return out;
}
