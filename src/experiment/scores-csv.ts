/**
 * The `scores.csv` of an experiment cell, written by hand: the same bytes as csv-stringify with
 * its default options (comma, `"` quotes doubled inside, a field quoted when it holds a quote,
 * a comma, `\n` or `\r`, numbers as `String(x)`, `\n` after every row), tested against it. Each
 * cell writes some thousands of rows, and csv-stringify's per-field option handling and casts
 * cost more than the rows themselves; its generic code was also compiled several times over in
 * every experiment worker.
 */
import type { AdRecord } from '../record.js';

const NEEDS_QUOTES = /[",\n\r]/;

/** One text field as csv-stringify writes it by default. */
export function csvText(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The cell's scores: test ads then their twins, with the text so the teaching page can show twin pairs. */
export function scoresCsv(test: readonly AdRecord[], scores: Float32Array, twins: readonly AdRecord[], twinScores: Float32Array): string {
  const lines: string[] = ['id,group,label,observedLabel,score,twinOf,text\n'];
  for (let i = 0; i < test.length; i++) lines.push(scoreLine(test[i] as AdRecord, scores[i] as number, ''));
  for (let i = 0; i < twins.length; i++) {
    const r = twins[i] as AdRecord;
    lines.push(scoreLine(r, twinScores[i] as number, r.twinOf ?? ''));
  }
  return lines.join('');
}

function scoreLine(r: AdRecord, score: number, twinOf: string): string {
  return `${csvText(r.id)},${csvText(r.group)},${r.label},${r.observedLabel},${score},${csvText(twinOf)},${csvText(r.text)}\n`;
}
