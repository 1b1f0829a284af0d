/**
 * Expanding an experiment into cells: every (sweep value x seed x model x mitigation) becomes one
 * self-contained, plain-data {@link Cell} with fully resolved scenarios and a config hash. A cell
 * is what a worker runs and what resume compares, so everything that changes its results is in it.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import {
  mitigationLabel,
  mitigationSteps,
  modelLabel,
  type ExperimentConfig,
  type SweepValue,
  type ThresholdConfig,
} from './config.js';

/** A plain JSON object (a scenario, model options). */
export type JsonObject = Record<string, unknown>;

/** One unit of work: generate, (mitigate), train, predict and audit once. */
export interface Cell {
  /** File-safe id, unique within the experiment, e.g. `v2-s7-logreg-reweigh`. */
  id: string;
  /** Position in the experiment's cell list. */
  index: number;
  /** The swept field, or null without a sweep. */
  sweepField: string | null;
  /** The swept value for this cell, or null without a sweep. */
  sweepValue: SweepValue | null;
  /** Index of the swept value, or null. */
  sweepIndex: number | null;
  /** Replicate seed; data, splits, training and bootstrap seeds derive from it. */
  seed: number;
  /** Model family, label and options. */
  model: { name: string; label: string; options: JsonObject };
  /** Mitigation steps in the order written (`[]` for none), and their label. */
  mitigation: { label: string; steps: Array<{ name: string; options: JsonObject }> };
  /** Training data: resolved scenario object and size. */
  train: { scenario: JsonObject; n: number };
  /** Test data: resolved scenario object, size, and whether each test ad gets a counterfactual twin. */
  test: { scenario: JsonObject; n: number; twins: boolean };
  /** Share of the training ads held out as validation (for post-processing). */
  validation: number;
  /** Fit options. */
  fit: { epochs?: number };
  /** Audit settings. */
  audit: { threshold: ThresholdConfig; bootstrap: number; resample: 'poster' | 'ad'; prevalence?: number; volume?: number };
  /** Whether per-ad scores are written. */
  saveScores: boolean;
  /** adscreen version the cell runs with (part of the hash). */
  version: string;
  /** SHA-256 (hex) of the canonical JSON of everything above except id and index. */
  hash: string;
}

/** The scenarios a config refers to, already loaded as plain objects (defaults filled in). */
export interface BaseScenarios {
  /** Loaded train scenario. */
  train: JsonObject;
  /** Loaded test scenario, or undefined when the config has no `test.scenario` (same as train). */
  test?: JsonObject;
}

/** Options for {@link expandCells}. */
export interface ExpandOptions {
  /** adscreen version, hashed into each cell. */
  version: string;
  /** Validates a scenario after overrides and returns it normalised; throws on bad values. */
  validateScenario?: (scenario: JsonObject, field: string) => JsonObject;
}

/** JSON with object keys sorted recursively, so equal configs hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const key of Object.keys(value as JsonObject).sort()) {
      const v = (value as JsonObject)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** SHA-256 hex digest of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Returns a deep copy of `obj` with the dotted `path` set to `value`. Every segment but the last
 * must already exist (so a typo is an error, not a silently ignored key); the last may add a key
 * to an object (e.g. a group in a per-group rate table), and the scenario's strict validation
 * then rejects unknown keys. `label` prefixes the field in errors.
 */
export function setField(obj: JsonObject, path: string, value: unknown, label = ''): JsonObject {
  const copy = structuredClone(obj);
  const segments = path.split('.');
  if (segments.some((s) => s.length === 0)) {
    throw new InputError('empty segment in field path', { field: label + path });
  }
  let node: unknown = copy;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const here = label + segments.slice(0, i + 1).join('.');
    if (node === null || typeof node !== 'object') {
      throw new InputError(`cannot set a field inside a ${node === null ? 'null' : typeof node}`, { field: here });
    }
    const container = node as Record<string, unknown>;
    const last = i === segments.length - 1;
    if (!Object.prototype.hasOwnProperty.call(container, seg) && !(last && !Array.isArray(container))) {
      const known = Object.keys(container).join(', ');
      throw new InputError(`no such field (known here: ${known || 'none'})`, { field: here });
    }
    if (i === segments.length - 1) container[seg] = structuredClone(value);
    else node = container[seg];
  }
  return copy;
}

function applyOverrides(scenario: JsonObject, set: JsonObject | undefined, label: string): JsonObject {
  let s = scenario;
  for (const [path, value] of Object.entries(set ?? {})) s = setField(s, path, value, label);
  return s;
}

