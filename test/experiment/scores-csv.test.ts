import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { csvText, scoresCsv } from '../../src/experiment/scores-csv.js';
import type { AdRecord } from '../../src/record.js';

// the reference: what run-cell wrote with csv-stringify before scores-csv.ts
function reference(test: AdRecord[], scores: Float32Array, twins: AdRecord[], twinScores: Float32Array): string {
  const rows: Array<Array<string | number>> = [];
  test.forEach((r, i) => rows.push([r.id, r.group, r.label, r.observedLabel, scores[i]!, '', r.text]));
  twins.forEach((r, i) => rows.push([r.id, r.group, r.label, r.observedLabel, twinScores[i]!, r.twinOf ?? '', r.text]));
  return stringify(rows, { header: true, columns: ['id', 'group', 'label', 'observedLabel', 'score', 'twinOf', 'text'] });
}

const awkward = ['', 'plain', 'a,b', 'say "hi"', '"', '""', 'line\nbreak', 'carriage\rreturn', 'crlf\r\n', ' lead', 'trail ', '-1', '=SUM(A1)', "it's", 'emoji 👩‍💼 ok', 'tab\there', ',', '\n'];

function record(i: number, text: string, twinOf: string | null): AdRecord {
  return { id: `ad-${i}${i % 3 === 0 ? ',x' : ''}`, group: i % 2 === 0 ? 'east-asia' : 'group "b"', label: (i % 2) as 0 | 1, observedLabel: ((i + 1) % 2) as 0 | 1, text, twinOf } as unknown as AdRecord;
}

describe('scoresCsv', () => {
  it('quotes a text field exactly when csv-stringify does', () => {
    for (const s of awkward) expect(csvText(s)).toBe(stringify([[s]]).slice(0, -1));
  });

  it('writes the same bytes as csv-stringify with the columns of scores.csv', () => {
    const test = awkward.map((t, i) => record(i, t, null));
    const twins = awkward.slice(0, 7).map((t, i) => record(100 + i, `${t} twin`, i % 2 === 0 ? test[i]!.id : null));
    const scores = Float32Array.from(test, (_, i) => (i === 0 ? 0 : i === 1 ? 1 : Math.fround(1 / (i + 2))));
    const twinScores = Float32Array.from(twins, (_, i) => Math.fround(i / 7));
    expect(scoresCsv(test, scores, twins, twinScores)).toBe(reference(test, scores, twins, twinScores));
    expect(scoresCsv([], new Float32Array(0), [], new Float32Array(0))).toBe(reference([], new Float32Array(0), [], new Float32Array(0)));
  });
});
