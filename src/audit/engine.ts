/**
 * The one disaggregation engine. Records are sorted by score once; every slice of the data
 * (all records, each group of each column, each intersection) is then evaluated from weighted
 * counts over that one order. A weight vector of ones gives the point estimates; a bootstrap
 * resample is another weight vector (how often each record was drawn), so point estimates and
 * resamples run through exactly the same arithmetic and no resample is ever re-sorted.
 *
 * Layout. Records are split into strata (label x finest cell, the cell being the combination of
 * every group column's value). Each stratum owns a contiguous segment of the weight buffer, in
 * descending score order. A slice is a union of cells; it keeps, for each of its positives and
 * negatives in descending score order, where its weight lives and how many positives/negatives
 * (of the slice, and of all data) score strictly above it and at-or-above it. With prefix sums of
 * the weights these counts give, per slice and per resample, in O(slice size):
 * the Mann-Whitney AUC with ties counted half, Borkan's BPSN and BNSP AUCs, and average precision
 * at distinct thresholds (scikit-learn's definition), all exact for the weighted data.
 */
import { sortDescending } from './sorted.js';

/** A slice of the data, defined by which records belong to it. */
export interface SliceDef {
  /** Level this slice belongs to (0 = all records; then one level per group column). */
  level: number;
  /** Slice name within its level (the group value), `all` for level 0. */
  name: string;
}

/** Per-slice precomputed index arrays (see the module comment). */
interface SliceIndex {
  positives: number;
  negatives: number;
  strata: number[];
  posW: Uint32Array;
  posPIncl: Uint32Array;
  posMIncl: Uint32Array;
  posAllNegStrict: Uint32Array;
  posAllNegIncl: Uint32Array;
  negW: Uint32Array;
  negKStrict: Uint32Array;
  negKIncl: Uint32Array;
  negAllPosStrict: Uint32Array;
  negAllPosIncl: Uint32Array;
  prefixPos: Float64Array;
  prefixNeg: Float64Array;
}

/** Everything the engine precomputes from one sort; reused for every weight vector. */
export interface Prepared {
  /** Number of records. */
  n: number;
  /** Decision threshold (flag when score >= threshold). */
  threshold: number;
  /** Calibration bins (equal width on [0, 1]). */
  bins: number;
  /** True when every score lies in [0, 1] (Brier, ECE and calibration need it). */
  scoresInUnitInterval: boolean;
  /** Slice definitions, index 0 = all records. */
  slices: SliceDef[];
  /** Slice id of each record for each level: `sliceOf[level][record]`. */
  sliceOf: Uint32Array[];
  /** Per-stratum: offset into the weight buffer, size, label. */
  stratumOffset: Uint32Array;
  stratumSize: Uint32Array;
  stratumLabel: Uint8Array;
  /** Per weight-buffer slot: score, squared error, calibration bin, flagged (score >= threshold). */
  slotScore: Float64Array;
  slotErr: Float64Array;
  slotBin: Uint8Array;
  /** Per stratum: records flagged (a prefix of its segment, since segments are in descending score order). */
  stratumCut: Uint32Array;
  /** Per stratum and calibration bin: slot range [start, end) (bins are contiguous within a segment). */
  binStart: Uint32Array;
  binEnd: Uint32Array;
  /** True when some scores are tied (strict and inclusive counts then differ). */
  tied: boolean;
  /** Weight-buffer slot of each original record. */
  slotOfRecord: Uint32Array;
  /** Slices' index arrays. */
  index: SliceIndex[];
}

/** Raw weighted sums for one slice under one weight vector. */
export interface SliceSums {
  /** Weighted record counts. */
  n: number;
  positives: number;
  negatives: number;
  tp: number;
  fp: number;
  /** Pairs (positive, negative) of the slice ordered correctly, ties counting half. */
  aucPairs: number;
  /** Pairs (any positive, slice negative) ordered correctly (for BPSN). */
  negVsAllPos: number;
  /** Pairs (slice positive, any negative) ordered correctly (for BNSP). */
  posVsAllNeg: number;
  /** Sum over positives of precision at their (inclusive) threshold. */
  apSum: number;
  /** Sum of squared errors. */
  sqErr: number;
  /** Per calibration bin: count, score sum, positives. */
  binCount: Float64Array;
  binScore: Float64Array;
  binPos: Float64Array;
}

