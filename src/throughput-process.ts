/**
 * Running a parallel job in a child Node process started with V8 flags that spend less CPU in
 * all. When worker threads fill every core, V8's helper threads (concurrent marking, parallel
 * scavenges, background optimizing compiles) have no core of their own: they take CPU from the
 * workers, and handing work to them and back costs CPU on top. With these flags each isolate
 * collects garbage and compiles on its own thread. V8 flags hold for a whole process and are read
 * when an isolate is made, so they can only be given to a new process: the job's function runs
 * there (in `throughput-host.js`) and its events and result come back over IPC.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { errorFromReply, type InputLocation } from './errors.js';

/** The V8 flags of a throughput process. */
export const THROUGHPUT_FLAGS: readonly string[] = ['--single-threaded-gc', '--no-concurrent-recompilation'];

/** A function to call in a throughput process: `module`'s export `name`, called as `fn(...args, emit)`. */
export interface ThroughputCall {
  /** URL of the (built) module that exports the function. */
  module: URL;
  /** The export's name. */
  name: string;
  /** Its arguments (structured-cloneable), before the trailing `emit`. */
  args: unknown[];
}

/** Child -> parent messages: an event, the result, or an error (with an `InputError`'s location). */
export type ThroughputReply =
  | { type: 'event'; value: unknown }
  | { type: 'result'; value: unknown }
  | { type: 'error'; message: string; input: InputLocation | null };

/** True when running on Node itself (Deno and Bun emulate `node:child_process` and take other flags). */
function isNode(): boolean {
  const v = process.versions as Record<string, string | undefined>;
  return v['deno'] === undefined && v['bun'] === undefined;
}

function hostPath(): string {
  return fileURLToPath(new URL('./throughput-host.js', import.meta.url));
}

/**
 * Whether a job with `threads` busy worker threads runs in a throughput process by default: on
 * Node, from the built package, when the threads fill every core.
 */
export function throughputByDefault(threads: number): boolean {
  return threads >= availableParallelism() && canUseThroughputProcess();
}

/** Whether a throughput process can be started here (Node, and the built host script present). */
export function canUseThroughputProcess(): boolean {
  return isNode() && existsSync(hostPath());
}

/**
 * Calls `call` in a new Node process started with {@link THROUGHPUT_FLAGS}; `onEvent` gets what
 * the function emits, in order, and the promise its result. An `InputError` thrown there is
 * thrown here with the same message and location; a crash of the process rejects.
 */
export function callInThroughputProcess<R>(call: ThroughputCall, onEvent: (value: unknown) => void): Promise<R> {
  const child = fork(hostPath(), [], {
    execArgv: [...THROUGHPUT_FLAGS],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<R>((resolve, reject) => {
    let outcome: ThroughputReply | undefined;
    let failed: Error | undefined;
    child.on('message', (msg: ThroughputReply | null) => {
      if (msg === null) return;
      if (msg.type === 'event') onEvent(msg.value);
      else outcome ??= msg;
    });
    child.on('error', (err) => {
      failed ??= err;
    });
    // 'close' comes after the process ended and its IPC channel closed, so after its last message
    child.on('close', (code, signal) => {
      if (outcome?.type === 'result') resolve(outcome.value as R);
      else if (outcome?.type === 'error') reject(errorFromReply(outcome.message, outcome.input));
      else reject(failed ?? new Error(`throughput process exited with ${signal ?? `code ${code}`} before it finished`));
    });
    child.send({ module: call.module.href, name: call.name, args: call.args });
  });
}
