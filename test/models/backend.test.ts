import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  BACKEND_PREFERENCES,
  backendName,
  initBackend,
  parseBackendPreference,
  wasmBinaryDirectory,
} from '../../src/models/backend.js';
import { fastKernelsRegistered } from '../../src/models/kernels/index.js';
import { InputError } from '../../src/errors.js';

function tfjsNodeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

describe('backend selection', () => {
  it('reports none before initialisation', () => {
    expect(backendName()).toBe('none');
  });

  it('picks the first backend that loads, and reports it', async () => {
    const name = await initBackend();
    expect(BACKEND_PREFERENCES).toContain(name);
    expect(backendName()).toBe(name);
    expect(tf.getBackend()).toBe(name);
    // without tfjs-node the wasm backend comes next, with adscreen's kernels
    if (!tfjsNodeInstalled()) {
      expect(name).toBe('wasm');
      expect(fastKernelsRegistered('wasm')).toBe(true);
    }
  });

  it('keeps the active backend when called again without a preference', async () => {
    const first = await initBackend();
    expect(await initBackend()).toBe(first);
  });

  it('switches to an explicitly preferred backend', async () => {
    expect(await initBackend({ prefer: 'cpu' })).toBe('cpu');
    expect(backendName()).toBe('cpu');
    expect(fastKernelsRegistered('cpu')).toBe(true);
    expect(await initBackend({ prefer: 'wasm' })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('throws naming the backend when a preferred backend cannot load', async () => {
    if (tfjsNodeInstalled()) return; // nothing to check where tfjs-node works
    await expect(initBackend({ prefer: 'tensorflow' })).rejects.toThrow(/tensorflow/);
    // the previous backend stays usable
    expect(tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0])).toBe(3);
  });

  it('finds the wasm binaries from the installed package, independent of the working directory', () => {
    const dir = wasmBinaryDirectory();
    expect(isAbsolute(dir)).toBe(true);
    expect(dir.endsWith('/')).toBe(true);
    for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) expect(existsSync(join(dir, file))).toBe(true);
    const cwd = process.cwd();
    try {
      process.chdir('/');
      expect(wasmBinaryDirectory()).toBe(dir);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('parseBackendPreference', () => {
  it('accepts the three backend names, case-insensitively, and empty as no preference', () => {
    expect(parseBackendPreference('wasm')).toBe('wasm');
    expect(parseBackendPreference(' CPU ')).toBe('cpu');
    expect(parseBackendPreference('tensorflow')).toBe('tensorflow');
    expect(parseBackendPreference(undefined)).toBeUndefined();
    expect(parseBackendPreference('')).toBeUndefined();
  });

  it('rejects unknown names with an InputError naming the variable and the choices', () => {
    expect(() => parseBackendPreference('webgl')).toThrow(InputError);
    expect(() => parseBackendPreference('webgl')).toThrow(/ADSCREEN_BACKEND: unknown backend "webgl"; expected one of tensorflow, wasm, cpu/);
    expect(() => parseBackendPreference('gpu', '--backend')).toThrow(/^--backend: /);
  });
});
