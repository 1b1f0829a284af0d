/**
 * callInThroughputProcess, from the built package (its host script is built JavaScript; skipped
 * when dist/ is absent): the function runs in another process started with THROUGHPUT_FLAGS, its
 * events arrive in order before the result, an InputError comes back with its location, and a
 * process that dies without answering rejects.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = resolve('dist');
const built = existsSync(join(dist, 'throughput-host.js'));
const calls = pathToFileURL(resolve('test/fixtures/throughput/calls.mjs'));

describe.skipIf(!built)('callInThroughputProcess (built package)', () => {
  const load = async () =>
    (await import(pathToFileURL(join(dist, 'throughput-process.js')).href)) as typeof import('../../src/throughput-process.js');
  const errors = async () => (await import(pathToFileURL(join(dist, 'errors.js')).href)) as typeof import('../../src/errors.js');

  it('runs the function in a child process with the flags, events first and in order', async () => {
    const { callInThroughputProcess, THROUGHPUT_FLAGS } = await load();
    const events: unknown[] = [];
    const r = await callInThroughputProcess<{ execArgv: string[]; pid: number }>({ module: calls, name: 'count', args: [5] }, (e) => events.push(e));
    expect(events).toEqual([0, 1, 2, 3, 4]);
    expect(r.execArgv).toEqual([...THROUGHPUT_FLAGS]);
    expect(r.pid).not.toBe(process.pid);
  });

  it('rethrows an InputError with its message and location', async () => {
    const { callInThroughputProcess } = await load();
    const { InputError } = await errors();
    const events: unknown[] = [];
    const err = await callInThroughputProcess({ module: calls, name: 'bad', args: [] }, (e) => events.push(e)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InstanceType<typeof InputError>).message).toBe('x.json: n: expected a number');
    expect((err as InstanceType<typeof InputError>).location).toEqual({ file: 'x.json', field: 'n' });
    expect(events).toEqual(['before']);
  });

  it('rejects when the process ends without answering, or the function does not exist', async () => {
    const { callInThroughputProcess } = await load();
    await expect(callInThroughputProcess({ module: calls, name: 'crash', args: [] }, () => undefined)).rejects.toThrow(/exited with code 3/);
    await expect(callInThroughputProcess({ module: calls, name: 'missing', args: [] }, () => undefined)).rejects.toThrow(/has no function missing/);
  });
});
