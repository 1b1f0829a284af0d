/**
 * The default binding of {@link CellStages} to adscreen's own stages: the generator, the model
 * registry and the audit, each through its public index only.
 */
import { audit as runAudit, thresholdForFpr, type AuditResult } from '../audit/index.js';
import { InputError } from '../errors.js';
import { generate, groupTwins, loadScenario, parseScenario, proxyTerms, type Scenario } from '../generate/index.js';
import { initBackend } from '../models/backend.js';
import { createClassifier } from '../models/index.js';
import type { CellStages, JsonObject } from './stage-api.js';
import type { CellMetrics } from './summary.js';

/** Re-raises a scenario validation error with the experiment field it came from. */
function withField(err: unknown, prefix: string): never {
  if (err instanceof InputError) {
    const inner = err.location.field;
    const problem = inner !== undefined ? err.message.slice(err.message.indexOf(`${inner}: `) + inner.length + 2) : err.message;
    throw new InputError(problem, {
      ...(err.location.file !== undefined ? { file: err.location.file } : {}),
      field: inner !== undefined ? `${prefix}.${inner}` : prefix,
    });
  }
  throw err;
}

const scenarioCache = new Map<string, Scenario>();

function asScenario(obj: JsonObject): Scenario {
  const key = JSON.stringify(obj);
  let s = scenarioCache.get(key);
  if (s === undefined) {
    s = parseScenario(obj);
    if (scenarioCache.size > 64) scenarioCache.clear();
    scenarioCache.set(key, s);
  }
  return s;
}

/** Headline metrics of an `adscreen.audit/1` result for its first group column. */
export function auditMetrics(result: AuditResult, threshold: number): CellMetrics {
  const column = Object.keys(result.groups)[0];
  const rows = column === undefined ? [] : (result.groups[column] ?? []);
  const disp = column === undefined ? undefined : result.disparities[column];
  const groupFpr: Record<string, number | null> = {};
  const groupFnr: Record<string, number | null> = {};
  for (const g of rows) {
    groupFpr[g.group] = g.fpr;
    groupFnr[g.group] = g.fnr;
  }
  const fprDifferences: CellMetrics['fprDifferences'] = {};
  for (const d of disp?.byGroup ?? []) {
    fprDifferences[d.group] = { value: d.fprDifference, ci: d.ci['fprDifference'] ?? null };
  }
  return {
    auc: result.overall.auc,
    prAuc: result.overall.prAuc,
    threshold,
    fpr: result.overall.fpr,
    recall: result.overall.tpr,
    groupFpr,
    groupFnr,
    fprGap: disp?.fprDifference ?? null,
    // FNR = 1 - TPR, so the FNR max - min equals the TPR max - min
    fnrGap: disp?.tprDifference ?? null,
    equalizedOdds: disp?.equalizedOddsDifference ?? null,
    twinFlipRate: result.twins?.flipRate ?? null,
    reference: disp?.reference ?? null,
    fprDifferences,
  };
}

/** The real stages. */
export const defaultStages: CellStages = {
  loadScenario(ref) {
    const s = typeof ref === 'string' ? loadScenario(ref) : parseScenario(ref);
    return structuredClone(s) as unknown as JsonObject;
  },
  validateScenario(scenario, field) {
    try {
      return structuredClone(parseScenario(scenario)) as unknown as JsonObject;
    } catch (err) {
      return withField(err, field);
    }
  },
  generate(scenario, options) {
    return generate(asScenario(scenario), { n: options.n, seed: options.seed, twins: options.twins });
  },
  groupTwins(scenario, records) {
    const s = asScenario(scenario);
    return records.map((r) => groupTwins(r, s));
  },
  proxyTerms(scenario) {
    return proxyTerms(asScenario(scenario));
  },
  initBackend: () => initBackend(),
  createClassifier(name, options) {
    return createClassifier(name, options);
  },
  thresholdForFpr(labels, scores, fpr) {
    const t = thresholdForFpr(labels, scores, { fpr });
    if (t === null) throw new RangeError('cannot choose a threshold by FPR: the test set has no negatives');
    return t;
  },
  audit(input) {
    const column = input.groupColumn;
    const result = runAudit({
      labels: input.labels,
      scores: input.scores,
      groups: { [column]: input.groups },
      threshold: input.threshold,
      bootstrap: input.bootstrap,
      seed: input.seed,
      ...(input.clusters !== undefined ? { clusters: input.clusters } : {}),
      intersections: false,
      ...(input.prevalence !== undefined && input.volume !== undefined
        ? { prevalence: input.prevalence, volume: input.volume }
        : {}),
      twins: input.twins.map((t) => ({
        original: input.scores[t.index]!,
        twin: t.score,
        from: input.groups[t.index]!,
        to: t.group,
      })),
    });
    return result as unknown as JsonObject;
  },
  metrics(result, threshold) {
    return auditMetrics(result as unknown as AuditResult, threshold);
  },
};
