/**
 * Detaching one ArrayBuffer at a worker thread's start. V8 compiles typed-array access without
 * a detached-buffer check for as long as no ArrayBuffer in the thread has ever been detached
 * (transferred to another thread, or a WebAssembly memory grown). The first detach throws away
 * every optimized function that touches a typed array, and they are compiled again. A worker
 * that will transfer buffers calls this before any of its code is hot, so nothing is compiled
 * twice: generation workers, for example, used to compile their ad renderer twice, once before
 * and once after their first block went back to the main thread.
 */

/** Transfers (detaches) a small throw-away ArrayBuffer, once per thread; see the module comment. */
export function detachEarly(): void {
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
}
