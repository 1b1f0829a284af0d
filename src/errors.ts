/**
 * Errors for bad user input. Each names where the problem is (a field, a row and column, a file)
 * and what was expected, so a researcher can fix the input without reading adscreen's code.
 */

/** Where a piece of bad input sits. */
export interface InputLocation {
  /** File the input came from, if any. */
  file?: string;
  /** 1-based data row (header excluded) for tabular input. */
  row?: number;
  /** Column or config field path, e.g. `score` or `confounding.strength`. */
  field?: string;
}

/** Thrown for invalid scenarios, configs, CSV rows and model directories. */
export class InputError extends Error {
  /** Where the problem is. */
  readonly location: InputLocation;

  /** Builds the message as `file: row N: field: problem`. */
  constructor(problem: string, location: InputLocation = {}) {
    const parts: string[] = [];
    if (location.file !== undefined) parts.push(location.file);
    if (location.row !== undefined) parts.push(`row ${location.row}`);
    if (location.field !== undefined) parts.push(location.field);
    super(parts.length > 0 ? `${parts.join(': ')}: ${problem}` : problem);
    this.name = 'InputError';
    this.location = location;
  }
}

/**
 * Rebuilds an error that crossed a thread or process boundary as its message and, for an
 * {@link InputError}, its location: an `InputError` with the same message and location, or a
 * plain `Error`.
 */
export function errorFromReply(message: string, location: InputLocation | null): Error {
  if (location === null) return new Error(message);
  const e = new InputError('', location);
  e.message = message;
  return e;
}
