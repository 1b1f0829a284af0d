import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
// the whole bundle (a devDependency): registers the reference CPU backend the fast kernels are
// checked against, and the gradients the gradient test needs (adscreen itself trains without autograd)
import '@tensorflow/tfjs';
import { initBackend } from '../../src/models/backend.js';
import {
  fastKernelsRegistered,
  gatherRows,
  registerFastKernels,
  segmentSumRows,
  unregisterFastKernels,
} from '../../src/models/kernels/index.js';
import { Rng } from '../../src/random.js';

/** A gather or segment-sum case: plain arrays so it can run on any backend. */
interface Case {
  x: { values: number[]; shape: number[]; dtype: 'float32' | 'int32' };
  ids: { values: number[]; shape: number[] };
  numSegments?: number;
  axis?: number;
}

function randomData(rng: Rng, shape: number[], dtype: 'float32' | 'int32'): Case['x'] {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: size }, () => (dtype === 'int32' ? rng.intBetween(-50, 50) : rng.normal() * 3));
  return { values, shape, dtype };
}

async function run(backend: string, c: Case, op: 'gather' | 'segsum'): Promise<{ values: number[]; shape: number[] }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.tensor(c.x.values, c.x.shape, c.x.dtype);
    const ids = tf.tensor(c.ids.values, c.ids.shape, 'int32');
    const out = op === 'gather' ? tf.gather(x, ids, c.axis ?? 0) : tf.unsortedSegmentSum(x, ids as tf.Tensor1D, c.numSegments as number);
    return { values: Array.from(out.dataSync()), shape: out.shape.slice() };
  });
}

function gatherCases(): Case[] {
  const rng = new Rng(11);
  const cases: Case[] = [];
  for (const [rows, inner, nIdx, dtype] of [
    [1, 1, 5, 'float32'],
    [37, 1, 200, 'float32'],
    [50, 3, 120, 'float32'],
    [200, 16, 500, 'float32'],
    [64, 8, 300, 'int32'],
    [10, 4, 0, 'float32'],
  ] as const) {
    cases.push({
      x: randomData(rng, inner === 1 ? [rows] : [rows, inner], dtype),
      ids: { values: Array.from({ length: nIdx }, () => rng.int(rows)), shape: [nIdx] },
    });
  }
  // 3-d data gathered with a 2-d index tensor
  cases.push({ x: randomData(rng, [12, 2, 3], 'float32'), ids: { values: Array.from({ length: 15 }, () => rng.int(12)), shape: [3, 5] } });
  return cases;
}

function segmentCases(): Case[] {
  const rng = new Rng(12);
  const cases: Case[] = [];
  for (const [n, inner, numSegments, dtype] of [
    [1, 1, 1, 'float32'],
    [300, 1, 20, 'float32'],
    [400, 16, 30, 'float32'],
    [250, 5, 7, 'int32'],
    [0, 4, 3, 'float32'],
  ] as const) {
    cases.push({
      x: randomData(rng, inner === 1 ? [n] : [n, inner], dtype),
      // include negative ids and ids >= numSegments: both are dropped
      ids: { values: Array.from({ length: n }, () => rng.intBetween(-2, numSegments + 1)), shape: [n] },
      numSegments,
    });
  }
  // empty segments stay zero; rows of a 3-d tensor
  cases.push({ x: randomData(rng, [12, 2, 3], 'float32'), ids: { values: Array.from({ length: 12 }, () => rng.int(3)), shape: [12] }, numSegments: 9 });
  return cases;
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const tol = 1e-5 * Math.max(1, Math.abs(expected[i] as number));
    expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(tol);
  }
}

