/**
 * EncodePool: chunks encoded on worker threads equal `encodeBatch` of the same chunk. Worker
 * threads run the compiled worker script, so this test uses the build in dist/ (made by
 * `npm run build`, which CI runs before the tests) and is skipped without it. From the
 * TypeScript sources `EncodePool.create` returns null (callers then encode on their own thread),
 * which is checked too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate, loadScenario } from '../../src/generate/index.js';
import { EncodePool, Featurizer } from '../../src/text/index.js';

const dist = join(import.meta.dirname, '..', '..', 'dist', 'text');
const built = existsSync(join(dist, 'encode-pool.js')) && existsSync(join(dist, 'encode-worker.js'));

const texts = [
  ...generate(loadScenario('confounded'), { n: 1200, seed: 31 }).map((r) => r.text),
  '', 'İstanbul ΣΑΣ 👨‍👩‍👧 🇫🇷 don’t \ud83d lone', 'call 212 555 0142 or judo51@example.com', 'x'.repeat(5000),
];

describe('EncodePool', () => {
  it('is not created from the TypeScript sources (no worker script) or for zero workers', () => {
    const f = Featurizer.fit(texts.slice(0, 100));
    expect(EncodePool.create(f, 0)).toBeNull();
    expect(EncodePool.create(f, 2)).toBeNull();
  });

  it.skipIf(!built)('gives every chunk exactly once, equal to encodeBatch of that chunk (built dist/)', async () => {
    const text = (await import(pathToFileURL(join(dist, 'index.js')).href)) as typeof import('../../src/text/index.js');
    for (const options of [{}, { hashing: 4096 }]) {
      const f = text.Featurizer.fit(texts.slice(0, 600), options);
      const pool = text.EncodePool.create(f, 2);
      expect(pool).not.toBeNull();
      try {
        for (const chunkSize of [50, 1000]) {
          const seen = new Map<number, { ids: Int32Array; offsets: Int32Array }>();
          await pool!.encode(texts, chunkSize, (start, batch) => {
            expect(seen.has(start)).toBe(false);
            seen.set(start, batch);
          });
          expect(seen.size).toBe(Math.ceil(texts.length / chunkSize));
          for (const [start, batch] of seen) {
            const expected = f.encodeBatch(texts.slice(start, start + chunkSize));
            expect(batch.offsets).toEqual(expected.offsets);
            expect(batch.ids).toEqual(expected.ids);
          }
        }
      } finally {
        await pool!.close();
      }
    }
  });

  it.skipIf(!built)('splits a batch too long for one job at chunk boundaries (built dist/)', async () => {
    const text = (await import(pathToFileURL(join(dist, 'index.js')).href)) as typeof import('../../src/text/index.js');
    const f = text.Featurizer.fit(texts.slice(0, 600));
    const pool = text.EncodePool.create(f, 1)!;
    const saved = text.EncodePool.maxJobChars;
    text.EncodePool.maxJobChars = 20_000;
    try {
      const seen = new Map<number, Int32Array>();
      await pool.encode(texts, 30, (start, batch) => {
        expect(seen.has(start)).toBe(false);
        seen.set(start, batch.ids);
      });
      expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: Math.ceil(texts.length / 30) }, (_, k) => k * 30));
      for (const [start, ids] of seen) expect(ids).toEqual(f.encodeBatch(texts.slice(start, start + 30)).ids);
    } finally {
      text.EncodePool.maxJobChars = saved;
      await pool.close();
    }
  });
});
