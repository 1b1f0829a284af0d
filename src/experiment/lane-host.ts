/**
 * Child-process entry point of the experiment runner's lanes (see `runInLanes`): started with
 * throughput-oriented V8 flags, it receives the cells over IPC, runs them in worker threads and
 * reports each cell's outcome; it ends when the workers have stopped, or at once if the runner
 * goes away.
 */
import { runInWorkers } from './lanes.js';
import type { HostReply, HostTask } from './worker-protocol.js';

if (process.send === undefined) throw new Error('experiment/lane-host.js runs only as a child process with IPC');
const send = (reply: HostReply): void => {
  process.send?.(reply);
};
process.on('disconnect', () => process.exit(1));
process.once('message', (task: HostTask) => {
  runInWorkers(task.cells, task.out, task.jobs, (cell, error) => send(error === undefined ? { id: cell.id } : { id: cell.id, error })).then(
    // an empty message last: once it is sent, so are all before it, and closing the channel ends the process
    () => process.send?.(null, () => process.disconnect()),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
});
