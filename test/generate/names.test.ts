/**
 * The first-name pools ship as data (src/generate/name-pools.ts) so that no thread loads Faker at
 * run time; they must be exactly what the seeded Faker gives (src/generate/faker-names.ts).
 */
import { describe, expect, it } from 'vitest';
import { fakerNamePools } from '../../src/generate/faker-names.js';
import { MAN_NAMES, WOMAN_NAMES } from '../../src/generate/name-pools.js';
import { namePools, POOL_SIZE } from '../../src/generate/names.js';

describe('name pools', () => {
  it('are exactly the names the seeded Faker draws (regenerate with npm run name-pools)', () => {
    const { woman, man } = fakerNamePools();
    expect([...WOMAN_NAMES]).toEqual(woman);
    expect([...MAN_NAMES]).toEqual(man);
  });

  it('hold distinct, sorted, plain names: POOL_SIZE first names each, 120 invented names', () => {
    const pools = namePools();
    for (const [pool, size] of [[pools.woman, POOL_SIZE], [pools.man, POOL_SIZE], [pools.neutral, 120]] as const) {
      expect(pool).toHaveLength(size);
      expect(new Set(pool).size).toBe(size);
      expect([...pool].sort()).toEqual([...pool]);
      for (const name of pool) expect(name).toMatch(/^[A-Z][a-z]{2,9}$/);
    }
  });
});
