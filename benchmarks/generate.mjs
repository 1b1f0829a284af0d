#!/usr/bin/env node
/**
 * Generation + dataset-writing throughput: N records (default 1,000,000) streamed from
 * generateStream through writeDataset to JSONL (datasheet statistics included), in constant
 * memory. Reports records/s and peak RSS, and times the generator alone over the same records so
 * the writer's share is visible. Writes benchmarks/results/generate.md.
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/generate.mjs [--n 1000000] [--scenario baseline] [--format jsonl]
 */
import { mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStream, loadScenario } from '../dist/generate/index.js';
import { writeDataset } from '../dist/io/index.js';
import { VERSION } from '../dist/version.js';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const n = Number(arg('n', '1000000'));
const scenarioName = arg('scenario', 'baseline');
const format = arg('format', 'jsonl');
const seed = 1;
const scenario = loadScenario(scenarioName);

const cpuSecs = (start) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};

// 1. the generator alone (records consumed and dropped)
let t = performance.now();
let cpu = process.cpuUsage();
let chars = 0;
for (const r of generateStream(scenario, { n, seed })) chars += r.text.length;
const genSecs = (performance.now() - t) / 1000;
const genCpu = cpuSecs(cpu);
const rssAfterGen = process.resourceUsage().maxRSS / 1024;

// 2. generator + writeDataset (serialisation, validation, statistics, atomic write, datasheet)
const dir = mkdtempSync(join(tmpdir(), 'adscreen-bench-'));
const out = join(dir, `bench.${format}`);
t = performance.now();
cpu = process.cpuUsage();
const result = await writeDataset(generateStream(scenario, { n, seed }), out, { scenario, seed });
const totalSecs = (performance.now() - t) / 1000;
const totalCpu = cpuSecs(cpu);
const bytes = statSync(out).size;
const peakMB = process.resourceUsage().maxRSS / 1024;
rmSync(dir, { recursive: true, force: true });

const writerSecs = Math.max(totalSecs - genSecs, 0);
const writerCpu = Math.max(totalCpu - genCpu, 0);
const rate = (x) => Math.round(x).toLocaleString('en-US');
const lines = [
  '# Benchmark: generate + writeDataset',
  '',
  `- date: ${new Date().toISOString()}`,
  `- machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}`,
  `- adscreen ${VERSION}; backend: none (no tensorflow in this benchmark)`,
  `- command: \`node benchmarks/generate.mjs --n ${n} --scenario ${scenarioName} --format ${format}\``,
  `- load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(', ')} (CPU-time rates are less sensitive to other load than wall-clock rates)`,
  '',
  '| Measure | Value |',
  '|---|---|',
  `| records | ${rate(result.rows)} (${scenarioName}, seed ${seed}, no twins) |`,
  `| output | ${(bytes / 1e6).toFixed(1)} MB ${format.toUpperCase()} + datasheet |`,
  `| generator alone | wall ${genSecs.toFixed(2)} s = ${rate(n / genSecs)} records/s; CPU ${genCpu.toFixed(2)} s = ${rate(n / genCpu)} records/CPU-s (mean text ${(chars / n).toFixed(0)} chars) |`,
  `| generate + writeDataset | wall ${totalSecs.toFixed(2)} s = **${rate(result.rows / totalSecs)} records/s**; CPU ${totalCpu.toFixed(2)} s = ${rate(result.rows / totalCpu)} records/CPU-s |`,
  `| writer share (difference) | wall ${writerSecs.toFixed(2)} s, CPU ${writerCpu.toFixed(2)} s = ${writerCpu > 0 ? rate(n / writerCpu) : 'n/a'} records/CPU-s on its own |`,
  `| peak RSS | **${peakMB.toFixed(0)} MB** (after the generator-only pass: ${rssAfterGen.toFixed(0)} MB) |`,
  `| targets | >= 200,000 records/s: ${result.rows / totalSecs >= 200000 ? 'met' : 'not met'}; < 300 MB peak RSS: ${peakMB < 300 ? 'met' : 'not met'} |`,
  '',
];
const text = lines.join('\n');
process.stdout.write(text);
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, `generate${format === 'jsonl' ? '' : `-${format}`}.md`), text);
