/**
 * Direct access to a backend's tensor memory for adscreen's JavaScript kernels: views into the
 * wasm heap (no copy) or the CPU backend's value arrays. Outputs must be allocated before input
 * views are taken, because allocating can grow, and so detach, the wasm heap.
 */
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';
import type { NumericArray } from './typed.js';

/** What a kernel needs from a backend: allocate an output, view a tensor's values. */
export interface TensorMemory {
  /** Allocates an output tensor and returns its info. */
  allocate(shape: number[], dtype: DataType): TensorInfo;
  /** A view (wasm) or the backing array (cpu) of a tensor's values. */
  view(info: TensorInfo): NumericArray;
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): unknown;
}

interface CpuBackendLike {
  makeTensorInfo(shape: number[], dtype: DataType, values?: unknown): TensorInfo;
  data: { get(dataId: object): { values?: unknown } | undefined };
}

function numeric(values: unknown, what: string): NumericArray {
  if (values instanceof Float32Array || values instanceof Int32Array) return values;
  throw new TypeError(`${what}: expected float32 or int32 tensor data`);
}

/** Memory access for the `wasm` or `cpu` backend object handed to a kernel. */
export function tensorMemory(backendName: string, backend: unknown): TensorMemory {
  if (backendName === 'wasm') {
    const wasm = backend as WasmBackendLike;
    return {
      allocate: (shape, dtype) => wasm.makeOutput(shape, dtype),
      view: (info) => numeric(wasm.typedArrayFromHeap(info), 'wasm tensor'),
    };
  }
  if (backendName === 'cpu') {
    const cpu = backend as CpuBackendLike;
    return {
      allocate: (shape, dtype) => {
        const size = shape.reduce((a, b) => a * b, 1);
        const values = dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
        return cpu.makeTensorInfo(shape, dtype, values);
      },
      view: (info) => numeric(cpu.data.get(info.dataId)?.values, 'cpu tensor'),
    };
  }
  throw new Error(`adscreen kernels support the wasm and cpu backends, not ${backendName}`);
}
