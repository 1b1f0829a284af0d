/**
 * The weighted pass of a bootstrap resample: from each record's draw count (in rank order, see
 * rank-layout.ts), the same raw sums per slice ({@link SliceSums}) as the engine's `evaluate()`
 * gives for that weight vector, so resamples and point estimates feed the same statistics code.
 *
 * One sequential sweep over the records by descending score, with running weighted counts per
 * stratum: a negative adds (all positives above it) to its BPSN pairs; a positive adds its
 * precision for average precision, and (negatives above it, in its cell and in all data) to sums
 * that give the AUC's and BNSP's pairs (pairs = positives x negatives - those sums). Rank sums
 * are kept per finest cell (a stratum pair) and, for levels coarser than the cells, per slice.
 * With tied scores, records are taken in tie blocks: a pair tied in score counts half (the
 * Mann-Whitney convention) and a positive's precision is that of its whole block (scikit-learn's
 * distinct thresholds). Sums that do not depend on the order (score sums, squared errors) are
 * kept per stratum; calibration bins and the threshold cut are runs of ranks (segments), closed
 * once per run. Slices add up their strata at the end.
 *
 * This JavaScript is the reference: audits run the same pass, bit for bit, in the WebAssembly
 * kernel (kernel.ts) when it can serve the layout.
 */
import type { SliceSums } from './engine.js';
import type { RankLayout } from './rank-layout.js';

/** Per-thread accumulators of {@link weightedPass} (allocated once, reset per call). */
export interface PassScratch {
  /** Per stratum: running weight (records drawn so far in rank order). */
  cnt: Float64Array;
  /**
   * Per stratum: for a positive stratum its cell's average-precision sum; for a negative stratum
   * the sum over its cell's positives of weight x the cell's negatives above (ties half), from
   * which the cell's AUC pairs follow.
   */
  rank: Float64Array;
  /** Per stratum: weight x all positives above (negative strata) or x all negatives above (positive strata). */
  cross: Float64Array;
  /** Per stratum: score sum of the current run of ranks, and squared error. */
  score: Float64Array;
  sq: Float64Array;
  /** Per stratum: running weight where the current run of ranks started, and weight at or above the threshold. */
  runStart: Float64Array;
  flagged: Float64Array;
  /** Per stratum and bin: weight and score sum. */
  binCount: Float64Array;
  binScore: Float64Array;
  /** Per stratum: weight within the current tie block. */
  block: Float64Array;
  /** Per slice (coarse levels): running positives and negatives, positives' weight x negatives above (ties half), average-precision sum, tie-block weights. */
  cumP: Float64Array;
  cumN: Float64Array;
  aucL: Float64Array;
  apL: Float64Array;
  blockP: Float64Array;
  blockN: Float64Array;
}

/** Allocates the accumulators of {@link weightedPass} for a layout. */
export function passScratch(layout: RankLayout): PassScratch {
  const T = layout.stratumSize.length;
  const S = layout.slices;
  const f = (k: number): Float64Array => new Float64Array(k);
  return {
    cnt: f(T),
    rank: f(T),
    cross: f(T),
    score: f(T),
    sq: f(T),
    runStart: f(T),
    flagged: f(T),
    binCount: f(T * layout.bins),
    binScore: f(T * layout.bins),
    block: f(T),
    cumP: f(S),
    cumN: f(S),
    aucL: f(S),
    apL: f(S),
    blockP: f(S),
    blockN: f(S),
  };
}


/**
 * Closes a run of ranks (a segment): the weight and score sum each stratum gathered in it go to
 * the run's calibration bin, and its weight to `flagged` when the run is above the threshold.
 */
function closeRun(x: PassScratch, bins: number, bin: number, flaggedRun: boolean): void {
  const { cnt, score, runStart, flagged, binCount, binScore } = x;
  for (let st = 0; st < cnt.length; st++) {
    const d = (cnt[st] as number) - (runStart[st] as number);
    binCount[st * bins + bin] += d;
    binScore[st * bins + bin] += score[st] as number;
    if (flaggedRun) flagged[st] += d;
    runStart[st] = cnt[st] as number;
    score[st] = 0;
  }
}

/**
 * All ranks without ties, one record at a time, run by run; returns the overall
 * average-precision sum. A zero weight changes nothing, so negatives (most records) run without
 * a branch on it.
 */
