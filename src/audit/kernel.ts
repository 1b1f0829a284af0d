/**
 * The bootstrap's hot loops in WebAssembly: a resample's draw (multinomial.ts: the Poisson(1)
 * sweep and the exact per-stratum corrections) and its weighted pass over the ranks
 * (weighted-pass.ts `distinctRun`, and `tiedRun` for tied scores). They are about 95% of a
 * bootstrap's CPU time and were already tight JavaScript (about 7 + 11 ns per record without
 * ties). Why WebAssembly: the kernel (kernel.wat, assembled into kernel-wasm.ts by
 * `npm run audit-kernel`) does the same work in 52-57% less CPU (draw + pass, 1,000,000
 * records, 8 groups, JavaScript and kernel interleaved in one process: about 19-21 ms against
 * 8.6-9.3 ms per resample), and a whole resample as an audit runs it costs 35-48% less; the
 * full audit benchmark went from 17-20 s to 11-12 s of CPU (`node benchmarks/audit-kernel.mjs`,
 * `node benchmarks/audit.mjs --kernel js|wasm`; numbers in benchmarks/results/audit.md). With
 * tied scores (rounded to 3 or 5 decimals) the tied pass costs 0.71-0.85 of the JavaScript's, a
 * whole resample 0.72-0.86 (`node benchmarks/audit-kernel.mjs --ties 3`).
 *
 * Identity with the JavaScript path: the kernel performs the same integer operations (xoshiro128**,
 * table lookups, the exact tie-break on a CDF step, the same rejection sampling, with 64-bit
 * integers where JavaScript uses exact doubles below 2^53) and the same IEEE double multiplies,
 * divisions and adds in the same order as its JavaScript reference (WebAssembly neither fuses nor
 * reorders floating-point arithmetic), so the counts and every sum have the same bits; tests
 * compare them bit for bit (test/audit/kernel.test.ts). The JavaScript stays the reference and
 * the fallback: it runs when WebAssembly is unavailable, when a layout has more than 65,536
 * strata or does not fit a 32-bit memory, and for a cluster bootstrap's draw (its units are
 * clusters, not ranks).
 *
 * The module is compiled once per thread, lazily and synchronously; each binding (one per audit
 * and thread) gets its own instance and memory, into which the layout's arrays are copied once
 * (about 9 ms for a million records), so a resample copies nothing; the memory goes with the
 * binding.
 */
import { Buffer } from 'node:buffer';
import { KERNEL_WASM_BASE64 } from './kernel-wasm.js';
import { CDF_FRACTION, COUNT_OVERFLOW, POISSON_TABLE, SHIFTED_FLOOR, type CountsDraw, type PoissonSweep, type Xoshiro128 } from './multinomial.js';
import type { RankLayout } from './rank-layout.js';
import type { PassKernel, PassScratch } from './weighted-pass.js';

/** Where the bootstrap's hot loops run: the WebAssembly kernel (default, when it can) or JavaScript only. */
export type KernelChoice = 'wasm' | 'js';

/** A kernel instance bound to one rank layout (its arrays are copied into the kernel's memory). */
export interface BoundKernel {
  /** Draw counts in rank order, a view of the kernel's memory: pass it as the weights, so nothing is copied per resample. */
  w: Uint8Array;
  /** The weighted pass (tie blocks when the layout's scores are tied). */
  pass: PassKernel;
  /** The draw over the layout's ranks (and its Poisson sweep alone, for tests); undefined when not asked for. */
  draw: { counts: CountsDraw; sweep: PoissonSweep } | undefined;
}

/** The little of the WebAssembly API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}

/** What kernel.wat exports. */
interface KernelExports {
  setup(...addresses: number[]): void;
  sweep(n: number, totals: number): number;
  draw(n: number): number;
  pass(): number;
  setupBlocks(block: number, sliceBlock: number, slices: number): void;
  passTied(): number;
}

/** Fixed memory area of kernel.wat: tables, then the draw's two xoshiro128** states. */
const TABLE_AT = 0;
const FLOOR_AT = 4096;
const FRACTION_AT = 4416;
const STATE_AT = 4736;
const FIXED_BYTES = 4768;
const PAGE = 65536;
/** Per stratum in the kernel's memory: cnt, rank, cross, score, sq, runStart, flagged (see kernel.wat `pass`). */
const STRATUM_FIELDS = 7;
/** Per slice in the kernel's memory: cumP, cumN, aucL, apL. */
const SLICE_FIELDS = 4;

