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
 *
 * The work is split into small functions, one loop or two each: V8 compiles a long loop while it
 * runs (OSR) and recompiles the whole function after a deoptimization, which for one large
 * function cost about 85 ms of compile time per audit in experiment workers.
 */
export function prepare(
  labelsIn: ArrayLike<number>,
  scoresIn: ArrayLike<number>,
  slices: SliceDef[],
  sliceOf: Uint32Array[],
  options: { threshold: number; bins: number; rankIndex?: boolean },
): Prepared {
  const n = labelsIn.length;
  // monomorphic copies: plain arrays and typed arrays are both accepted
  const labels = Uint8Array.from(labelsIn);
  const scores = Float64Array.from(scoresIn);
  const order = sortDescending(scores);
  const unit = inUnitInterval(scores);
  const { cellOf, cellCount } = finestCells(n, sliceOf, slices.length);
  const strata = strataOf(labels, cellOf, cellCount);
  const slots = fillSlots(order, scores, labels, strata, options.threshold, options.bins, unit);
  const { pos, neg } = sliceCounts(labels, sliceOf, slices.length);
  const strataSets = sliceStrata(slices.length, sliceOf, cellOf, cellCount, strata.stratumSize);
  const tied = (options.rankIndex ?? false) || hasTies(slots.rankScore); // rankIndex: the tie-capable layout even without ties
  const rankSliceOf = rankSliceIds(sliceOf, order);
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
  const ranks: RankOrder = { rankScore: slots.rankScore, rankLabel: slots.rankLabel, rankSlot: slots.rankSlot, rankSliceOf };
  if (tied) indexTieBlocks(ranks, index, slices.length);
  else indexDistinct(ranks, index, slices.length);
  return {
    n,
    threshold: options.threshold,
    bins: options.bins,
    scoresInUnitInterval: unit,
    slices,
    sliceOf,
    stratumOffset: strata.stratumOffset,
    stratumSize: strata.stratumSize,
    stratumLabel: strata.stratumLabel,
    slotScore: slots.slotScore,
    slotErr: slots.slotErr,
    slotBin: slots.slotBin,
    stratumCut: slots.stratumCut,
    binStart: slots.binStart,
    binEnd: slots.binEnd,
    tied,
    rankSlot: slots.rankSlot,
    ...rankArrays(n, tied, slots.rankLabel, rankSliceOf),
    slotOfRecord: slots.slotOfRecord,
    index,
  };
}

/** True when every score lies in [0, 1]. */
function inUnitInterval(scores: Float64Array): boolean {
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (!(s >= 0 && s <= 1)) return false;
  }
  return true;
}

/** Finest cell of each record: the combination of its slice ids at levels 1..L-1, compacted pairwise. */
function finestCells(n: number, sliceOf: Uint32Array[], S: number): { cellOf: Uint32Array; cellCount: number } {
  const cellOf = new Uint32Array(n);
  let cellCount = n > 0 ? 1 : 0;
  for (let l = 1; l < sliceOf.length; l++) {
    const ids = sliceOf[l] as Uint32Array;
    cellCount = cellCount * S <= 1 << 22 ? pairDense(cellOf, ids, cellCount * S, S) : pairMapped(cellOf, ids, S);
  }
  return { cellOf, cellCount };
}

/** Replaces each record's cell by the id of its (cell, slice id) pair through a dense table; returns the number of pairs. */
function pairDense(cellOf: Uint32Array, ids: Uint32Array, keys: number, S: number): number {
  const pair = new Int32Array(keys).fill(-1);
  let next = 0;
  for (let i = 0; i < cellOf.length; i++) {
    const key = (cellOf[i] as number) * S + (ids[i] as number);
    let c = pair[key] as number;
    if (c < 0) {
      c = next++;
      pair[key] = c;
    }
    cellOf[i] = c;
  }
  return next;
}

/** {@link pairDense} through a hash map, for many cells. */
function pairMapped(cellOf: Uint32Array, ids: Uint32Array, S: number): number {
  const pair = new Map<number, number>();
  for (let i = 0; i < cellOf.length; i++) {
    const key = (cellOf[i] as number) * S + (ids[i] as number);
    let c = pair.get(key);
    if (c === undefined) {
      c = pair.size;
      pair.set(key, c);
    }
    cellOf[i] = c;
  }
  return pair.size;
}

/** Strata (stratum `2 * cell + label`): each record's, and their sizes, slot offsets and labels. */
type Strata = Pick<Prepared, 'stratumSize' | 'stratumOffset' | 'stratumLabel'> & { stratumOfRecord: Uint32Array };

