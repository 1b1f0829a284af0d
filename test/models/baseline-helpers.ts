/** Shared test helpers for the model tests: temp dirs, a rank-based ROC-AUC, tiny corpora. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainingExample } from '../../src/models/classifier.js';

/** A fresh temporary directory. */
export function tempDir(prefix = 'adscreen-model-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** ROC-AUC by the Mann-Whitney statistic (ties count one half), O(n log n). */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const idx = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let rankSumPos = 0;
  let nPos = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1] as number] === scores[idx[i] as number]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k] as number] === 1) {
        rankSumPos += rank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = labels.length - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** A training example with the same true and observed label. */
export function ex(text: string, label: 0 | 1): TrainingExample {
  return { text, label, observedLabel: label };
}

/** A small noisy corpus: "bad"-ish words raise the chance of label 1. Deterministic. */
export function toyCorpus(n: number): TrainingExample[] {
  const fillers = ['hello', 'friendly', 'city', 'call', 'today', 'rates', 'weekend', 'relax'];
  const out: TrainingExample[] = [];
  for (let i = 0; i < n; i++) {
    const y = (i * 7919) % 3 === 0 ? 1 : 0;
    const words = [fillers[i % 8] as string, fillers[(i * 3) % 8] as string];
    // the signal word agrees with the label 80% of the time
    const agree = (i * 31) % 10 < 8;
    words.push((y === 1) === agree ? 'bad' : 'good');
    out.push(ex(words.join(' '), y as 0 | 1));
  }
  return out;
}

import { generate, loadScenario } from '../../src/generate/index.js';
import type { AdRecord } from '../../src/record.js';

let baseline: { train: AdRecord[]; test: AdRecord[] } | undefined;

/** 3,000 training ads (seed 1) and 1,000 held-out ads (seed 2) of the `baseline` scenario, generated once per file. */
export function baselineSplit(): { train: AdRecord[]; test: AdRecord[] } {
  if (baseline === undefined) {
    const scenario = loadScenario('baseline');
    baseline = { train: generate(scenario, { n: 3000, seed: 1 }), test: generate(scenario, { n: 1000, seed: 2 }) };
  }
  return baseline;
}
