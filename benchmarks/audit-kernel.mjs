#!/usr/bin/env node
/**
 * Per-resample CPU of the bootstrap's hot loops, JavaScript against the WebAssembly kernel
 * (src/audit/kernel.ts), interleaved in one process so that the machine's load hits both alike:
 * resample r is drawn and passed by one path, then by the other (the order alternating), and the
 * two must give the same bits. Data as in benchmarks/audit.mjs (continuous scores, 10% positives).
 *
 *   npx tsc -p tsconfig.build.json && node benchmarks/audit-kernel.mjs [--n 1000000] [--groups 8] [--columns 1] [--resamples 20]
 *
 * --columns 2 adds a second group column (3 values) with intersections, so that the pass also
 * updates coarse levels. --ties D rounds the scores to D decimals, so that the tied pass (tie
 * blocks) runs. Prints mean CPU milliseconds per resample (draw, pass, both) and the
 * kernel/JavaScript ratio; the first two resamples of each path are warm-up and not counted.
 * Then whole resamples as an audit runs them (runResamplesOn: binding the kernel, draw, pass,
 * statistics), --blocks blocks of --block-size (25) resamples per path, alternating (the first
 * block of each path is warm-up); an audit binds the kernel once per thread, here once per block.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { option } from './options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const load = async (path) => import(pathToFileURL(join(dist, path)).href);
const { Rng } = await load('random.js');
const { buildSlicing } = await load('audit/groups.js');
const { prepare } = await load('audit/prepare.js');
const { buildRankLayout } = await load('audit/rank-layout.js');
const { bindKernel } = await load('audit/kernel.js');
const { drawScratch, drawStratifiedCounts } = await load('audit/multinomial.js');
const { passScratch, weightedPass } = await load('audit/weighted-pass.js');
const { resampleBasis, runResamplesOn } = await load('audit/resample.js');
const { chooseReferences } = await load('audit/statistics.js');
const { evaluate } = await load('audit/engine.js');

const n = Number(option('--n', '1000000'));
const G = Number(option('--groups', '8'));
const columns = Number(option('--columns', '1'));
const R = Number(option('--resamples', '20'));
const blocks = Number(option('--blocks', '3'));
const blockSize = Number(option('--block-size', '25'));
/** --ties D: scores rounded to D decimals (tie blocks: the tied pass) instead of continuous. */
const ties = option('--ties', undefined);
const round = ties === undefined ? (x) => x : (x) => Number(x.toFixed(Number(ties)));

const rng = new Rng(12345);
const labels = new Uint8Array(n);
const scores = new Float64Array(n);
const groups = { group: new Array(n) };
if (columns > 1) groups.second = new Array(n);
for (let i = 0; i < n; i++) {
  const g = rng.int(G);
  groups.group[i] = `group-${g + 1}`;
  if (columns > 1) groups.second[i] = `s${rng.int(3)}`;
  const y = rng.bernoulli(0.1) ? 1 : 0;
  labels[i] = y;
  scores[i] = round(1 / (1 + Math.exp(-(1.5 * y + 0.1 * g - 1 + rng.normal()))));
}
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const slicing = buildSlicing(n, groups, { intersections: true });
const prep = prepare(labels, scores, slicing.slices, slicing.sliceOf, { threshold: 0.5, bins: 10 });
const layout = buildRankLayout(prep);
const b0 = cpu();
const kernel = bindKernel(layout, { draw: true });
const bindMs = cpu() - b0;
if (kernel === null || kernel.pass === undefined) throw new Error('the kernel cannot serve this layout');

const js = { w: new Uint8Array(n), draw: drawScratch(layout), pass: passScratch(layout), counts: undefined, passKernel: undefined };
const wasm = { w: kernel.w, draw: drawScratch(layout), pass: passScratch(layout), counts: kernel.draw.counts, passKernel: kernel.pass };
const bits = (sums) => Buffer.from(Float64Array.from(sums.flatMap((s) => [s.n, s.tp, s.fp, s.aucPairs, s.negVsAllPos, s.posVsAllNeg, s.apSum, s.sqErr, ...s.binCount, ...s.binScore])).buffer).toString('hex');
const total = { js: [0, 0], wasm: [0, 0] };
const once = (name, path, r) => {
  const c0 = cpu();
  drawStratifiedCounts(layout, path.w, 1, r, path.draw, path.counts);
  const c1 = cpu();
  const sums = weightedPass(layout, path.w, path.pass, path.passKernel);
  const c2 = cpu();
  if (r >= 2) {
    total[name][0] += c1 - c0;
    total[name][1] += c2 - c1;
  }
  return bits(sums);
};
const loadStart = loadavg();
for (let r = 0; r < R; r++) {
  const order = r % 2 === 0 ? ['js', 'wasm'] : ['wasm', 'js'];
  const out = {};
  for (const name of order) out[name] = once(name, name === 'js' ? js : wasm, r);
  if (out.js !== out.wasm || Buffer.compare(js.w, wasm.w) !== 0) throw new Error(`resample ${r}: the kernel and JavaScript differ`);
}
const k = R - 2;
const ms = (x) => (x / k).toFixed(2);
const [jd, jp] = total.js;
const [wd, wp] = total.wasm;
console.log(`n=${n.toLocaleString('en-US')} groups=${G} columns=${columns} strata=${layout.stratumSize.length} coarse levels=${layout.coarseLevels}, ${k} resamples per path (+2 warm-up), ${availableParallelism()} cores, load ${loadStart.map((x) => x.toFixed(2)).join(' ')}`);
console.log(`binding the kernel to the layout (instance, memory, copying the layout in): ${bindMs.toFixed(1)} ms CPU, once per audit and thread`);
console.log(`CPU ms per resample: JavaScript draw ${ms(jd)} + pass ${ms(jp)} = ${ms(jd + jp)}; WebAssembly draw ${ms(wd)} + pass ${ms(wp)} = ${ms(wd + wp)}`);
console.log(`kernel / JavaScript: draw ${(wd / jd).toFixed(3)}, pass ${(wp / jp).toFixed(3)}, both ${((wd + wp) / (jd + jp)).toFixed(3)} (identical bits in every resample)`);

// whole resamples, as audit() runs them (the kernel is bound once per block)
const basis = resampleBasis(prep);
const references = chooseReferences(slicing.levels, evaluate(prep, new Int32Array(n).fill(1)), {});
const whole = { js: 0, wasm: 0 };
for (let b = 0; b <= blocks; b++) {
  const out = {};
  for (const name of b % 2 === 0 ? ['js', 'wasm'] : ['wasm', 'js']) {
    const c0 = cpu();
    const arrays = runResamplesOn({ ...basis, kernel: name }, slicing.levels, references, 1, blockSize * b, blockSize * (b + 1)).arrays();
    if (b > 0) whole[name] += cpu() - c0;
    out[name] = arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex')).join('|');
  }
  if (out.js !== out.wasm) throw new Error(`block ${b}: the kernel and JavaScript differ`);
}
const per = (x) => (x / (blockSize * blocks)).toFixed(2);
console.log(`whole resamples (runResamplesOn, ${blockSize * blocks} per path): JavaScript ${per(whole.js)} ms, WebAssembly ${per(whole.wasm)} ms CPU per resample; kernel / JavaScript ${(whole.wasm / whole.js).toFixed(3)} (identical values)`);
