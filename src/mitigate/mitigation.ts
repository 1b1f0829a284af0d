/**
 * What a mitigation is: a named, optional change at one or more points of the screening
 * pipeline. Pre-processing steps rewrite the training set (texts, labels, weights, extra
 * examples), `scoringText` rewrites every text the model scores, and post-processing steps fit
 * on validation scores and then adjust test scores. All work on plain data.
 */
import type { AdRecord } from '../record.js';

/** The training set as mitigations see and return it. */
export interface TrainingSet {
  /** Training records (mitigations return new arrays; they never mutate records). */
  records: AdRecord[];
  /** Per-record sample weights, or undefined for all 1. */
  weights?: number[];
  /** Which label the model learns. */
  labelField: 'label' | 'observedLabel';
}

/** What the pipeline knows that mitigations may use. */
export interface MitigationContext {
  /** Seed for any random choice a mitigation makes. */
  seed: number;
  /** Surface forms of explicit proxy mentions the generator renders (for `mask-proxies`). */
  proxyTerms: readonly string[];
  /** Counterfactual twins of a record with its proxy attributes swapped (for `augment-twins`). */
  twinsOf?: (record: AdRecord) => AdRecord[];
  /** Overall FPR the experiment evaluates at, when it has one (default target for post-processing). */
  targetFpr?: number;
}

/** Validation data for post-processing: scores with the labels the model was trained on. */
export interface ValidationScores {
  /** Model scores on the validation ads. */
  scores: ArrayLike<number>;
  /** Labels (the training label field). */
  labels: ArrayLike<number>;
  /** Group of each validation ad. */
  groups: readonly string[];
}

/** A fitted post-processor: adjusts scores so that a single `threshold` gives its decisions. */
export interface PostProcessor {
  /** Adjusted scores for ads with these groups. */
  apply(scores: ArrayLike<number>, groups: readonly string[]): Float32Array;
  /** The threshold to decide at on adjusted scores. */
  threshold: number;
  /** Plain-data description of what was fitted (thresholds, warnings), for the cell's record. */
  details: Record<string, unknown>;
}

/** One mitigation. Each hook is optional; a mitigation implements the ones it needs. */
export interface Mitigation {
  /** Registry name, e.g. `reweigh`. */
  readonly name: string;
  /** One line on what it does. */
  readonly description: string;
  /**
   * Where it runs when several are combined: lower first. Built-ins: true-labels 10,
   * augment-twins 20, mask-proxies 30, reweigh 40, group-thresholds 90.
   */
  readonly order: number;
  /** Rewrites the training set. */
  prepare?(set: TrainingSet, ctx: MitigationContext): TrainingSet;
  /** Rewrites a text before scoring (validation, test and twin texts alike). */
  scoringText?(text: string, ctx: MitigationContext): string;
  /** Fits a post-processor on validation scores. */
  fitPost?(validation: ValidationScores, ctx: MitigationContext): PostProcessor;
}

/** Builds a mitigation from its options (validated by the factory). */
export type MitigationFactory = (options: Record<string, unknown>) => Mitigation;
