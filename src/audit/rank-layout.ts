/**
 * The bootstrap's memory layout: every record once, in descending score order (its rank), with
 * its stratum id (one byte when there are at most 256 strata) and its score in flat typed
 * arrays. A resample's draw counts are written straight into rank order, so the draw and the
 * weighted pass behind every statistic read memory sequentially, and little of it per record
 * (see multinomial.ts and weighted-pass.ts); each stratum's list of ranks serves the draw's
 * exact corrections. Built once per audit from the engine's index; plain typed arrays only, so
 * it moves to worker threads by structured clone.
 */
import type { Prepared } from './engine.js';

/** A run of ranks sharing one calibration bin and one side of the threshold. */
export interface RankSegment {
  /** First rank (inclusive). */
  start: number;
  /** Last rank (exclusive). */
  end: number;
  /** Calibration bin of every record in the run. */
  bin: number;
  /** True when every record in the run is flagged (score >= threshold). */
  flagged: boolean;
}

/** Records in rank order, plus what the draw and the weighted pass need to know about strata and slices. */
export interface RankLayout {
  /** Number of records. */
  n: number;
  /** Calibration bins. */
  bins: number;
  /** True when some scores are tied (then ranks are processed in tie blocks). */
  tied: boolean;
  /** Number of finest cells C; stratum `2c + label` belongs to cell c. */
  cells: number;
  /** Number of slices over all levels. */
  slices: number;
  /** Stratum of each rank (bytes up to 256 strata, 16 bits up to 65,536). */
  rankStratum: Uint8Array | Uint16Array | Uint32Array;
  /** Score of each rank (descending). */
  rankScore: Float64Array;
  /** Runs of ranks with one calibration bin and one side of the threshold, in rank order. */
  segments: RankSegment[];
  /** Per stratum: offset into `strataRanks` and size (the engine's stratum offsets and sizes). */
  stratumOffset: Uint32Array;
  stratumSize: Uint32Array;
  /** Ranks of each stratum's records, stratum after stratum, ascending within a stratum. */
  strataRanks: Uint32Array;
  /** Per slice: its finest cell when its level's slices are exactly the cells (one cell each), else -1. */
  sliceCell: Int32Array;
  /** Levels coarser than the cells: the slice of every cell, flattened, `coarseSlice[k * cells + c]`. */
  coarseSlice: Uint32Array;
  /** Number of coarse levels K (so `coarseSlice.length === K * cells`). */
  coarseLevels: number;
  /** Strata (ascending) of each slice. */
  sliceStrata: Uint32Array[];
}

/** Builds the rank layout from the engine's index (needs `prep.sliceOf`, so call it where the index was built). */
export function buildRankLayout(prep: Prepared): RankLayout {
  const { n, stratumOffset, stratumSize, rankSlot, slotScore, sliceOf } = prep;
  const T = stratumSize.length;
  const C = T / 2;
  const S = prep.slices.length;
  const L = sliceOf.length;
  const ids = (k: number): Uint8Array | Uint16Array | Uint32Array => (T <= 256 ? new Uint8Array(k) : T <= 65536 ? new Uint16Array(k) : new Uint32Array(k));
  const stratumOfSlot = ids(n);
  for (let s = 0; s < T; s++) {
    const off = stratumOffset[s] as number;
    stratumOfSlot.fill(s, off, off + (stratumSize[s] as number));
  }
  const rankStratum = ids(n);
  const rankScore = new Float64Array(n);
  const strataRanks = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    const slot = rankSlot[p] as number;
    rankStratum[p] = stratumOfSlot[slot] as number;
    rankScore[p] = slotScore[slot] as number;
    strataRanks[slot] = p; // slots of a stratum are in rank order, so its ranks come out ascending
  }
  // runs of one bin and one side of the threshold (both are monotone in the score)
  const segments: RankSegment[] = [];
  for (let p = 0; p < n; ) {
    const bin = prep.slotBin[rankSlot[p] as number] as number;
    const flagged = (rankScore[p] as number) >= prep.threshold;
    let q = p + 1;
    while (q < n && prep.slotBin[rankSlot[q] as number] === bin && (rankScore[q] as number) >= prep.threshold === flagged) q++;
    segments.push({ start: p, end: q, bin, flagged });
    p = q;
  }
  // slice of each cell at each level
  const cellSliceOf = Array.from({ length: L }, () => new Uint32Array(C));
  for (let i = 0; i < n; i++) {
    const c = (stratumOfSlot[prep.slotOfRecord[i] as number] as number) >> 1;
    for (let l = 0; l < L; l++) (cellSliceOf[l] as Uint32Array)[c] = (sliceOf[l] as Uint32Array)[i] as number;
  }
  const sliceCell = new Int32Array(S).fill(-1);
  const coarseParts: Uint32Array[] = [];
  const sliceStrata: Array<number[]> = Array.from({ length: S }, () => []);
  for (let l = 0; l < L; l++) {
    const map = cellSliceOf[l] as Uint32Array;
    for (let c = 0; c < C; c++) {
      for (const st of [2 * c, 2 * c + 1]) if ((stratumSize[st] as number) > 0) (sliceStrata[map[c] as number] as number[]).push(st);
    }
    if (l === 0) continue;
    // a level's slices are the cells themselves when no two cells share a slice
    const seen = new Set<number>();
    for (let c = 0; c < C; c++) seen.add(map[c] as number);
    if (seen.size === C) for (let c = 0; c < C; c++) sliceCell[map[c] as number] = c;
    else coarseParts.push(map);
  }
  const coarseSlice = new Uint32Array(coarseParts.length * C);
  coarseParts.forEach((m, k) => coarseSlice.set(m, k * C));
  return {
    n,
    bins: prep.bins,
    tied: prep.tied,
    cells: C,
    slices: S,
    rankStratum,
    rankScore,
    stratumOffset,
    stratumSize,
    segments,
    strataRanks,
    sliceCell,
    coarseSlice,
    coarseLevels: coarseParts.length,
    sliceStrata: sliceStrata.map((x) => Uint32Array.from(x.sort((a, b) => a - b))),
  };
}