function distinctRun(layout: RankLayout, w: Uint8Array, x: PassScratch): number {
  const strata = layout.rankStratum;
  const scores = layout.rankScore;
  const { cnt, rank, cross, score, sq, cumP, cumN, aucL, apL } = x;
  const C = layout.cells;
  const K = layout.coarseLevels;
  const coarse = layout.coarseSlice;
  // -0: doubles from the start, so V8 keeps the running sums unboxed
  let allPos = -0;
  let allNeg = -0;
  let ap = -0;
  for (const seg of layout.segments) {
    const end = seg.end;
    for (let p = seg.start; p < end; p++) {
      const wt = w[p] as number;
      const st = strata[p] as number;
      if ((st & 1) === 1) {
        if (wt === 0) continue;
        const s = scores[p] as number;
        score[st] += wt * s;
        const d = s - 1;
        sq[st] += wt * d * d;
        allPos += wt;
        ap += (wt * allPos) / (allPos + allNeg);
        const cp = (cnt[st] as number) + wt;
        cnt[st] = cp;
        const cn = cnt[st - 1] as number;
        rank[st] += (wt * cp) / (cp + cn);
        rank[st - 1] += wt * cn;
        cross[st] += wt * allNeg;
        for (let k = 0; k < K; k++) {
          const sl = coarse[k * C + (st >> 1)] as number;
          const q = (cumP[sl] as number) + wt;
          cumP[sl] = q;
          const qn = cumN[sl] as number;
          apL[sl] += (wt * q) / (q + qn);
          aucL[sl] += wt * qn;
        }
      } else {
        const s = scores[p] as number;
        const ws = wt * s;
        score[st] += ws;
        sq[st] += ws * s;
        cross[st] += wt * allPos;
        cnt[st] += wt;
        allNeg += wt;
        for (let k = 0; k < K; k++) cumN[coarse[k * C + (st >> 1)] as number] += wt;
      }
    }
    closeRun(x, layout.bins, seg.bin, seg.flagged);
  }
  // returned, not stored: code after a long loop has no type feedback when V8 compiles the loop
  // on the fly (OSR), and a keyed store there would deoptimize it on every call
  return ap;
}

/** All ranks with ties, run by run and tie block by tie block, a tied pair counting half; returns the overall average-precision sum. */
function tiedRun(layout: RankLayout, w: Uint8Array, x: PassScratch): number {
  const strata = layout.rankStratum;
  const scores = layout.rankScore;
  const { cnt, rank, cross, score, sq, block, cumP, cumN, aucL, apL, blockP, blockN } = x;
  const C = layout.cells;
  const K = layout.coarseLevels;
  const coarse = layout.coarseSlice;
  let allPos = -0;
  let allNeg = -0;
  let ap = -0;
  for (const seg of layout.segments) {
    const end = seg.end;
    let p = seg.start;
    while (p < end) {
      const s = scores[p] as number;
      let q = p + 1;
      while (q < end && scores[q] === s) q++;
      // sweep 1: the block's weight per stratum and per coarse slice
      let bPos = -0;
      let bNeg = -0;
      for (let r = p; r < q; r++) {
        const wt = w[r] as number;
        if (wt === 0) continue;
        const st = strata[r] as number;
        block[st] += wt;
        const pos = (st & 1) === 1;
        if (pos) bPos += wt;
        else bNeg += wt;
        for (let k = 0; k < K; k++) {
          const sl = coarse[k * C + (st >> 1)] as number;
          if (pos) blockP[sl] += wt;
          else blockN[sl] += wt;
        }
      }
      // sweep 2: each record against the records above the block and half of the block
      if (bPos > 0) ap += (bPos * (allPos + bPos)) / (allPos + bPos + allNeg + bNeg); // every positive of the block has its precision
      for (let r = p; r < q; r++) {
        const wt = w[r] as number;
        if (wt === 0) continue;
        const st = strata[r] as number;
        score[st] += wt * s;
        if ((st & 1) === 1) {
          const d = s - 1;
          sq[st] += wt * d * d;
          const cp = (cnt[st] as number) + (block[st] as number);
          const cn = cnt[st - 1] as number;
          const bn = block[st - 1] as number;
          rank[st] += (wt * cp) / (cp + cn + bn);
          rank[st - 1] += wt * (cn + bn / 2);
          cross[st] += wt * (allNeg + bNeg / 2);
          for (let k = 0; k < K; k++) {
            const sl = coarse[k * C + (st >> 1)] as number;
            const qp = (cumP[sl] as number) + (blockP[sl] as number);
            const qn = cumN[sl] as number;
            const bl = blockN[sl] as number;
            apL[sl] += (wt * qp) / (qp + qn + bl);
            aucL[sl] += wt * (qn + bl / 2);
          }
        } else {
          sq[st] += wt * s * s;
          cross[st] += wt * (allPos + bPos / 2);
        }
      }
      // sweep 3: the block joins the running counts (each stratum and slice once: its block weight
      // is reset), through the block's records or, for a long block, through every stratum and slice
      if (q - p <= block.length + blockP.length) {
        for (let r = p; r < q; r++) {
          if ((w[r] as number) === 0) continue;
          const st = strata[r] as number;
          cnt[st] += block[st] as number;
          block[st] = 0;
          for (let k = 0; k < K; k++) {
            const sl = coarse[k * C + (st >> 1)] as number;
            cumP[sl] += blockP[sl] as number;
            cumN[sl] += blockN[sl] as number;
            blockP[sl] = 0;
            blockN[sl] = 0;
          }
        }
      } else {
        for (let st = 0; st < block.length; st++) cnt[st] += block[st] as number;
        block.fill(0);
        if (K > 0) {
          for (let sl = 0; sl < blockP.length; sl++) {
            cumP[sl] += blockP[sl] as number;
            cumN[sl] += blockN[sl] as number;
          }
          blockP.fill(0);
          blockN.fill(0);
        }
      }
      allPos += bPos;
      allNeg += bNeg;
      p = q;
    }
    closeRun(x, layout.bins, seg.bin, seg.flagged);
  }
  return ap;
}

