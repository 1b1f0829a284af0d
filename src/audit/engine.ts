/**
 * The one disaggregation engine. Records are sorted by score once; every slice of the data
 * (all records, each group of each column, each intersection) is then evaluated from weighted
 * counts over that one order. A weight vector of ones gives the point estimates; a bootstrap
 * resample is another weight vector (how often each record was drawn), evaluated without
 * re-sorting by weighted-pass.ts over the records laid out in score order (rank-layout.ts): it
 * returns the same {@link SliceSums} as {@link evaluate} for the same weights (tested), so point
 * estimates and resamples feed the same statistics code.
 *
 * Layout. Records are split into strata (label x finest cell, the cell being the combination of
 * every group column's value). Each stratum owns a contiguous segment of the weight buffer, in
 * descending score order. A slice is a union of cells. When scores are tied, a slice keeps, for
 * each of its positives and negatives in descending score order, where its weight lives and how
 * many positives/negatives (of the slice, and of all data) score strictly above it and
 * at-or-above it; prefix sums of the weights at those ranks count pairs, ties counting half.
 * Without ties, a slice keeps its records in score order and one pass with running weighted
 * counts suffices. Either way, per slice, in O(slice size): the Mann-Whitney AUC,
 * Borkan's BPSN and BNSP AUCs, and average precision at distinct thresholds (scikit-learn's
 * definition), all exact for the weighted data. The index is built in prepare.ts.
 */

/** A slice of the data, defined by which records belong to it. */
export interface SliceDef {
  /** Level this slice belongs to (0 = all records; then one level per group column). */
  level: number;
  /** Slice name within its level (the group value), `all` for level 0. */
  name: string;
}

