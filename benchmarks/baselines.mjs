#!/usr/bin/env node
/**
 * Text featurizer and baseline-model throughput on generated ads: tokenizer and featurizer
 * rates (vocabulary and hashing), vocabulary fit time on the training ads, then fit time,
 * prediction rate and held-out ROC-AUC (true label) of keywords, naive-bayes and logreg.
 * Writes benchmarks/results/baselines.md.
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/baselines.mjs [--n 80000] [--test 20000] [--scenario baseline]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { generate, loadScenario } from '../dist/generate/index.js';
import { tokenize, Featurizer, createClassifier, rocAuc, VERSION } from '../dist/index.js';
import { option } from './options.mjs';

const n = Number(option('--n', '80000'));
const nTest = Number(option('--test', '20000'));
const scenarioName = option('--scenario', 'baseline');
const scenario = loadScenario(scenarioName);
const train = generate(scenario, { n, seed: 1 });
const test = generate(scenario, { n: nTest, seed: 2 });
const texts = train.map((r) => r.text);
const testTexts = test.map((r) => r.text);
const meanTokens = texts.reduce((s, t) => s + tokenize(t).length, 0) / texts.length;

/** Wall and CPU (user + system) seconds of one call. CPU time is the robust figure on a shared machine. */
function timed(fn) {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = fn();
  const d = process.cpuUsage(c);
  return { wall: (performance.now() - t) / 1000, cpu: (d.user + d.system) / 1e6, value };
}
async function timedAsync(fn) {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const d = process.cpuUsage(c);
  return { wall: (performance.now() - t) / 1000, cpu: (d.user + d.system) / 1e6, value };
}
/** Best of `reps` runs (first run warms the JIT), by wall time and by CPU time. */
function best(reps, fn) {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = timed(fn);
    wall = Math.min(wall, t.wall);
    cpu = Math.min(cpu, t.cpu);
  }
  return { wall, cpu };
}

const rate = (x) => Math.round(x).toLocaleString('en-US');
const load = (await import('node:os')).loadavg()[0];
const rows = [];
const perSec = (t) => `${rate(n / t.wall)} ads/s | ${rate(n / t.cpu)} ads/s |`;
rows.push(`| tokenize | ${perSec(best(3, () => { for (const t of texts) tokenize(t); }))}`);
let vocab;
const fit = best(3, () => {
  vocab = Featurizer.fit(texts);
});
rows.push(`| Featurizer.fit (vocabulary, 1-2-grams, minCount 2), ${rate(vocab.size)} features | ${fit.wall.toFixed(2)} s | ${fit.cpu.toFixed(2)} s |`);
rows.push(`| Featurizer.fitEncode (fit + encode, one tokenization) | ${((t) => `${t.wall.toFixed(2)} s | ${t.cpu.toFixed(2)} s |`)(best(3, () => Featurizer.fitEncode(texts)))}`);
rows.push(`| encodeBatch, vocabulary | **${perSec(best(3, () => vocab.encodeBatch(texts)))}**`.replace('| **', '| ').replace(/\*\*$/, ''));
const hashed = Featurizer.fit([], { hashing: 2 ** 18 });
rows.push(`| encodeBatch, hashing 2^18 | ${perSec(best(3, () => hashed.encodeBatch(texts)))}`);

const models = [];
for (const name of ['keywords', 'naive-bayes', 'logreg']) {
  const model = createClassifier(name);
  const f = await timedAsync(() => model.fit(train, { seed: 1, labelField: 'observedLabel' }));
  const p = await timedAsync(() => model.predict(testTexts));
  const auc = rocAuc(test.map((r) => r.label), p.value);
  models.push(`| ${name} | ${f.wall.toFixed(2)} s | ${f.cpu.toFixed(2)} s | ${rate(nTest / p.wall)} ads/s | ${rate(nTest / p.cpu)} ads/s | ${auc.toFixed(3)} |`);
  process.stdout.write(`${name}: fit ${f.wall.toFixed(2)} s (cpu ${f.cpu.toFixed(2)} s), predict ${rate(nTest / p.cpu)} ads/s cpu, AUC ${auc.toFixed(3)}\n`);
}

const lines = [
  '# Benchmark: text featurizer and baseline models',
  '',
  `- date: ${new Date().toISOString()}`,
  `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}`,
  `- adscreen ${VERSION}; backend: js (plain TypeScript, no tensorflow)`,
  `- command: \`node benchmarks/baselines.mjs --n ${n} --test ${nTest} --scenario ${scenarioName}\``,
  `- data: ${rate(n)} training ads (seed 1) and ${rate(nTest)} test ads (seed 2) of \`${scenarioName}\`, mean ${meanTokens.toFixed(1)} tokens per ad; best of 3 runs for the text rows`,
  `- load average when starting: ${load.toFixed(1)} on ${cpus().length} cores. Wall-clock rates suffer when the machine is shared; CPU-time rates (user + system time of this process) are the steadier figure.`,
  '',
  '| Measure | Wall clock | CPU time |',
  '|---|---|---|',
  ...rows,
  '',
  '| Model | Fit wall (observedLabel) | Fit CPU | Predict wall | Predict CPU | ROC-AUC (true label) |',
  '|---|---|---|---|---|---|',
  ...models,
  '',
];
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}baselines.md`, lines.join('\n'));
process.stdout.write(lines.join('\n'));
