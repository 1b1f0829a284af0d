/**
 * The CSV form of a dataset: one row per record, the fixed record fields in a fixed order,
 * indicator spans packed into one cell (`third-person:12-40;new-in-town:50-61`), one column per
 * proxy attribute (named by the attribute), then the provenance columns `synthetic`,
 * `generatorVersion`, `seed` and `scenarioHash`, so the file itself says it is synthetic.
 *
 * Spreadsheet safety: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * could run as a formula when the file is opened in a spreadsheet, so it gets a leading
 * apostrophe. To keep that exactly reversible, a cell that already starts with an apostrophe
 * gets one too; the reader removes one leading apostrophe from every cell that has one.
 */
import { stringify } from 'csv-stringify/sync';
import { InputError } from '../errors.js';
import type { AdRecord, IndicatorSpan } from '../record.js';
import { showValue, validateRecord, type RecordLocation } from './validate.js';

/** CSV columns before the proxy attribute columns, in order. */
export const CSV_LEADING_COLUMNS = [
  'id',
  'text',
  'label',
  'observedLabel',
  'posterType',
  'category',
  'indicators',
  'group',
  'age',
  'city',
  'contact',
  'operatorId',
  'postedAt',
  'twinOf',
] as const;

/** CSV columns after the proxy attribute columns, in order: the provenance of every row. */
export const CSV_TRAILING_COLUMNS = ['synthetic', 'generatorVersion', 'seed', 'scenarioHash'] as const;

const FIXED_COLUMNS: readonly string[] = [...CSV_LEADING_COLUMNS, ...CSV_TRAILING_COLUMNS];
const FIXED_SET = new Set(FIXED_COLUMNS);
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const SPAN_ID = /^[^:;\s]+$/;
const SPAN_ITEM = /^([^:;\s]+):(\d+)-(\d+)$/;

/** The full CSV header for a dataset whose records carry the given proxy attributes (in that order). */
export function csvColumns(proxyAttributes: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const name of proxyAttributes) {
    if (!ATTRIBUTE_NAME.test(name)) {
      throw new InputError(`proxy attribute name must be letters, digits, '-' or '_', got ${showValue(name)}`, {
        field: 'proxies',
      });
    }
    if (FIXED_SET.has(name)) {
      throw new InputError(`proxy attribute ${showValue(name)} clashes with a fixed CSV column`, { field: 'proxies' });
    }
    if (seen.has(name)) throw new InputError(`proxy attribute ${showValue(name)} listed twice`, { field: 'proxies' });
    seen.add(name);
  }
  return [...CSV_LEADING_COLUMNS, ...proxyAttributes, ...CSV_TRAILING_COLUMNS];
}

/** True when a spreadsheet could read the cell as a formula (or when it starts with the escape mark). */
function needsGuard(cell: string): boolean {
  if (cell.length === 0) return false;
  const c = cell.charCodeAt(0);
  // = + - @ \t \r '
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 39;
}

/** Neutralises a cell against spreadsheet formula injection by prefixing an apostrophe when needed. */
export function neutraliseCell(cell: string): string {
  return needsGuard(cell) ? `'${cell}` : cell;
}

/** Undoes {@link neutraliseCell}: removes one leading apostrophe. */
export function restoreCell(cell: string): string {
  return cell.charCodeAt(0) === 39 ? cell.slice(1) : cell;
}

/** Packs indicator spans into one cell: `id:start-end` items joined by `;` (empty for none). */
export function encodeIndicators(spans: readonly IndicatorSpan[], where: RecordLocation = {}): string {
  let out = '';
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i] as IndicatorSpan;
    if (!SPAN_ID.test(s.id)) {
      throw new InputError(`indicator id may not contain ':', ';' or spaces, got ${showValue(s.id)}`, {
        ...where,
        field: `indicators[${i}].id`,
      });
    }
    out += `${i === 0 ? '' : ';'}${s.id}:${s.start}-${s.end}`;
  }
  return out;
}

/** Unpacks an indicator cell written by {@link encodeIndicators}. */
export function decodeIndicators(cell: string, where: RecordLocation = {}): IndicatorSpan[] {
  if (cell === '') return [];
  return cell.split(';').map((item) => {
    const m = SPAN_ITEM.exec(item);
    if (!m) {
      throw new InputError(`expected id:start-end items separated by ';', got ${showValue(item)}`, {
        ...where,
        field: 'indicators',
      });
    }
    return { id: m[1] as string, start: Number(m[2]), end: Number(m[3]) };
  });
}

