/**
 * Progress reporting for long work. Library functions accept an `onProgress` callback and never
 * print; the CLI builds a reporter with {@link createProgressBar}, which draws on a TTY only.
 */

/** Called by long-running functions with work done so far and the total, when known. */
export type ProgressCallback = (done: number, total: number | undefined, detail?: string) => void;

/** Options for {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** Label shown before the counter. */
  label: string;
  /** Stream to draw on; default `process.stderr`. */
  stream?: NodeJS.WriteStream;
  /** Force on or off; default: on when the stream is a TTY. The CLI passes `false` under CI. */
  enabled?: boolean;
  /** Minimum milliseconds between redraws; default 100. */
  intervalMs?: number;
}

/** A progress callback plus `done()` to clear the line. */
export interface ProgressBar {
  /** The callback to hand to library functions. */
  update: ProgressCallback;
  /** Ends the bar (prints a newline if anything was drawn). */
  done(): void;
}

/** Creates a throttled single-line progress display with rate and ETA; silent unless enabled. */
export function createProgressBar(options: ProgressBarOptions): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const enabled = options.enabled ?? Boolean(stream.isTTY);
  const interval = options.intervalMs ?? 100;
  const start = Date.now();
  let last = 0;
  let drawn = false;
  const update: ProgressCallback = (done, total, detail) => {
    if (!enabled) return;
    const now = Date.now();
    if (now - last < interval && done !== total) return;
    last = now;
    const secs = (now - start) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    let line = `${options.label}: ${done.toLocaleString('en-US')}`;
    if (total !== undefined) {
      const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
      const eta = rate > 0 ? (total - done) / rate : 0;
      line += `/${total.toLocaleString('en-US')} (${pct}%) ${secs.toFixed(1)}s elapsed, ~${eta.toFixed(1)}s left`;
    } else {
      line += ` ${secs.toFixed(1)}s`;
    }
    if (detail) line += ` ${detail}`;
    stream.write(`\r\x1b[2K${line}`);
    drawn = true;
  };
  return {
    update,
    done() {
      if (enabled && drawn) stream.write('\n');
    },
  };
}
