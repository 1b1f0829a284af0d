/** The CLI's progress policy: draw on a TTY, stay quiet when piped or when `CI` is set. */
import { createProgressBar, type ProgressBar } from '../progress.js';

/** A progress bar for a CLI command, enabled only on an interactive terminal outside CI. */
export function cliProgress(label: string): ProgressBar {
  const enabled = Boolean(process.stderr.isTTY) && !process.env['CI'];
  return createProgressBar({ label, enabled });
}
