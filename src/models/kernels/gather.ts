/**
 * A fast `GatherV2` kernel for gathering rows (axis 0, no batch dimensions) of float32 or int32
 * tensors. The wasm backend's own kernel checks every index through a closure and is slow; the
 * CPU backend's copies element by element through generic index arithmetic. Other cases are
 * handed to the backend's original kernel.
 */
import type { DataType, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { tensorMemory } from './heap.js';
import { gatherRows } from './typed.js';

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Builds the `GatherV2` kernel function for a backend, delegating unsupported cases to `fallback`. */
export function makeGatherKernel(backendName: string, fallback: KernelFunc | undefined): KernelFunc {
  return (args: { inputs: NamedTensorInfoMap; backend: unknown; attrs?: NamedAttrMap }): TensorInfo | TensorInfo[] => {
    const x = args.inputs['x'] as TensorInfo;
    const indices = args.inputs['indices'] as TensorInfo;
    const rank = x.shape.length;
    const rawAxis = Number(args.attrs?.['axis'] ?? 0);
    const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
    const batchDims = Number(args.attrs?.['batchDims'] ?? 0);
    const supported =
      axis === 0 && batchDims === 0 && rank >= 1 && indices.dtype === 'int32' && (x.dtype === 'float32' || x.dtype === 'int32');
    if (!supported) {
      if (fallback === undefined) throw new Error(`GatherV2: no ${backendName} kernel for axis ${rawAxis}, dtype ${x.dtype}`);
      return fallback(args as Parameters<KernelFunc>[0]);
    }
    const rows = x.shape[0] as number;
    const inner = rows === 0 ? 0 : sizeOf(x.shape) / rows;
    const memory = tensorMemory(backendName, args.backend);
    const outShape = [...indices.shape, ...x.shape.slice(1)];
    const out = memory.allocate(outShape, x.dtype as DataType);
    if (sizeOf(outShape) === 0) return out;
    const idx = memory.view(indices) as Int32Array;
    gatherRows(memory.view(x), rows, inner, idx, memory.view(out));
    return out;
  };
}
