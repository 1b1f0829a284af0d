/**
 * Worker-thread entry point of `writeGeneratedDataset`: generates the blocks it is sent, encodes
 * and counts their records (checking seed, scenario hash and version; the generator's own records
 * skip the deep well-formedness check), and posts back each block's bytes (transferred, not
 * copied) with its statistics. Buffers come back once written and are reused for later chunks,
 * so memory does not wait on garbage collection.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { detachEarly } from '../detach-early.js';
import { InputError } from '../errors.js';
// the block generator and the hash only, not the generate barrel: no scenario validator to load
import { blockRecords, type GenerationBlock, type GenerationPlan } from '../generate/blocks.js';
import { scenarioHash } from '../generate/scenario-hash.js';
import { datasetFormat } from './format.js';
import type { GenerateWorkerData, GenerateWorkerReply, GenerateWorkerTask } from './generated-dataset.js';
import { JsonLineEncoder } from './jsonl.js';
import { RecordChunkEncoder } from './record-chunks.js';

const port = parentPort;
if (port === null) throw new Error('generate-worker.js runs only as a worker thread');
// replies transfer their buffers: detach one now, so the renderer and encoder are not compiled twice
detachEarly();
const data = workerData as GenerateWorkerData;
// the scenario arrives validated, and the seed normalised, by the thread that planned the dataset
const plan: GenerationPlan = { scenario: data.scenario, scenarioHash: scenarioHash(data.scenario), n: data.n, seed: data.seed, twins: data.twins };
const format = datasetFormat(data.file);
/** One JSON line encoder for every block, so its caches of repeated byte runs are made once. */
const json = new JsonLineEncoder(data.attributes);
/** Written buffers sent back for reuse (at most a handful: as many as are in flight). */
const pool: ArrayBuffer[] = [];
const allocate = (bytes: number): Buffer => {
  const i = pool.findIndex((b) => b.byteLength >= bytes);
  return i < 0 ? Buffer.allocUnsafeSlow(bytes) : Buffer.from(pool.splice(i, 1)[0] as ArrayBuffer);
};

port.on('message', (task: GenerateWorkerTask) => {
  if (task.type === 'recycle') {
    if (pool.length < 64) pool.push(task.buffer);
    return;
  }
  run(task.block);
});

function run(block: GenerationBlock): void {
  let reply: GenerateWorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    if (plan.scenarioHash !== data.scenarioHash) {
      throw new Error(`internal: the worker's scenario hash ${plan.scenarioHash} differs from ${data.scenarioHash}`);
    }
    const enc = new RecordChunkEncoder({
      format,
      attributes: data.attributes,
      file: data.file,
      seed: plan.seed,
      scenarioHash: plan.scenarioHash,
      firstRow: plan.twins ? 2 * block.firstAd : block.firstAd,
      allocate,
      json,
      trusted: true,
    });
    for (const r of blockRecords(plan, block)) enc.add(r);
    const chunks = enc.finish();
    for (const c of chunks) if (!transfer.includes(c.buffer as ArrayBuffer)) transfer.push(c.buffer as ArrayBuffer);
    reply = { type: 'block', index: block.index, chunks, rows: enc.rows, version: enc.version, stats: enc.stats.state() };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    reply = { type: 'error', index: block.index, message, input: err instanceof InputError ? err.location : null };
    transfer.length = 0;
  }
  (port as NonNullable<typeof port>).postMessage(reply, transfer);
}
