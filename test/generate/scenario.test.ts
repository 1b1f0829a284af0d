import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadScenario, parseScenario, PRESET_NAMES, proxyAttributes, scenarioHash, ScenarioSchema } from '../../src/generate/index.js';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('scenario parsing', () => {
  it('fills every default from an empty object', () => {
    const s = parseScenario({});
    expect(s).toMatchObject({
      name: 'custom',
      proxySet: 'realistic',
      groupAttribute: 'nationality',
      prevalence: 0.1,
      posterMix: { independent: 0.45, agency: 0.2, nonEscort: 0.35 },
      groupWeights: null,
      confounding: { strength: 0, targetGroup: 'southeast-asia' },
      annotation: { flipToPositive: {}, flipToNegative: {}, noise: 0 },
      indicators: { strength: 1, overlap: 1 },
      proxySignal: { mention: 1, variety: 0.8 },
      surface: { phrases: 'primary', misspelling: 0.02, cities: 'primary' },
    });
    expect(parseScenario(s)).toEqual(s);
  });

  it('gives the same key order when a parsed scenario is parsed again, and when groupAttribute is given', () => {
    // datasheets list scenario fields in key order, so their bytes must not depend on how often
    // (or from what) a scenario was parsed
    for (const name of PRESET_NAMES) {
      const once = loadScenario(name);
      const twice = parseScenario(once);
      expect(JSON.stringify(twice), name).toBe(JSON.stringify(once));
    }
    const implicit = parseScenario({ proxySet: 'abstract' });
    const explicit = parseScenario({ groupAttribute: implicit.groupAttribute, proxySet: 'abstract' });
    expect(JSON.stringify(explicit)).toBe(JSON.stringify(implicit));
    expect(Object.keys(implicit).at(-1)).toBe('groupAttribute');
  });

  it('names the field path and the bad value', () => {
    expect(message(() => parseScenario({ confounding: { strength: 1.5 } }))).toBe(
      'confounding.strength: expected a number between 0 and 1, got 1.5',
    );
    expect(message(() => parseScenario({ prevalence: 'high' }))).toBe("prevalence: expected a number between 0 and 1, got 'high'");
    expect(message(() => parseScenario({ surface: { phrases: 'new' } }))).toBe("surface.phrases: expected 'primary', 'heldout' or 'all', got 'new'");
    expect(message(() => parseScenario({ annotation: { noise: 0.7 } }))).toBe('annotation.noise: expected a number between 0 and 0.5, got 0.7');
    expect(message(() => parseScenario([]))).toMatch(/^\(scenario\): expected a JSON object/);
  });

  it('rejects unknown keys at every level', () => {
    expect(message(() => parseScenario({ prevalance: 0.1 }))).toMatch(/^prevalance: unknown field/);
    expect(message(() => parseScenario({ confounding: { strenght: 0.1 } }))).toMatch(/^confounding\.strenght: unknown field/);
  });

  it('checks group names against the group attribute', () => {
    expect(message(() => parseScenario({ confounding: { targetGroup: 'mars' } }))).toMatch(/^confounding\.targetGroup: expected a value of nationality/);
    expect(message(() => parseScenario({ annotation: { flipToPositive: { velan: 0.1 } } }))).toMatch(/^annotation\.flipToPositive\.velan: /);
    expect(message(() => parseScenario({ proxySet: 'abstract', groupAttribute: 'gender' }))).toMatch(/^groupAttribute: expected one of 'folk', 'dialect'/);
    expect(message(() => parseScenario({ groupWeights: { us: 0 } }))).toMatch(/^groupWeights: expected at least one positive weight/);
    expect(parseScenario({ groupAttribute: 'gender' }).confounding.targetGroup).toBe('trans-woman');
  });

  it('names the file when a source is given', () => {
    expect(message(() => parseScenario({ prevalence: 2 }, 'my.json'))).toBe('my.json: prevalence: expected a number between 0 and 1, got 2');
  });

  it('hashes canonical JSON: key order does not matter, values do', () => {
    const a = parseScenario({ prevalence: 0.2, name: 'x' });
    const b = parseScenario({ name: 'x', prevalence: 0.2 });
    expect(scenarioHash(a)).toBe(scenarioHash(b));
    expect(scenarioHash(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(scenarioHash(parseScenario({ prevalence: 0.21, name: 'x' }))).not.toBe(scenarioHash(a));
  });

  it('exposes the schema and the proxy attributes', () => {
    expect(ScenarioSchema.safeParse({ nope: 1 }).success).toBe(false);
    expect(proxyAttributes(parseScenario({}))).toEqual({
      nationality: ['us', 'latin-america', 'eastern-europe', 'east-asia', 'southeast-asia'],
      language: ['native', 'non-native', 'code-switching'],
      gender: ['woman', 'trans-woman', 'man'],
    });
    expect(proxyAttributes(parseScenario({ proxySet: 'abstract' }))).toEqual({ folk: ['velan', 'orrin', 'tamsi', 'quell'], dialect: ['plain', 'marked'] });
  });
});

describe('loadScenario', () => {
  it('loads every preset, each with its own name and a description', () => {
    expect([...PRESET_NAMES].sort()).toEqual(['baseline', 'biased-annotation', 'classroom', 'confounded', 'low-prevalence', 'shifted']);
    const hashes = new Set<string>();
    for (const name of PRESET_NAMES) {
      const s = loadScenario(name);
      expect(s.name).toBe(name);
      expect(s.description.length).toBeGreaterThan(20);
      hashes.add(scenarioHash(s));
    }
    expect(hashes.size).toBe(PRESET_NAMES.length);
  });

  it('loads a JSON file and reports bad files clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adscreen-scn-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ name: 'mine', prevalence: 0.05 }));
    expect(loadScenario(good)).toMatchObject({ name: 'mine', prevalence: 0.05 });
    const badJson = join(dir, 'bad.json');
    writeFileSync(badJson, '{"name": ');
    expect(message(() => loadScenario(badJson))).toMatch(new RegExp(`^${badJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
    const badField = join(dir, 'field.json');
    writeFileSync(badField, JSON.stringify({ indicators: { strength: -1 } }));
    expect(message(() => loadScenario(badField))).toBe(`${badField}: indicators.strength: expected a number between 0 and 3, got -1`);
    expect(message(() => loadScenario('baseline2'))).toMatch(/^baseline2: unknown scenario: not a preset \(baseline, /);
  });
});
