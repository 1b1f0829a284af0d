/**
 * An `UnsortedSegmentSum` kernel (the gradient of an embedding lookup). The wasm backend has
 * none, and the CPU backend's loops once over all rows per segment; this one is a single pass.
 */
import type { DataType, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { tensorMemory } from './heap.js';
import { segmentSumRows } from './typed.js';

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Builds the `UnsortedSegmentSum` kernel function for a backend, delegating unsupported dtypes to `fallback`. */
export function makeUnsortedSegmentSumKernel(backendName: string, fallback: KernelFunc | undefined): KernelFunc {
  return (args: { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo | TensorInfo[] => {
    const x = args.inputs['x'] as TensorInfo;
    const segmentIds = args.inputs['segmentIds'] as TensorInfo;
    const numSegments = Number(args.attrs?.['numSegments']);
    const supported = segmentIds.dtype === 'int32' && (x.dtype === 'float32' || x.dtype === 'int32');
    if (!supported) {
      if (fallback === undefined) throw new Error(`UnsortedSegmentSum: no ${backendName} kernel for dtype ${x.dtype}`);
      return fallback(args as Parameters<KernelFunc>[0]);
    }
    if (!Number.isInteger(numSegments) || numSegments < 0) {
      throw new RangeError(`UnsortedSegmentSum: numSegments must be a non-negative integer, got ${numSegments}`);
    }
    const idRank = segmentIds.shape.length;
    const outShape = [numSegments, ...x.shape.slice(idRank)];
    const rows = sizeOf(segmentIds.shape);
    const inner = rows === 0 ? sizeOf(x.shape.slice(idRank)) : sizeOf(x.shape) / rows;
    const memory = tensorMemory(backendName, args.backend);
    const out = memory.allocate(outShape, x.dtype as DataType);
    if (sizeOf(outShape) === 0) return out;
    const ids = memory.view(segmentIds) as Int32Array;
    segmentSumRows(memory.view(x), inner, ids, numSegments, memory.view(out));
    return out;
  };
}
