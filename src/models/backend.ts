/**
 * TensorFlow.js backend selection. The native `tensorflow` backend (`@tensorflow/tfjs-node`, an
 * optional dependency) is used when it loads; otherwise the WebAssembly backend with adscreen's
 * fast JavaScript kernels for `GatherV2` and `UnsortedSegmentSum`; the plain CPU backend last.
 * The wasm binaries are located from the installed package's path, so no network is needed and
 * it works when adscreen is imported from any directory. Only the CLI reads `ADSCREEN_BACKEND`
 * (through {@link parseBackendPreference}); library code takes the preference as an option.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { loadCpuBackend, tf, tfWasm } from './tf.js';
import { InputError } from '../errors.js';
import { registerFastKernels } from './kernels/index.js';

/** A backend adscreen can run on: native TensorFlow, WebAssembly or plain JavaScript CPU. */
export type BackendPreference = 'tensorflow' | 'wasm' | 'cpu';

/** All backend names, in the default order of preference. */
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['tensorflow', 'wasm', 'cpu'];

/** Options for {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Backend to use. When given, only that backend is tried and a failure to load it throws.
   * __Default value:__ the first of `tensorflow`, `wasm`, `cpu` that loads.
   */
  prefer?: BackendPreference;
  /** Threads for the wasm backend (only used by its threaded build). __Default value:__ 1. */
  threads?: number;
}

let active: BackendPreference | undefined;
let pending: Promise<string> | undefined;
let wasmConfigured = false;
const failures = new Map<BackendPreference, string>();

/** The directory holding the installed `@tensorflow/tfjs-backend-wasm` `.wasm` files, with a trailing slash. */
export function wasmBinaryDirectory(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@tensorflow/tfjs-backend-wasm');
  return `${dirname(main)}/`;
}

async function tryTensorflow(): Promise<void> {
  // A computed specifier keeps TypeScript and bundlers from requiring the optional package.
  const specifier = '@tensorflow/tfjs-node';
  await import(specifier);
  if (!(await tf.setBackend('tensorflow'))) throw new Error('tfjs-node loaded but the tensorflow backend did not initialise');
}

async function tryWasm(threads: number): Promise<void> {
  if (!wasmConfigured) {
    tfWasm.setWasmPaths(wasmBinaryDirectory());
    tfWasm.setThreadsCount(threads);
    wasmConfigured = true;
  }
  registerFastKernels('wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialise');
}

async function tryCpu(): Promise<void> {
  loadCpuBackend();
  registerFastKernels('cpu');
  if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not initialise');
  // The CPU backend prints a "install tfjs-node" banner on first use in Node; a library must
  // not print (the backend in use is reported in cards and CLI output instead).
  const cpu = tf.backend() as unknown as { firstUse?: boolean };
  if (cpu.firstUse === true) cpu.firstUse = false;
}

async function tryBackend(name: BackendPreference, threads: number): Promise<void> {
  if (name === 'tensorflow') return tryTensorflow();
  if (name === 'wasm') return tryWasm(threads);
  return tryCpu();
}

async function select(options: InitBackendOptions): Promise<string> {
  const threads = options.threads ?? 1;
  const order = options.prefer !== undefined ? [options.prefer] : BACKEND_PREFERENCES;
  const errors: string[] = [];
  for (const name of order) {
    const known = failures.get(name);
    if (known !== undefined) {
      errors.push(`${name}: ${known}`);
      continue;
    }
    try {
      await tryBackend(name, threads);
      active = name;
      return tf.getBackend();
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0] ?? String(err) : String(err);
      failures.set(name, message);
      errors.push(`${name}: ${message}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could be initialised (${errors.join('; ')})`);
}

/**
 * Initialises a TensorFlow.js backend and returns its name (`tensorflow`, `wasm` or `cpu`).
 * Safe to call repeatedly: without `prefer` an already initialised backend is kept; with
 * `prefer` that backend is switched to (or an error thrown if it cannot load).
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<string> {
  if (pending !== undefined) await pending.catch(() => undefined);
  if (active !== undefined && (options.prefer === undefined || options.prefer === active)) {
    if (tf.getBackend() !== active) await tf.setBackend(active);
    return tf.getBackend();
  }
  pending = select(options);
  try {
    return await pending;
  } finally {
    pending = undefined;
  }
}

/** Name of the backend in use, or `none` before {@link initBackend} has run. */
export function backendName(): string {
  return active === undefined ? 'none' : tf.getBackend();
}

/**
 * Parses a backend name from user input (a CLI flag or the `ADSCREEN_BACKEND` variable);
 * `undefined` or an empty string mean "no preference". Unknown names throw an {@link InputError}.
 */
export function parseBackendPreference(value: string | undefined, field = 'ADSCREEN_BACKEND'): BackendPreference | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const name = value.trim().toLowerCase();
  if ((BACKEND_PREFERENCES as readonly string[]).includes(name)) return name as BackendPreference;
  throw new InputError(`unknown backend "${value}"; expected one of ${BACKEND_PREFERENCES.join(', ')}`, { field });
}
