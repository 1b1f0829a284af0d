/**
 * The dataset record: the one data contract every stage shares. The generator writes it, the
 * file readers validate it, classifiers read `text` and a label field, and the audit reads
 * labels, scores and group columns. Nothing else crosses a stage boundary.
 */

/** Who posted an ad. Only `operation` ads are trafficking ads (`label = 1`). */
export type PosterType = 'operation' | 'independent' | 'agency' | 'non-escort';

/** All poster types, in a fixed order. */
export const POSTER_TYPES: readonly PosterType[] = ['operation', 'independent', 'agency', 'non-escort'];

/** Where one indicator was rendered in the ad text: `text.slice(start, end)` is the phrase. */
export interface IndicatorSpan {
  /** Taxonomy indicator id, e.g. `third-person`. */
  id: string;
  /** Start offset in UTF-16 code units (JavaScript string index), inclusive. */
  start: number;
  /** End offset, exclusive. */
  end: number;
}

/**
 * Proxy attributes of the persona in an ad, as attribute name -> value.
 * The realistic set uses `nationality`, `language` and `gender`; the abstract teaching set uses
 * invented attributes. Values are stable machine-readable slugs.
 */
export type ProxyAttributes = Record<string, string>;

/** One synthetic ad with its ground truth. */
export interface AdRecord {
  /** Unique id within a dataset, e.g. `ad-000042` (twins: `ad-000042~t1`). */
  id: string;
  /** The ad text a screener would see. Synthetic, non-explicit. */
  text: string;
  /** True label: 1 iff the poster is a trafficking operation. */
  label: 0 | 1;
  /** What an annotator said; differs from `label` through annotation bias and noise. */
  observedLabel: 0 | 1;
  /** The poster type that produced the ad. */
  posterType: PosterType;
  /** Ad category, e.g. `escort`, `massage`, `dating`, `jobs`, `roommates`, `services`. */
  category: string;
  /** Indicators rendered into the text, with character spans. */
  indicators: IndicatorSpan[];
  /** Proxy attributes of the persona. */
  proxies: ProxyAttributes;
  /** The group key: the value of the scenario's primary proxy attribute. */
  group: string;
  /** Persona age in years (always 21 or more). */
  age: number;
  /** City the ad was posted in. */
  city: string;
  /** Fictional contact line (NXX-555-01xx phone or an example-domain address). */
  contact: string;
  /** Id of the poster (operation, worker, agency, other); ads of one poster share it. */
  operatorId: string;
  /** ISO date the ad was posted (synthetic timeline). */
  postedAt: string;
  /** For a counterfactual twin: id of the record it was rendered from; otherwise null. */
  twinOf: string | null;
  /** Always true: every record says it is synthetic. */
  synthetic: true;
  /** adscreen generator version that produced the record. */
  generatorVersion: string;
  /** Seed the dataset was generated with. */
  seed: number;
  /** Hash of the validated scenario the dataset was generated from. */
  scenarioHash: string;
}
