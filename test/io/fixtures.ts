/** Small hand-made records and a scenario summary for the dataset-file tests. */
import type { ScenarioSummary } from '../../src/io/datasheet.js';
import { RECORD_FIELDS } from '../../src/io/validate.js';
import type { AdRecord } from '../../src/record.js';

export const HASH = 'sc-0123abcd';
export const SEED = 7;

/** Texts that stress CSV quoting and spreadsheet-formula neutralising. */
export const HARD_TEXTS = [
  'Plain text, with a comma',
  'She said "hello", then left',
  'line one\nline two\r\nline three\rend',
  '=HYPERLINK("http://example.com")',
  '-5 off today',
  '+1 extra',
  '@home',
  '\tstarts with a tab',
  "'quoted start",
  "''two apostrophes",
  ' leading space and trailing ',
  'unicode: café – 😀 — ok',
];

export function record(i: number, over: Partial<AdRecord> = {}): AdRecord {
  const text = HARD_TEXTS[i % HARD_TEXTS.length] as string;
  const label = (i % 3 === 0 ? 1 : 0) as 0 | 1;
  const group = ['us', 'mx', 'ph'][i % 3] as string;
  return {
    id: `ad-${String(i).padStart(6, '0')}`,
    text,
    label,
    observedLabel: (i % 4 === 0 ? 1 - label : label) as 0 | 1,
    posterType: label === 1 ? 'operation' : i % 2 === 0 ? 'independent' : 'non-escort',
    category: i % 2 === 0 ? 'escort' : 'massage',
    indicators: text.length >= 6 ? [{ id: 'third-person', start: 0, end: 3 }, { id: 'new-in-town', start: 2, end: 6 }] : [],
    proxies: { nationality: group, language: i % 2 === 0 ? 'native' : 'non-native' },
    group,
    age: 21 + (i % 20),
    city: i % 2 === 0 ? 'Springfield' : 'Shelbyville, OR',
    contact: i % 2 === 0 ? '212-555-0142' : '-x@example.com',
    operatorId: `op-${i % 5}`,
    postedAt: '2024-03-01',
    twinOf: null,
    synthetic: true,
    generatorVersion: '0.1.0',
    seed: SEED,
    scenarioHash: HASH,
    ...over,
  };
}

export function records(n: number): AdRecord[] {
  return Array.from({ length: n }, (_, i) => record(i));
}

export const SUMMARY: ScenarioSummary = {
  name: 'fixture',
  description: 'A hand-made scenario summary for tests.',
  hash: HASH,
  groupAttribute: 'nationality',
  proxyAttributes: { nationality: ['us', 'mx', 'ph'], language: ['native', 'non-native'] },
  prevalence: 0.3,
  settings: [
    { field: 'prevalence', value: '0.3', note: 'Share of label-1 ads.' },
    { field: 'annotation.flipRate', value: '0.1' },
  ],
  expectedPositiveRate: { us: 0.3, mx: 0.3, ph: 0.3 },
  expectedFlipRates: { us: { toPositive: 0.25, toNegative: 0 }, mx: { toPositive: 0, toNegative: 0.1 }, ph: { toPositive: 0, toNegative: 0 } },
  indicators: [
    { id: 'third-person', name: 'Third-person voice', benignOverlap: false, evidence: 'practitioner belief' },
    { id: 'new-in-town', name: 'New in town', benignOverlap: true, evidence: 'validated (negative)' },
  ],
};

/** The reference JSON line: JSON.stringify of the record with its keys copied in the fixed order (declared proxies first, then the others sorted). */
export function referenceJsonLine(r: AdRecord, proxyOrder: readonly string[]): string {
  const ordered: Record<string, unknown> = {};
  for (const k of RECORD_FIELDS) ordered[k] = r[k];
  ordered['indicators'] = r.indicators.map((s) => ({ id: s.id, start: s.start, end: s.end }));
  const proxies: Record<string, string> = {};
  for (const k of proxyOrder) if (r.proxies[k] !== undefined) proxies[k] = r.proxies[k] as string;
  for (const k of Object.keys(r.proxies).sort()) if (!proxyOrder.includes(k)) proxies[k] = r.proxies[k] as string;
  ordered['proxies'] = proxies;
  return `${JSON.stringify(ordered)}\n`;
}
