/**
 * Child-process entry point of `callInThroughputProcess`: receives one call over IPC, imports the
 * module, runs the function with an `emit` callback that sends events back, then sends the result
 * or the error and ends. It exits at once if the parent goes away.
 */
import { InputError } from './errors.js';
import type { ThroughputReply } from './throughput-process.js';

if (process.send === undefined) throw new Error('throughput-host.js runs only as a child process with IPC');
const send = (reply: ThroughputReply | null, then?: () => void): void => {
  process.send?.(reply, undefined, undefined, then);
};
process.on('disconnect', () => process.exit(1));
process.once('message', (call: { module: string; name: string; args: unknown[] }) => {
  const emit = (value: unknown): void => send({ type: 'event', value });
  const finish = (reply: ThroughputReply): void =>
    // an empty message last: once it is sent, so are all before it, and closing the channel ends the process
    send(reply, () => send(null, () => process.disconnect()));
  import(call.module)
    .then((mod: Record<string, unknown>) => {
      const fn = mod[call.name];
      if (typeof fn !== 'function') throw new Error(`internal: ${call.module} has no function ${call.name}`);
      return (fn as (...args: unknown[]) => unknown)(...call.args, emit);
    })
    .then(
      (value) => finish({ type: 'result', value }),
      (err: unknown) =>
        finish({
          type: 'error',
          message: err instanceof Error ? err.message : String(err),
          input: err instanceof InputError ? err.location : null,
        }),
    );
});
