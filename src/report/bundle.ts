/**
 * What a report is made from: a {@link ReportBundle} of plain result objects, and the reader that
 * builds one from a result directory.
 *
 * A result directory is either
 * - a single run: `audit.json` (required), and optionally `card.json` (model card),
 *   `*.datasheet.md` or `datasheet.md` (the test data's datasheet), `scenario.json` (the
 *   scenario, summarised as its name, description and settings), `provenance.json`
 *   (`{generatorVersion, seed, scenarioHash, scenario}`); or
 * - an experiment (written by `adscreen experiment`): `experiment.json`, `cells/<id>/cell.json`
 *   + `audit.json` + `card.json`, `summary.md`, and optionally a `*.datasheet.md` of a test set
 *   (as `adscreen demo` writes). The report shows every cell's headline
 *   metrics, sweep and trade-off charts, and the full audit of the first cell.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { ModelCard } from '../models/classifier.js';
import type { AuditLike, CellOutcomeLike, ProvenanceLike } from './input.js';

/** An experiment's results as a report shows them. */
export interface ExperimentView {
  /** Experiment name. */
  name: string;
  /** Swept field, or null. */
  sweepField: string | null;
  /** One outcome per cell. */
  cells: CellOutcomeLike[];
  /** The experiment stage's summary table, as Markdown. */
  summaryMarkdown?: string;
}

