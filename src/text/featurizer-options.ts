/**
 * The featurizer's options: their defaults and limits, checked once (by `Featurizer.fit` and
 * when a saved featurizer is loaded). Internal to the text stage.
 */
import { InputError } from '../errors.js';

/** Options for {@link Featurizer.fit}. */
export interface FeaturizerOptions {
  /** Smallest and largest n-gram length, inclusive. __Default:__ `[1, 2]`; both at least 1, at most 5. */
  ngrams?: [number, number];
  /** Minimum number of occurrences (over all fitting texts) for an n-gram to enter the vocabulary. Ignored when hashing. __Default:__ `2`. */
  minCount?: number;
  /** Maximum vocabulary size; the most frequent n-grams are kept. Ignored when hashing. __Default:__ `50000`. */
  maxSize?: number;
  /** Number of hash buckets, or `null` for a fitted vocabulary. __Default:__ `null`. */
  hashing?: number | null;
  /** Lower-case before tokenizing. __Default:__ `true`. */
  lowercase?: boolean;
  /** Porter-stem words. __Default:__ `false`. */
  stem?: boolean;
}

/** Featurizer options with every default filled in. */
export type ResolvedFeaturizerOptions = Required<FeaturizerOptions>;

const MAX_BUCKETS = 1 << 26;
const MAX_N = 5;

/** Fills in defaults and checks every option; throws an InputError naming the field (and `source`, a file). */
export function resolveOptions(options: FeaturizerOptions, source?: string): ResolvedFeaturizerOptions {
  const where = (field: string) => (source === undefined ? { field } : { file: source, field });
  const ngrams = options.ngrams ?? [1, 2];
  const [lo, hi] = ngrams;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo || hi > MAX_N) {
    throw new InputError(`expected [min, max] integers with 1 <= min <= max <= ${MAX_N}, got ${JSON.stringify(ngrams)}`, where('ngrams'));
  }
  const minCount = options.minCount ?? 2;
  if (!Number.isInteger(minCount) || minCount < 1) throw new InputError(`expected an integer >= 1, got ${minCount}`, where('minCount'));
  const maxSize = options.maxSize ?? 50_000;
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new InputError(`expected an integer >= 1, got ${maxSize}`, where('maxSize'));
  const hashing = options.hashing ?? null;
  if (hashing !== null && (!Number.isInteger(hashing) || hashing < 1 || hashing > MAX_BUCKETS)) {
    throw new InputError(`expected null or an integer bucket count in [1, ${MAX_BUCKETS}], got ${hashing}`, where('hashing'));
  }
  return { ngrams: [lo, hi], minCount, maxSize, hashing, lowercase: options.lowercase ?? true, stem: options.stem ?? false };
}