function strataOf(labels: Uint8Array, cellOf: Uint32Array, cellCount: number): Strata {
  const n = labels.length;
  const nStrata = 2 * cellCount;
  const stratumOfRecord = new Uint32Array(n);
  const stratumSize = new Uint32Array(nStrata);
  for (let i = 0; i < n; i++) {
    const st = 2 * (cellOf[i] as number) + (labels[i] as number);
    stratumOfRecord[i] = st;
    stratumSize[st]++;
  }
  const stratumOffset = new Uint32Array(nStrata);
  for (let s = 1; s < nStrata; s++) stratumOffset[s] = (stratumOffset[s - 1] as number) + (stratumSize[s - 1] as number);
  const stratumLabel = new Uint8Array(nStrata);
  for (let s = 0; s < nStrata; s++) stratumLabel[s] = s % 2;
  return { stratumOfRecord, stratumSize, stratumOffset, stratumLabel };
}

/** Weight-buffer slots (see engine.ts) and what later loops need in rank order. */
type Slots = Pick<Prepared, 'slotOfRecord' | 'slotScore' | 'slotErr' | 'slotBin' | 'stratumCut' | 'binStart' | 'binEnd' | 'rankSlot'> & {
  rankScore: Float64Array;
  rankLabel: Uint8Array;
};

/**
 * Gives each record its slot (its stratum's next one, in descending score order) and gathers
 * scores, labels and slots into rank order once, so that later loops read memory sequentially.
 */
function fillSlots(order: Uint32Array, scores: Float64Array, labels: Uint8Array, strata: Strata, threshold: number, B: number, unit: boolean): Slots {
  const n = order.length;
  const nStrata = strata.stratumOffset.length;
  const slots: Slots = {
    slotOfRecord: new Uint32Array(n),
    slotScore: new Float64Array(n),
    slotErr: new Float64Array(n),
    slotBin: new Uint8Array(n),
    stratumCut: new Uint32Array(nStrata),
    binStart: new Uint32Array(nStrata * B),
    binEnd: new Uint32Array(nStrata * B),
    rankScore: new Float64Array(n),
    rankLabel: new Uint8Array(n),
    rankSlot: new Uint32Array(n),
  };
  fillSlotArrays(order, scores, labels, strata.stratumOfRecord, strata.stratumOffset, threshold, B, unit, slots);
  return slots;
}

/**
 * The loops of {@link fillSlots}, in a function that returns nothing: code after a long loop
 * that V8 compiled while it ran (OSR) has no type feedback, and an object literal there would
 * deoptimize the compiled loop on every audit.
 */
function fillSlotArrays(
  order: Uint32Array,
  scores: Float64Array,
  labels: Uint8Array,
  stratumOfRecord: Uint32Array,
  stratumOffset: Uint32Array,
  threshold: number,
  B: number,
  unit: boolean,
  slots: Slots,
): void {
  const n = order.length;
  const nStrata = stratumOffset.length;
  const fill = new Uint32Array(nStrata);
  const { slotOfRecord, slotScore, slotErr, slotBin, stratumCut, binStart, binEnd, rankScore, rankLabel, rankSlot } = slots;
  for (let st = 0; st < nStrata; st++) {
    binStart.fill(stratumOffset[st] as number, st * B, (st + 1) * B);
    binEnd.fill(stratumOffset[st] as number, st * B, (st + 1) * B);
  }
  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    const s = stratumOfRecord[i] as number;
    const slot = (stratumOffset[s] as number) + (fill[s] as number);
    fill[s]++;
    slotOfRecord[i] = slot;
    rankSlot[p] = slot;
    const sc = scores[i] as number;
    const y = labels[i] as number;
    rankScore[p] = sc;
    rankLabel[p] = y;
    const d = sc - y;
    slotScore[slot] = sc;
    slotErr[slot] = d * d;
    const bin = unit ? calibrationBin(sc, B) : 0;
    slotBin[slot] = bin;
    if (sc >= threshold) stratumCut[s]++;
    // slots of a stratum are filled in descending score order, so each bin is one range
    if ((binEnd[s * B + bin] as number) === (binStart[s * B + bin] as number)) binStart[s * B + bin] = slot;
    binEnd[s * B + bin] = slot + 1;
  }
}

/** Positives and negatives of every slice. */
function sliceCounts(labels: Uint8Array, sliceOf: Uint32Array[], S: number): { pos: Uint32Array; neg: Uint32Array } {
  const pos = new Uint32Array(S);
  const neg = new Uint32Array(S);
  for (const ids of sliceOf) {
    for (let i = 0; i < labels.length; i++) {
      if ((labels[i] as number) === 1) pos[ids[i] as number]++;
      else neg[ids[i] as number]++;
    }
  }
  return { pos, neg };
}

