/**
 * Name pools, sampled by index with adscreen's own Rng. The first names were drawn once from a
 * seeded Faker (faker-names.ts) and ship as data (name-pools.ts); the abstract proxy set uses
 * invented names made from syllables, built on first use.
 */
import { MAN_NAMES, WOMAN_NAMES } from './name-pools.js';

/** Name pools by gender key (`woman`, `man`) plus `neutral` for the abstract set. */
export interface NamePools {
  /** Women's first names. */
  woman: readonly string[];
  /** Men's first names. */
  man: readonly string[];
  /** Invented gender-neutral names. */
  neutral: readonly string[];
}

/** Size of the first-name pools (the abstract set's invented names are the 120 syllable pairs; names are picked modulo a pool's size). */
export const POOL_SIZE = 160;
const DENY = /young|teen|girl|barely|petite|fresh|student|baby|kid|child|doll|angel/i;

let cached: NamePools | null = null;

/** The first {@link POOL_SIZE} distinct names from `make` of 3-10 letters that no deny-list word matches, sorted. */
export function uniqueNames(make: () => string): string[] {
  const out = new Set<string>();
  let guard = 0;
  while (out.size < POOL_SIZE && guard++ < 20000) {
    const n = make();
    if (/^[A-Z][a-z]{2,9}$/.test(n) && !DENY.test(n)) out.add(n);
  }
  return [...out].sort();
}

/** The name pools (built on first use; same contents in every process). */
export function namePools(): NamePools {
  if (cached !== null) return cached;
  const a = ['Ka', 'Lo', 'Ve', 'Ri', 'Sa', 'Mi', 'To', 'Ne', 'Ju', 'Ar', 'El', 'Or'];
  const b = ['ren', 'li', 'sa', 'mo', 'vi', 'ta', 'nel', 'ris', 'do', 'an'];
  const neutral: string[] = [];
  for (const x of a) for (const y of b) neutral.push(x + y);
  cached = { woman: WOMAN_NAMES, man: MAN_NAMES, neutral: uniqueNames((() => { let i = 0; return () => neutral[i++ % neutral.length] as string; })()) };
  return cached;
}