/** Calibration bin of a score: `min(floor(bins * s), bins - 1)`, so the last bin includes 1. */
export function calibrationBin(score: number, bins: number): number {
  const b = Math.floor(score * bins);
  return b < 0 ? 0 : b > bins - 1 ? bins - 1 : b;
}

/**
 * Builds the engine's index from labels (0/1), scores and a slice id per record per level.
 * Level 0 must put every record in slice 0. Inputs are assumed validated.
 */
export function prepare(
  labelsIn: ArrayLike<number>,
  scoresIn: ArrayLike<number>,
  slices: SliceDef[],
  sliceOf: Uint32Array[],
  options: { threshold: number; bins: number },
): Prepared {
  const n = labelsIn.length;
  const L = sliceOf.length;
  // monomorphic copies: plain arrays and typed arrays are both accepted
  const labels = Uint8Array.from(labelsIn);
  const scores = Float64Array.from(scoresIn);
  const order = sortDescending(scores);
  let unit = true;
  for (let i = 0; i < n; i++) {
    const s = scores[i] as number;
    if (!(s >= 0 && s <= 1)) unit = false;
  }
  // finest cell = combination of the slice ids of levels 1..L-1 (compacted pairwise)
  const S = slices.length;
  const cellOf = new Uint32Array(n);
  let cellCount = n > 0 ? 1 : 0;
  for (let l = 1; l < L; l++) {
    const ids = sliceOf[l] as Uint32Array;
    const pair = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const key = (cellOf[i] as number) * S + (ids[i] as number);
      let c = pair.get(key);
      if (c === undefined) {
        c = pair.size;
        pair.set(key, c);
      }
      cellOf[i] = c;
    }
    cellCount = pair.size;
  }
  const nStrata = 2 * cellCount;
  const stratumOfRecord = new Uint32Array(n);
  for (let i = 0; i < n; i++) stratumOfRecord[i] = 2 * (cellOf[i] as number) + (labels[i] as number);
  const stratumSize = new Uint32Array(nStrata);
  for (let i = 0; i < n; i++) stratumSize[stratumOfRecord[i] as number]++;
  const stratumOffset = new Uint32Array(nStrata);
  for (let s = 1; s < nStrata; s++) stratumOffset[s] = (stratumOffset[s - 1] as number) + (stratumSize[s - 1] as number);
  const stratumLabel = new Uint8Array(nStrata);
  for (let s = 0; s < nStrata; s++) stratumLabel[s] = s % 2;
  const fill = new Uint32Array(nStrata);
  const slotOfRecord = new Uint32Array(n);
  const slotScore = new Float64Array(n);
  const slotErr = new Float64Array(n);
  const slotBin = new Uint8Array(n);
  const stratumCut = new Uint32Array(nStrata);
  const B = options.bins;
  const binStart = new Uint32Array(nStrata * B);
  const binEnd = new Uint32Array(nStrata * B);
  for (let st = 0; st < nStrata; st++) {
    for (let b = 0; b < B; b++) {
      binStart[st * B + b] = stratumOffset[st] as number;
      binEnd[st * B + b] = stratumOffset[st] as number;
    }
  }
  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    const s = stratumOfRecord[i] as number;
    const slot = (stratumOffset[s] as number) + (fill[s] as number);
    fill[s]++;
    slotOfRecord[i] = slot;
    const sc = scores[i] as number;
    const d = sc - (labels[i] as number);
    slotScore[slot] = sc;
    slotErr[slot] = d * d;
    const bin = unit ? calibrationBin(sc, B) : 0;
    slotBin[slot] = bin;
    if (sc >= options.threshold) stratumCut[s]++;
    // slots of a stratum are filled in descending score order, so each bin is one range
    if ((binEnd[s * B + bin] as number) === (binStart[s * B + bin] as number)) binStart[s * B + bin] = slot;
    binEnd[s * B + bin] = slot + 1;
  }
  let tied = false;
  for (let p = 1; p < n && !tied; p++) if ((scores[order[p] as number] as number) === (scores[order[p - 1] as number] as number)) tied = true;
  // slice sizes and strata membership (via one representative record per cell)
  const pos = new Uint32Array(S);
  const neg = new Uint32Array(S);
  for (let l = 0; l < L; l++) {
    const ids = sliceOf[l] as Uint32Array;
    for (let i = 0; i < n; i++) {
      if ((labels[i] as number) === 1) pos[ids[i] as number]++;
      else neg[ids[i] as number]++;
    }
  }
  const strataSets: Array<Set<number>> = slices.map(() => new Set<number>());
  const repOfCell = new Int32Array(cellCount).fill(-1);
  for (let i = 0; i < n; i++) if ((repOfCell[cellOf[i] as number] as number) < 0) repOfCell[cellOf[i] as number] = i;
  for (let c = 0; c < cellCount; c++) {
    const i = repOfCell[c] as number;
    for (let l = 0; l < L; l++) {
      const set = strataSets[(sliceOf[l] as Uint32Array)[i] as number] as Set<number>;
      for (const st of [2 * c, 2 * c + 1]) if ((stratumSize[st] as number) > 0) set.add(st);
    }
  }
  const index: SliceIndex[] = slices.map((_, sl) => {
    const P = pos[sl] as number;
    const N = neg[sl] as number;
    return {
      positives: P,
      negatives: N,
      strata: [...(strataSets[sl] as Set<number>)].sort((a, b) => a - b),
      posW: new Uint32Array(P),
      posPIncl: new Uint32Array(P),
      posMIncl: new Uint32Array(P),
      posAllNegStrict: new Uint32Array(P),
      posAllNegIncl: new Uint32Array(P),
      negW: new Uint32Array(N),
      negKStrict: new Uint32Array(N),
      negKIncl: new Uint32Array(N),
      negAllPosStrict: new Uint32Array(N),
      negAllPosIncl: new Uint32Array(N),
      prefixPos: new Float64Array(P + 1),
      prefixNeg: new Float64Array(N + 1),
    };
  });
  // one walk over tie blocks in descending score order
  const cntPos = new Uint32Array(S);
  const cntNeg = new Uint32Array(S);
  const filled = new Uint32Array(S * 2); // next free local index: [2*sl] positives, [2*sl+1] negatives
  let scratch = new Uint32Array(64);
  let a = 0;
  while (a < n) {
    const sa = scores[order[a] as number] as number;
    let b = a + 1;
    while (b < n && (scores[order[b] as number] as number) === sa) b++;
    if (b - a === 1) {
      // no tie: strict and inclusive counts differ only by the record itself
      const i = order[a] as number;
      const y = (labels[i] as number) === 1;
      const slot = slotOfRecord[i] as number;
      for (let l = 0; l < L; l++) {
        const sl = (sliceOf[l] as Uint32Array)[i] as number;
        const ix = index[sl] as SliceIndex;
        if (y) {
          const li = filled[2 * sl] as number;
          filled[2 * sl] = li + 1;
          cntPos[sl]++;
          ix.posW[li] = slot;
          ix.posAllNegStrict[li] = cntNeg[0] as number;
          ix.posAllNegIncl[li] = cntNeg[0] as number;
          ix.posPIncl[li] = cntPos[sl] as number;
          ix.posMIncl[li] = cntNeg[sl] as number;
        } else {
          const li = filled[2 * sl + 1] as number;
          filled[2 * sl + 1] = li + 1;
          cntNeg[sl]++;
          ix.negW[li] = slot;
          ix.negKStrict[li] = cntPos[sl] as number;
          ix.negKIncl[li] = cntPos[sl] as number;
          ix.negAllPosStrict[li] = cntPos[0] as number;
          ix.negAllPosIncl[li] = cntPos[0] as number;
        }
      }
      a = b;
      continue;
    }
    if ((b - a) * L > scratch.length) scratch = new Uint32Array(2 * (b - a) * L);
    // pass 1: strict counts, assign local indices
    for (let p = a; p < b; p++) {
      const i = order[p] as number;
      const y = (labels[i] as number) === 1;
      for (let l = 0; l < L; l++) {
        const sl = (sliceOf[l] as Uint32Array)[i] as number;
        const ix = index[sl] as SliceIndex;
        if (y) {
          const li = filled[2 * sl] as number;
          filled[2 * sl] = li + 1;
          scratch[(p - a) * L + l] = li;
          ix.posW[li] = slotOfRecord[i] as number;
          ix.posAllNegStrict[li] = cntNeg[0] as number;
        } else {
          const li = filled[2 * sl + 1] as number;
          filled[2 * sl + 1] = li + 1;
          scratch[(p - a) * L + l] = li;
          ix.negW[li] = slotOfRecord[i] as number;
          ix.negKStrict[li] = cntPos[sl] as number;
          ix.negAllPosStrict[li] = cntPos[0] as number;
        }
      }
    }
    // pass 2: update running counts
    for (let p = a; p < b; p++) {
      const i = order[p] as number;
      const y = (labels[i] as number) === 1;
      for (let l = 0; l < L; l++) {
        const sl = (sliceOf[l] as Uint32Array)[i] as number;
        if (y) cntPos[sl]++;
        else cntNeg[sl]++;
      }
    }
    // pass 3: inclusive counts
    for (let p = a; p < b; p++) {
      const i = order[p] as number;
      const y = (labels[i] as number) === 1;
      for (let l = 0; l < L; l++) {
        const sl = (sliceOf[l] as Uint32Array)[i] as number;
        const ix = index[sl] as SliceIndex;
        const li = scratch[(p - a) * L + l] as number;
        if (y) {
          ix.posPIncl[li] = cntPos[sl] as number;
          ix.posMIncl[li] = cntNeg[sl] as number;
          ix.posAllNegIncl[li] = cntNeg[0] as number;
        } else {
          ix.negKIncl[li] = cntPos[sl] as number;
          ix.negAllPosIncl[li] = cntPos[0] as number;
        }
      }
    }
    a = b;
  }
  return {
    n,
    threshold: options.threshold,
    bins: options.bins,
    scoresInUnitInterval: unit,
    slices,
    sliceOf,
    stratumOffset,
    stratumSize,
    stratumLabel,
    slotScore,
    slotErr,
    slotBin,
    stratumCut,
    binStart,
    binEnd,
    tied,
    slotOfRecord,
    index,
  };
}

