/**
 * The generative model a scenario implies, computed once per scenario: poster-type probabilities,
 * the group mix per poster type (confounding), proxy profiles per group, indicator rates per
 * poster type (strength, overlap, mention), and the expected P(label = 1 | group) these give.
 */
import { POSTER_TYPES, type PosterType } from '../record.js';
import { CITIES, type Category } from './content.js';
import { PROXY_SETS, type ProxySet } from './proxies.js';
import type { Scenario } from './scenario.js';
import { TAXONOMY } from './taxonomy.js';

/** Ads per poster: inclusive [min, max], drawn uniformly. */
export const ADS_PER_POSTER: Readonly<Record<PosterType, readonly [number, number]>> = {
  operation: [3, 9],
  independent: [1, 4],
  agency: [2, 6],
  'non-escort': [1, 2],
};

/** Categories and their weights per poster type. */
export const CATEGORY_MIX: Readonly<Record<PosterType, ReadonlyArray<readonly [Category, number]>>> = {
  operation: [['escort', 0.85], ['massage', 0.15]],
  independent: [['escort', 1]],
  agency: [['escort', 1]],
  'non-escort': [['massage', 0.25], ['dating', 0.2], ['jobs', 0.2], ['roommates', 0.15], ['services', 0.2]],
};

/** Everything the generator needs from a scenario, precomputed. */
export interface Model {
  /** The validated scenario. */
  scenario: Scenario;
  /** The proxy set. */
  set: ProxySet;
  /** Probability that a new poster has each type (POSTER_TYPES order). */
  posterTypeWeights: number[];
  /** Group values of the group attribute, in order. */
  groups: readonly string[];
  /** P(group | poster type), per type (POSTER_TYPES order), per group. */
  groupMix: number[][];
  /** Per group: the profiles with that group value and their weights. */
  profilesByGroup: Array<{ values: Array<Readonly<Record<string, string>>>; weights: number[] }>;
  /** Indicator rates per poster type (POSTER_TYPES order), per indicator (TAXONOMY order). */
  rates: Float64Array[];
  /** Per group: P(observed 1 | true 0) and P(observed 0 | true 1) from group flips (before noise). */
  flipUp: Float64Array;
  /** See flipUp. */
  flipDown: Float64Array;
  /** Cities ads are posted in. */
  cities: readonly string[];
  /**
   * What rendering reads per ad, copied out of the scenario: per-ad code then never loads the
   * scenario object, whose hidden class differs between scenarios (an integer-valued field in one,
   * a fraction in the other), which made V8 throw away that code when a second scenario came.
   */
  perAd: PerAdSettings;
}

/** Scenario settings read for every ad (see {@link Model.perAd}). */
export interface PerAdSettings {
  /** The group attribute (scenario `groupAttribute`). */
  groupAttribute: string;
  /** Phrase variants in use (scenario `surface.phrases`). */
  phrases: 'primary' | 'heldout' | 'all';
  /** [proxySignal.variety, proxySignal.mention, surface.misspelling, annotation.noise] as doubles. */
  p: Float64Array;
}

/** Index of each probability in {@link PerAdSettings.p}. */
export const PER_AD = { variety: 0, mention: 1, misspelling: 2, noise: 3 } as const;

const cache = new WeakMap<Scenario, Model>();

function clamp(x: number, hi = 0.95): number {
  return x < 0 ? 0 : x > hi ? hi : x;
}

/** Indicator rates per poster type for a scenario: indicator id -> poster type -> probability. */
export function indicatorRates(scenario: Scenario): Record<string, Record<PosterType, number>> {
  const out: Record<string, Record<PosterType, number>> = {};
  const { strength, overlap } = scenario.indicators;
  const mention = scenario.proxySignal.mention;
  for (const ind of TAXONOMY) {
    const r = ind.rates;
    const ref = (r.independent + r.agency) / 2;
    const row = {} as Record<PosterType, number>;
    for (const t of POSTER_TYPES) {
      // overlap scales benign *phrasing*; a structural indicator (shared contact) is not phrasing
      const benign = ind.phrases.length === 0 ? r[t] : r[t] * overlap;
      let p = t === 'operation' ? clamp(ref + strength * (r.operation - ref)) : clamp(benign);
      if (ind.id === 'ethnicity-emphasis') p = clamp(p * mention);
      row[t] = p;
    }
    out[ind.id] = row;
  }
  return out;
}

/** Base distribution of the group attribute (proxy set default or `groupWeights`), normalised. */
function baseGroupMix(set: ProxySet, scenario: Scenario): number[] {
  const groups = set.attributes[scenario.groupAttribute] as readonly string[];
  if (scenario.groupWeights !== null) {
    const w = groups.map((g) => scenario.groupWeights?.[g] ?? 0);
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  }
  const w = groups.map(() => 0);
  let total = 0;
  for (const p of set.profiles) {
    const i = groups.indexOf(p.values[scenario.groupAttribute] as string);
    w[i] = (w[i] as number) + p.weight;
    total += p.weight;
  }
  return w.map((x) => x / total);
}

