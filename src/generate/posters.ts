/**
 * The poster population. Poster k is built from its own random stream (seed, 'poster', k), so it
 * depends only on the seed, the scenario and k:
 * - a trafficking `operation` controls 2-4 personas, shares 1-3 booking phones across them and
 *   moves along a circuit of 2-4 cities over time;
 * - an `independent` adult worker has one persona, their own phone and a stable city;
 * - a consensual `agency` has 3-6 companions, one booking line and a stable city;
 * - a `non-escort` poster (massage therapy, dating, jobs, roommates, services) has one persona.
 */
import { deriveSeed, Rng } from '../random.js';
import { POSTER_TYPES, type PosterType } from '../record.js';
import { fictionalEmail, fictionalPhone } from './contacts.js';
import type { Category } from './content.js';
import { ADS_PER_POSTER, CATEGORY_MIX, type Model } from './model.js';
import { namePools, POOL_SIZE } from './names.js';

/** One persona advertised by a poster. */
export interface Persona {
  /** Index into the name pool of the persona's gender (proxy-independent). */
  nameIdx: number;
  /** Index of a friend's name (for "ask about my friend"). */
  friendIdx: number;
  /** Age in years, 21 to 45. */
  age: number;
  /** Proxy attribute values. */
  proxies: Readonly<Record<string, string>>;
  /** Which of the group's four places the persona is from. */
  placeIdx: number;
  /** The persona's own phone. */
  phone: string;
  /** The persona's own email address. */
  email: string;
}

/** A poster and the schedule of its ads. */
export interface Poster {
  /** Poster index in the stream. */
  k: number;
  /** Poster id written to records (`operatorId`). */
  id: string;
  /** Poster type. */
  type: PosterType;
  /** Category of the poster's ads (operations choose per ad between escort and massage). */
  categories: Category[];
  /** Personas. */
  personas: Persona[];
  /** Booking phones shared across personas (operations, agencies). */
  booking: string[];
  /** Agency name index (agencies, and operations posing as one). */
  agencyIdx: number;
  /** Per ad: persona index. */
  adPersona: number[];
  /** Per ad: city. */
  adCity: string[];
  /** Per ad: day offset from 2025-01-01. */
  adDay: number[];
  /** Seed of poster k's stream. */
  seed: number;
  /** Per ad: seed of the ad's own render stream (drawn from the poster's stream). */
  adSeed: number[];
}

function pickWeighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng.float() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

function makePersona(model: Model, rng: Rng, type: PosterType): Persona {
  const ti = POSTER_TYPES.indexOf(type);
  const gi = rng.weightedIndex(model.groupMix[ti] as number[]);
  const table = model.profilesByGroup[gi] as { values: Array<Readonly<Record<string, string>>>; weights: number[] };
  const proxies = table.values[rng.weightedIndex(table.weights)] as Readonly<Record<string, string>>;
  const nameIdx = rng.int(POOL_SIZE);
  const pools = namePools();
  return {
    nameIdx,
    friendIdx: (nameIdx + 1 + rng.int(POOL_SIZE - 1)) % POOL_SIZE,
    age: rng.intBetween(21, 45),
    proxies,
    placeIdx: rng.int(4),
    phone: fictionalPhone(rng),
    email: fictionalEmail(rng, pools.neutral[nameIdx % pools.neutral.length] as string),
  };
}

/** Builds poster k of a dataset. */
export function makePoster(model: Model, seed: number, k: number): Poster {
  const posterSeed = deriveSeed(seed, 'poster', k);
  const rng = new Rng(posterSeed);
  const type = POSTER_TYPES[rng.weightedIndex(model.posterTypeWeights)] as PosterType;
  const [lo, hi] = ADS_PER_POSTER[type];
  const nAds = rng.intBetween(lo, hi);
  const nPersonas = type === 'operation' ? rng.intBetween(2, 4) : type === 'agency' ? rng.intBetween(3, 6) : 1;
  const personas: Persona[] = [];
  for (let i = 0; i < nPersonas; i++) personas.push(makePersona(model, rng, type));
  const nBooking = type === 'operation' ? rng.intBetween(1, 3) : type === 'agency' ? 1 : 0;
  const booking: string[] = [];
  for (let i = 0; i < nBooking; i++) booking.push(fictionalPhone(rng));
  const cities = model.cities;
  const home = rng.int(cities.length);
  const circuit: string[] = [cities[home] as string];
  if (type === 'operation') {
    const stops = rng.intBetween(2, 4);
    for (let i = 1; i < stops; i++) circuit.push(cities[(home + 1 + rng.int(cities.length - 1)) % cities.length] as string);
  }
  const categories: Category[] = [];
  const adPersona: number[] = [];
  const adCity: string[] = [];
  const adDay: number[] = [];
  const adSeed: number[] = [];
  const fixed = type === 'operation' ? null : pickWeighted(rng, CATEGORY_MIX[type]);
  let day = rng.int(365);
  const perStop = Math.ceil(nAds / circuit.length);
  for (let j = 0; j < nAds; j++) {
    categories.push(fixed ?? pickWeighted(rng, CATEGORY_MIX[type]));
    adPersona.push(rng.int(nPersonas));
    adCity.push(circuit[Math.min(circuit.length - 1, Math.floor(j / perStop))] as string);
    adDay.push(day);
    adSeed.push(rng.int(0x100000000));
    day += rng.int(4);
  }
  return {
    k,
    id: `poster-${String(k + 1).padStart(6, '0')}`,
    type,
    categories,
    personas,
    booking,
    agencyIdx: rng.int(6),
    adPersona,
    adCity,
    adDay,
    seed: posterSeed,
    adSeed,
  };
}

/**
 * Number of ads poster k will have, without building it: the first two draws of
 * {@link makePoster}'s stream (poster type, then ad count), so it always agrees with
 * `makePoster(model, seed, k).adPersona.length`. Used to plan blocks of posters for parallel
 * generation.
 */
export function posterAdCount(model: Model, seed: number, k: number): number {
  const rng = new Rng(deriveSeed(seed, 'poster', k));
  const type = POSTER_TYPES[rng.weightedIndex(model.posterTypeWeights)] as PosterType;
  const [lo, hi] = ADS_PER_POSTER[type];
  return rng.intBetween(lo, hi);
}

/** Poster index encoded in a poster id (inverse of the `poster-NNNNNN` format), or -1. */
export function posterIndexOf(id: string): number {
  const m = /^poster-(\d+)$/.exec(id);
  return m === null ? -1 : Number(m[1]) - 1;
}
