/**
 * The datasheet that travels with every exported dataset, in the sections of Gebru et al.
 * ("Datasheets for Datasets", 2018/2021): motivation, composition, collection process,
 * preprocessing/cleaning/labelling, uses, distribution and maintenance. It is filled from the
 * scenario (every setting with its value) and from statistics measured on the written rows.
 * The bytes depend only on the inputs: no dates, no absolute paths, fixed number formats.
 */
import { POSTER_TYPES } from '../record.js';
import type { DatasetStats, GroupLabelStats, IndicatorStats } from './stats.js';

/** One scenario setting as the datasheet lists it. */
export interface ScenarioSetting {
  /** Dotted field path, e.g. `annotation.flipRate.non-native`. */
  field: string;
  /** The value, as compact JSON. */
  value: string;
  /** What the setting does (the scenario schema's one-line rationale), when known. */
  note?: string;
}

/** One indicator of the taxonomy, as the datasheet names it. */
export interface IndicatorSummary {
  /** Taxonomy id. */
  id: string;
  /** Human-readable name. */
  name: string;
  /** True when the indicator is common in benign ads too. */
  benignOverlap: boolean;
  /** Short evidence status, e.g. `validated` or `practitioner belief`. */
  evidence?: string;
}

/** What the dataset files need to know about the scenario the records came from. */
export interface ScenarioSummary {
  /** Scenario name. */
  name: string;
  /** One-paragraph description. */
  description: string;
  /** Scenario hash (the records' `scenarioHash`). */
  hash: string;
  /** The proxy attribute whose value is each record's `group`. */
  groupAttribute: string;
  /** Proxy attributes in column order, each with its possible values. */
  proxyAttributes: Record<string, readonly string[]>;
  /** True prevalence P(label = 1) the scenario sets. */
  prevalence: number;
  /** Every scenario setting with its value. */
  settings: ScenarioSetting[];
  /** P(label = 1 | group) implied by the scenario, by group value (null for a group it never produces); null if unknown. */
  expectedPositiveRate: Record<string, number | null> | null;
  /** Expected annotation flip rates by group: P(observed 1 | true 0) and P(observed 0 | true 1); null if unknown. */
  expectedFlipRates: Record<string, { toPositive: number; toNegative: number }> | null;
  /** The indicator taxonomy (names and overlap flags for the prevalence tables). */
  indicators: IndicatorSummary[];
}

/** Everything {@link renderDatasheet} needs. */
export interface DatasheetInput {
  /** The scenario, summarised. */
  summary: ScenarioSummary;
  /** Generation seed. */
  seed: number;
  /** Generator version of the records. */
  generatorVersion: string;
  /** The data file's base name (no directory, so the bytes do not depend on where it was written). */
  fileName: string;
  /** Data file format. */
  format: 'csv' | 'jsonl';
  /** CSV column names, when the format is CSV. */
  columns?: readonly string[] | undefined;
  /** Statistics measured on the rows written. */
  stats: DatasetStats;
}

/** The banner every datasheet starts with. */
export const SYNTHETIC_BANNER = 'SYNTHETIC DATA: not real people, not for screening real ads.';

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/** A share with three decimals, or `n/a` when the denominator is zero. */
function share(num: number, den: number): string {
  return den === 0 ? 'n/a' : (num / den).toFixed(3);
}

function fixed(x: number | null, digits: number): string {
  return x === null ? 'n/a' : x.toFixed(digits);
}

/** Keys in the preferred order first, then any others sorted. */
function ordered(keys: Iterable<string>, preferred: readonly string[]): string[] {
  const present = new Set(keys);
  const out = preferred.filter((k) => present.has(k));
  const rest = [...present].filter((k) => !preferred.includes(k)).sort();
  return [...out, ...rest];
}

function header(input: DatasheetInput): string {
  const { summary, stats } = input;
  return [
    `# Datasheet: ${input.fileName}`,
    '',
    `> **${SYNTHETIC_BANNER}**`,
    '> Every row was made up by the adscreen generator from a scenario with known ground truth and',
    '> deliberately planted bias. No row describes, quotes or was derived from a real person or a real',
    '> ad. Use it to study screening classifiers and their harms, never to screen, profile or',
    '> investigate anyone.',
    '',
    table(
      ['Property', 'Value'],
      [
        ['Synthetic', 'yes: every row carries `synthetic = true`'],
        ['Generator', `adscreen ${input.generatorVersion}`],
        ['Seed', String(input.seed)],
        ['Scenario', summary.name],
        ['Scenario hash', summary.hash],
        ['File', `${input.fileName} (${input.format.toUpperCase()})`],
        ['Rows', `${stats.rows} (${stats.records} sampled ads + ${stats.twins} counterfactual twins)`],
        ['Group attribute', summary.groupAttribute],
      ],
    ),
  ].join('\n');
}

