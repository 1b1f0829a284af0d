/**
 * TensorFlow.js and its wasm backend, loaded with `require` rather than `import`. Both packages
 * ship CommonJS, and an ESM `import` of a CommonJS module makes Node first scan its source for
 * export names (cjs-module-lexer): for the TensorFlow.js bundle that is about 0.4 s of CPU in
 * every thread that loads the models (each experiment or predict worker), three times what
 * loading it costs. Node's CommonJS cache makes this the same instance an `import` would give.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The `@tensorflow/tfjs` module. */
export const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');

/** The `@tensorflow/tfjs-backend-wasm` module (registers the `wasm` backend when loaded). */
export const tfWasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
