import { describe, expect, it } from 'vitest';
import { generate, groupTwins, loadScenario, proxyAttributes, twin, type Scenario } from '../../src/generate/index.js';
import { PROXY_SETS, channelOf } from '../../src/generate/proxies.js';
import { proxySpans } from '../../src/generate/twin.js';
import type { AdRecord } from '../../src/record.js';

/**
 * Text with the proxy spans whose channels intersect `mask` cut out; sentence separators (runs of
 * spaces and full stops) are normalised, since removing a sentence moves them.
 */
function outsideProxy(text: string, spans: number[], mask: number): string {
  let out = '';
  let at = 0;
  for (let i = 0; i < spans.length; i += 3) {
    if (((spans[i + 2] as number) & mask) === 0) continue;
    out += text.slice(at, spans[i]);
    at = spans[i + 1] as number;
  }
  return (out + text.slice(at)).replace(/[\s.]+/g, ' ').trim();
}

const SAME_FIELDS = ['label', 'observedLabel', 'posterType', 'category', 'age', 'city', 'contact', 'operatorId', 'postedAt', 'synthetic', 'generatorVersion', 'seed', 'scenarioHash'] as const;

function checkTwin(source: AdRecord, t: AdRecord, scenario: Scenario, changed: string[], k = 1): void {
  for (const f of SAME_FIELDS) expect(t[f], f).toEqual(source[f]);
  expect(t.twinOf).toBe(source.id);
  expect(t.id).toBe(`${source.id}~t${k}`);
  expect(t.group).toBe(t.proxies[scenario.groupAttribute]);
  for (const a of Object.keys(source.proxies)) {
    if (!changed.includes(a)) expect(t.proxies[a], a).toBe(source.proxies[a]);
  }
  expect(t.indicators.map((s) => s.id)).toEqual(source.indicators.map((s) => s.id));
  const set = PROXY_SETS[scenario.proxySet];
  const mask = changed.reduce((m, a) => m | channelOf(set, a), 0);
  expect(outsideProxy(t.text, proxySpans(t, scenario), mask)).toBe(outsideProxy(source.text, proxySpans(source, scenario), mask));
}

describe('counterfactual twins', () => {
  for (const name of ['baseline', 'confounded', 'classroom']) {
    it(`${name}: streamed twins differ only in the group attribute and its wording`, () => {
      const scenario = loadScenario(name);
      const recs = generate(scenario, { n: 600, seed: 17, twins: true });
      let differentText = 0;
      for (let i = 0; i < recs.length; i += 2) {
        const s = recs[i]!;
        const t = recs[i + 1]!;
        expect(t.proxies[scenario.groupAttribute]).not.toBe(s.proxies[scenario.groupAttribute]);
        checkTwin(s, t, scenario, [scenario.groupAttribute]);
        if (t.text !== s.text) differentText++;
      }
      // the group shows in the text of a good share of ads (mentions, varieties), not all
      expect(differentText).toBeGreaterThan(60);
    });
  }

  it('twin() reproduces the streamed twin and can change any proxy attribute', () => {
    const scenario = loadScenario('baseline');
    const recs = generate(scenario, { n: 300, seed: 23, twins: true });
    const attrs = proxyAttributes(scenario);
    expect(Object.keys(attrs)).toEqual(['nationality', 'language', 'gender']);
    for (let i = 0; i < recs.length; i += 2) {
      const s = recs[i]!;
      const streamed = recs[i + 1]!;
      expect(twin(s, { nationality: streamed.proxies.nationality }, scenario)).toEqual(streamed);
      const gender = s.proxies.gender === 'man' ? 'trans-woman' : 'man';
      checkTwin(s, twin(s, { gender }, scenario), scenario, ['gender']);
      const language = s.proxies.language === 'native' ? 'non-native' : 'native';
      checkTwin(s, twin(s, { language }, scenario), scenario, ['language']);
    }
  });

  it('groupTwins() gives one twin per other group, each what twin() makes for it', () => {
    for (const name of ['baseline', 'classroom']) {
      const scenario = loadScenario(name);
      const groups = proxyAttributes(scenario)[scenario.groupAttribute]!;
      for (const s of generate(scenario, { n: 120, seed: 31 })) {
        const all = groupTwins(s, scenario);
        expect(all.map((t) => t.group)).toEqual(groups.filter((g) => g !== s.group));
        all.forEach((t, k) => {
          checkTwin(s, t, scenario, [scenario.groupAttribute], k + 1);
          expect({ ...t, id: 'x' }).toEqual({ ...twin(s, { [scenario.groupAttribute]: t.group }, scenario), id: 'x' });
        });
      }
    }
  });

  it('a twin of a twin with the original values gives back the original text', () => {
    const scenario = loadScenario('baseline');
    const [s] = generate(scenario, { n: 1, seed: 4 });
    const t = twin(s!, { nationality: s!.proxies.nationality === 'us' ? 'east-asia' : 'us', gender: 'man' }, scenario);
    const back = twin(t, { nationality: s!.proxies.nationality!, gender: s!.proxies.gender! }, scenario);
    expect(back.text).toBe(s!.text);
    expect(back.indicators).toEqual(s!.indicators);
  });

  it('rejects a record from another scenario, unknown attributes and values, and modified text', () => {
    const scenario = loadScenario('baseline');
    const [s] = generate(scenario, { n: 1, seed: 4 });
    expect(() => twin(s!, { nationality: 'us' }, loadScenario('confounded'))).toThrow(/scenarioHash: .*not this scenario/);
    expect(() => twin(s!, { planet: 'mars' }, scenario)).toThrow(/^planet: unknown proxy attribute/);
    expect(() => twin(s!, { nationality: 'atlantis' }, scenario)).toThrow(/^nationality: expected one of/);
    expect(() => twin({ ...s!, text: `${s!.text} extra` }, { nationality: 'us' }, scenario)).toThrow(/^text: /);
  });
});
