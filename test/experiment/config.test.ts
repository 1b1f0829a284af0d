import { describe, expect, it } from 'vitest';
import { parseExperiment, mitigationLabel } from '../../src/experiment/config.js';
import { expandCells, setField, sweepTarget, canonicalJson } from '../../src/experiment/cells.js';
import { InputError } from '../../src/errors.js';

const minimal = { name: 'demo', train: { scenario: 'baseline', n: 100 }, test: { n: 50 } };

describe('parseExperiment', () => {
  it('fills documented defaults', () => {
    const c = parseExperiment(minimal);
    expect(c.seeds).toEqual([1]);
    expect(c.models).toEqual(['embedding-bag']);
    expect(c.mitigations).toEqual(['none']);
    expect(c.validation).toBe(0.2);
    expect(c.audit.threshold).toEqual({ fpr: 0.05 });
    expect(c.test.twins).toBe(true);
  });

  it('names the bad field and what was expected', () => {
    const bad = { ...minimal, train: { scenario: 'baseline', n: -5 } };
    expect(() => parseExperiment(bad, { file: 'x.json' })).toThrow(InputError);
    expect(() => parseExperiment(bad, { file: 'x.json' })).toThrow(/^x\.json: train\.n: .*>0/);
    expect(() => parseExperiment({ ...minimal, seeds: [1, 'two'] })).toThrow(/^seeds\[1\]: .*number/);
    expect(() => parseExperiment({ ...minimal, audit: { treshold: 0.5 } })).toThrow(/audit: Unrecognized key: "treshold"/);
    expect(() => parseExperiment({ ...minimal, sweep: { field: 'train.x', values: [] } })).toThrow(/^sweep\.values/);
  });

  it('rejects duplicate model labels and mitigations', () => {
    expect(() => parseExperiment({ ...minimal, models: ['logreg', { name: 'logreg' }] })).toThrow(/models\[1\]: duplicate model label/);
    expect(() => parseExperiment({ ...minimal, mitigations: ['reweigh', ['reweigh']] })).toThrow(/mitigations\[1\]/);
  });

  it('labels combined mitigations with +', () => {
    expect(mitigationLabel(['true-labels', { name: 'reweigh', options: {} }])).toBe('true-labels+reweigh');
    expect(mitigationLabel('none')).toBe('none');
  });
});

describe('setField', () => {
  const s = { confounding: { strength: 0, groups: ['a'] }, prevalence: 0.1 };

  it('may add a last key to an object (strict scenario validation catches typos)', () => {
    expect(setField(s, 'confounding.extra', 1)).toEqual({ confounding: { strength: 0, groups: ['a'], extra: 1 }, prevalence: 0.1 });
  });

  it('sets an existing nested field on a copy', () => {
    const out = setField(s, 'confounding.strength', 0.4);
    expect(out).toEqual({ confounding: { strength: 0.4, groups: ['a'] }, prevalence: 0.1 });
    expect(s.confounding.strength).toBe(0);
  });

  it('rejects a path through a field that does not exist, naming it and the known ones', () => {
    expect(() => setField(s, 'confunding.strength', 1, 'train.')).toThrow(
      /^train\.confunding: no such field \(known here: confounding, prevalence\)/,
    );
    expect(() => setField(s, 'confounding.groups.x', 1)).toThrow(/confounding\.groups\.x: no such field/);
    expect(() => setField(s, 'prevalence.x', 1)).toThrow(/prevalence\.x: cannot set a field inside a number/);
  });
});

describe('sweepTarget', () => {
  it('routes field paths', () => {
    expect(sweepTarget('train.confounding.strength')).toEqual({ kind: 'scenario', which: 'train', path: 'confounding.strength' });
    expect(sweepTarget('scenario.prevalence')).toEqual({ kind: 'scenario', which: 'both', path: 'prevalence' });
    expect(sweepTarget('train.n')).toEqual({ kind: 'size', which: 'train' });
    expect(sweepTarget('model.dim')).toEqual({ kind: 'model', path: 'dim' });
    expect(() => sweepTarget('foo.bar')).toThrow(/sweep\.field/);
  });
});

describe('expandCells', () => {
  const base = { train: { confounding: { strength: 0 }, prevalence: 0.1 } };
  const config = parseExperiment({
    ...minimal,
    seeds: [1, 2],
    models: ['logreg', 'naive-bayes'],
    mitigations: ['none', 'reweigh'],
    sweep: { field: 'train.confounding.strength', values: [0, 0.5, 1] },
  });

  it('crosses sweep values x seeds x models x mitigations with unique ids and hashes', () => {
    const cells = expandCells(config, base, { version: '0.0.0' });
    expect(cells).toHaveLength(3 * 2 * 2 * 2);
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
    expect(new Set(cells.map((c) => c.hash)).size).toBe(cells.length);
    expect(cells[0]!.id).toBe('v0_0-s1-logreg-none');
    const c = cells.find((x) => x.sweepIndex === 1 && x.seed === 2 && x.model.label === 'naive-bayes' && x.mitigation.label === 'reweigh')!;
    expect(c.train.scenario).toEqual({ confounding: { strength: 0.5 }, prevalence: 0.1 });
    // no test scenario given: the test data follows the train scenario, sweep included
    expect(c.test.scenario).toEqual(c.train.scenario);
    expect(c.mitigation.steps).toEqual([{ name: 'reweigh', options: {} }]);
  });

  it('keeps the test scenario fixed when one is given and only train is swept', () => {
    const cells = expandCells(config, { ...base, test: { confounding: { strength: 0 }, prevalence: 0.3 } }, { version: '0.0.0' });
    for (const c of cells) expect(c.test.scenario).toEqual({ confounding: { strength: 0 }, prevalence: 0.3 });
  });

  it('is deterministic, and the hash changes with anything that changes results', () => {
    const a = expandCells(config, base, { version: '0.0.0' });
    const b = expandCells(config, base, { version: '0.0.0' });
    expect(a.map((c) => c.hash)).toEqual(b.map((c) => c.hash));
    const other = expandCells({ ...config, test: { ...config.test, n: 51 } }, base, { version: '0.0.0' });
    expect(other[0]!.hash).not.toBe(a[0]!.hash);
    const newer = expandCells(config, base, { version: '0.0.1' });
    expect(newer[0]!.hash).not.toBe(a[0]!.hash);
  });

  it('reports a misspelt sweep field', () => {
    const bad = { ...config, sweep: { field: 'train.confunding.strength', values: [0] } };
    expect(() => expandCells(bad, base, { version: '0' })).toThrow(/sweep\.field: train\.confunding: no such field/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys recursively and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
