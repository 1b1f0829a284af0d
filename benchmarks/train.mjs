#!/usr/bin/env node
/**
 * Model training benchmark: every adscreen model and two outside references on the same files.
 * Generates ads from the `confounded` preset (default 100,000, seed 1), splits them 80/20, writes
 * both parts as CSV with `writeDataset`, reads them back, and for embedding-bag, keywords,
 * naive-bayes and logreg measures fit seconds (featurizing included), prediction rate, held-out
 * ROC-AUC and PR-AUC against the true label, and the backend. On the same CSV files it runs
 * scikit-learn (tf-idf 1-2-grams + liblinear logistic regression) and fastText through
 * benchmarks/train_baselines.py with /usr/bin/python3 when present. Writes
 * benchmarks/results/train.md.
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/train.mjs [--n 100000] [--scenario confounded] [--seed 1] [--models embedding-bag,logreg]
 *   ADSCREEN_BACKEND=cpu node benchmarks/train.mjs   # another backend
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, loadScenario } from '../dist/generate/index.js';
import { rocAuc, averagePrecision } from '../dist/audit/index.js';
import { createClassifier } from '../dist/models/registry.js';
import { initBackend, parseBackendPreference } from '../dist/models/backend.js';
import { registerFastKernels, unregisterFastKernels } from '../dist/models/kernels/index.js';
import * as tf from '@tensorflow/tfjs-core';
import { VERSION } from '../dist/version.js';
import { Featurizer } from '../dist/text/index.js';
import { EmbeddingBagClassifier } from '../dist/models/embedding-bag.js';
import { projectHeads, scoreProjected } from '../dist/models/embedding-bag-score.js';
import { option } from './options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// every line printed is also kept for the raw-output section of the report
const printed = [];
const log = (line) => {
  printed.push(line);
  console.log(line);
};
const n = Number(option('--n', '100000'));
const scenarioName = option('--scenario', 'confounded');
const seed = Number(option('--seed', '1'));
const models = option('--models', 'embedding-bag,keywords,naive-bayes,logreg').split(',');
const python = '/usr/bin/python3';

const prefer = parseBackendPreference(process.env.ADSCREEN_BACKEND);
const backend = await initBackend(prefer === undefined ? {} : { prefer });

// data: generate, split 80/20, write CSV, read back (every model sees the same files)
const scenario = loadScenario(scenarioName);
const records = generate(scenario, { n, seed });
const nTrain = Math.round(n * 0.8);
const work = mkdtempSync(join(tmpdir(), 'adscreen-train-bench-'));
const trainCsv = join(work, 'train.csv');
const testCsv = join(work, 'test.csv');
// adscreen's dataset writer and reader when they load; otherwise a plain text,label,observedLabel CSV
let io = null;
try {
  io = await import('../dist/io/index.js');
} catch (err) {
  console.error(`dist/io did not load (${err.message.split('\n')[0]}); writing plain CSV files instead`);
}
let train;
let test;
if (io !== null) {
  await io.writeDataset(records.slice(0, nTrain), trainCsv, { scenario, seed });
  await io.writeDataset(records.slice(nTrain), testCsv, { scenario, seed });
  train = await io.readDataset(trainCsv);
  test = await io.readDataset(testCsv);
} else {
  const quote = (s) => `"${s.replace(/"/g, '""')}"`;
  const csv = (rs) => `text,label,observedLabel\n${rs.map((r) => `${quote(r.text)},${r.label},${r.observedLabel}`).join('\n')}\n`;
  train = records.slice(0, nTrain);
  test = records.slice(nTrain);
  writeFileSync(trainCsv, csv(train));
  writeFileSync(testCsv, csv(test));
}
const testTexts = test.map((r) => r.text);
const truth = test.map((r) => r.label);
const positiveRate = truth.reduce((a, b) => a + b, 0) / truth.length;

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// the shared featurizer's encoding rate bounds every adscreen model's prediction rate; measuring
// it first also warms up (JIT-compiles) the tokenizer every adscreen model uses
// The current encoder (`encodeBatch`: tokens as ranges of the text, no token strings) and the
// previous one (`encodeBatchWithTokenStrings`: a string per token, Map lookups) are timed
// alternately in this process, 5 rounds each, best round reported (wall and CPU).
const featurizer = Featurizer.fit(train.slice(0, 20000).map((r) => r.text), { ngrams: [1, 2], minCount: 2 });
featurizer.encodeBatch(testTexts.slice(0, 2000));
featurizer.encodeBatchWithTokenStrings(testTexts.slice(0, 2000));
const encodeRates = { ranges: { wall: 0, cpu: 0 }, strings: { wall: 0, cpu: 0 } };
for (let round = 0; round < 5; round++) {
  for (const [key, run] of [
    ['ranges', () => featurizer.encodeBatch(testTexts)],
    ['strings', () => featurizer.encodeBatchWithTokenStrings(testTexts)],
  ]) {
    const t = performance.now();
    const c = cpuSeconds();
    run();
    const cpu = cpuSeconds() - c;
    const r = encodeRates[key];
    r.wall = Math.max(r.wall, testTexts.length / ((performance.now() - t) / 1000));
    r.cpu = Math.max(r.cpu, testTexts.length / cpu);
  }
}
log(JSON.stringify({ featurizerEncodePerSecond: encodeRates }));

const results = [];
let predictVariants = [];
for (const name of models) {
  const model = createClassifier(name);
  const t0 = performance.now();
  const c0 = cpuSeconds();
  await model.fit(train, { seed });
  const fitSeconds = (performance.now() - t0) / 1000;
  const fitCpu = cpuSeconds() - c0;
  // the first calls of a process run while V8 is still compiling the encoder's hot loops: the
  // first call is reported as the cold rate, then two more untimed calls warm it up, and the
  // steady-state rate is the best of the 3 calls after them
  const tCold = performance.now();
  await model.predict(testTexts);
  const coldPerSecond = testTexts.length / ((performance.now() - tCold) / 1000);
  for (let k = 0; k < 2; k++) await model.predict(testTexts);
  // best of 3 calls (the machine may be shared); every call gives the same scores
  let scores = null;
  let predictSeconds = Infinity;
  let predictCpu = 0;
  for (let round = 0; round < 3; round++) {
    const t1 = performance.now();
    const c1 = cpuSeconds();
    scores = await model.predict(testTexts);
    const seconds = (performance.now() - t1) / 1000;
    if (seconds < predictSeconds) {
      predictSeconds = seconds;
      predictCpu = cpuSeconds() - c1;
    }
  }
  const card = model.card();
  const row = {
    model: name,
    backend: card.backend,
    fitSeconds,
    fitCpuSeconds: fitCpu,
    trainDocsPerSecond: name === 'embedding-bag' ? (train.length * Number(card.details.epochs)) / fitSeconds : null,
    predictPerSecond: testTexts.length / predictSeconds,
    predictColdPerSecond: coldPerSecond,
    predictCpuSeconds: predictCpu,
    predictThreads: typeof model.predictThreadsUsed === 'number' ? model.predictThreadsUsed : 1,
    rocAuc: rocAuc(truth, scores),
    prAuc: averagePrecision(truth, scores),
  };
  results.push(row);
  log(JSON.stringify(row));
  if (name === 'embedding-bag') {
    // the same trained model, predicting on this thread only and with a worker thread per
    // other core (predictThreads = cores), alternately: 3 rounds each after a warm-up call,
    // best round
    const dir = join(work, 'embedding-bag-model');
    await model.save(dir);
    const variants = [];
    for (const threads of cpus().length > 1 ? [1, cpus().length] : [1]) {
      const m = await EmbeddingBagClassifier.load(dir, { predictThreads: threads });
      await m.predict(testTexts); // warm-up (also starts the worker threads)
      variants.push({ encoder: 'current', predict: (texts) => m.predict(texts), m, best: 0, cpu: 0, threads: 1, same: true });
    }
    // "before": the same scoring fed by the previous encoder (a string per token). This reaches
    // into the model's parameters (private in TypeScript, visible here) to score its ids.
    {
      const m = await EmbeddingBagClassifier.load(dir, { predictThreads: 1 });
      await m.predict(testTexts.slice(0, 10));
      const { featurizer: f, params, combiner } = m.trained;
      const table = projectHeads(params, 0, 1);
      const predict = async (texts) => {
        const out = new Float32Array(texts.length);
        for (let start = 0; start < texts.length; start += m.options.predictChunk) {
          const docs = f.encodeBatchWithTokenStrings(texts.slice(start, start + m.options.predictChunk));
          out.set(scoreProjected(table, params.bias, 0, 1, docs, combiner), start);
        }
        return out;
      };
      await predict(testTexts);
      variants.push({ encoder: 'previous', predict, m, best: 0, cpu: 0, threads: 1, same: true });
    }
    for (let round = 0; round < 3; round++) {
      for (const v of variants) {
        const t = performance.now();
        const c = cpuSeconds();
        const s = await v.predict(testTexts);
        const rate = testTexts.length / ((performance.now() - t) / 1000);
        if (rate > v.best) {
          v.best = rate;
          v.cpu = cpuSeconds() - c;
        }
        v.threads = v.m.predictThreadsUsed;
        v.same &&= s.every((x, i) => x === scores[i]);
      }
    }
    predictVariants = variants.map((v) => ({ encoder: v.encoder, threads: v.threads, predictPerSecond: v.best, predictCpuSeconds: v.cpu, sameScores: v.same }));
    for (const v of variants) await v.m.close();
    log(JSON.stringify({ embeddingBagPredict: predictVariants }));
  }
  if (typeof model.close === 'function') await model.close();
}

// the same texts as adscreen's tokenizer sees them (tokens joined by spaces), for a reference
// run that separates the model from the tokenizer
const tokenCsv = (rs, path) => {
  const quote = (s) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(path, `text,label,observedLabel\n${rs.map((r) => `${quote(featurizer.tokens(r.text).join(' '))},${r.label},${r.observedLabel}`).join('\n')}\n`);
};
const trainTokens = join(work, 'train_tokens.csv');
const testTokens = join(work, 'test_tokens.csv');
tokenCsv(train, trainTokens);
tokenCsv(test, testTokens);

// outside references on the same CSV files
let references = [];
if (existsSync(python)) {
  const args = [join(here, 'train_baselines.py'), trainCsv, testCsv, '--threads', String(cpus().length), '--tokens', trainTokens, testTokens];
  const out = spawnSync(python, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (out.status !== 0) throw new Error(`train_baselines.py failed: ${out.stderr}`);
  references = out.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
} else {
  references = [
    { model: 'scikit-learn tfidf+logreg', absent: true, install: 'apt-get install -y python3 python3-sklearn' },
    { model: 'fastText supervised', absent: true, install: 'apt-get install -y fasttext' },
  ];
}
for (const r of references) {
  log(JSON.stringify(r));
  if (r.absent) log(`${r.model} is not installed; install it with: ${r.install}`);
}
rmSync(work, { recursive: true, force: true });

// kernel micro-benchmark on the wasm backend: adscreen's GatherV2 vs the stock kernel
let kernelLines = [];
if (backend === 'wasm') {
  const rows = 30000;
  const dim = 16;
  const nIds = 100000;
  const table = tf.randomUniform([rows, dim], -1, 1, 'float32', 1);
  const ids = tf.tensor1d(Array.from({ length: nIds }, (_, i) => (i * 7919) % rows), 'int32');
  const segs = tf.tensor1d(Array.from({ length: nIds }, (_, i) => Math.floor(i / 90)), 'int32');
  const timeMs = (fn, reps = 10) => {
    fn();
    const t = performance.now();
    for (let r = 0; r < reps; r++) fn();
    return (performance.now() - t) / reps;
  };
  const gather = () => tf.tidy(() => void tf.gather(table, ids).dataSync());
  const segsum = () => tf.tidy(() => void tf.unsortedSegmentSum(tf.gather(table, ids), segs, Math.ceil(nIds / 90)).dataSync());
  const fastGather = timeMs(gather);
  const fastSegsum = timeMs(segsum);
  unregisterFastKernels('wasm');
  const stockGather = timeMs(gather, 3);
  let stockSegsum = 'no kernel';
  try {
    segsum();
  } catch {
    stockSegsum = 'no kernel (throws)';
  }
  registerFastKernels('wasm');
  tf.dispose([table, ids, segs]);
  kernelLines = [
    `Kernels on wasm (gather ${nIds.toLocaleString('en-US')} rows of ${dim} floats from a ${rows.toLocaleString('en-US')}-row table; segment-sum them into documents of 90 ids): adscreen GatherV2 ${fastGather.toFixed(2)} ms vs stock ${stockGather.toFixed(2)} ms; gather + UnsortedSegmentSum ${fastSegsum.toFixed(2)} ms vs stock: ${stockSegsum}.`,
    '',
  ];
}

// report
const fmt = (x, d = 2) => (x === null || x === undefined ? '-' : Number(x).toFixed(d));
const rate = (x) => (x === null || x === undefined ? '-' : Math.round(x).toLocaleString('en-US'));
const sk = references.find((r) => r.model === 'scikit-learn tfidf+logreg' && !r.absent);
const skTokens = references.find((r) => r.model === 'scikit-learn tfidf+logreg on adscreen tokens' && !r.absent);
const ft = references.find((r) => r.model.startsWith('fastText') && !r.absent);
const eb = results.find((r) => r.model === 'embedding-bag');
let load = '';
try {
  load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
} catch {
  load = 'unknown';
}
const lines = [
  '# Model training benchmark',
  '',
  `Date: ${new Date().toISOString()}. Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, adscreen ${VERSION}.`,
  `Load average at the end of the run: ${load} (other work on the machine inflates wall-clock seconds more than CPU seconds; CPU seconds include every thread of the process).`,
  `Backend: ${backend}. Data: ${n.toLocaleString('en-US')} generated ads, scenario \`${scenarioName}\`, seed ${seed}, first ${nTrain.toLocaleString('en-US')} for training (label: observedLabel), the rest for testing (label: ground truth, positive rate ${positiveRate.toFixed(3)}). All models read the same two CSV files.`,
  '',
  `Command: \`npx tsc -p tsconfig.build.json && node benchmarks/train.mjs --n ${n} --scenario ${scenarioName} --seed ${seed}\``,
  '',
  ...kernelLines,
  '| Model | Backend | Fit s | Fit CPU s | Train docs/s (x epochs) | Predict records/s | Predict CPU s | Predict threads | ROC-AUC | PR-AUC |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.model} | ${r.backend} | ${fmt(r.fitSeconds)} | ${fmt(r.fitCpuSeconds)} | ${rate(r.trainDocsPerSecond)} | ${rate(r.predictPerSecond)} | ${fmt(r.predictCpuSeconds)} | ${r.predictThreads} | ${fmt(r.rocAuc, 4)} | ${fmt(r.prAuc, 4)} |`,
  ),
  ...references.map((r) =>
    r.absent
      ? `| ${r.model} | - | absent | - | - | - | - | - | - | - |`
      : `| ${r.model} | native | ${fmt(r.fitSeconds)} | ${fmt(r.fitCpuSeconds)} | - | ${rate(r.predictPerSecond)} | - | ${r.model.startsWith('fastText') ? 'cores' : 1} | ${fmt(r.rocAuc, 4)} | ${fmt(r.prAuc, 4)} |`,
  ),
  '',
  `Predict records/s: the best of 3 calls of \`predict\` on the ${testTexts.length.toLocaleString('en-US')} test texts, after three untimed warm-up calls on the same texts (the first of them, timed, is the cold rate given for embedding-bag under the targets); CPU s (of that call) counts every thread of the process. Predict threads: threads that featurized (embedding-bag can add worker threads for batches of 4,096 texts or more with its \`predictThreads\` option, default 1, measured below; the other adscreen models use one).`,
  '',
  'Featurizer encoding of the test texts (1-2-grams, vocabulary fitted on 20,000 training texts; best of 5 alternating rounds, one thread):',
  '',
  '| Encoder | Texts/s (wall) | Texts/s (CPU) |',
  '| --- | ---: | ---: |',
  `| current (\`encodeBatch\`: token ranges, no token strings) | ${rate(encodeRates.ranges.wall)} | ${rate(encodeRates.ranges.cpu)} |`,
  `| previous (\`encodeBatchWithTokenStrings\`: a string per token) | ${rate(encodeRates.strings.wall)} | ${rate(encodeRates.strings.cpu)} |`,
  '',
];
if (predictVariants.length > 0) {
  lines.push(
    'embedding-bag predict, the same trained model with `predictThreads` 1 and = cores, and (before) with the previous encoder on one thread (best of 3 alternating rounds; the main row uses the default, 1 thread):',
    '',
    '| Encoder | Threads | Predict records/s | CPU s | Scores identical to the main row |',
    '| --- | ---: | ---: | ---: | --- |',
    ...predictVariants.map((v) => `| ${v.encoder} | ${v.threads} | ${rate(v.predictPerSecond)} | ${fmt(v.predictCpuSeconds)} | ${v.sameScores ? 'yes' : 'NO'} |`),
    '',
  );
}
if (eb && (sk || ft)) {
  lines.push('Targets for embedding-bag (fit time at most 0.5x scikit-learn and at most fastText; ROC-AUC at least scikit-learn - 0.003; 100,000 predictions/s):', '');
  if (sk) lines.push(`- fit time / scikit-learn: ${fmt(eb.fitSeconds / sk.fitSeconds)} wall, ${fmt(eb.fitCpuSeconds / sk.fitCpuSeconds)} CPU (target <= 0.5); ROC-AUC - scikit-learn: ${fmt(eb.rocAuc - sk.rocAuc, 4)} (target >= -0.003)`);
  if (ft) lines.push(`- fit time / fastText: ${fmt(eb.fitSeconds / ft.fitSeconds)} wall, ${fmt(eb.fitCpuSeconds / ft.fitCpuSeconds)} CPU (target <= 1); ROC-AUC - fastText: ${fmt(eb.rocAuc - ft.rocAuc, 4)}`);
  if (skTokens) lines.push(`- ROC-AUC - scikit-learn on the same adscreen tokens: ${fmt(eb.rocAuc - skTokens.rocAuc, 4)} (isolates the model from the tokenizer, which masks contacts and long digit runs)`);
  const many = predictVariants.find((v) => v.threads > 1 && v.encoder === 'current');
  const before = predictVariants.find((v) => v.encoder === 'previous');
  lines.push(
    `- predict: ${rate(eb.predictPerSecond)} records/s on ${eb.predictThreads} thread(s) (target >= 100,000); the first call of the process, while V8 still compiles the encoder: ${rate(eb.predictColdPerSecond)} records/s` +
      (many ? `; ${rate(many.predictPerSecond)} records/s with predictThreads ${many.threads}` : '') +
      (before ? `; ${rate(before.predictPerSecond)} records/s with the previous encoder` : '') +
      `; the shared featurizer alone encodes ${rate(encodeRates.ranges.wall)} texts/s on one thread (previous encoder ${rate(encodeRates.strings.wall)})`,
    '',
  );
}
for (const r of references.filter((x) => x.absent)) lines.push(`${r.model} was not installed; install with \`${r.install}\`.`);
lines.push(
  '',
  'Notes: the tokenizer is warmed up (JIT-compiled) by the featurizer measurement before any model is timed. Fit seconds include featurizing (vocabulary fit and encoding) for adscreen models and vectorizing for scikit-learn; fastText is timed as its whole `supervised` command (5 epochs, wordNgrams 2, dim 32, threads = cores) and `predict-prob` command. adscreen models tokenize with adscreen\'s tokenizer (contacts masked to placeholders); scikit-learn and fastText see the raw text.',
  '',
);
lines.push('## Raw output', '', '```', ...printed, '```', '');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'train.md'), lines.join('\n'));
console.log(`wrote ${join(here, 'results', 'train.md')}`);
