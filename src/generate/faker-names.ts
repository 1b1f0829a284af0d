/**
 * How the first-name pools in name-pools.ts were made: a private Faker instance (English locale,
 * a fixed seed; the shared `faker` object is never reseeded) draws first names, and the first
 * 160 distinct ones of 3-10 letters that no deny-list word matches are kept, sorted. Not imported
 * at run time, so Faker is a development dependency only and no thread (each generate or
 * experiment worker) spends time loading it and drawing the names (about 50 ms).
 * `npm run name-pools` writes name-pools.ts from it, and test/generate/names.test.ts checks that
 * the two agree.
 */
import { faker as enFaker } from '@faker-js/faker/locale/en';
import type { Faker } from '@faker-js/faker';
import { uniqueNames } from './names.js';

/** The seed of the Faker instance behind the name pools. */
export const NAME_SEED = 20240521;

/** Women's and men's first-name pools, drawn from a seeded Faker. */
export function fakerNamePools(): { woman: string[]; man: string[] } {
  const FakerClass = enFaker.constructor as new (options: { locale: Faker['rawDefinitions']; seed?: number }) => Faker;
  const f = new FakerClass({ locale: enFaker.rawDefinitions, seed: NAME_SEED });
  const woman = uniqueNames(() => f.person.firstName('female'));
  const man = uniqueNames(() => f.person.firstName('male'));
  return { woman, man };
}