/**
 * A replacement for {@link distinctRun} or, with ties, {@link tiedRun} (the WebAssembly kernel,
 * kernel.ts), bound to the layout: `pass(w, x)` adds to `x` (zero on entry) exactly what the
 * JavaScript run adds, with the same operations in the same order, so the same bits in every
 * accumulator, and returns the overall average-precision sum.
 */
export interface PassKernel {
  /** distinctRun(layout, w, x) or tiedRun(layout, w, x), computed in the kernel. */
  pass(w: Uint8Array, x: PassScratch): number;
}

/**
 * Raw sums of every slice for the weights `w` (one count per rank, see rank-layout.ts): the same
 * quantities as the engine's `evaluate()` gives for the same weights in slot order. With
 * `kernel` (bound to this layout), the sweep runs there; the sums have the same bits either way.
 */
export function weightedPass(layout: RankLayout, w: Uint8Array, x: PassScratch = passScratch(layout), kernel?: PassKernel): SliceSums[] {
  for (const a of Object.values(x) as Float64Array[]) a.fill(0);
  let ap: number;
  if (kernel !== undefined) ap = kernel.pass(w, x);
  else if (layout.tied) ap = tiedRun(layout, w, x);
  else ap = distinctRun(layout, w, x);
  return sliceSums(layout, x, ap);
}

/** Sums each slice's strata into its {@link SliceSums}. */
function sliceSums(layout: RankLayout, x: PassScratch, ap: number): SliceSums[] {
  const B = layout.bins;
  const { cnt, rank, cross, sq, flagged, binCount: bc, binScore: bs, cumP, cumN, aucL, apL } = x;
  const T = layout.stratumSize.length;
  let totalNeg = 0;
  let auc0 = 0;
  for (let st = 0; st < T; st += 2) {
    totalNeg += cnt[st] as number;
    auc0 += cross[st] as number;
  }
  const out: SliceSums[] = [];
  for (let s = 0; s < layout.slices; s++) {
    let n = 0;
    let P = 0;
    let tp = 0;
    let fp = 0;
    let sqErr = 0;
    let negVsAllPos = 0;
    let posVsAllNeg = 0;
    const binCount = new Float64Array(B);
    const binScore = new Float64Array(B);
    const binPos = new Float64Array(B);
    for (const st of layout.sliceStrata[s] as Uint32Array) {
      const c = cnt[st] as number;
      n += c;
      sqErr += sq[st] as number;
      const isPos = (st & 1) === 1;
      if (isPos) {
        P += c;
        tp += flagged[st] as number;
        posVsAllNeg += c * totalNeg - (cross[st] as number);
      } else {
        fp += flagged[st] as number;
        negVsAllPos += cross[st] as number;
      }
      for (let b = 0; b < B; b++) {
        const v = bc[st * B + b] as number;
        binCount[b] += v;
        binScore[b] += bs[st * B + b] as number;
        if (isPos) binPos[b] += v;
      }
    }
    let aucPairs: number;
    let apSum: number;
    const cell = layout.sliceCell[s] as number;
    if (s === 0) {
      aucPairs = auc0;
      negVsAllPos = auc0;
      posVsAllNeg = auc0;
      apSum = ap;
    } else if (cell >= 0) {
      // pairs = positives x negatives - (each positive's weight x the negatives above it, ties half)
      aucPairs = (cnt[2 * cell + 1] as number) * (cnt[2 * cell] as number) - (rank[2 * cell] as number);
      apSum = rank[2 * cell + 1] as number;
    } else {
      aucPairs = (cumP[s] as number) * (cumN[s] as number) - (aucL[s] as number);
      apSum = apL[s] as number;
    }
    out.push({ n, positives: P, negatives: n - P, tp, fp, aucPairs, negVsAllPos, posVsAllNeg, apSum, sqErr, binCount, binScore, binPos });
  }
  return out;
}