function motivation(input: DatasheetInput): string {
  return [
    '## 1. Motivation',
    '',
    '- **Purpose.** To study, teach and benchmark the ethics of automated screening of online',
    '  classified ads for signs of human trafficking: who bears the false positives (consenting adult',
    '  workers, migrants, non-native speakers) and who the false negatives, under known and',
    '  adjustable bias. Real victim data cannot be shared or published; this data can, because',
    '  its ground truth and its biases were put there by the generator.',
    `- **Creator.** The adscreen generator, version ${input.generatorVersion}, run with the settings below.`,
    '- **Funding.** None specific to this file.',
  ].join('\n');
}

const NO_GROUP: GroupLabelStats = { records: 0, positives: 0, observedPositives: 0, agreements: 0, falseFlags: 0, misses: 0 };

function fixedOrNa(x: number | null | undefined): string {
  return x === undefined || x === null ? 'n/a' : x.toFixed(3);
}

/** Group names: the scenario's values in order, then any others seen in the data, sorted. */
function groupOrder(input: DatasheetInput): string[] {
  const { summary, stats } = input;
  const expected = summary.expectedPositiveRate;
  const preferred = summary.proxyAttributes[summary.groupAttribute] ?? [];
  return ordered([...Object.keys(stats.groups), ...preferred, ...(expected ? Object.keys(expected) : [])], preferred);
}

function labelRows(input: DatasheetInput): string[][] {
  const { summary, stats } = input;
  return groupOrder(input).map((g) => {
    const s = stats.groups[g] ?? NO_GROUP;
    return [g, String(s.records), share(s.records, stats.records), fixedOrNa(summary.expectedPositiveRate?.[g]), share(s.positives, s.records)];
  });
}

function annotationRows(input: DatasheetInput): string[][] {
  const { summary, stats } = input;
  return groupOrder(input).map((g) => {
    const s = stats.groups[g] ?? NO_GROUP;
    const flips = summary.expectedFlipRates?.[g];
    const negatives = s.records - s.positives;
    return [
      g,
      share(s.observedPositives, s.records),
      share(s.agreements, s.records),
      fixedOrNa(flips?.toPositive),
      `${share(s.falseFlags, negatives)} (${s.falseFlags}/${negatives})`,
      fixedOrNa(flips?.toNegative),
      `${share(s.misses, s.positives)} (${s.misses}/${s.positives})`,
    ];
  });
}

function indicatorLabel(id: string, input: DatasheetInput): string[] {
  const info = input.summary.indicators.find((i) => i.id === id);
  if (info === undefined) return [id, '(not in taxonomy)', 'n/a', 'n/a'];
  return [id, info.name, info.evidence ?? 'n/a', info.benignOverlap ? 'yes' : 'no'];
}

function indicatorTables(input: DatasheetInput): string {
  const { stats, summary } = input;
  const ids = ordered(Object.keys(stats.indicators), summary.indicators.map((i) => i.id));
  const empty: IndicatorStats = { records: 0, byLabel: [0, 0], byGroup: {}, byPosterType: {} };
  const groupValues = summary.proxyAttributes[summary.groupAttribute] ?? [];
  const groups = ordered([...Object.keys(stats.groups), ...groupValues], groupValues);
  const byLabel = ids.map((id) => {
    const s = stats.indicators[id] ?? empty;
    return [
      ...indicatorLabel(id, input),
      share(s.records, stats.records),
      share(s.byLabel[0], stats.labels[0]),
      share(s.byLabel[1], stats.labels[1]),
      ...POSTER_TYPES.map((p) => share(s.byPosterType[p] ?? 0, stats.posterTypes[p] ?? 0)),
    ];
  });
  const byGroup = ids.map((id) => {
    const s = stats.indicators[id] ?? empty;
    return [id, ...groups.map((g) => share(s.byGroup[g] ?? 0, stats.groups[g]?.records ?? 0))];
  });
  return [
    '**Indicator prevalence by label and poster type** (share of records containing the indicator',
    'at least once). "Evidence" is how well research supports the indicator (validated,',
    'practitioner belief, contradicted); "benign overlap" marks indicators common in benign ads too.',
    '',
    table(['Indicator', 'Name', 'Evidence', 'Benign overlap', 'All', 'Label 0', 'Label 1', ...POSTER_TYPES], byLabel),
    '',
    `**Indicator prevalence by group** (\`${summary.groupAttribute}\`):`,
    '',
    table(['Indicator', ...groups], byGroup),
  ].join('\n');
}

