/**
 * The scenario hash every record carries: SHA-256 of the validated scenario's canonical JSON.
 * Kept apart from the schema so that code handed an already-validated scenario (worker threads)
 * can check the hash without loading the validator.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from './scenario.js';

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** SHA-256 of the scenario's canonical (sorted-key) JSON, hex, first 16 characters. */
export function scenarioHash(s: Scenario): string {
  return createHash('sha256').update(canonical(s)).digest('hex').slice(0, 16);
}
