/**
 * Registration of adscreen's fast JavaScript kernels (`GatherV2`, `UnsortedSegmentSum`) for the
 * wasm and cpu TensorFlow.js backends. Registering replaces the backend's own kernel and keeps
 * it for the cases the fast kernel does not cover; {@link unregisterFastKernels} restores it.
 */
import { tf } from '../tf.js';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { makeGatherKernel } from './gather.js';
import { makeUnsortedSegmentSumKernel } from './unsorted-segment-sum.js';

export { gatherRows, segmentSumRows, type NumericArray } from './typed.js';

/** Backends adscreen's fast kernels can be registered for. */
export type FastKernelBackend = 'wasm' | 'cpu';

/** Names of the kernels {@link registerFastKernels} replaces. */
export const FAST_KERNEL_NAMES = ['GatherV2', 'UnsortedSegmentSum'] as const;

const builders: Record<(typeof FAST_KERNEL_NAMES)[number], (backend: string, fallback: KernelFunc | undefined) => KernelFunc> = {
  GatherV2: makeGatherKernel,
  UnsortedSegmentSum: makeUnsortedSegmentSumKernel,
};

/** Originals replaced per backend (undefined when the backend had none). */
const replaced = new Map<string, Map<string, KernelConfig | undefined>>();

/** True when adscreen's fast kernels are registered for `backendName`. */
export function fastKernelsRegistered(backendName: FastKernelBackend): boolean {
  return replaced.has(backendName);
}

/** Registers the fast kernels for a backend (idempotent). Works before or after the backend initialises. */
export function registerFastKernels(backendName: FastKernelBackend): void {
  if (replaced.has(backendName)) return;
  const originals = new Map<string, KernelConfig | undefined>();
  for (const kernelName of FAST_KERNEL_NAMES) {
    const original = tf.getKernel(kernelName, backendName);
    if (original !== undefined) tf.unregisterKernel(kernelName, backendName);
    originals.set(kernelName, original);
    const config: KernelConfig = {
      kernelName,
      backendName,
      kernelFunc: builders[kernelName](backendName, original?.kernelFunc),
    };
    // keep the original's setup so its fallback path works when the backend initialises later
    if (original?.setupFunc !== undefined) config.setupFunc = original.setupFunc;
    if (original?.disposeFunc !== undefined) config.disposeFunc = original.disposeFunc;
    tf.registerKernel(config);
  }
  replaced.set(backendName, originals);
}

/** Restores the backend's original kernels (used by tests to compare against them). */
export function unregisterFastKernels(backendName: FastKernelBackend): void {
  const originals = replaced.get(backendName);
  if (originals === undefined) return;
  for (const [kernelName, original] of originals) {
    tf.unregisterKernel(kernelName, backendName);
    if (original !== undefined) tf.registerKernel(original);
  }
  replaced.delete(backendName);
}