function composition(input: DatasheetInput): string {
  const { stats, summary } = input;
  const n = stats.records;
  const posterRows = POSTER_TYPES.map((p) => [p, p === 'operation' ? '1' : '0', String(stats.posterTypes[p] ?? 0), share(stats.posterTypes[p] ?? 0, n)]);
  const categoryRows = Object.entries(stats.categories).map(([c, k]) => [c, String(k), share(k, n)]);
  const proxyRows = Object.entries(summary.proxyAttributes).map(([name, values]) => [
    name + (name === summary.groupAttribute ? ' (group)' : ''),
    values.join(', '),
  ]);
  const columns = input.columns
    ? `CSV columns, in order: ${input.columns.map((c) => `\`${c}\``).join(', ')}. Indicator spans are packed as \`id:start-end\` items separated by \`;\` (offsets in UTF-16 code units, end exclusive); \`twinOf\` is empty for an original ad.`
    : 'One JSON object per line with the keys of the `AdRecord` type in a fixed order.';
  return [
    '## 2. Composition',
    '',
    '- **Instances.** Each row is one synthetic classified ad: its text, its true label (1 iff the',
    '  poster is a trafficking operation), the label an annotator would have given (`observedLabel`,',
    '  biased on purpose), the poster type, category, the indicators rendered into the text with',
    '  character spans, the persona\'s proxy attributes, age, city, a fictional contact, the poster id',
    '  (ads of one poster share it), a posting date, and provenance (version, seed, scenario hash).',
    `- **Format.** ${columns}`,
    `- **Size.** ${stats.rows} rows: ${stats.records} sampled ads and ${stats.twins} counterfactual twins`,
    '  (the same ad rendered again with only the proxy attributes changed). The statistics below',
    '  describe the sampled ads; twins are left out of them.',
    `- **Labels.** True label 0: ${stats.labels[0]}, 1: ${stats.labels[1]} (measured prevalence ${share(stats.labels[1], n)}, scenario prevalence ${summary.prevalence.toFixed(3)}). Observed label 0: ${stats.observedLabels[0]}, 1: ${stats.observedLabels[1]}.`,
    `- **Text length** (characters): min ${fixed(stats.textLength.min, 0)}, mean ${fixed(stats.textLength.mean, 1)}, max ${fixed(stats.textLength.max, 0)}. **Age** (years): min ${fixed(stats.age.min, 0)}, mean ${fixed(stats.age.mean, 1)}, max ${fixed(stats.age.max, 0)}.`,
    '',
    '**Records by poster type:**',
    '',
    table(['Poster type', 'Label', 'Records', 'Share'], posterRows),
    '',
    '**Records by category:**',
    '',
    table(['Category', 'Records', 'Share'], categoryRows),
    '',
    '**Proxy attributes** (what a screener could read off the ad; stand-ins, not real demographics):',
    '',
    table(['Attribute', 'Values'], proxyRows),
    '',
    `**True labels by group** (\`${summary.groupAttribute}\`): "expected" is P(label = 1 | group) implied by`,
    'the scenario, "measured" the share in this file.',
    '',
    table(['Group', 'Records', 'Share', 'P(label=1) expected', 'P(label=1) measured'], labelRows(input)),
    '',
    '**Observed (annotator) labels by group**: agreement is the share of records whose observed label',
    'equals the true label; the false-flag rate is P(observed = 1 | label = 0) and the miss rate',
    'P(observed = 0 | label = 1), each expected from the scenario\'s annotation settings and measured here.',
    '',
    table(
      ['Group', 'P(observed=1)', 'Agreement', 'False-flag rate expected', 'False-flag rate measured', 'Miss rate expected', 'Miss rate measured'],
      annotationRows(input),
    ),
    '',
    indicatorTables(input),
    '',
    '- **Content rules.** The text is non-explicit (companionship, availability, rates, location and',
    '  contact lines only); every persona is 21 or older and no text carries youth cues (youth',
    '  language, a validated predictor in the research literature, is left out of the taxonomy on',
    '  purpose); phone numbers are in the range reserved for fiction (NXX-555-0100 to NXX-555-0199)',
    '  and e-mail addresses and links use reserved example domains (RFC 2606); names are invented;',
    '  no slurs. Indicators are described as the research literature describes them.',
    '- **Confidentiality.** Nothing here is confidential or personal: no real person, ad, phone',
    '  number or address appears.',
  ].join('\n');
}

