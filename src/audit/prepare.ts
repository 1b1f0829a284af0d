/**
 * Builds the engine's index (see engine.ts): one sort, strata (label x finest cell), weight-buffer
 * slots in descending score order, and each slice's rank counts (with ties) or score-ordered
 * sequence (without).
 */
import { calibrationBin, type Prepared, type SliceDef, type SliceIndex } from './engine.js';
import { sortDescending } from './sorted.js';

/**
 * Builds the engine's index from labels (0/1), scores and a slice id per record per level.
 * Level 0 must put every record in slice 0. Inputs are assumed validated.
 */
export function prepare(
  labelsIn: ArrayLike<number>,
  scoresIn: ArrayLike<number>,
  slices: SliceDef[],
  sliceOf: Uint32Array[],
  options: { threshold: number; bins: number; rankIndex?: boolean },
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
    const keys = cellCount * S;
    if (keys <= 1 << 22) {
      // a dense table of pair -> cell: no hashing per record
      const pair = new Int32Array(keys).fill(-1);
      let next = 0;
      for (let i = 0; i < n; i++) {
        const key = (cellOf[i] as number) * S + (ids[i] as number);
        let c = pair[key] as number;
        if (c < 0) {
          c = next++;
          pair[key] = c;
        }
        cellOf[i] = c;
      }
      cellCount = next;
      continue;
    }
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
  // what later loops need, gathered once into rank order (they then read memory sequentially)
  const rankScore = new Float64Array(n);
  const rankLabelAll = new Uint8Array(n);
  const rankSlot = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    const s = stratumOfRecord[i] as number;
    const slot = (stratumOffset[s] as number) + (fill[s] as number);
    fill[s]++;
    slotOfRecord[i] = slot;
    rankSlot[p] = slot;
    const sc = scores[i] as number;
    rankScore[p] = sc;
    rankLabelAll[p] = labels[i] as number;
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
  let tied = options.rankIndex ?? false; // rankIndex: use the tie-capable layout even without ties
  for (let p = 1; p < n && !tied; p++) if ((rankScore[p] as number) === (rankScore[p - 1] as number)) tied = true;
  // slice ids in rank order, levels 1..L-1 (level 0 is slice 0 for every record)
  const rankSliceOf: Uint32Array[] = [new Uint32Array(n)];
  for (let l = 1; l < L; l++) {
    const ids = sliceOf[l] as Uint32Array;
    const out = new Uint32Array(n);
    for (let p = 0; p < n; p++) out[p] = ids[order[p] as number] as number;
    rankSliceOf.push(out);
  }
  // with ties: rank counts per record (strict and inclusive); without: one sequence per slice
  const index: SliceIndex[] = slices.map((_, sl) => {
    const P = pos[sl] as number;
    const N = neg[sl] as number;
    const Pt = tied ? P : 0;
    const Nt = tied ? N : 0;
    return {
      positives: P,
      negatives: N,
      strata: [...(strataSets[sl] as Set<number>)].sort((a, b) => a - b),
      posW: new Uint32Array(P),
      posPIncl: new Uint32Array(Pt),
      posMIncl: new Uint32Array(Pt),
      posAllNegStrict: new Uint32Array(Pt),
      posAllNegIncl: new Uint32Array(Pt),
      negW: new Uint32Array(N),
      negKStrict: new Uint32Array(Nt),
      negKIncl: new Uint32Array(Nt),
      negAllPosStrict: new Uint32Array(Nt),
      negAllPosIncl: new Uint32Array(Nt),
      prefixPos: new Float64Array(tied ? P + 1 : 0),
      prefixNeg: new Float64Array(tied ? N + 1 : 0),
    };
  });
  // one walk over tie blocks in descending score order
  const cntPos = new Uint32Array(S);
  const cntNeg = new Uint32Array(S);
  const filled = new Uint32Array(S * 2); // next free local index: [2*sl] positives, [2*sl+1] negatives
  let scratch = new Uint32Array(64);
  let a = 0;
  while (a < n) {
    const sa = rankScore[a] as number;
    let b = a + 1;
    while (b < n && (rankScore[b] as number) === sa) b++;
    if (!tied) {
      // no ties anywhere: only the slices' positive and negative slots (for curves)
      const y = rankLabelAll[a] as number;
      const slot = rankSlot[a] as number;
      for (let l = 0; l < L; l++) {
        const sl = (rankSliceOf[l] as Uint32Array)[a] as number;
        const ix = index[sl] as SliceIndex;
        if (y === 1) ix.posW[filled[2 * sl]++ as number] = slot;
        else ix.negW[filled[2 * sl + 1]++ as number] = slot;
      }
      a = b;
      continue;
    }
    if ((b - a) * L > scratch.length) scratch = new Uint32Array(2 * (b - a) * L);
    // pass 1: strict counts, assign local indices
    for (let p = a; p < b; p++) {
      const y = (rankLabelAll[p] as number) === 1;
      for (let l = 0; l < L; l++) {
        const sl = (rankSliceOf[l] as Uint32Array)[p] as number;
        const ix = index[sl] as SliceIndex;
        if (y) {
          const li = filled[2 * sl] as number;
          filled[2 * sl] = li + 1;
          scratch[(p - a) * L + l] = li;
          ix.posW[li] = rankSlot[p] as number;
          ix.posAllNegStrict[li] = cntNeg[0] as number;
        } else {
          const li = filled[2 * sl + 1] as number;
          filled[2 * sl + 1] = li + 1;
          scratch[(p - a) * L + l] = li;
          ix.negW[li] = rankSlot[p] as number;
          ix.negKStrict[li] = cntPos[sl] as number;
          ix.negAllPosStrict[li] = cntPos[0] as number;
        }
      }
    }
    // pass 2: update running counts
    for (let p = a; p < b; p++) {
      const y = (rankLabelAll[p] as number) === 1;
      for (let l = 0; l < L; l++) {
        const sl = (rankSliceOf[l] as Uint32Array)[p] as number;
        if (y) cntPos[sl]++;
        else cntNeg[sl]++;
      }
    }
    // pass 3: inclusive counts
    for (let p = a; p < b; p++) {
      const y = (rankLabelAll[p] as number) === 1;
      for (let l = 0; l < L; l++) {
        const sl = (rankSliceOf[l] as Uint32Array)[p] as number;
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
    rankSlot,
    ...rankArrays(n, tied, rankLabelAll, rankSliceOf),
    slotOfRecord,
    index,
  };
}


/**
 * Without ties, the label and slice ids (levels 1..L-1) of each rank, for the engine's single
 * pass (from the rank-order copies prepare() gathered).
 */
function rankArrays(n: number, tied: boolean, rankLabel: Uint8Array, rankSliceOf: Uint32Array[]): Pick<Prepared, 'rankLabel' | 'rankSlice' | 'levelCount'> {
  const L = rankSliceOf.length;
  if (tied) return { rankLabel: new Uint8Array(0), rankSlice: new Uint32Array(0), levelCount: L };
  if (L === 2) return { rankLabel, rankSlice: rankSliceOf[1] as Uint32Array, levelCount: L };
  const rankSlice = new Uint32Array(n * Math.max(L - 1, 0));
  for (let l = 1; l < L; l++) {
    const ids = rankSliceOf[l] as Uint32Array;
    for (let p = 0; p < n; p++) rankSlice[p * (L - 1) + l - 1] = ids[p] as number;
  }
  return { rankLabel, rankSlice, levelCount: L };
}
