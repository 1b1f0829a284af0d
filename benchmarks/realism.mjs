#!/usr/bin/env node
/**
 * Realism benchmark for the generator ("not a toy"): for each preset given (default: baseline
 * and confounded), generates 20,000 training and 5,000 test ads with different seeds, writes them
 * as JSONL to a temporary directory and runs benchmarks/realism.py (scikit-learn TF-IDF word
 * 1-2-grams + logistic regression) with /usr/bin/python3. Prints ROC-AUC and the FPR gap between
 * groups (max - min per-group FPR on label-0 ads) at the threshold giving 10% overall FPR.
 *
 * Build first: npx tsc -p tsconfig.build.json
 * Usage: node benchmarks/realism.mjs [preset | train:test ...] [--out benchmarks/results/realism.md]
 * (`baseline:shifted` trains on baseline and tests on shifted.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStream, loadScenario, scenarioHash } from '../dist/generate/index.js';
import { VERSION } from '../dist/version.js';
import { writeFileAtomic } from '../dist/io/atomic.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const outPath = outIdx >= 0 ? args[outIdx + 1] : null;
const presets = args.filter((a, i) => !a.startsWith('--') && (outIdx < 0 || i !== outIdx + 1));
if (presets.length === 0) presets.push('baseline', 'confounded');

const N_TRAIN = 20_000;
const N_TEST = 5_000;
const TRAIN_SEED = 11;
const TEST_SEED = 12;

function writeJsonl(path, scenario, n, seed) {
  const lines = [];
  for (const r of generateStream(scenario, { n, seed })) lines.push(JSON.stringify(r));
  writeFileSync(path, lines.join('\n') + '\n');
}

const dir = mkdtempSync(join(tmpdir(), 'adscreen-realism-'));
const rows = [];
try {
  for (const name of presets) {
    // `train:test` trains on one preset and tests on another (e.g. baseline:shifted)
    const [trainName, testName = trainName] = name.split(':');
    const scenario = loadScenario(trainName);
    const train = join(dir, `${trainName}-train.jsonl`);
    const test = join(dir, `${testName}-test.jsonl`);
    writeJsonl(train, scenario, N_TRAIN, TRAIN_SEED);
    writeJsonl(test, loadScenario(testName), N_TEST, TEST_SEED);
    // with annotation bias, train on what annotators said (observedLabel); evaluate on the truth
    const field = scenario.annotation.noise > 0 || Object.keys(scenario.annotation.flipToPositive).length > 0 || Object.keys(scenario.annotation.flipToNegative).length > 0 ? 'observedLabel' : 'label';
    const out = execFileSync('/usr/bin/python3', [join(here, 'realism.py'), train, test, field], { encoding: 'utf8' });
    const res = JSON.parse(out.trim().split('\n').pop());
    rows.push({ name, hash: scenarioHash(scenario), ...res });
    process.stdout.write(
      `${name}: ROC-AUC ${res.auc.toFixed(3)}, FPR gap ${res.fpr_gap.toFixed(3)} at overall FPR ${res.overall_fpr.toFixed(3)} ` +
        `(per group: ${Object.entries(res.fpr_by_group).map(([g, v]) => `${g} ${v.toFixed(3)}`).join(', ')})\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (outPath) {
  const date = new Date().toISOString();
  const base = rows.find((r) => r.name === 'baseline');
  const lines = [
    '# Generator realism benchmark',
    '',
    `- Date: ${date}`,
    `- Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`,
    `- adscreen generator version ${VERSION}`,
    `- Command: \`node benchmarks/realism.mjs ${presets.join(' ')} --out ${outPath}\``,
    `- Data: ${N_TRAIN.toLocaleString('en-US')} training ads (seed ${TRAIN_SEED}) and ${N_TEST.toLocaleString('en-US')} test ads (seed ${TEST_SEED}) per preset`,
    '- Model: scikit-learn TfidfVectorizer (word 1-2-grams, min_df 2, sublinear tf) + LogisticRegression (C 1) (/usr/bin/python3, scikit-learn 1.2.1); trained on the true label, or on observedLabel for presets with annotation bias; always evaluated against the true test label',
    '- FPR gap: max minus min per-group false-positive rate on label-0 test ads, at the threshold giving 10% overall FPR',
    '- Targets: ROC-AUC 0.75-0.95 on baseline (aim ~0.85); on confounded an FPR gap at least 0.05 above baseline',
    '',
    '| preset (train:test) | train scenario hash | trained on | ROC-AUC | overall FPR | FPR gap | per-group FPR |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.hash} | ${r.train_label} | ${r.auc.toFixed(3)} | ${r.overall_fpr.toFixed(3)} | ${r.fpr_gap.toFixed(3)} | ${Object.entries(r.fpr_by_group)
          .map(([g, v]) => `${g} ${v.toFixed(3)}`)
          .join(', ')} |`,
    ),
    '',
  ];
  const conf = rows.find((r) => r.name === 'confounded');
  if (base && conf) lines.push(`Confounded minus baseline FPR gap: ${(conf.fpr_gap - base.fpr_gap).toFixed(3)}.`, '');
  lines.push(
    'Notes. At confounding 0 the gap is not zero. Part is sampling noise (each per-group FPR rests',
    'on about 600 to 1,800 negatives). Part is systematic: the `us` group is flagged a little',
    'more often in every run. Naming ethnicity is a (validated) trafficking indicator, so the model',
    'learns the nationality words of ethnicity phrases as red flags; the `us` group is named by just',
    "two words (American, all-American) in 40% of ads, so those words get the strongest weights, while",
    "each other group's wording is spread over four countries. Benign `us` ads that name their",
    'nationality then score higher: a bias that appears without any confounding.',
    'Low-prevalence has only about 50 positive test ads, so its ROC-AUC is noisy.',
    'baseline:shifted trains on baseline and tests on shifted.',
    '',
  );
  writeFileAtomic(outPath, lines.join('\n'));
}
