/**
 * TensorFlow.js's core and its wasm backend, loaded with `require` rather than `import`. Both
 * packages ship CommonJS, and an ESM `import` of a CommonJS module makes Node first scan its
 * source for export names (cjs-module-lexer): for the whole `@tensorflow/tfjs` bundle that was
 * about 0.4 s of CPU in every thread that loads the models (each experiment or predict worker),
 * three times what loading it cost. Node's CommonJS cache makes this the same instance an
 * `import` would give.
 *
 * Only the core is loaded, not the `@tensorflow/tfjs` bundle: adscreen uses tensors, ops, seeded
 * random numbers and weight encoding, not layers, converters, datasets or WebGL, and the bundle
 * takes about three times as long to load (120-140 ms against 40 ms, in every such thread).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The `@tensorflow/tfjs-core` module. */
export const tf = require('@tensorflow/tfjs-core') as typeof import('@tensorflow/tfjs-core');

/** The `@tensorflow/tfjs-backend-wasm` module (registers the `wasm` backend when loaded). */
export const tfWasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');

/**
 * Loads `@tensorflow/tfjs-backend-cpu`, which registers the `cpu` backend (only when that backend
 * is chosen: the wasm backend does not need it registered).
 */
export function loadCpuBackend(): void {
  require('@tensorflow/tfjs-backend-cpu');
}
