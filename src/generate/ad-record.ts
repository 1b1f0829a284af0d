/**
 * One ad's record, built from its poster: the text rendered from the ad's own random stream, the
 * ground truth and the annotator's label, and the provenance every record carries. Used by every
 * way of generating (the stream, blocks in worker threads, twins), so all of them give the same
 * records; it imports no validation code, so worker threads load little.
 */
import { deriveSeed, Rng } from '../random.js';
import type { AdRecord } from '../record.js';
import { VERSION } from '../version.js';
import { PER_AD, type Model } from './model.js';
import type { Poster } from './posters.js';
import { renderAd } from './render.js';

const EPOCH = Date.UTC(2025, 0, 1);
const DAYS: string[] = [];

/** ISO date of a day offset from 2025-01-01 (cached table). */
export function isoDay(day: number): string {
  while (DAYS.length <= day) DAYS.push(new Date(EPOCH + DAYS.length * 86_400_000).toISOString().slice(0, 10));
  return DAYS[day] as string;
}

/** Formats the id of the ad at 1-based position `pos`: `ad-000001`. */
export function adId(pos: number): string {
  const s = String(pos);
  return s.length >= 6 ? `ad-${s}` : `ad-${'000000'.slice(s.length)}${s}`;
}

/** Seed of ad j's render stream within a poster (drawn from the poster's own stream). */
export function adSeed(poster: Poster, j: number): number {
  return poster.adSeed[j] as number;
}

/** Builds one record of a poster with the given proxies (the persona's, or a twin's). */
export function buildRecord(
  model: Model,
  poster: Poster,
  j: number,
  id: string,
  proxies: Readonly<Record<string, string>>,
  seed: number,
  hash: string,
): AdRecord {
  const persona = poster.personas[poster.adPersona[j] as number] as Poster['personas'][number];
  const rng = new Rng(adSeed(poster, j));
  const r = renderAd(model, { poster, j, persona, proxies }, rng);
  const attr = model.perAd.groupAttribute;
  const group = proxies[attr] as string;
  const label: 0 | 1 = poster.type === 'operation' ? 1 : 0;
  // annotation draws: made from the persona's own group so a twin keeps the source's observed label
  const gi = model.groups.indexOf(persona.proxies[attr] as string);
  const u1 = rng.float();
  const u2 = rng.float();
  let observed: 0 | 1 = label;
  if (label === 0 ? u1 < (model.flipUp[gi] as number) : u1 < (model.flipDown[gi] as number)) observed = label === 0 ? 1 : 0;
  if (u2 < (model.perAd.p[PER_AD.noise] as number)) observed = observed === 0 ? 1 : 0;
  return {
    id,
    text: r.text,
    label,
    observedLabel: observed,
    posterType: poster.type,
    category: poster.categories[j] as string,
    indicators: r.indicators,
    proxies: { ...proxies },
    group,
    age: persona.age,
    city: poster.adCity[j] as string,
    contact: r.contact,
    operatorId: poster.id,
    postedAt: isoDay(poster.adDay[j] as number),
    twinOf: null,
    synthetic: true,
    generatorVersion: VERSION,
    seed,
    scenarioHash: hash,
  };
}

/** The twin `generate` emits after a record: the group attribute swapped to another value. */
export function streamTwin(model: Model, poster: Poster, j: number, source: AdRecord): AdRecord {
  const attr = model.perAd.groupAttribute;
  const others = model.groups.filter((g) => g !== source.proxies[attr]);
  const rng = new Rng(deriveSeed(poster.seed, 'twin', j));
  const proxies = { ...source.proxies, [attr]: rng.pick(others) };
  const t = buildRecord(model, poster, j, `${source.id}~t1`, proxies, source.seed, source.scenarioHash);
  t.observedLabel = source.observedLabel;
  t.twinOf = source.id;
  return t;
}
