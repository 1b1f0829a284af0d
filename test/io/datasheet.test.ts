import { describe, expect, it } from 'vitest';
import { renderDatasheet, SYNTHETIC_BANNER, type DatasheetInput } from '../../src/io/datasheet.js';
import { computeStats } from '../../src/io/stats.js';
import { record, SEED, SUMMARY } from './fixtures.js';

const recs = [
  record(0, { label: 1, observedLabel: 1, posterType: 'operation', group: 'us' }),
  record(1, { label: 0, observedLabel: 1, posterType: 'independent', group: 'us' }),
  record(2, { label: 0, observedLabel: 0, posterType: 'non-escort', group: 'mx', indicators: [] }),
  record(3, { label: 0, observedLabel: 0, posterType: 'agency', group: 'mx', indicators: [] }),
];

function input(over: Partial<DatasheetInput> = {}): DatasheetInput {
  return { summary: SUMMARY, seed: SEED, generatorVersion: '0.1.0', fileName: 'train.csv', format: 'csv', columns: ['id', 'text'], stats: computeStats(recs), ...over };
}

describe('renderDatasheet', () => {
  it('opens with the synthetic-data banner and the provenance: version, seed and scenario hash', () => {
    const md = renderDatasheet(input());
    const head = md.split('## 1.')[0] as string;
    expect(head).toContain(`**${SYNTHETIC_BANNER}**`);
    expect(head).toContain('| Generator | adscreen 0.1.0 |');
    expect(head).toContain('| Seed | 7 |');
    expect(head).toContain('| Scenario hash | sc-0123abcd |');
    expect(head).toContain('| Rows | 4 (4 sampled ads + 0 counterfactual twins) |');
  });

  it('has the seven datasheet sections in order', () => {
    const md = renderDatasheet(input());
    const titles = [...md.matchAll(/^## (\d)\. (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(titles).toEqual([
      '1 Motivation',
      '2 Composition',
      '3 Collection process',
      '4 Preprocessing, cleaning, labelling',
      '5 Uses',
      '6 Distribution',
      '7 Maintenance',
    ]);
  });

  it('lists every scenario setting with its value', () => {
    const md = renderDatasheet(input());
    for (const s of SUMMARY.settings) expect(md).toContain(`| \`${s.field}\` | \`${s.value}\` | ${s.note ?? ''} |`);
  });

  it('puts the expected P(label | group) next to the measured one, with annotation agreement', () => {
    const md = renderDatasheet(input());
    // us: 2 records, 1 positive, 2 observed positives, 1 agreement, 1 false flag; mx: 2 records, no positives.
    expect(md).toContain('| us | 2 | 0.500 | 0.300 | 0.500 |');
    expect(md).toContain('| mx | 2 | 0.500 | 0.300 | 0.000 |');
    // ph is expected by the scenario but absent from the data: shown with zero records.
    expect(md).toContain('| ph | 0 | 0.000 | 0.300 | n/a |');
    // annotation: us has 1 true negative, flagged (1/1), and 1 true positive, not missed (0/1).
    expect(md).toContain('| us | 1.000 | 0.500 | 0.250 | 1.000 (1/1) | 0.000 | 0.000 (0/1) |');
    expect(md).toContain('| mx | 0.000 | 1.000 | 0.000 | 0.000 (0/2) | 0.100 | n/a (0/0) |');
    expect(md).toContain('| ph | n/a | n/a | 0.000 | n/a (0/0) | 0.000 | n/a (0/0) |');
  });

  it('gives indicator prevalence by label, poster type and group', () => {
    const md = renderDatasheet(input());
    // third-person is in records 0 (label 1, operation, us) and 1 (label 0, independent, us).
    expect(md).toContain('| third-person | Third-person voice | practitioner belief | no | 0.500 | 0.333 | 1.000 | 1.000 | 1.000 | 0.000 | 0.000 |');
    expect(md).toContain('| new-in-town | New in town | validated (negative) | yes |');
    expect(md).toContain('| third-person | 1.000 | 0.000 | n/a |'); // groups in scenario order: us, mx, ph
  });

  it('is byte-identical for the same input and carries no dates or directories', () => {
    const a = renderDatasheet(input());
    expect(renderDatasheet(input())).toBe(a);
    expect(a).not.toMatch(/20\d\d-\d\d-\d\dT|\/tmp\/|\\Users\\/);
    expect(renderDatasheet(input({ seed: 8 }))).not.toBe(a);
  });

  it('states the content rules', () => {
    const md = renderDatasheet(input());
    expect(md).toMatch(/21 or older/);
    expect(md).toMatch(/NXX-555-0100 to NXX-555-0199/);
    expect(md).toMatch(/RFC 2606/);
  });
});
