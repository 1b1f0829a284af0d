/** The CLI's backend policy: `ADSCREEN_BACKEND=tensorflow|wasm|cpu` overrides the automatic choice. */
import { initBackend, parseBackendPreference } from '../models/backend.js';

/** Initialises the TensorFlow.js backend the environment asks for (or the best that loads) and returns its name. */
export async function cliBackend(): Promise<string> {
  const prefer = parseBackendPreference(process.env['ADSCREEN_BACKEND']);
  return initBackend(prefer === undefined ? {} : { prefer });
}
