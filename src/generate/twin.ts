/**
 * Counterfactual twins: the same ad rendered again with only proxy attributes changed (same
 * poster, persona, indicators, structure, contact, city and date). The ad is found again from
 * the record's seed and poster id, so a twin can be made from any unmodified record.
 */
import { InputError } from '../errors.js';
import { Rng } from '../random.js';
import type { AdRecord, ProxyAttributes } from '../record.js';
import { adSeed, buildRecord } from './ad-record.js';
import { buildModel, type Model } from './model.js';
import { makePoster, posterIndexOf, type Poster } from './posters.js';
import { renderAd } from './render.js';
import type { Scenario } from './scenario.js';
import { scenarioHash } from './scenario-hash.js';

/**
 * Attribute -> allowed values of the scenario's proxy set (also the record's `proxies` keys).
 *
 * @example
 * ```ts
 * import { loadScenario, proxyAttributes } from 'adscreen';
 *
 * console.log(proxyAttributes(loadScenario('classroom')));   // invented groups for teaching
 * ```
 */
export function proxyAttributes(scenario: Scenario): Record<string, readonly string[]> {
  return { ...buildModel(scenario).set.attributes };
}

interface Located {
  model: Model;
  poster: Poster;
  j: number;
}

function locate(record: AdRecord, scenario: Scenario): Located {
  const hash = scenarioHash(scenario);
  if (record.scenarioHash !== hash) {
    throw new InputError(`record ${record.id} was generated from scenario ${record.scenarioHash}, not this scenario (${hash})`, { field: 'scenarioHash' });
  }
  const k = posterIndexOf(record.operatorId);
  if (k < 0) throw new InputError(`record ${record.id}: not a generator poster id: '${record.operatorId}'`, { field: 'operatorId' });
  const model = buildModel(scenario);
  const poster = makePoster(model, record.seed, k);
  for (let j = 0; j < poster.adPersona.length; j++) {
    if (poster.adCity[j] !== record.city || poster.categories[j] !== record.category) continue;
    const persona = poster.personas[poster.adPersona[j] as number] as Poster['personas'][number];
    if (persona.age !== record.age) continue;
    const r = renderAd(model, { poster, j, persona, proxies: record.proxies }, new Rng(adSeed(poster, j)));
    if (r.text === record.text) return { model, poster, j };
  }
  throw new InputError(`record ${record.id}: its text does not match what the generator produces for this seed and scenario (was it modified?)`, { field: 'text' });
}

/**
 * Re-renders a record with some proxy attributes changed. Returns a new record with id
 * `<id>~t1`, `twinOf` = the source id, the changed `proxies` and `group`, new `text` and
 * indicator spans, and every other field (labels, observed label, poster, city, contact, age,
 * date) equal to the source. Throws an {@link InputError} if the record's scenario hash does not
 * match `scenario`, an attribute or value is unknown, or the record's text was modified.
 *
 * @example
 * ```ts
 * import { generate, loadScenario, twin } from 'adscreen';
 *
 * const scenario = loadScenario('baseline');
 * const [ad] = generate(scenario, { n: 1, seed: 7 });
 * const other = ad!.proxies['gender'] === 'man' ? 'woman' : 'man';
 * const pair = twin(ad!, { gender: other }, scenario);   // same poster, indicators, contact and city
 * console.log(ad!.text);
 * console.log(pair.text, pair.twinOf, pair.label === ad!.label);
 * ```
 */
export function twin(record: AdRecord, changes: Partial<ProxyAttributes>, scenario: Scenario): AdRecord {
  const attrs = proxyAttributes(scenario);
  for (const [a, v] of Object.entries(changes)) {
    const allowed = attrs[a];
    if (allowed === undefined) throw new InputError(`unknown proxy attribute; expected one of ${Object.keys(attrs).join(', ')}`, { field: a });
    if (v === undefined || !allowed.includes(v)) throw new InputError(`expected one of ${allowed.join(', ')}, got '${String(v)}'`, { field: a });
  }
  const proxies: Record<string, string> = { ...record.proxies };
  for (const [a, v] of Object.entries(changes)) if (v !== undefined) proxies[a] = v;
  return renderTwin(locate(record, scenario), record, proxies, `${record.id}~t1`);
}

/** The located ad rendered again with other proxies: a twin of `record` with the given id. */
function renderTwin({ model, poster, j }: Located, record: AdRecord, proxies: ProxyAttributes, id: string): AdRecord {
  const t = buildRecord(model, poster, j, id, proxies, record.seed, record.scenarioHash);
  t.label = record.label;
  t.observedLabel = record.observedLabel;
  t.twinOf = record.id;
  return t;
}

/**
 * Every counterfactual twin of a record along the scenario's group attribute: one per other
 * value of it, in the proxy set's order, with ids `<id>~t1`, `<id>~t2`, ...; each is what
 * {@link twin} makes for that value. Used by counterfactual augmentation, which trains on an ad
 * together with all its group swaps. Throws like {@link twin}.
 */
export function groupTwins(record: AdRecord, scenario: Scenario): AdRecord[] {
  const located = locate(record, scenario);
  const attr = located.model.scenario.groupAttribute;
  const out: AdRecord[] = [];
  for (const g of located.model.groups) {
    if (g !== record.proxies[attr]) out.push(renderTwin(located, record, { ...record.proxies, [attr]: g }, `${record.id}~t${out.length + 1}`));
  }
  return out;
}

/**
 * Proxy wording of a record as [start, end, channels] triples (channels: 1 gender, 2 nationality
 * or folk, 4 language variety). For tests and for checking that twins differ only there.
 */
export function proxySpans(record: AdRecord, scenario: Scenario): number[] {
  const { model, poster, j } = locate(record, scenario);
  const persona = poster.personas[poster.adPersona[j] as number] as Poster['personas'][number];
  const r = renderAd(model, { poster, j, persona, proxies: record.proxies }, new Rng(adSeed(poster, j)), true);
  return r.proxySpans ?? [];
}
