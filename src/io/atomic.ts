/**
 * Atomic file output: everything is written to a temporary file beside the target and renamed
 * into place only when complete, so a crash or a validation error never leaves half a file.
 */
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { once } from 'node:events';

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}

/** Writes `data` to `path` atomically, creating parent directories. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** A streaming writer that lands at `path` only when `commit()` resolves; `abort()` removes all trace. */
export interface AtomicWriter {
  /** Appends a chunk (text is written as UTF-8), waiting for drain when the stream's buffer is full. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes, closes and renames into place. */
  commit(): Promise<void>;
  /** Closes and deletes the temporary file. */
  abort(): Promise<void>;
}

/** Opens an atomic streaming writer for `path`. */
export function openAtomicWriter(path: string): AtomicWriter {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  const stream = createWriteStream(tmp, { encoding: 'utf8' });
  let failed: Error | undefined;
  stream.on('error', (err) => {
    failed = err;
  });
  return {
    async write(chunk: string | Uint8Array) {
      if (failed) throw failed;
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    async commit() {
      stream.end();
      await once(stream, 'close');
      if (failed) {
        rmSync(tmp, { force: true });
        throw failed;
      }
      renameSync(tmp, path);
    },
    async abort() {
      if (!stream.closed) {
        stream.destroy();
        await once(stream, 'close').catch(() => undefined);
      }
      rmSync(tmp, { force: true });
    },
  };
}
