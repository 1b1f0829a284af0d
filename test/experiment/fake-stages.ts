/**
 * Tiny stand-ins for the generate/models/audit stages, to test the experiment runner's mechanics
 * (cells, resume, atomic output, summary) without tfjs or the real generator. Not a model of
 * anything: texts are "<group> <label word>" and the classifier counts a word.
 */
import { Rng } from '../../src/random.js';
import type { AdRecord } from '../../src/record.js';
import type { Classifier, ModelCard } from '../../src/models/classifier.js';
import type { CellStages, JsonObject } from '../../src/experiment/stage-api.js';

export interface FakeLog {
  fits: Array<{ n: number; labelField: string; weights: boolean }>;
}

export function fakeStages(log: FakeLog = { fits: [] }): CellStages {
  const groups = ['a', 'b'];
  const record = (i: number, seed: number, rng: Rng, scenario: JsonObject): AdRecord => {
    const group = rng.pick(groups);
    const label = rng.bernoulli(Number(scenario['prevalence'] ?? 0.3)) ? 1 : 0;
    const noisy = rng.bernoulli(group === 'a' ? Number(scenario['flip'] ?? 0) : 0);
    return {
      id: `ad-${i}`,
      text: `${group === 'a' ? 'alpha' : 'beta'} ${label === 1 ? 'red' : rng.bernoulli(0.2) ? 'red' : 'blue'}`,
      label: label as 0 | 1,
      observedLabel: (noisy ? 1 - label : label) as 0 | 1,
      posterType: label === 1 ? 'operation' : 'independent',
      category: 'escort',
      indicators: [],
      proxies: { g: group },
      group,
      age: 30,
      city: 'x',
      contact: 'x',
      operatorId: `op-${i}`,
      postedAt: '2026-01-01',
      twinOf: null,
      synthetic: true,
      generatorVersion: 'fake',
      seed,
      scenarioHash: 'fake',
    };
  };
  const swap = (r: AdRecord): AdRecord => {
    const g = r.group === 'a' ? 'b' : 'a';
    return { ...r, id: `${r.id}~t`, group: g, proxies: { g }, text: r.text.replace(/alpha|beta/, g === 'a' ? 'alpha' : 'beta'), twinOf: r.id };
  };
  return {
    loadScenario: (ref) => (typeof ref === 'string' ? { prevalence: 0.3, flip: 0 } : { prevalence: 0.3, flip: 0, ...ref }),
    validateScenario: (s) => s,
    generate(scenario, { n, seed, twins }) {
      const rng = new Rng(seed);
      const out: AdRecord[] = [];
      for (let i = 0; i < n; i++) {
        const r = record(i, seed, rng, scenario);
        out.push(r);
        if (twins) out.push(swap(r));
      }
      return out;
    },
    groupTwins: (_scenario, records) => records.map((r) => [swap(r)]),
    proxyTerms: () => ['alpha', 'beta'],
    initBackend: async () => 'js',
    createClassifier(name): Classifier {
      let pRed = 0.5;
      let card: ModelCard | null = null;
      return {
        name,
        async fit(records, options = {}) {
          const field = options.labelField ?? 'observedLabel';
          log.fits.push({ n: records.length, labelField: field, weights: options.weights !== undefined });
          const red = records.filter((r) => r.text.includes('red'));
          pRed = red.length === 0 ? 0.5 : red.filter((r) => r[field] === 1).length / red.length;
          card = { schema: 'adscreen.model-card/1', model: name, version: 'x', backend: 'js', details: {}, intendedUse: [], outOfScopeUse: [], factors: [], metrics: {}, trainingData: {}, caveats: [] };
        },
        async predict(texts) {
          return Float32Array.from(texts, (t) => (t.includes('red') ? pRed : 0.1) + (t.includes('alpha') ? 0.05 : 0));
        },
        async save() {},
        card: () => card!,
      };
    },
    thresholdForFpr(labels, scores, fpr) {
      const neg = Array.from(scores).filter((_, i) => labels[i] === 0).sort((x, y) => y - x);
      return (neg[Math.floor(fpr * neg.length)] ?? 0) + 1e-6;
    },
    audit(input) {
      const rate = (g: string | null, y: number) => {
        let n = 0;
        let k = 0;
        input.labels.forEach((l, i) => {
          if (l === y && (g === null || input.groups[i] === g)) {
            n++;
            if (input.scores[i]! >= input.threshold) k++;
          }
        });
        return n === 0 ? null : k / n;
      };
      const flips = input.twins.filter((t) => (t.score >= input.threshold) !== (input.scores[t.index]! >= input.threshold)).length;
      return {
        schema: 'fake-audit',
        fpr: { a: rate('a', 0), b: rate('b', 0), all: rate(null, 0) },
        tpr: { a: rate('a', 1), b: rate('b', 1), all: rate(null, 1) },
        twinFlipRate: input.twins.length ? flips / input.twins.length : null,
      };
    },
    metrics(audit, threshold) {
      const fpr = audit['fpr'] as Record<string, number | null>;
      const tpr = audit['tpr'] as Record<string, number | null>;
      const fnr = (g: string) => (tpr[g] === null ? null : 1 - tpr[g]!);
      return {
        auc: null,
        prAuc: null,
        threshold,
        fpr: fpr['all'] ?? null,
        recall: tpr['all'] ?? null,
        groupFpr: { a: fpr['a'] ?? null, b: fpr['b'] ?? null },
        groupFnr: { a: fnr('a'), b: fnr('b') },
        fprGap: Math.abs((fpr['a'] ?? 0) - (fpr['b'] ?? 0)),
        fnrGap: null,
        equalizedOdds: null,
        twinFlipRate: audit['twinFlipRate'] as number | null,
      };
    },
  };
}
