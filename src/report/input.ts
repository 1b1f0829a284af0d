/**
 * The plain objects the report stage reads. They describe the audit JSON contract
 * (`adscreen.audit/1`) structurally, so a report can be made from a parsed audit.json file as
 * well as from an in-memory audit result, and the report stage depends on no other stage's code.
 * Every field beyond the contract's core is optional: a chart whose data is absent is skipped.
 */

/** A metric value: `null` when undefined for the data (e.g. FPR of a group with no benign ads). */
export type MetricValue = number | null;

/** The confusion and score metrics of one slice of the data (overall, a group, an intersection). */
export interface MetricsLike {
  /** Records. */
  n?: MetricValue;
  /** Trafficking ads (label 1). */
  positives?: MetricValue;
  /** Benign ads (label 0). */
  negatives?: MetricValue;
  /** True positives. */
  tp?: MetricValue;
  /** False positives: benign ads flagged. */
  fp?: MetricValue;
  /** True negatives. */
  tn?: MetricValue;
  /** False negatives: trafficking ads missed. */
  fn?: MetricValue;
  /** True positive rate (recall). */
  tpr?: MetricValue;
  /** False positive rate. */
  fpr?: MetricValue;
  /** False negative rate. */
  fnr?: MetricValue;
  /** True negative rate. */
  tnr?: MetricValue;
  /** Precision. */
  ppv?: MetricValue;
  /** Negative predictive value. */
  npv?: MetricValue;
  /** Share flagged. */
  selectionRate?: MetricValue;
  /** Accuracy. */
  accuracy?: MetricValue;
  /** F1 score. */
  f1?: MetricValue;
  /** ROC-AUC. */
  auc?: MetricValue;
  /** Area under the precision-recall curve. */
  prAuc?: MetricValue;
  /** Brier score. */
  brier?: MetricValue;
  /** Expected calibration error. */
  ece?: MetricValue;
}

/** A confidence interval `[lo, hi]`; either end may be null when it could not be estimated. */
export type IntervalLike = readonly [MetricValue, MetricValue];

/** One group's row in `audit.groups[column]`. */
export interface GroupRowLike extends MetricsLike {
  /** Group value, e.g. `non-native` for the column `language`. */
  group: string;
  /** AUC within the group (Borkan et al. 2019). */
  subgroupAuc?: MetricValue;
  /** AUC of background positives and group negatives. */
  bpsnAuc?: MetricValue;
  /** AUC of background negatives and group positives. */
  bnspAuc?: MetricValue;
  /** Bootstrap confidence intervals by metric name. */
  ci?: Record<string, IntervalLike | null | undefined>;
}

/** A point of a ROC, precision-recall or threshold curve. */
export interface CurvePointLike {
  /** Threshold of the point (flag when score >= threshold). */
  threshold?: number | null;
  /** False positive rate. */
  fpr?: number | null;
  /** True positive rate. */
  tpr?: number | null;
  /** False negative rate. */
  fnr?: number | null;
  /** Precision. */
  precision?: number | null;
  /** Recall. */
  recall?: number | null;
}

/** A bin of a calibration (reliability) curve. */
export interface CalibrationBinLike {
  /** Mean predicted score in the bin. */
  meanScore: number | null;
  /** Observed fraction of positives in the bin. */
  fractionPositive: number | null;
  /** Examples in the bin. */
  count: number;
}

/** An audit result as the report stage reads it (`adscreen.audit/1`). */
export interface AuditLike {
  /** Schema tag, `adscreen.audit/1`. */
  schema: string;
  /** Decision threshold: an ad is flagged when its score is at or above it. */
  threshold: number;
  /** Metrics over all records. */
  overall: MetricsLike;
  /** Per-group metrics by group column. */
  groups: Record<string, readonly GroupRowLike[]>;
  /** Intersectional groups (rows carry the combined group name). */
  intersections?: readonly unknown[];
  /** Between-group disparities by column (scalar measures, plus `ci` intervals by measure). */
  disparities?: Record<string, object>;
  /** Counterfactual twin results. */
  twins?: unknown;
  /** Harm at base rate. */
  harm?: unknown;
  /** Warnings (small groups, undefined metrics). */
  warnings?: readonly string[];
  /** Provenance, when the audit recorded it. */
  provenance?: ProvenanceLike;
  /** Chart data: `curves[column][group]` with `roc`, `pr`, `threshold` and `calibration` point arrays. */
  curves?: unknown;
}

/** Where synthetic data came from: printed on every report and page. */
export interface ProvenanceLike {
  /** Generator (adscreen) version. */
  generatorVersion?: string;
  /** Generator seed. */
  seed?: number | string;
  /** Hash of the scenario that generated the data. */
  scenarioHash?: string;
  /** Scenario name. */
  scenario?: string;
}

/**
 * One cell of an experiment or sweep (one seed x model x mitigation x swept value), as the
 * experiment stage records it: the cell's identity and headline metrics from its audit.
 */
export interface CellOutcomeLike {
  /** Cell id. */
  id: string;
  /** Swept value (null without a sweep): a number, string, boolean or a JSON object. */
  sweepValue: unknown;
  /** Replicate seed. */
  seed: number;
  /** Model label. */
  model: string;
  /** Mitigation label (`none` without one). */
  mitigation: string;
  /** Headline metrics by name, e.g. `auc`, `fprGap`, `fnrGap`, `equalizedOdds`, `twinFlipRate` (numbers or null). */
  metrics: object;
}

/** A cell's metric by name, or null when absent or not a finite number. */
export function cellMetric(cell: CellOutcomeLike, name: string): number | null {
  const v = (cell.metrics as Record<string, unknown>)[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A swept value as text: strings as they are, other values as compact JSON. */
export function sweepLabel(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}
