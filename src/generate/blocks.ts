/**
 * Generating a dataset block by block. Poster k depends only on the seed, the scenario and k,
 * so a dataset splits into blocks of consecutive posters that can be generated independently
 * (in worker threads, say) and concatenated in order: the result is exactly what
 * {@link generateStream} yields. Planning a block needs only each poster's ad count, which costs
 * two random draws per poster. A plan is made (and the scenario validated) by `planGeneration`;
 * this module imports no validation code, so worker threads that are handed a plan load little.
 */
import type { AdRecord } from '../record.js';
import { adId, buildRecord, streamTwin } from './ad-record.js';
import { buildModel } from './model.js';
import { makePoster, posterAdCount, type Poster } from './posters.js';
import type { Scenario } from './scenario.js';

/** A dataset to generate block by block: the validated scenario and the generation options (see `planGeneration`). */
export interface GenerationPlan {
  /** The validated scenario. */
  readonly scenario: Scenario;
  /** Its hash (every record carries it). */
  readonly scenarioHash: string;
  /** Number of original ads. */
  readonly n: number;
  /** The seed as records carry it (an unsigned 32-bit integer). */
  readonly seed: number;
  /** Whether every ad is followed by its counterfactual twin. */
  readonly twins: boolean;
}

/** A run of consecutive posters and the ads they contribute to the dataset. */
export interface GenerationBlock {
  /** Block number, from 0. */
  index: number;
  /** First poster (inclusive). */
  firstPoster: number;
  /** Last poster (exclusive). */
  endPoster: number;
  /** Original ads before this block (the first ad's id is `adId(firstAd + 1)`). */
  firstAd: number;
  /** Original ads in the block (the last poster's ads may be cut at `n`). */
  ads: number;
  /** Records the block yields: `ads`, or `2 * ads` with twins. */
  rows: number;
}

/**
 * Splits a plan into blocks of whole posters, each holding at least `adsPerBlock` ads (the last
 * may hold fewer), lazily and in order. __Default value__ of `adsPerBlock`: 8,192.
 */
export function* generationBlocks(plan: GenerationPlan, adsPerBlock = 8192): Generator<GenerationBlock> {
  const model = buildModel(plan.scenario);
  const step = Math.max(1, Math.floor(adsPerBlock));
  let k = 0;
  let done = 0;
  for (let index = 0; done < plan.n; index++) {
    const firstPoster = k;
    let ads = 0;
    while (ads < step && done + ads < plan.n) ads += posterAdCount(model, plan.seed, k++);
    ads = Math.min(ads, plan.n - done);
    yield { index, firstPoster, endPoster: k, firstAd: done, ads, rows: plan.twins ? 2 * ads : ads };
    done += ads;
  }
}

/** The records of one block, in order: exactly the ones {@link generateStream} yields at that point. */
export function* blockRecords(plan: GenerationPlan, block: GenerationBlock): Generator<AdRecord> {
  const model = buildModel(plan.scenario);
  const { seed, scenarioHash: hash, twins } = plan;
  const end = block.firstAd + block.ads;
  let pos = block.firstAd;
  for (let k = block.firstPoster; k < block.endPoster && pos < end; k++) {
    const poster = makePoster(model, seed, k);
    const count = poster.adPersona.length;
    for (let j = 0; j < count && pos < end; j++) {
      pos++;
      const persona = poster.personas[poster.adPersona[j] as number] as Poster['personas'][number];
      const record = buildRecord(model, poster, j, adId(pos), persona.proxies, seed, hash);
      yield record;
      if (twins) yield streamTwin(model, poster, j, record);
    }
  }
}