/** Per-stratum sums of one weight vector. */
interface StratumSums {
  n: Float64Array;
  flagged: Float64Array;
  sqErr: Float64Array;
  binCount: Float64Array;
  binScore: Float64Array;
}

function stratumSums(prep: Prepared, w: Int32Array): StratumSums {
  const T = prep.stratumSize.length;
  const B = prep.bins;
  const n = new Float64Array(T);
  const flaggedOut = new Float64Array(T);
  const sqErrOut = new Float64Array(T);
  const binCount = new Float64Array(T * B);
  const binScore = new Float64Array(T * B);
  const { slotScore, slotErr, binStart, binEnd } = prep;
  for (let s = 0; s < T; s++) {
    const off = prep.stratumOffset[s] as number;
    const cut = off + (prep.stratumCut[s] as number);
    let flagged = 0;
    for (let k = off; k < cut; k++) flagged += w[k] as number;
    let total = 0;
    let sq = 0;
    for (let b = 0; b < B; b++) {
      const lo = binStart[s * B + b] as number;
      const hi = binEnd[s * B + b] as number;
      let cnt = 0;
      let sc = 0;
      for (let k = lo; k < hi; k++) {
        const wk = w[k] as number;
        cnt += wk;
        sc += wk * (slotScore[k] as number);
        sq += wk * (slotErr[k] as number);
      }
      binCount[s * B + b] = cnt;
      binScore[s * B + b] = sc;
      total += cnt;
    }
    n[s] = total;
    flaggedOut[s] = flagged;
    sqErrOut[s] = sq;
  }
  return { n, flagged: flaggedOut, sqErr: sqErrOut, binCount, binScore };
}

