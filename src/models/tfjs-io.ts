/**
 * A TensorFlow.js IO handler for a model directory (`model.json` + `weights.bin`) written with
 * node:fs, so saving and loading work on every backend (tfjs-node's `file://` handler is only
 * there when tfjs-node loads). Files are written atomically, `weights.bin` first and
 * `model.json` last, so a directory with a model.json always has its weights. Loading checks
 * the files and throws an {@link InputError} naming the file that is missing or wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Tf from '@tensorflow/tfjs-core';
import { tf } from './tf.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';

/** File name of the model topology and weights manifest. */
export const MODEL_JSON = 'model.json';
/** File name of the concatenated weights. */
export const WEIGHTS_BIN = 'weights.bin';

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function weightBytes(spec: Tf.io.WeightsManifestEntry, file: string): number {
  const bytes = DTYPE_BYTES[spec.dtype];
  if (bytes === undefined || spec.quantization !== undefined) {
    throw new InputError(`weight "${spec.name}" has unsupported dtype ${spec.dtype}`, { file, field: 'weightsManifest' });
  }
  return spec.shape.reduce((a, b) => a * b, 1) * bytes;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError('file is missing or unreadable; expected an adscreen model directory', { file });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message})`, { file });
  }
}

function parseManifest(json: unknown, file: string): { specs: Tf.io.WeightsManifestEntry[]; model: Tf.io.ModelJSON } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError('expected a JSON object with modelTopology and weightsManifest', { file });
  }
  const model = json as Tf.io.ModelJSON;
  const manifest = model.weightsManifest as unknown;
  if (!Array.isArray(manifest) || manifest.length !== 1) {
    throw new InputError('expected weightsManifest to be an array with one group', { file, field: 'weightsManifest' });
  }
  const group = manifest[0] as { paths?: unknown; weights?: unknown };
  if (!Array.isArray(group.paths) || group.paths.length !== 1 || group.paths[0] !== WEIGHTS_BIN) {
    throw new InputError(`expected weightsManifest[0].paths to be ["${WEIGHTS_BIN}"]`, { file, field: 'weightsManifest' });
  }
  if (!Array.isArray(group.weights)) {
    throw new InputError('expected weightsManifest[0].weights to be an array', { file, field: 'weightsManifest' });
  }
  const specs = group.weights as Tf.io.WeightsManifestEntry[];
  for (const spec of specs) {
    const ok =
      typeof spec === 'object' &&
      spec !== null &&
      typeof spec.name === 'string' &&
      Array.isArray(spec.shape) &&
      spec.shape.every((d) => Number.isInteger(d) && d >= 0);
    if (!ok) throw new InputError('each weight needs a name, a shape of non-negative integers and a dtype', { file, field: 'weightsManifest' });
  }
  return { specs, model };
}

/** Reads model.json and weights.bin from `dir` as tfjs model artifacts, checking sizes. */
export function loadArtifacts(dir: string): Tf.io.ModelArtifacts {
  const modelFile = join(dir, MODEL_JSON);
  if (!existsSync(modelFile)) throw new InputError('missing; not an adscreen model directory', { file: modelFile });
  const { specs, model } = parseManifest(readJson(modelFile), modelFile);
  const weightsFile = join(dir, WEIGHTS_BIN);
  let bytes: Buffer;
  try {
    bytes = readFileSync(weightsFile);
  } catch {
    throw new InputError(`missing or unreadable; ${MODEL_JSON} lists it`, { file: weightsFile });
  }
  const expected = specs.reduce((sum, spec) => sum + weightBytes(spec, modelFile), 0);
  if (bytes.byteLength !== expected) {
    throw new InputError(`has ${bytes.byteLength} bytes but ${MODEL_JSON} describes ${expected}`, { file: weightsFile });
  }
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const artifacts: Tf.io.ModelArtifacts = { modelTopology: model.modelTopology, weightSpecs: specs, weightData };
  if (model.format !== undefined) artifacts.format = model.format;
  if (model.generatedBy !== undefined) artifacts.generatedBy = model.generatedBy;
  if (model.convertedBy !== undefined) artifacts.convertedBy = model.convertedBy;
  if (model.userDefinedMetadata !== undefined) artifacts.userDefinedMetadata = model.userDefinedMetadata;
  return artifacts;
}

/** The two files of a tfjs model directory, as contents: model.json text and weights.bin bytes. */
export interface ArtifactFiles {
  /** Topology, weights manifest and metadata. */
  [MODEL_JSON]: string;
  /** Concatenated weights as described by the manifest. */
  [WEIGHTS_BIN]: Uint8Array;
}

/** Serialises model artifacts to the contents of model.json and weights.bin. */
export function artifactsToFiles(artifacts: Tf.io.ModelArtifacts): ArtifactFiles {
  const specs = artifacts.weightSpecs ?? [];
  const data = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  const model = {
    modelTopology: artifacts.modelTopology ?? null,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: specs }],
  } as Tf.io.ModelJSON;
  if (artifacts.format !== undefined) model.format = artifacts.format;
  if (artifacts.generatedBy !== undefined) model.generatedBy = artifacts.generatedBy;
  if (artifacts.convertedBy !== undefined) model.convertedBy = artifacts.convertedBy;
  if (artifacts.userDefinedMetadata !== undefined) model.userDefinedMetadata = artifacts.userDefinedMetadata;
  return { [MODEL_JSON]: `${JSON.stringify(model, null, 1)}\n`, [WEIGHTS_BIN]: new Uint8Array(data) };
}

/** Writes model artifacts to `dir` as weights.bin then model.json, each atomically. */
export function saveArtifacts(dir: string, artifacts: Tf.io.ModelArtifacts): Tf.io.SaveResult {
  const files = artifactsToFiles(artifacts);
  writeFileAtomic(join(dir, WEIGHTS_BIN), files[WEIGHTS_BIN]);
  writeFileAtomic(join(dir, MODEL_JSON), files[MODEL_JSON]);
  return {
    modelArtifactsInfo: {
      dateSaved: new Date(0),
      modelTopologyType: 'JSON',
      modelTopologyBytes: Buffer.byteLength(JSON.stringify(artifacts.modelTopology ?? null)),
      weightSpecsBytes: Buffer.byteLength(JSON.stringify(artifacts.weightSpecs ?? [])),
      weightDataBytes: files[WEIGHTS_BIN].byteLength,
    },
  };
}

/**
 * A `Tf.io.IOHandler` over a directory: `save` writes model.json + weights.bin atomically,
 * `load` reads and checks them. Usable with any tfjs API that takes a handler.
 */
export function directoryHandler(dir: string): Tf.io.IOHandler {
  return {
    save: async (artifacts) => saveArtifacts(dir, artifacts),
    load: async () => loadArtifacts(dir),
  };
}

/** A named float32 weight. */
export interface NamedWeight {
  /** Weight name in the manifest. */
  name: string;
  /** Tensor shape. */
  shape: number[];
  /** Values, row-major. */
  values: Float32Array;
}

/** Encodes named float32 weights with tfjs (`tf.io.encodeWeights`) into model artifacts. */
export async function encodeArtifacts(
  topology: Record<string, unknown>,
  weights: readonly NamedWeight[],
  meta: { format: string; generatedBy: string },
): Promise<Tf.io.ModelArtifacts> {
  const tensors = weights.map((w) => ({ name: w.name, tensor: tf.tensor(w.values, w.shape, 'float32') }));
  try {
    const { data, specs } = await tf.io.encodeWeights(tensors);
    return { modelTopology: topology, weightSpecs: specs, weightData: data, format: meta.format, generatedBy: meta.generatedBy };
  } finally {
    for (const t of tensors) t.tensor.dispose();
  }
}

/** Loads a tfjs model directory: its artifacts and each weight's values and shape (decoded by tfjs). */
export function loadWeights(dir: string): { artifacts: Tf.io.ModelArtifacts; weights: Map<string, NamedWeight> } {
  const artifacts = loadArtifacts(dir);
  const specs = artifacts.weightSpecs ?? [];
  const map = tf.io.decodeWeights(artifacts.weightData ?? new ArrayBuffer(0), specs);
  const weights = new Map<string, NamedWeight>();
  for (const [name, tensor] of Object.entries(map)) {
    weights.set(name, { name, shape: tensor.shape.slice(), values: (tensor.dataSync() as Float32Array).slice() });
    tensor.dispose();
  }
  return { artifacts, weights };
}