/** Per-slice precomputed index arrays (see the module comment). */
export interface SliceIndex {
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
  /** Weight-buffer slot of each rank (descending score order; ties in input order). */
  rankSlot: Uint32Array;
  /** Without ties: label of each rank. */
  rankLabel: Uint8Array;
  /** Without ties: slice id of each rank at levels 1..L-1, `rankSlice[p * (L - 1) + l - 1]`. */
  rankSlice: Uint32Array;
  /** Number of levels L (level 0 = all records). */
  levelCount: number;
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

/** Rank-based sums of one slice: the pair counts behind AUC, BPSN, BNSP and average precision. */
interface RankSums {
  aucPairs: number;
  negVsAllPos: number;
  posVsAllNeg: number;
  apSum: number;
}

/** Rank sums with ties: prefix sums of the weights at each record's strict and inclusive ranks. */
function rankSumsTied(prep: Prepared, w: Int32Array): RankSums[] {
  for (const ix of prep.index) {
    prefix(ix.prefixPos, ix.posW, w);
    prefix(ix.prefixNeg, ix.negW, w);
  }
  const all = prep.index[0] as SliceIndex;
  const allPos = all.prefixPos;
  const allNeg = all.prefixNeg;
  const twoN = 2 * (allNeg[all.negatives] as number);
  const sums = new Float64Array(4);
  return prep.index.map((ix) => {
    tiedPairSums(ix, w, allPos, allNeg, twoN, sums);
    return { aucPairs: (sums[0] as number) / 2, negVsAllPos: (sums[1] as number) / 2, posVsAllNeg: (sums[3] as number) / 2, apSum: sums[2] as number };
  });
}

/**
 * One slice's sums of {@link rankSumsTied} into `out`: twice its AUC pairs, twice its pairs
 * against all positives, its AP sum, and twice its pairs against all negatives. The loops are a
 * function of their own that returns nothing: V8 compiles a long loop while it runs (OSR), and
 * code after it that had not run yet would deoptimize that compiled code on every call.
 */
function tiedPairSums(ix: SliceIndex, w: Int32Array, allPos: Float64Array, allNeg: Float64Array, twoN: number, out: Float64Array): void {
  const pp = ix.prefixPos;
  const pn = ix.prefixNeg;
  // each pair is counted from its strict and its inclusive rank, then halved: a tie counts half
  let aucTwice = 0;
  let negAllTwice = 0;
  const { negW, negKStrict: kS, negKIncl: kI, negAllPosStrict: aS, negAllPosIncl: aI } = ix;
  for (let j = 0; j < ix.negatives; j++) {
    const wj = w[negW[j] as number] as number;
    aucTwice += wj * ((pp[kS[j] as number] as number) + (pp[kI[j] as number] as number));
    negAllTwice += wj * ((allPos[aS[j] as number] as number) + (allPos[aI[j] as number] as number));
  }
  let apSum = 0;
  let posAllTwice = 0;
  const { posW, posPIncl: pI, posMIncl: mI, posAllNegStrict: bS, posAllNegIncl: bI } = ix;
  for (let i = 0; i < ix.positives; i++) {
    const wi = w[posW[i] as number] as number;
    if (wi === 0) continue;
    const tp = pp[pI[i] as number] as number;
    const fp = pn[mI[i] as number] as number;
    apSum += (wi * tp) / (tp + fp);
    posAllTwice += wi * (twoN - (allNeg[bS[i] as number] as number) - (allNeg[bI[i] as number] as number));
  }
  out[0] = aucTwice;
  out[1] = negAllTwice;
  out[2] = apSum;
  out[3] = posAllTwice;
}

/**
 * Rank sums without ties: one pass over all records in descending score order, carrying each
 * slice's running weighted counts; a record updates its slice at every level. A negative adds
 * (positives above it) to its slices' pair counts; a positive adds its precision and (negatives
 * below it) to BNSP's pairs. Exact for integer weights: no ties means no half pairs.
 */
function rankSumsSequential(prep: Prepared, w: Int32Array, totalNeg: number): RankSums[] {
  const S = prep.index.length;
  const L1 = prep.levelCount - 1;
  const { rankSlot, rankLabel, rankSlice } = prep;
  const cumPos = new Float64Array(S);
  const cumNeg = new Float64Array(S);
  const auc = new Float64Array(S);
  const negAll = new Float64Array(S);
  const posAll = new Float64Array(S);
  const ap = new Float64Array(S);
  let allPos = 0;
  let allNeg = 0;
  let auc0 = 0;
  let ap0 = 0;
  const n = rankSlot.length;
  for (let p = 0; p < n; p++) {
    const wt = w[rankSlot[p] as number] as number;
    if (wt === 0) continue;
    const base = p * L1;
    if (rankLabel[p] === 1) {
      allPos += wt;
      ap0 += (wt * allPos) / (allPos + allNeg);
      const below = wt * (totalNeg - allNeg);
      for (let k = 0; k < L1; k++) {
        const s = rankSlice[base + k] as number;
        const cp = (cumPos[s] as number) + wt;
        cumPos[s] = cp;
        ap[s] += (wt * cp) / (cp + (cumNeg[s] as number));
        posAll[s] += below;
      }
    } else {
      auc0 += wt * allPos;
      allNeg += wt;
      const above = wt * allPos;
      for (let k = 0; k < L1; k++) {
        const s = rankSlice[base + k] as number;
        auc[s] += wt * (cumPos[s] as number);
        negAll[s] += above;
        cumNeg[s] += wt;
      }
    }
  }
  const out: RankSums[] = [{ aucPairs: auc0, negVsAllPos: auc0, posVsAllNeg: auc0, apSum: ap0 }];
  for (let s = 1; s < S; s++) {
    out.push({ aucPairs: auc[s] as number, negVsAllPos: negAll[s] as number, posVsAllNeg: posAll[s] as number, apSum: ap[s] as number });
  }
  return out;
}

/**
 * Evaluates every slice under one weight vector (`w[slot]` = times the record in that slot is
 * counted; all ones for the point estimate). Returns raw sums per slice.
 */
export function evaluate(prep: Prepared, w: Int32Array): SliceSums[] {
  const st = stratumSums(prep, w);
  const B = prep.bins;
  let totalNeg = 0;
  for (let s = 0; s < prep.stratumLabel.length; s++) if (prep.stratumLabel[s] === 0) totalNeg += st.n[s] as number;
  const ranks = prep.tied ? rankSumsTied(prep, w) : rankSumsSequential(prep, w, totalNeg);
  return prep.index.map((ix, slice) => {
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
    return { n, positives: P, negatives: n - P, tp, fp, ...(ranks[slice] as RankSums), sqErr, binCount, binScore, binPos };
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