describe('pure typed-array kernels', () => {
  it('gatherRows copies whole rows by index (hand example)', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 6]); // 3 rows of 2
    const out = new Float32Array(8);
    gatherRows(x, 3, 2, Int32Array.from([2, 0, 2, 1]), out);
    expect(Array.from(out)).toEqual([5, 6, 1, 2, 5, 6, 3, 4]);
  });

  it('gatherRows rejects an index outside [0, rows)', () => {
    expect(() => gatherRows(new Float32Array(4), 2, 2, Int32Array.from([0, 2]), new Float32Array(4))).toThrow(/index value 2 is not in \[0, 1\]/);
    expect(() => gatherRows(new Float32Array(2), 2, 1, Int32Array.from([-1]), new Float32Array(1))).toThrow(RangeError);
  });

  it('segmentSumRows sums rows per segment and drops out-of-range ids (hand example)', () => {
    const x = Float32Array.from([1, 10, 2, 20, 3, 30, 4, 40]); // 4 rows of 2
    const out = new Float32Array(6).fill(99);
    segmentSumRows(x, 2, Int32Array.from([2, 0, 2, -1]), 3, out);
    expect(Array.from(out)).toEqual([2, 20, 0, 0, 4, 40]);
  });
});

describe('fast wasm kernels match the CPU backend', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm' });
    await tf.setBackend('cpu');
    // the reference is TensorFlow.js's own CPU kernels
    unregisterFastKernels('cpu');
    await tf.setBackend('wasm');
  });

  it('registers both kernels for wasm', () => {
    expect(fastKernelsRegistered('wasm')).toBe(true);
    expect(fastKernelsRegistered('cpu')).toBe(false);
  });

  it('GatherV2 gives exactly the CPU result on random inputs', async () => {
    for (const c of gatherCases()) {
      const expected = await run('cpu', c, 'gather');
      const actual = await run('wasm', c, 'gather');
      expect(actual.shape).toEqual(expected.shape);
      expect(actual.values).toEqual(expected.values);
    }
  });

  it('GatherV2 on another axis falls back to the backend kernel and still matches', async () => {
    const rng = new Rng(5);
    const c: Case = { x: randomData(rng, [4, 7, 3], 'float32'), ids: { values: [6, 0, 3, 3], shape: [4] }, axis: 1 };
    expect(await run('wasm', c, 'gather')).toEqual(await run('cpu', c, 'gather'));
  });

  it('UnsortedSegmentSum matches the CPU result within float tolerance on random inputs', async () => {
    for (const c of segmentCases()) {
      const expected = await run('cpu', c, 'segsum');
      const actual = await run('wasm', c, 'segsum');
      expect(actual.shape).toEqual(expected.shape);
      expectClose(actual.values, expected.values);
    }
  });

  it('the gradient of gather (an unsorted segment sum) matches the CPU backend', async () => {
    const rng = new Rng(9);
    const table = randomData(rng, [30, 4], 'float32');
    const ids = Array.from({ length: 80 }, () => rng.int(30));
    const grad = async (backend: string): Promise<number[]> => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const t = tf.tensor2d(table.values, [30, 4]);
        const idx = tf.tensor1d(ids, 'int32');
        const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.gather(x, idx))))(t);
        return Array.from(g.dataSync());
      });
    };
    expectClose(await grad('wasm'), await grad('cpu'));
  });

  it('the fast CPU kernels match the original CPU kernels too', async () => {
    const cases = [...gatherCases().map((c) => ['gather', c] as const), ...segmentCases().map((c) => ['segsum', c] as const)];
    const expected: Array<{ values: number[]; shape: number[] }> = [];
    for (const [op, c] of cases) expected.push(await run('cpu', c, op));
    registerFastKernels('cpu');
    try {
      for (const [i, [op, c]] of cases.entries()) {
        const actual = await run('cpu', c, op);
        expect(actual.shape).toEqual(expected[i]?.shape);
        if (op === 'gather') expect(actual.values).toEqual(expected[i]?.values);
        else expectClose(actual.values, expected[i]?.values ?? []);
      }
    } finally {
      unregisterFastKernels('cpu');
    }
  });

  it('an out-of-range gather index throws on wasm as on cpu', async () => {
    const c: Case = { x: { values: [1, 2, 3], shape: [3], dtype: 'float32' }, ids: { values: [0, 3], shape: [2] } };
    await expect(run('cpu', c, 'gather')).rejects.toThrow(/index value 3/);
    await expect(run('wasm', c, 'gather')).rejects.toThrow(/index value 3/);
  });
});
