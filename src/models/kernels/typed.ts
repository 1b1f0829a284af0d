/**
 * Pure typed-array implementations behind adscreen's fast kernels: row gather and unsorted
 * segment sum over row-major data. No TensorFlow.js here, so they can be tested and reused alone.
 */

/** A numeric typed array a kernel reads or writes. */
export type NumericArray = Float32Array | Int32Array;

/**
 * Copies rows `indices[i]` of `x` (rows of `inner` values) into `out` row `i`.
 * Throws a RangeError naming the first index outside `[0, rows)`.
 */
export function gatherRows(x: NumericArray, rows: number, inner: number, indices: Int32Array, out: NumericArray): void {
  const n = indices.length;
  if (inner === 1) {
    for (let i = 0; i < n; i++) {
      const r = indices[i] as number;
      if (r < 0 || r >= rows) throw indexError(r, rows);
      out[i] = x[r] as number;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const r = indices[i] as number;
    if (r < 0 || r >= rows) throw indexError(r, rows);
    let src = r * inner;
    let dst = i * inner;
    const end = dst + inner;
    while (dst < end) out[dst++] = x[src++] as number;
  }
}

function indexError(index: number, rows: number): RangeError {
  return new RangeError(`GatherV2: the index value ${index} is not in [0, ${rows - 1}]`);
}

/**
 * Sums rows of `x` (rows of `inner` values) into `out` row `segmentIds[i]`, accumulating in
 * double precision. Rows whose segment id is negative or not below `numSegments` are dropped,
 * as TensorFlow.js's CPU kernel does. `out` is overwritten.
 */
export function segmentSumRows(
  x: NumericArray,
  inner: number,
  segmentIds: Int32Array,
  numSegments: number,
  out: NumericArray,
): void {
  // the loops live in their own function: code after a long loop that V8 compiles on the fly
  // (OSR) has no type feedback, and this call deoptimized on every kernel call when it was there
  out.set(segmentSums(x, inner, segmentIds, numSegments));
}

/** The double-precision row sums of {@link segmentSumRows}. */
function segmentSums(x: NumericArray, inner: number, segmentIds: Int32Array, numSegments: number): Float64Array {
  const n = segmentIds.length;
  const acc = new Float64Array(numSegments * inner);
  if (inner === 1) {
    for (let i = 0; i < n; i++) {
      const s = segmentIds[i] as number;
      if (s >= 0 && s < numSegments) acc[s] = (acc[s] as number) + (x[i] as number);
    }
    return acc;
  }
  for (let i = 0; i < n; i++) {
    const s = segmentIds[i] as number;
    if (s < 0 || s >= numSegments) continue;
    let src = i * inner;
    let dst = s * inner;
    const end = dst + inner;
    while (dst < end) {
      acc[dst] = (acc[dst] as number) + (x[src++] as number);
      dst++;
    }
  }
  return acc;
}
