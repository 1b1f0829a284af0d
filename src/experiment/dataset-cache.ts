/**
 * Generated datasets kept between the cells of one run (per worker thread, or per in-process
 * run), with their SHA-256. Cells often share data: every model and mitigation of a seed trains
 * on the same ads, and a sweep over training fields tests on the same ads. Generation is
 * deterministic, so a dataset is keyed by what determines it (scenario, size, seed, twins) and
 * reused instead of generated and hashed again. Records are shared, never copied: no stage
 * modifies a record (mitigations make new ones). Bounded by a total record count (a generated
 * record takes about 1 KB of heap), least recently used first out.
 */
import { createHash } from 'node:crypto';
import { streamJsonLines } from '../io/index.js';
import type { AdRecord } from '../record.js';

/** What determines a generated dataset. */
export interface DatasetKey {
  scenario: unknown;
  n: number;
  seed: number;
  twins: boolean;
}

interface Entry {
  records: AdRecord[];
  sha256: string | null;
}

/**
 * SHA-256 of records as JSON lines: the UTF-8 bytes of `JSON.stringify(record) + '\n'` for each
 * record (generated records go through the JSON Lines byte encoder, several times faster than
 * `JSON.stringify`, with the same bytes; see `streamJsonLines`).
 */
export function dataHash(records: readonly AdRecord[]): string {
  const h = createHash('sha256');
  streamJsonLines(records, (chunk) => h.update(chunk));
  return h.digest('hex');
}

/** A bounded cache of generated datasets and their hashes (see the module comment). */
export class DatasetCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  /** @param maxRecords Most records kept over all datasets (0 keeps none). __Default value:__ 50,000 (about 50 MB). */
  constructor(private readonly maxRecords = 50_000) {}

  /**
   * The dataset for `key`, made by `make` unless kept from an earlier call. A dataset made now is
   * kept only when `keep` is true (the runner passes false when no later cell uses the key, so
   * that data used once does not push out data used again).
   */
  records(key: DatasetKey, make: () => AdRecord[], keep = true): AdRecord[] {
    const k = JSON.stringify(key);
    const hit = this.entries.get(k);
    if (hit !== undefined) {
      // most recently used last
      this.entries.delete(k);
      this.entries.set(k, hit);
      return hit.records;
    }
    const records = make();
    if (keep) this.keep(k, { records, sha256: null });
    return records;
  }

  /** SHA-256 of a dataset returned by {@link DatasetCache.records} (its JSON lines), computed once. */
  sha256(key: DatasetKey, records: readonly AdRecord[]): string {
    const entry = this.entries.get(JSON.stringify(key));
    if (entry === undefined || entry.records !== records) return dataHash(records);
    entry.sha256 ??= dataHash(records);
    return entry.sha256;
  }

  private keep(k: string, entry: Entry): void {
    if (entry.records.length > this.maxRecords) return;
    this.entries.set(k, entry);
    this.held += entry.records.length;
    for (const [old, e] of this.entries) {
      if (this.held <= this.maxRecords) break;
      this.entries.delete(old);
      this.held -= e.records.length;
    }
  }
}
