/**
 * Generating datasets. Records come from posters built one at a time (poster k from its own
 * random stream), so memory stays constant, `generateStream` yields exactly the records
 * `generate` returns, and any record can be re-rendered later (for twins) from its seed, its
 * poster id and the scenario.
 */
import type { AdRecord } from '../record.js';
import type { ProgressCallback } from '../progress.js';
import { InputError } from '../errors.js';
import { adId, buildRecord, streamTwin } from './ad-record.js';
import type { GenerationPlan } from './blocks.js';
import { buildModel } from './model.js';
import { makePoster, type Poster } from './posters.js';
import { parseScenario, scenarioHash, type Scenario, type ScenarioInput } from './scenario.js';

/** Options for {@link generate} and {@link generateStream}. */
export interface GenerateOptions {
  /** Number of (original) ads to generate; twins come on top. */
  n: number;
  /** Seed: the same seed, scenario and version give the same records. */
  seed: number;
  /**
   * When true, every record is followed by one counterfactual twin (id `<id>~t1`, `twinOf` set)
   * in which the scenario's group attribute is swapped to another value chosen by the seeded RNG;
   * the output then holds 2n records. __Default value:__ `false`.
   */
  twins?: boolean;
  /** Called with (records done, n) every 10,000 originals and at the end. */
  onProgress?: ProgressCallback;
}

/** Checks `n` and `seed` (throws an {@link InputError} naming the option). */
function checkOptions(options: Pick<GenerateOptions, 'n' | 'seed'>): void {
  if (!Number.isInteger(options.n) || options.n < 0) throw new InputError(`expected a non-negative integer, got ${options.n}`, { field: 'n' });
  if (!Number.isFinite(options.seed)) throw new InputError(`expected a finite number, got ${options.seed}`, { field: 'seed' });
}

/** Validates the scenario and options once, for `generationBlocks` and `blockRecords`. */
export function planGeneration(scenario: Scenario | ScenarioInput, options: Omit<GenerateOptions, 'onProgress'>): GenerationPlan {
  checkOptions(options);
  const parsed = parseScenario(scenario);
  return {
    scenario: parsed,
    scenarioHash: scenarioHash(parsed),
    n: options.n,
    seed: Math.trunc(options.seed) >>> 0,
    twins: options.twins === true,
  };
}

/**
 * Yields the records of a dataset one at a time in constant memory: ads `ad-000001` ... in
 * order, each followed by its twin when `twins` is true. Same records, same order as
 * {@link generate}.
 *
 * @example
 * ```ts
 * import { generateStream, loadScenario } from 'adscreen';
 *
 * let total = 0;
 * let positives = 0;
 * for (const ad of generateStream(loadScenario('low-prevalence'), { n: 500, seed: 1 })) {
 *   total++;
 *   positives += ad.label;
 * }
 * console.log(positives / total);                           // near the scenario's prevalence
 * ```
 */
export function* generateStream(scenario: Scenario | ScenarioInput, options: GenerateOptions): Generator<AdRecord> {
  const { scenario: parsed, scenarioHash: hash, n, seed, twins } = planGeneration(scenario, options);
  const model = buildModel(parsed);
  const onProgress = options.onProgress;
  let pos = 0;
  for (let k = 0; pos < n; k++) {
    const poster = makePoster(model, seed, k);
    const count = poster.adPersona.length;
    for (let j = 0; j < count && pos < n; j++) {
      pos++;
      const persona = poster.personas[poster.adPersona[j] as number] as Poster['personas'][number];
      const record = buildRecord(model, poster, j, adId(pos), persona.proxies, seed, hash);
      yield record;
      if (twins) yield streamTwin(model, poster, j, record);
      if (onProgress !== undefined && pos % 10_000 === 0) onProgress(pos, n);
    }
  }
  if (onProgress !== undefined) onProgress(pos, n);
}

/**
 * Generates a dataset in memory: `n` ads (ids `ad-000001` ...), each followed by its
 * counterfactual twin when `twins` is true (2n records). Same scenario, seed and version give
 * deep-equal records.
 *
 * @example
 * ```ts
 * import { generate, loadScenario } from 'adscreen';
 *
 * const ads = generate(loadScenario('confounded'), { n: 200, seed: 1, twins: true });
 * console.log(ads.length);                                  // 400: every ad followed by its twin
 * console.log(ads[0]!.label, ads[0]!.group, ads[0]!.text);  // ground truth, proxy group, text
 * console.log(ads[1]!.twinOf === ads[0]!.id);               // true
 * ```
 */
export function generate(scenario: Scenario | ScenarioInput, options: GenerateOptions): AdRecord[] {
  const out: AdRecord[] = [];
  for (const r of generateStream(scenario, options)) out.push(r);
  return out;
}