/** Everything a report can show; only `audit` is required. */
export interface ReportBundle {
  /** Report title. Default `adscreen audit report`. */
  title?: string;
  /** What data the audit ran on, shown in chart titles. Default `synthetic test ads`. */
  dataLabel?: string;
  /** Provenance of the synthetic data (also read from the audit and the datasheet). */
  provenance?: ProvenanceLike;
  /** The audit to show in full. */
  audit: AuditLike;
  /** Scenario summary: name, description, settings as key-value pairs. */
  scenario?: { name?: string; description?: string; settings?: Record<string, unknown> };
  /** The test data's datasheet (Markdown). */
  datasheet?: string;
  /** Model cards of the audited model(s). */
  modelCards?: ModelCard[];
  /** An experiment's cells, for sweep and trade-off charts. */
  experiment?: ExperimentView;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`, { file });
  }
}

/** Checks the parts of the audit contract the report relies on; throws an InputError naming the field. */
export function assertAudit(value: unknown, file?: string): AuditLike {
  const where = file === undefined ? {} : { file };
  const a = value as Partial<AuditLike> | null;
  if (a === null || typeof a !== 'object') throw new InputError('expected an audit object', where);
  if (typeof a.schema !== 'string' || !a.schema.startsWith('adscreen.audit/')) {
    throw new InputError(`expected "adscreen.audit/1", got ${JSON.stringify(a.schema)}`, { ...where, field: 'schema' });
  }
  if (typeof a.threshold !== 'number') throw new InputError('expected a number', { ...where, field: 'threshold' });
  if (a.overall === null || typeof a.overall !== 'object') throw new InputError('expected an object of metrics', { ...where, field: 'overall' });
  if (a.groups === null || typeof a.groups !== 'object') throw new InputError('expected an object of group columns', { ...where, field: 'groups' });
  for (const [column, rows] of Object.entries(a.groups)) {
    if (!Array.isArray(rows)) throw new InputError('expected an array of group rows', { ...where, field: `groups.${column}` });
  }
  return a as AuditLike;
}

/** Provenance fields parsed from a datasheet's property table, if present. */
export function datasheetProvenance(markdown: string): ProvenanceLike {
  const cell = (name: string): string | undefined => {
    const m = new RegExp(`^\\|\\s*${name}\\s*\\|\\s*([^|]+?)\\s*\\|`, 'm').exec(markdown);
    return m?.[1];
  };
  const p: ProvenanceLike = {};
  const generator = cell('Generator');
  if (generator) p.generatorVersion = generator.replace(/^adscreen\s+/, '');
  const seed = cell('Seed');
  if (seed) p.seed = seed;
  const hash = cell('Scenario hash');
  if (hash) p.scenarioHash = hash;
  const scenario = cell('Scenario');
  if (scenario) p.scenario = scenario;
  return p;
}

function readCard(dir: string): ModelCard | undefined {
  const file = join(dir, 'card.json');
  return existsSync(file) ? (readJson(file) as ModelCard) : undefined;
}

function findDatasheet(dir: string): string | undefined {
  const names = readdirSync(dir).filter((f) => f === 'datasheet.md' || f.endsWith('.datasheet.md')).sort();
  const first = names[0];
  return first === undefined ? undefined : readFileSync(join(dir, first), 'utf8');
}

function rec(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function loadExperimentDir(dir: string): ReportBundle {
  const exp = rec(readJson(join(dir, 'experiment.json')));
  const config = rec(exp['config']);
  const ids = Array.isArray(exp['cells']) ? exp['cells'].map((c) => String(rec(c)['id'])) : [];
  const cells: CellOutcomeLike[] = [];
  let firstAudit: AuditLike | undefined;
  let firstCard: ModelCard | undefined;
  for (const id of ids) {
    const cellDir = join(dir, 'cells', id);
    const cellFile = join(cellDir, 'cell.json');
    if (!existsSync(cellFile) || !existsSync(join(cellDir, 'audit.json'))) continue;
    const record = rec(readJson(cellFile));
    const cell = rec(record['cell']);
    cells.push({
      id,
      sweepValue: (cell['sweepValue'] ?? null) as CellOutcomeLike['sweepValue'],
      seed: Number(cell['seed']),
      model: String(rec(cell['model'])['label'] ?? rec(cell['model'])['name'] ?? 'model'),
      mitigation: String(rec(cell['mitigation'])['label'] || 'none'),
      metrics: rec(record['metrics']),
    });
    if (!firstAudit) {
      firstAudit = assertAudit(readJson(join(cellDir, 'audit.json')), join(cellDir, 'audit.json'));
      firstCard = readCard(cellDir);
    }
  }
  if (!firstAudit || cells.length === 0) throw new InputError('no finished cells (cells/<id>/cell.json and audit.json)', { file: dir });
  const name = String(config['name'] ?? 'experiment');
  const sweep = rec(config['sweep']);
  const summaryFile = join(dir, 'summary.md');
  const experiment: ExperimentView = {
    name,
    sweepField: typeof sweep['field'] === 'string' ? sweep['field'] : null,
    cells,
  };
  if (existsSync(summaryFile)) experiment.summaryMarkdown = readFileSync(summaryFile, 'utf8');
  const bundle: ReportBundle = {
    title: `adscreen experiment report: ${name}`,
    dataLabel: `experiment ${name}, synthetic test ads of cell ${cells[0]?.id}`,
    audit: firstAudit,
    experiment,
    provenance: {
      generatorVersion: String(exp['version'] ?? '') || 'unknown',
      seed: `per cell (${[...new Set(cells.map((c) => c.seed))].join(', ')})`,
      scenarioHash: 'per cell (see experiment.json and cells/<id>/cell.json)',
    },
  };
  if (typeof config['description'] === 'string') bundle.scenario = { name, description: config['description'] };
  if (firstCard) bundle.modelCards = [firstCard];
  const datasheet = findDatasheet(dir);
  if (datasheet !== undefined) bundle.datasheet = datasheet;
  return bundle;
}

/** Flattens a JSON object to dotted paths of its leaf values (arrays kept whole). */
export function flattenSettings(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const path = prefix === '' ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flattenSettings(v as Record<string, unknown>, path));
    else out[path] = v;
  }
  return out;
}

/**
 * Reads a result directory (single run or experiment, see the module notes) into a bundle.
 *
 * @example
 * ```ts
 * import { experiment, loadReportBundle, report } from 'adscreen';
 *
 * await experiment(
 *   { name: 'tiny', train: { scenario: 'baseline', n: 300 }, test: { n: 200 }, models: ['keywords'], audit: { threshold: 0.5, bootstrap: 20 } },
 *   { out: 'out/tiny', jobs: 0 },
 * );
 * const bundle = loadReportBundle('out/tiny');
 * console.log(bundle.title, bundle.experiment?.cells.length);
 * const html = await report(bundle);                    // the same as report('out/tiny')
 * console.log(html.content.length);
 * ```
 */
export function loadReportBundle(dir: string): ReportBundle {
  if (!existsSync(dir)) throw new InputError('no such directory', { file: dir });
  if (existsSync(join(dir, 'experiment.json'))) return loadExperimentDir(dir);
  const auditFile = join(dir, 'audit.json');
  if (!existsSync(auditFile)) throw new InputError('expected audit.json (a single run) or experiment.json (an experiment)', { file: dir });
  const bundle: ReportBundle = { audit: assertAudit(readJson(auditFile), auditFile) };
  const card = readCard(dir);
  if (card) bundle.modelCards = [card];
  const datasheet = findDatasheet(dir);
  if (datasheet !== undefined) bundle.datasheet = datasheet;
  const scenarioFile = join(dir, 'scenario.json');
  if (existsSync(scenarioFile)) {
    const { name, description, ...settings } = rec(readJson(scenarioFile));
    const scenario: NonNullable<ReportBundle['scenario']> = { settings: flattenSettings(settings) };
    if (typeof name === 'string') scenario.name = name;
    if (typeof description === 'string') scenario.description = description;
    bundle.scenario = scenario;
  }
  const provFile = join(dir, 'provenance.json');
  if (existsSync(provFile)) bundle.provenance = rec(readJson(provFile)) as ProvenanceLike;
  return bundle;
}

/** The provenance a report prints: the bundle's, else the audit's, else the datasheet's. */
export function bundleProvenance(bundle: ReportBundle): ProvenanceLike {
  const fromSheet = bundle.datasheet === undefined ? {} : datasheetProvenance(bundle.datasheet);
  return { ...fromSheet, ...(bundle.audit.provenance ?? {}), ...(bundle.provenance ?? {}) };
}