let compiled: object | null | undefined;
let preferred: KernelChoice = 'wasm';

/**
 * Sets where later audits in this thread run their bootstrap loops (the choice travels to worker
 * threads with the resampling basis). Results are identical either way: this is for measuring and
 * testing the JavaScript reference.
 */
export function useBootstrapKernel(choice: KernelChoice): void {
  preferred = choice;
}

/** The current choice of {@link useBootstrapKernel} (default 'wasm'). */
export function bootstrapKernel(): KernelChoice {
  return preferred;
}

/** The compiled kernel module of this thread (compiled on first use); null when WebAssembly is unavailable. */
function kernelModule(): object | null {
  if (compiled === undefined) {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      compiled = api === undefined ? null : new api.Module(new Uint8Array(Buffer.from(KERNEL_WASM_BASE64, 'base64')));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * Instantiates the kernel for `layout` and copies the layout in (about 10 bytes per record, 14
 * with `draw`); with `draw`, the draw over the layout's own ranks is bound too. Returns null when
 * the kernel cannot serve this layout (no WebAssembly, more than 65,536 strata, or a memory that
 * large cannot be made): use JavaScript.
 */
export function bindKernel(layout: RankLayout, options: { draw: boolean }): BoundKernel | null {
  const mod = kernelModule();
  const width = layout.rankStratum.BYTES_PER_ELEMENT;
  if (mod === null || width > 2) return null;
  const shift = width === 2 ? 1 : 0;
  const { n, cells: C, coarseLevels: K, bins: B, slices: S, segments } = layout;
  const T = layout.stratumSize.length;
  // addresses: 8-byte aligned, in the order they are allocated (plain arithmetic: they may pass 2^31)
  let top = FIXED_BYTES;
  const alloc = (bytes: number): number => {
    const at = Math.ceil(top / 8) * 8;
    top = at + bytes;
    return at;
  };
  const wAt = alloc(n + 1);
  const strataAt = alloc(n * width + 1); // one byte of padding: byte ids are read 16 bits at a time
  const scoresAt = alloc(8 * n);
  const totalsAt = alloc(4 * T);
  const coarseAt = alloc(4 * layout.coarseSlice.length);
  const segmentsAt = alloc(16 * segments.length);
  const accAt = alloc(8 * STRATUM_FIELDS * T);
  const binsAt = alloc(8 * 2 * T * B);
  const slicesAt = alloc(8 * SLICE_FIELDS * S);
  const blockAt = alloc(layout.tied ? 8 * T : 0);
  const sliceBlockAt = alloc(layout.tied ? 16 * S : 0);
  const draw = options.draw;
  const offsetAt = alloc(draw ? 4 * T : 0);
  const sizeAt = alloc(draw ? 4 * T : 0);
  const ranksAt = alloc(draw ? 4 * n : 0);
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly as WasmApi;
  let ex: KernelExports;
  let buf: ArrayBuffer;
  try {
    // made at its final size, never grown: growing detaches the old buffer, and the first detach in
    // a thread makes V8 drop the optimized code of every function that uses typed arrays
    const memory = new api.Memory({ initial: Math.ceil(top / PAGE) });
    ex = new api.Instance(mod, { env: { memory } }).exports as KernelExports;
    buf = memory.buffer;
  } catch {
    return null; // the memory cannot be that large (a 32-bit memory holds at most 4 GiB)
  }
  new Uint8Array(buf, TABLE_AT, POISSON_TABLE.length).set(POISSON_TABLE);
  new Float64Array(buf, FLOOR_AT, SHIFTED_FLOOR.length).set(SHIFTED_FLOOR);
  new Float64Array(buf, FRACTION_AT, CDF_FRACTION.length).set(CDF_FRACTION);
  (shift === 1 ? new Uint16Array(buf, strataAt, n) : new Uint8Array(buf, strataAt, n)).set(layout.rankStratum);
  new Float64Array(buf, scoresAt, n).set(layout.rankScore);
  new Uint32Array(buf, coarseAt, layout.coarseSlice.length).set(layout.coarseSlice);
  const seg = new Int32Array(buf, segmentsAt, 4 * segments.length);
  segments.forEach((g, i) => seg.set([g.start, g.end, g.bin, g.flagged ? 1 : 0], 4 * i));
  if (draw) {
    new Uint32Array(buf, offsetAt, T).set(layout.stratumOffset);
    new Uint32Array(buf, sizeAt, T).set(layout.stratumSize);
    new Uint32Array(buf, ranksAt, n).set(layout.strataRanks);
  }
  ex.setup(wAt, strataAt, shift, scoresAt, accAt, binsAt, B, T, slicesAt, coarseAt, C, K, segmentsAt, segments.length, totalsAt, offsetAt, sizeAt, ranksAt);
  ex.setupBlocks(blockAt, sliceBlockAt, S);
  const w = new Uint8Array(buf, wAt, n);
  const views = {
    acc: new Float64Array(buf, accAt, STRATUM_FIELDS * T),
    bins: new Float64Array(buf, binsAt, 2 * T * B),
    slices: new Float64Array(buf, slicesAt, SLICE_FIELDS * S),
    blocks: new Float64Array(buf, blockAt, layout.tied ? T + 2 * S : 0),
  };
  return {
    w,
    pass: passKernel(layout.tied ? () => ex.passTied() : () => ex.pass(), w, views),
    draw: draw ? drawKernel(ex, buf, n, w, new Int32Array(buf, totalsAt, T), totalsAt) : undefined,
  };
}

/**
 * The weighted pass in the kernel (`run`: its tie-free or its tied pass): weights copied in unless
 * they are the kernel's, accumulators copied out to `x`.
 */
function passKernel(run: () => number, w: Uint8Array, views: { acc: Float64Array; bins: Float64Array; slices: Float64Array; blocks: Float64Array }): PassKernel {
  const { acc, bins, slices, blocks } = views;
  return {
    pass(weights: Uint8Array, x: PassScratch): number {
      if (weights !== w) w.set(weights);
      acc.fill(0);
      bins.fill(0);
      slices.fill(0);
      blocks.fill(0);
      const ap = run();
      const { cnt, rank, cross, score, sq, runStart, flagged, binCount, binScore, cumP, cumN, aucL, apL } = x;
      for (let st = 0, o = 0; st < cnt.length; st++, o += STRATUM_FIELDS) {
        cnt[st] = acc[o] as number;
        rank[st] = acc[o + 1] as number;
        cross[st] = acc[o + 2] as number;
        score[st] = acc[o + 3] as number;
        sq[st] = acc[o + 4] as number;
        runStart[st] = acc[o + 5] as number;
        flagged[st] = acc[o + 6] as number;
      }
      binCount.set(bins.subarray(0, binCount.length));
      binScore.set(bins.subarray(binCount.length));
      for (let sl = 0, o = 0; sl < cumP.length; sl++, o += SLICE_FIELDS) {
        cumP[sl] = slices[o] as number;
        cumN[sl] = slices[o + 1] as number;
        aucL[sl] = slices[o + 2] as number;
        apL[sl] = slices[o + 3] as number;
      }
      return ap;
    },
  };
}

/** The draw bound to the kernel's weights and totals (copied out when the caller passes arrays of its own). */
function drawKernel(ex: KernelExports, buf: ArrayBuffer, n: number, w: Uint8Array, totals: Int32Array, totalsAt: number): { counts: CountsDraw; sweep: PoissonSweep } {
  const state = new Int32Array(buf, STATE_AT, 8);
  const enter = (rng: Xoshiro128, refine: Xoshiro128): void => {
    state.set([rng.s0, rng.s1, rng.s2, rng.s3, refine.s0, refine.s1, refine.s2, refine.s3]);
    totals.fill(0);
  };
  const leave = (rng: Xoshiro128, refine: Xoshiro128, weights: Uint8Array): void => {
    rng.s0 = state[0] as number;
    rng.s1 = state[1] as number;
    rng.s2 = state[2] as number;
    rng.s3 = state[3] as number;
    refine.s0 = state[4] as number;
    refine.s1 = state[5] as number;
    refine.s2 = state[6] as number;
    refine.s3 = state[7] as number;
    if (weights !== w) weights.set(w);
  };
  return {
    counts(weights, rng, refine) {
      enter(rng, refine);
      const failed = ex.draw(n) !== 0;
      leave(rng, refine, weights);
      if (failed) throw new Error(COUNT_OVERFLOW);
    },
    sweep(weights, rng, refine, into) {
      enter(rng, refine);
      const max = ex.sweep(n, totalsAt);
      leave(rng, refine, weights);
      if (into !== totals) into.set(totals);
      return max;
    },
  };
}