function prefix(target: Float64Array, idx: Uint32Array, w: Int32Array): void {
  let acc = 0;
  target[0] = 0;
  for (let k = 0; k < idx.length; k++) {
    acc += w[idx[k] as number] as number;
    target[k + 1] = acc;
  }
}

/**
 * Evaluates every slice under one weight vector (`w[slot]` = times the record in that slot is
 * counted; all ones for the point estimate). Returns raw sums per slice.
 */
export function evaluate(prep: Prepared, w: Int32Array): SliceSums[] {
  const st = stratumSums(prep, w);
  const B = prep.bins;
  for (const ix of prep.index) {
    prefix(ix.prefixPos, ix.posW, w);
    prefix(ix.prefixNeg, ix.negW, w);
  }
  const all = prep.index[0] as SliceIndex;
  const allPos = all.prefixPos;
  const allNeg = all.prefixNeg;
  const totalNeg = allNeg[all.negatives] as number;
  const tied = prep.tied;
  return prep.index.map((ix, slice) => {
    const pp = ix.prefixPos;
    const pn = ix.prefixNeg;
    const isAll = slice === 0;
    // negatives: pairs with slice positives and with all positives (ties half: strict + inclusive, halved)
    let aucTwice = 0;
    let negAllTwice = 0;
    {
      const negW = ix.negW;
      const kS = ix.negKStrict;
      const kI = ix.negKIncl;
      const aS = ix.negAllPosStrict;
      const aI = ix.negAllPosIncl;
      const N = ix.negatives;
      if (tied) {
        for (let j = 0; j < N; j++) {
          const wj = w[negW[j] as number] as number;
          aucTwice += wj * ((pp[kS[j] as number] as number) + (pp[kI[j] as number] as number));
          if (!isAll) negAllTwice += wj * ((allPos[aS[j] as number] as number) + (allPos[aI[j] as number] as number));
        }
      } else if (isAll) {
        for (let j = 0; j < N; j++) aucTwice += (w[negW[j] as number] as number) * (pp[kS[j] as number] as number);
        aucTwice *= 2;
      } else {
        for (let j = 0; j < N; j++) {
          const wj = w[negW[j] as number] as number;
          aucTwice += wj * (pp[kS[j] as number] as number);
          negAllTwice += wj * (allPos[aS[j] as number] as number);
        }
        aucTwice *= 2;
        negAllTwice *= 2;
      }
      if (isAll) negAllTwice = aucTwice;
    }
    // positives: precision at their inclusive threshold, pairs with all negatives scored lower
    let apSum = 0;
    let posAllTwice = 0;
    {
      const posW = ix.posW;
      const pI = ix.posPIncl;
      const mI = ix.posMIncl;
      const bS = ix.posAllNegStrict;
      const bI = ix.posAllNegIncl;
      const P = ix.positives;
      const twoN = 2 * totalNeg;
      for (let i = 0; i < P; i++) {
        const wi = w[posW[i] as number] as number;
        if (wi === 0) continue;
        const tp = pp[pI[i] as number] as number;
        const fp = pn[mI[i] as number] as number;
        apSum += (wi * tp) / (tp + fp);
        if (!isAll) posAllTwice += wi * (twoN - (allNeg[bS[i] as number] as number) - (allNeg[bI[i] as number] as number));
      }
      if (isAll) posAllTwice = aucTwice;
    }
    let n = 0;
    let P = 0;
    let tp = 0;
    let fp = 0;
    let sqErr = 0;
    const binCount = new Float64Array(B);
    const binScore = new Float64Array(B);
    const binPos = new Float64Array(B);
    for (const s of ix.strata) {
      const cnt = st.n[s] as number;
      n += cnt;
      sqErr += st.sqErr[s] as number;
      const isPos = prep.stratumLabel[s] === 1;
      if (isPos) {
        P += cnt;
        tp += st.flagged[s] as number;
      } else fp += st.flagged[s] as number;
      for (let b = 0; b < B; b++) {
        const c = st.binCount[s * B + b] as number;
        binCount[b] += c;
        binScore[b] += st.binScore[s * B + b] as number;
        if (isPos) binPos[b] += c;
      }
    }
    return {
      n,
      positives: P,
      negatives: n - P,
      tp,
      fp,
      aucPairs: aucTwice / 2,
      negVsAllPos: negAllTwice / 2,
      posVsAllNeg: posAllTwice / 2,
      apSum,
      sqErr,
      binCount,
      binScore,
      binPos,
    };
  });
}

/** Scores of a slice's positives and negatives, each in descending order (for curves). */
export function sliceScores(prep: Prepared, slice: number): { pos: Float64Array; neg: Float64Array } {
  const ix = prep.index[slice] as SliceIndex;
  const pos = new Float64Array(ix.positives);
  const neg = new Float64Array(ix.negatives);
  for (let k = 0; k < pos.length; k++) pos[k] = prep.slotScore[ix.posW[k] as number] as number;
  for (let k = 0; k < neg.length; k++) neg[k] = prep.slotScore[ix.negW[k] as number] as number;
  return { pos, neg };
}
