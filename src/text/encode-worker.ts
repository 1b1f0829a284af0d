/**
 * Worker thread of {@link EncodePool} (encode-pool.ts): rebuilds the featurizer from the JSON it
 * is started with, then for each job claims chunks from the shared counter, encodes them and
 * posts the ids back (transferred, not copied). Internal to the text stage.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { detachEarly } from '../detach-early.js';
import { Featurizer } from './featurizer.js';
import type { EncodeJob, EncodeReply } from './encode-pool.js';

// replies transfer their buffers: detach one now, so the encoder is not compiled twice
detachEarly();

const featurizer = Featurizer.fromJSON((workerData as { featurizer: unknown }).featurizer);
const port = parentPort;

function run(job: EncodeJob): void {
  const { text, lengths, chunkSize } = job;
  const n = lengths.length;
  const chunks = Math.ceil(n / chunkSize);
  const counter = new Int32Array(job.counter);
  // start offset of each text in the concatenation
  const starts = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) starts[i + 1] = (starts[i] as number) + (lengths[i] as number);
  for (;;) {
    const k = Atomics.add(counter, 0, 1);
    if (k >= chunks) break;
    const from = k * chunkSize;
    const to = Math.min(n, from + chunkSize);
    const texts: string[] = new Array<string>(to - from);
    for (let i = from; i < to; i++) texts[i - from] = text.slice(starts[i] as number, starts[i + 1] as number);
    const { ids, offsets } = featurizer.encodeBatch(texts);
    const reply: EncodeReply = { type: 'chunk', job: job.job, chunk: k, ids, offsets };
    port?.postMessage(reply, [ids.buffer as ArrayBuffer, offsets.buffer as ArrayBuffer]);
  }
}

port?.on('message', (job: EncodeJob) => {
  try {
    run(job);
    port.postMessage({ type: 'done', job: job.job } satisfies EncodeReply);
  } catch (err) {
    port.postMessage({ type: 'error', job: job.job, message: err instanceof Error ? err.message : String(err) } satisfies EncodeReply);
  }
});