function fileSafe(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.+-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Where a sweep field lands: in a scenario, a size, the models' options, or fit options. */
export type SweepTarget =
  | { kind: 'scenario'; which: 'train' | 'test' | 'both'; path: string }
  | { kind: 'size'; which: 'train' | 'test' }
  | { kind: 'twins' }
  | { kind: 'model'; path: string }
  | { kind: 'epochs' }
  | { kind: 'validation' };

/**
 * Interprets a sweep field path: `train.<scenario field>`, `test.<scenario field>`,
 * `scenario.<field>` (train and test), `train.n`, `test.n`, `test.twins`, `model.<option>`,
 * `fit.epochs` or `validation`.
 */
export function sweepTarget(field: string): SweepTarget {
  if (field === 'train.n') return { kind: 'size', which: 'train' };
  if (field === 'test.n') return { kind: 'size', which: 'test' };
  if (field === 'test.twins') return { kind: 'twins' };
  if (field === 'fit.epochs') return { kind: 'epochs' };
  if (field === 'validation') return { kind: 'validation' };
  const dot = field.indexOf('.');
  const head = dot < 0 ? field : field.slice(0, dot);
  const rest = dot < 0 ? '' : field.slice(dot + 1);
  if (rest && (head === 'train' || head === 'test')) return { kind: 'scenario', which: head, path: rest };
  if (rest && head === 'scenario') return { kind: 'scenario', which: 'both', path: rest };
  if (rest && head === 'model') return { kind: 'model', path: rest };
  throw new InputError(
    'expected train.<scenario field>, test.<scenario field>, scenario.<field>, train.n, test.n, ' +
      'test.twins, model.<option>, fit.epochs or validation',
    { field: 'sweep.field' },
  );
}

function sweepValueName(value: SweepValue): string {
  if (value !== null && typeof value === 'object') return '';
  return fileSafe(String(value));
}

/**
 * Expands a parsed config into cells, in the order sweep value, seed, model, mitigation.
 * Throws {@link InputError} when a sweep or `set` field does not exist in the scenario.
 */
export function expandCells(config: ExperimentConfig, base: BaseScenarios, options: ExpandOptions): Cell[] {
  const validate = options.validateScenario ?? ((s: JsonObject) => s);
  const sameTest = base.test === undefined;
  const trainBase = applyOverrides(base.train, config.train.set, 'train.set.');
  const testBase = sameTest
    ? applyOverrides(trainBase, config.test.set, 'test.set.')
    : applyOverrides(base.test!, config.test.set, 'test.set.');

  const sweep = config.sweep;
  const target = sweep ? sweepTarget(sweep.field) : null;
  const values: Array<SweepValue | null> = sweep ? sweep.values : [null];

  const cells: Cell[] = [];
  values.forEach((value, vi) => {
    let trainScenario = trainBase;
    let testScenario = testBase;
    let trainN = config.train.n;
    let testN = config.test.n;
    let twins = config.test.twins;
    let epochs = config.fit.epochs;
    let validation = config.validation;
    let modelPath: string | null = null;
    if (target && value !== null) {
      const field = 'sweep.field: ';
      switch (target.kind) {
        case 'scenario':
          if (target.which === 'train' || target.which === 'both') {
            trainScenario = setField(trainScenario, target.path, value, `${field}train.`);
            if (sameTest && target.which === 'train') {
              testScenario = setField(testScenario, target.path, value, `${field}train.`);
            }
          }
          if (target.which === 'test' || target.which === 'both') {
            testScenario = setField(testScenario, target.path, value, `${field}test.`);
          }
          break;
        case 'size':
          if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
            throw new InputError(`sizes must be positive integers, got ${JSON.stringify(value)}`, {
              field: `sweep.values[${vi}]`,
            });
          }
          if (target.which === 'train') trainN = value;
          else testN = value;
          break;
        case 'twins':
          if (typeof value !== 'boolean') {
            throw new InputError('test.twins must be true or false', { field: `sweep.values[${vi}]` });
          }
          twins = value;
          break;
        case 'epochs':
          if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
            throw new InputError('epochs must be a positive integer', { field: `sweep.values[${vi}]` });
          }
          epochs = value;
          break;
        case 'validation':
          if (typeof value !== 'number' || !(value > 0 && value < 1)) {
            throw new InputError('validation must be in (0, 1)', { field: `sweep.values[${vi}]` });
          }
          validation = value;
          break;
        case 'model':
          modelPath = target.path;
          break;
      }
    }
    trainScenario = validate(trainScenario, 'train.scenario');
    testScenario = validate(testScenario, 'test.scenario');

    for (const seed of config.seeds) {
      for (const m of config.models) {
        const name = typeof m === 'string' ? m : m.name;
        let modelOptions: JsonObject = typeof m === 'string' ? {} : structuredClone(m.options);
        if (modelPath !== null) modelOptions = setModelOption(modelOptions, modelPath, value);
        const label = modelLabel(m);
        for (const mit of config.mitigations) {
          const steps = mitigationSteps(mit).map((s) => ({ name: s.name, options: structuredClone(s.options) }));
          const mitLabel = mitigationLabel(mit);
          const body = {
            sweepField: sweep ? sweep.field : null,
            sweepValue: value,
            sweepIndex: sweep ? vi : null,
            seed,
            model: { name, label, options: modelOptions },
            mitigation: { label: mitLabel, steps },
            train: { scenario: trainScenario, n: trainN },
            test: { scenario: testScenario, n: testN, twins },
            validation,
            fit: epochs !== undefined ? { epochs } : {},
            audit: { ...config.audit },
            saveScores: config.saveScores,
            version: options.version,
          };
          const hash = sha256(canonicalJson(body));
          const valueName = sweep ? sweepValueName(value!) : '';
          const sweepPart = sweep ? `v${vi}${valueName ? `_${valueName}` : ''}-` : '';
          const id = `${sweepPart}s${seed}-${fileSafe(label)}-${fileSafe(mitLabel)}`;
          cells.push({ id, index: cells.length, ...body, hash });
        }
      }
    }
  });
  return cells;
}

/** Sets a dotted option path in model options, creating intermediate objects. */
function setModelOption(options: JsonObject, path: string, value: unknown): JsonObject {
  const copy = structuredClone(options);
  const segs = path.split('.');
  let node: JsonObject = copy;
  segs.forEach((seg, i) => {
    if (i === segs.length - 1) node[seg] = value;
    else {
      const next = node[seg];
      if (next === null || typeof next !== 'object') node[seg] = {};
      node = node[seg] as JsonObject;
    }
  });
  return copy;
}