/**
 * P(group | poster type): at confounding strength s, operation personas come from the base mix
 * with probability 1 - s and are the target group with probability s; every other poster type
 * keeps the base mix. Returned as poster type -> group -> probability.
 */
export function groupMixByPosterType(scenario: Scenario): Record<PosterType, Record<string, number>> {
  const m = buildModel(scenario);
  const out = {} as Record<PosterType, Record<string, number>>;
  POSTER_TYPES.forEach((t, ti) => {
    out[t] = Object.fromEntries(m.groups.map((g, gi) => [g, (m.groupMix[ti] as number[])[gi] as number]));
  });
  return out;
}

/**
 * The expected P(label = 1 | group) a scenario implies (ad level):
 * prevalence x P(g | operation) / (prevalence x P(g | operation) + (1 - prevalence) x P(g | other)).
 * Equal for all groups at confounding 0. Groups with zero probability get null.
 */
export function expectedLabelRates(scenario: Scenario): Record<string, number | null> {
  const m = buildModel(scenario);
  const prev = scenario.prevalence;
  const out: Record<string, number | null> = {};
  m.groups.forEach((g, gi) => {
    const op = (m.groupMix[0] as number[])[gi] as number;
    const other = (m.groupMix[1] as number[])[gi] as number;
    const denom = prev * op + (1 - prev) * other;
    out[g] = denom > 0 ? (prev * op) / denom : null;
  });
  return out;
}

/** Share of new posters of each type so that the ad-level mix matches prevalence and posterMix. */
function posterTypeWeights(s: Scenario): number[] {
  const mix = s.posterMix;
  const benign = mix.independent + mix.agency + mix.nonEscort;
  const adShare: Record<PosterType, number> = {
    operation: s.prevalence,
    independent: benign > 0 ? ((1 - s.prevalence) * mix.independent) / benign : 0,
    agency: benign > 0 ? ((1 - s.prevalence) * mix.agency) / benign : 0,
    'non-escort': benign > 0 ? ((1 - s.prevalence) * mix.nonEscort) / benign : 0,
  };
  return POSTER_TYPES.map((t) => {
    const [lo, hi] = ADS_PER_POSTER[t];
    return adShare[t] / ((lo + hi) / 2);
  });
}

/** Builds (and caches per scenario object) the generative model of a validated scenario. */
export function buildModel(scenario: Scenario): Model {
  const hit = cache.get(scenario);
  if (hit !== undefined) return hit;
  const set = PROXY_SETS[scenario.proxySet];
  const attr = scenario.groupAttribute;
  const groups = set.attributes[attr] as readonly string[];
  const base = baseGroupMix(set, scenario);
  const s = scenario.confounding.strength;
  const target = groups.indexOf(scenario.confounding.targetGroup);
  const groupMix = POSTER_TYPES.map((t) =>
    t === 'operation' ? base.map((b, gi) => (1 - s) * b + (gi === target ? s : 0)) : base.slice(),
  );
  const profilesByGroup = groups.map((g) => {
    const ps = set.profiles.filter((p) => p.values[attr] === g);
    return { values: ps.map((p) => p.values), weights: ps.map((p) => p.weight) };
  });
  const rateTable = indicatorRates(scenario);
  const rates = POSTER_TYPES.map((t) => Float64Array.from(TAXONOMY.map((ind) => (rateTable[ind.id] as Record<PosterType, number>)[t])));
  const flipUp = Float64Array.from(groups.map((g) => scenario.annotation.flipToPositive[g] ?? 0));
  const flipDown = Float64Array.from(groups.map((g) => scenario.annotation.flipToNegative[g] ?? 0));
  const cities = scenario.surface.cities === 'all' ? [...CITIES.primary, ...CITIES.secondary] : CITIES[scenario.surface.cities];
  const model: Model = {
    scenario,
    set,
    posterTypeWeights: posterTypeWeights(scenario),
    groups,
    groupMix,
    profilesByGroup,
    rates,
    flipUp,
    flipDown,
    cities,
    perAd: {
      groupAttribute: scenario.groupAttribute,
      phrases: scenario.surface.phrases,
      p: Float64Array.of(scenario.proxySignal.variety, scenario.proxySignal.mention, scenario.surface.misspelling, scenario.annotation.noise),
    },
  };
  cache.set(scenario, model);
  return model;
}

/**
 * Expected observed-label flip rates per group: P(observed 1 | true 0) and P(observed 0 | true 1)
 * after group flips and uniform noise.
 */
export function expectedFlipRates(scenario: Scenario): Record<string, { toPositive: number; toNegative: number }> {
  const m = buildModel(scenario);
  const e = scenario.annotation.noise;
  const out: Record<string, { toPositive: number; toNegative: number }> = {};
  m.groups.forEach((g, gi) => {
    const up = m.flipUp[gi] as number;
    const down = m.flipDown[gi] as number;
    out[g] = { toPositive: up * (1 - e) + (1 - up) * e, toNegative: down * (1 - e) + (1 - down) * e };
  });
  return out;
}
