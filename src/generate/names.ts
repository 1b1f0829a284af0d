/**
 * Name pools, built once per process from a seeded Faker instance (a private instance: the
 * shared `faker` object is never reseeded), then sampled by index with adscreen's own Rng. The
 * abstract proxy set uses invented names made from syllables, also built once.
 */
import { faker as enFaker } from '@faker-js/faker/locale/en';
import type { Faker } from '@faker-js/faker';

/** Name pools by gender key (`woman`, `man`) plus `neutral` for the abstract set. */
export interface NamePools {
  /** Women's first names. */
  woman: readonly string[];
  /** Men's first names. */
  man: readonly string[];
  /** Invented gender-neutral names. */
  neutral: readonly string[];
}

/** Size of every pool. */
export const POOL_SIZE = 160;
const NAME_SEED = 20240521;
const DENY = /young|teen|girl|barely|petite|fresh|student|baby|kid|child|doll|angel/i;

let cached: NamePools | null = null;

function uniqueNames(make: () => string): string[] {
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
  const FakerClass = enFaker.constructor as new (options: { locale: Faker['rawDefinitions']; seed?: number }) => Faker;
  const f = new FakerClass({ locale: enFaker.rawDefinitions, seed: NAME_SEED });
  const woman = uniqueNames(() => f.person.firstName('female'));
  const man = uniqueNames(() => f.person.firstName('male'));
  const a = ['Ka', 'Lo', 'Ve', 'Ri', 'Sa', 'Mi', 'To', 'Ne', 'Ju', 'Ar', 'El', 'Or'];
  const b = ['ren', 'li', 'sa', 'mo', 'vi', 'ta', 'nel', 'ris', 'do', 'an'];
  const neutral: string[] = [];
  for (const x of a) for (const y of b) neutral.push(x + y);
  cached = { woman, man, neutral: uniqueNames((() => { let i = 0; return () => neutral[i++ % neutral.length] as string; })()) };
  return cached;
}
