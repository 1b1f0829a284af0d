/**
 * Command-line options of the benchmark scripts, read from `process.argv`: `option('--n', '1000')`
 * is the word after `--n` (or the fallback when `--n` is absent), `flag('--write')` whether the
 * flag is given.
 */

/** The value given after `name` on the command line, or `fallback`. */
export function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** True when `name` is on the command line. */
export function flag(name) {
  return process.argv.includes(name);
}
