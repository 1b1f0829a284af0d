/**
 * The slice of the other stages (generate, models, audit) an experiment cell uses, as one
 * interface. The default binding in `stages.ts` wires the real stages; tests and researchers can
 * pass their own (in-process runs only, since worker threads load the default binding).
 */
import type { Classifier } from '../models/classifier.js';
import type { AdRecord } from '../record.js';
import type { CellMetrics } from './summary.js';

export type { JsonObject } from './cells.js';
import type { JsonObject } from './cells.js';

/** What an audit needs, in the experiment's terms. */
export interface CellAuditInput {
  /** True labels of the test ads. */
  labels: Uint8Array;
  /** Scores of the test ads. */
  scores: Float32Array;
  /** Group of each test ad. */
  groups: string[];
  /** Name of the group column (the scenario's group attribute, e.g. `nationality`). */
  groupColumn: string;
  /** Decision threshold: decide positive when `score >= threshold`. */
  threshold: number;
  /** Bootstrap resamples for confidence intervals (0 = none). */
  bootstrap: number;
  /** Bootstrap seed. */
  seed: number;
  /** Cluster (poster) of each test ad, for a cluster bootstrap; absent to resample single ads. */
  clusters?: string[];
  /** Base rate for harm estimates, if set. */
  prevalence?: number;
  /** Ad volume for harm estimates, if set. */
  volume?: number;
  /** Counterfactual twin pairs: index of the original test ad and the twin's score. */
  twins: { index: number; score: number; group: string }[];
}

/** The stage functions a cell calls. */
export interface CellStages {
  /** Loads a scenario by preset name or path, or validates an inline one; returns it as plain JSON. */
  loadScenario(ref: string | JsonObject): JsonObject;
  /** Validates a (modified) scenario object and returns it normalised; throws naming the field. */
  validateScenario(scenario: JsonObject, field: string): JsonObject;
  /**
   * Generates `n` ads; with `twins` each is followed by its counterfactual twin (`twinOf` set,
   * group proxy swapped), and the originals are the same records as without twins.
   */
  generate(scenario: JsonObject, options: { n: number; seed: number; twins: boolean }): AdRecord[];
  /**
   * Every counterfactual twin of each record along the scenario's group attribute (one per other
   * group), for counterfactual augmentation; the records must come from `generate` with this scenario.
   */
  groupTwins(scenario: JsonObject, records: readonly AdRecord[]): AdRecord[][];
  /** Surface forms of explicit proxy mentions the scenario's generator renders. */
  proxyTerms(scenario: JsonObject): string[];
  /** Prepares the compute backend; returns its name. */
  initBackend(): Promise<string>;
  /** Creates an untrained classifier. */
  createClassifier(name: string, options: JsonObject): Classifier;
  /** Threshold giving (at most) this overall FPR on the labelled scores. */
  thresholdForFpr(labels: ArrayLike<number>, scores: ArrayLike<number>, fpr: number): number;
  /** Runs the audit; returns the `adscreen.audit/1` JSON. */
  audit(input: CellAuditInput): JsonObject;
  /** Headline metrics from an audit JSON. */
  metrics(audit: JsonObject, threshold: number): CellMetrics;
}