/** The non-empty strata of every slice (through one representative record per cell). */
function sliceStrata(S: number, sliceOf: Uint32Array[], cellOf: Uint32Array, cellCount: number, stratumSize: Uint32Array): Array<Set<number>> {
  const strataSets: Array<Set<number>> = Array.from({ length: S }, () => new Set<number>());
  const repOfCell = new Int32Array(cellCount).fill(-1);
  for (let i = 0; i < cellOf.length; i++) if ((repOfCell[cellOf[i] as number] as number) < 0) repOfCell[cellOf[i] as number] = i;
  for (let c = 0; c < cellCount; c++) {
    const i = repOfCell[c] as number;
    for (const ids of sliceOf) {
      const set = strataSets[ids[i] as number] as Set<number>;
      for (const st of [2 * c, 2 * c + 1]) if ((stratumSize[st] as number) > 0) set.add(st);
    }
  }
  return strataSets;
}

/** True when two ranks share a score. */
function hasTies(rankScore: Float64Array): boolean {
  for (let p = 1; p < rankScore.length; p++) if ((rankScore[p] as number) === (rankScore[p - 1] as number)) return true;
  return false;
}

/** Slice ids of every level in rank order (level 0: all zeros). */
function rankSliceIds(sliceOf: Uint32Array[], order: Uint32Array): Uint32Array[] {
  const n = order.length;
  const out: Uint32Array[] = [new Uint32Array(n)];
  for (let l = 1; l < sliceOf.length; l++) {
    const ids = sliceOf[l] as Uint32Array;
    const r = new Uint32Array(n);
    for (let p = 0; p < n; p++) r[p] = ids[order[p] as number] as number;
    out.push(r);
  }
  return out;
}

/** Records in rank order: score, label, slot and slice id per level. */
interface RankOrder {
  rankScore: Float64Array;
  rankLabel: Uint8Array;
  rankSlot: Uint32Array;
  rankSliceOf: Uint32Array[];
}

/** Without ties: each slice's positive and negative slots in descending score order (for curves). */
function indexDistinct(ranks: RankOrder, index: SliceIndex[], S: number): void {
  const { rankLabel, rankSlot, rankSliceOf } = ranks;
  const filled = new Uint32Array(S * 2); // next free local index: [2*sl] positives, [2*sl+1] negatives
  for (let l = 0; l < rankSliceOf.length; l++) indexDistinctLevel(rankSliceOf[l] as Uint32Array, rankLabel, rankSlot, index, filled);
}

/** {@link indexDistinct} for the slice ids `ids` of one level (a loop of its own, for the reason given at `fillSlotArrays`). */
function indexDistinctLevel(ids: Uint32Array, rankLabel: Uint8Array, rankSlot: Uint32Array, index: SliceIndex[], filled: Uint32Array): void {
  for (let p = 0; p < rankSlot.length; p++) {
    const sl = ids[p] as number;
    const ix = index[sl] as SliceIndex;
    if ((rankLabel[p] as number) === 1) ix.posW[filled[2 * sl]++ as number] = rankSlot[p] as number;
    else ix.negW[filled[2 * sl + 1]++ as number] = rankSlot[p] as number;
  }
}

/**
 * With ties: one walk over tie blocks in descending score order, giving each slice's records
 * their slots and how many positives and negatives (of the slice and of all data) score
 * strictly above and at-or-above them.
 */
function indexTieBlocks(ranks: RankOrder, index: SliceIndex[], S: number): void {
  const { rankScore, rankLabel, rankSlot, rankSliceOf } = ranks;
  const n = rankScore.length;
  const L = rankSliceOf.length;
  const cntPos = new Uint32Array(S);
  const cntNeg = new Uint32Array(S);
  const filled = new Uint32Array(S * 2); // next free local index: [2*sl] positives, [2*sl+1] negatives
  let scratch = new Uint32Array(64);
  let a = 0;
  while (a < n) {
    const sa = rankScore[a] as number;
    let b = a + 1;
    while (b < n && (rankScore[b] as number) === sa) b++;
    if ((b - a) * L > scratch.length) scratch = new Uint32Array(2 * (b - a) * L);
    // pass 1: strict counts, assign local indices
    for (let p = a; p < b; p++) {
      const y = (rankLabel[p] as number) === 1;
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
      const y = (rankLabel[p] as number) === 1;
      for (let l = 0; l < L; l++) {
        const sl = (rankSliceOf[l] as Uint32Array)[p] as number;
        if (y) cntPos[sl]++;
        else cntNeg[sl]++;
      }
    }
    // pass 3: inclusive counts
    for (let p = a; p < b; p++) {
      const y = (rankLabel[p] as number) === 1;
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
