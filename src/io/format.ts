/** Dataset file formats, chosen by extension, and where a dataset's datasheet goes. */
import { InputError } from '../errors.js';

/** A dataset file format. */
export type DatasetFormat = 'csv' | 'jsonl';

/** The format a path's extension names (`.csv` or `.jsonl`); throws an {@link InputError} otherwise. */
export function datasetFormat(path: string): DatasetFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl')) return 'jsonl';
  throw new InputError('unknown dataset format: expected a file name ending in .csv or .jsonl', { file: path });
}

/**
 * Where the datasheet of a dataset file goes: the path without its extension, plus
 * `.datasheet.md` (`out/train.csv` -> `out/train.datasheet.md`). A `.csv` and a `.jsonl` file of
 * the same name share it, so the one written last wins.
 */
export function datasheetPath(path: string): string {
  const format = datasetFormat(path);
  return `${path.slice(0, path.length - format.length - 1)}.datasheet.md`;
}
