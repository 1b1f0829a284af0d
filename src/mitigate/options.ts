/** Validation of a mitigation's options, with errors naming the mitigation and the option. */
import type { z } from 'zod';
import { InputError } from '../errors.js';

/** Parses `options` with a strict zod schema; throws {@link InputError} naming `<name>.options.<field>`. */
export function parseMitigationOptions<T extends z.ZodType>(
  name: string,
  schema: T,
  options: Record<string, unknown>,
): z.infer<T> {
  const result = schema.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    throw new InputError(issue.message, { field: `${name}.options${path ? `.${path}` : ''}` });
  }
  return result.data;
}