function collection(input: DatasheetInput): string {
  const { summary } = input;
  return [
    '## 3. Collection process',
    '',
    '- **How.** Nothing was collected. Each ad was sampled by the generator: a poster type (by the',
    '  prevalence and mix settings), a persona with proxy attributes (with poster-type dependent',
    '  proportions where the scenario confounds them with the label), indicators drawn by',
    '  P(indicator | poster type), a text rendered from phrase templates, and an observed label',
    '  drawn through the annotation-bias settings. Every draw comes from the seed below through',
    '  adscreen\'s seeded generator, so the same version, scenario and seed give the same bytes.',
    `- **Scenario.** \`${summary.name}\`: ${summary.description}`,
    `- **Seed.** ${input.seed}. **Generator version.** ${input.generatorVersion}. **Scenario hash.** \`${summary.hash}\`.`,
    '',
    '**Every scenario setting:**',
    '',
    table(
      ['Setting', 'Value', 'Meaning'],
      summary.settings.map((s) => [`\`${s.field}\``, `\`${s.value}\``, s.note ?? '']),
    ),
  ].join('\n');
}

function preprocessing(input: DatasheetInput): string {
  return [
    '## 4. Preprocessing, cleaning, labelling',
    '',
    '- **Labels.** The true label is known by construction (label 1 iff the poster is a trafficking',
    '  operation). The observed label is what a biased, noisy annotator would say; it may differ',
    '  from the true label at group-dependent rates set in the scenario. Train on `observedLabel` to',
    '  reproduce annotation bias; evaluate against `label`.',
    '- **Cleaning.** None: rows are written as generated, after checking that each is a valid record.',
    input.format === 'csv'
      ? "- **Spreadsheet safety.** A CSV cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or an apostrophe is written with one extra leading apostrophe so a spreadsheet does not run it as a formula; adscreen's reader removes it again."
      : '- **Encoding.** UTF-8 JSON, one record per line, `\\n` line ends.',
  ].join('\n');
}

function uses(): string {
  return [
    '## 5. Uses',
    '',
    '- **Intended.** Research and teaching on screening classifiers: training and comparing small',
    '  models, auditing false positives and negatives by group, testing mitigations, counterfactual',
    '  invariance tests with twins, and showing the effect of base rates.',
    '- **Not for.** Screening, ranking or moderating real ads; training a model that is then used',
    '  on real ads or people; drawing conclusions about real nationalities, language communities or',
    '  genders (the proxies and their links to the label are scenario settings, not findings).',
    '- **Known limits.** The phrase templates and indicator rates are simplifications grounded in',
    '  published research; they are far less varied than real ads. Measured numbers depend on the',
    '  scenario and should be read as properties of this construction.',
  ].join('\n');
}

function distribution(input: DatasheetInput): string {
  const { stats, summary } = input;
  const twins = stats.twins > 0 ? ' --twins' : '';
  return [
    '## 6. Distribution',
    '',
    '- Distributed with the adscreen project under its license. The file need not be downloaded:',
    `  adscreen ${input.generatorVersion} regenerates it byte for byte from the scenario with hash`,
    `  \`${summary.hash}\` and seed ${input.seed}; for a preset scenario:`,
    '',
    '  ```sh',
    `  adscreen generate --scenario ${summary.name} --n ${stats.records} --seed ${input.seed} --out ${input.fileName}${twins}`,
    '  ```',
  ].join('\n');
}

function maintenance(): string {
  return [
    '## 7. Maintenance',
    '',
    '- Maintained with the adscreen code. Files are never edited by hand: a fix is a generator',
    '  change, a new version, and regenerated files. A file whose version, seed or scenario hash',
    '  does not match its datasheet is not a file this datasheet describes.',
    '- Report problems (content-rule violations above all) on the adscreen issue tracker.',
  ].join('\n');
}

/** Renders the datasheet as Markdown. Same input, same bytes. */
export function renderDatasheet(input: DatasheetInput): string {
  return `${[
    header(input),
    motivation(input),
    composition(input),
    collection(input),
    preprocessing(input),
    uses(),
    distribution(input),
    maintenance(),
  ].join('\n\n')}\n`;
}