/** One record as CSV cells (before formula neutralising), matching {@link csvColumns}. */
export function recordToCsvCells(record: AdRecord, proxyAttributes: readonly string[], where: RecordLocation = {}): string[] {
  const proxies = record.proxies;
  let declared = 0;
  const cells: string[] = [
    record.id,
    record.text,
    String(record.label),
    String(record.observedLabel),
    record.posterType,
    record.category,
    encodeIndicators(record.indicators, where),
    record.group,
    String(record.age),
    record.city,
    record.contact,
    record.operatorId,
    record.postedAt,
    record.twinOf ?? '',
  ];
  for (const name of proxyAttributes) {
    const value = proxies[name];
    if (value !== undefined) declared++;
    cells.push(value ?? '');
  }
  if (declared !== Object.keys(proxies).length) {
    const extra = Object.keys(proxies).find((k) => !proxyAttributes.includes(k));
    throw new InputError(`attribute ${showValue(extra)} is not one of the dataset's proxy attributes (${proxyAttributes.join(', ')})`, {
      ...where,
      field: 'proxies',
    });
  }
  cells.push('true', record.generatorVersion, String(record.seed), record.scenarioHash);
  return cells;
}

/** Formats rows of raw cells as CSV text (each cell neutralised, RFC 4180 quoting, `\n` line ends). */
export function formatCsvRows(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(neutraliseCell)),
    { eof: true, record_delimiter: 'unix' },
  );
}

/** Where each column sits in a CSV file, as read from its header. */
export interface CsvLayout {
  /** Column index of each fixed column. */
  fixed: Record<string, number>;
  /** Proxy attribute columns, in file order: name and index. */
  proxies: Array<{ name: string; index: number }>;
  /** Number of columns in the header. */
  width: number;
}

/** Reads a CSV header row (cells already restored): checks that every fixed column is present once. */
export function parseCsvHeader(header: readonly string[], file?: string): CsvLayout {
  const fixed: Record<string, number> = {};
  const proxies: Array<{ name: string; index: number }> = [];
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (seen.has(name)) throw new InputError(`header: column ${showValue(name)} appears twice`, { file });
    seen.add(name);
    if (FIXED_SET.has(name)) fixed[name] = index;
    else if (ATTRIBUTE_NAME.test(name)) proxies.push({ name, index });
    else throw new InputError(`header: ${showValue(name)} is neither a record column nor a proxy attribute name`, { file });
  });
  for (const name of FIXED_COLUMNS) {
    if (fixed[name] === undefined) throw new InputError(`header: missing column ${showValue(name)}`, { file });
  }
  return { fixed, proxies, width: header.length };
}

const INTEGER = /^-?\d+$/;

function numberCell(cell: string): unknown {
  return INTEGER.test(cell) ? Number(cell) : cell;
}

/** Turns one CSV data row (cells already restored) into a validated record. */
export function csvCellsToRecord(cells: readonly string[], layout: CsvLayout, where: RecordLocation): AdRecord {
  if (cells.length !== layout.width) {
    throw new InputError(`expected ${layout.width} columns, got ${cells.length}`, where);
  }
  const f = layout.fixed;
  const get = (name: string): string => cells[f[name] as number] as string;
  const proxies: Record<string, string> = {};
  for (const { name, index } of layout.proxies) {
    const value = cells[index] as string;
    if (value !== '') proxies[name] = value;
  }
  const synthetic = get('synthetic');
  const twinOf = get('twinOf');
  return validateRecord(
    {
      id: get('id'),
      text: get('text'),
      label: numberCell(get('label')),
      observedLabel: numberCell(get('observedLabel')),
      posterType: get('posterType'),
      category: get('category'),
      indicators: decodeIndicators(get('indicators'), where),
      proxies,
      group: get('group'),
      age: numberCell(get('age')),
      city: get('city'),
      contact: get('contact'),
      operatorId: get('operatorId'),
      postedAt: get('postedAt'),
      twinOf: twinOf === '' ? null : twinOf,
      synthetic: synthetic === 'true' ? true : synthetic,
      generatorVersion: get('generatorVersion'),
      seed: numberCell(get('seed')),
      scenarioHash: get('scenarioHash'),
    },
    where,
  );
}
