/**
 * Model directories: how a saved model sits on disk, and the checks that turn a corrupted or
 * foreign directory into one clear InputError naming the file. A model directory holds
 * `card.json` (schema-tagged, names the model family), `card.md`, and the model's own files.
 * Saving writes everything into a staging directory beside the target and swaps it into place,
 * so a crash never leaves a half-written model.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { ModelCard } from './classifier.js';
import { parseCard, renderCardMarkdown } from './card.js';

/** Name of the card file that marks a model directory. */
export const CARD_FILE = 'card.json';

/**
 * Writes a model directory: `files` (name -> content), then `card.json` and `card.md`. The
 * directory is replaced as a whole; an existing non-empty directory without `card.json` is
 * never replaced (InputError), so a mistyped `--out` cannot wipe unrelated files.
 */
export function writeModelDir(dir: string, card: ModelCard, files: Readonly<Record<string, string | Uint8Array>>): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new InputError('exists and is not a directory', { file: dir });
    if (readdirSync(dir).length > 0 && !existsSync(join(dir, CARD_FILE))) {
      throw new InputError(`refusing to replace a non-empty directory that is not a model directory (no ${CARD_FILE})`, { file: dir });
    }
  }
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}.${Date.now()}`;
  const staging = join(parent, `.${basename(dir)}.${stamp}.tmp`);
  const old = join(parent, `.${basename(dir)}.${stamp}.old`);
  try {
    mkdirSync(staging);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(staging, name), content);
    writeFileSync(join(staging, 'card.md'), renderCardMarkdown(card));
    writeFileSync(join(staging, CARD_FILE), `${JSON.stringify(card, null, 2)}\n`);
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(staging, dir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(dir)) renameSync(old, dir);
    throw err;
  }
  rmSync(old, { recursive: true, force: true });
}

/** Reads and parses a JSON file of a model directory; InputError naming the file when missing or invalid. */
export function readModelJson(dir: string, name: string): unknown {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`missing: expected the model file ${name} in ${dir}`, { file });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`, { file });
  }
}

/**
 * Reads `card.json` and checks it names the expected model family (any family when
 * `expectedModel` is undefined). InputError naming card.json when missing, foreign or for
 * another model.
 */
export function readModelCard(dir: string, expectedModel?: string): ModelCard {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError('not a directory: expected a saved adscreen model directory', { file: dir });
  }
  const file = join(dir, CARD_FILE);
  if (!existsSync(file)) throw new InputError(`missing: ${dir} is not an adscreen model directory (no ${CARD_FILE})`, { file });
  const card = parseCard(readModelJson(dir, CARD_FILE), file);
  if (expectedModel !== undefined && card.model !== expectedModel) {
    throw new InputError(`holds a "${card.model}" model, expected "${expectedModel}"`, { file, field: 'model' });
  }
  return card;
}

/** Encodes floats as little-endian float32 bytes. */
export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return bytes;
}

/** Reads a little-endian float32 file of exactly `length` values; InputError naming the file otherwise. */
export function readFloat32File(dir: string, name: string, length: number): Float32Array {
  const file = join(dir, name);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new InputError(`missing: expected the model file ${name} in ${dir}`, { file });
  }
  if (bytes.length !== length * 4) {
    throw new InputError(`expected ${length} float32 values (${length * 4} bytes), found ${bytes.length} bytes: truncated or corrupted`, { file });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const v = view.getFloat32(i * 4, true);
    if (!Number.isFinite(v)) throw new InputError(`value ${i} is not finite: corrupted`, { file });
    out[i] = v;
  }
  return out;
}
