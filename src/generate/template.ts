/**
 * Phrase templates, compiled once at module load so rendering an ad is plain string building.
 * Source syntax: `{slot}` is filled from the ad's context; `[first|third]` picks by voice
 * (first person, or third person about the persona). A compiled template records which proxy
 * channels its slots depend on, so the renderer knows which pieces of text are proxy wording.
 */

/** Slot codes. */
export const SLOT = {
  name: 0,
  friend: 1,
  city: 2,
  low: 3,
  adj: 4,
  noun: 5,
  country: 6,
  price: 7,
  age: 8,
  agency: 9,
  job: 10,
} as const;

/** Proxy channels a piece of text can depend on (bit flags). */
export const CHANNEL = { gender: 1, nation: 2, language: 4 } as const;

const SLOT_DEPS: Record<number, number> = {
  [SLOT.name]: CHANNEL.gender,
  [SLOT.friend]: CHANNEL.gender,
  [SLOT.adj]: CHANNEL.nation | CHANNEL.gender,
  [SLOT.noun]: CHANNEL.gender,
  [SLOT.country]: CHANNEL.nation,
};

/** A compiled template: literal strings and slot codes, plus the proxy channels it depends on. */
export interface Template {
  /** Literal text (string) or slot code (number). */
  parts: ReadonlyArray<string | number>;
  /** Bit mask of {@link CHANNEL}s the rendered text depends on. */
  deps: number;
  /**
   * `". "` followed by the first part, when that part is literal text (else null): the usual
   * separator and the start of the sentence as one piece, so the renderer has fewer pieces to join.
   */
  dotLead: string | null;
}

/** Values for the slots of one ad. */
export interface SlotValues {
  /** One value per slot code. */
  values: string[];
}

/**
 * Compiles `{slot}` text (no voice alternatives) into a template; `capitalize` upper-cases the first letter.
 * Literal parts are slices of the source, so each is one flat string: rendering copies them into
 * the ad text many times, and a string built character by character would be a deep chain of
 * concatenations to walk on every copy.
 */
export function compile(source: string, capitalize = false, extraDeps = 0): Template {
  // capitalising the source first leaves the first literal part a slice, like the others
  const src = capitalize && source.length > 0 && source[0] !== '{' ? source.charAt(0).toUpperCase() + source.slice(1) : source;
  const parts: Array<string | number> = [];
  let deps = extraDeps;
  let i = 0;
  let literal = 0;
  while (i < src.length) {
    if (src[i] === '{') {
      const close = src.indexOf('}', i);
      const key = src.slice(i + 1, close) as keyof typeof SLOT;
      const code = SLOT[key];
      if (code === undefined) throw new Error(`unknown template slot {${key}} in "${source}"`);
      if (i > literal) parts.push(src.slice(literal, i));
      parts.push(code);
      deps |= SLOT_DEPS[code] ?? 0;
      i = close + 1;
      literal = i;
    } else i++;
  }
  if (src.length > literal) parts.push(src.slice(literal));
  const dotLead = typeof parts[0] === 'string' ? `. ${src}`.slice(0, parts[0].length + 2) : null;
  return { parts, deps, dotLead };
}

/** Resolves `[first|third]` alternatives for one voice. */
export function pickVoice(source: string, third: boolean): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('[', i);
    if (open < 0) {
      out += source.slice(i);
      break;
    }
    const close = source.indexOf(']', open);
    const bar = source.indexOf('|', open);
    out += source.slice(i, open);
    out += third ? source.slice(bar + 1, close) : source.slice(open + 1, bar);
    i = close + 1;
  }
  return out;
}

/** Compiles a voiced source into [first-person, third-person] templates. */
export function compileVoiced(source: string, capitalize = true, extraDeps = 0): [Template, Template] {
  return [compile(pickVoice(source, false), capitalize, extraDeps), compile(pickVoice(source, true), capitalize, extraDeps)];
}

/** Fills a template. */
export function fill(t: Template, values: readonly string[]): string {
  const parts = t.parts;
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string | number;
    out += typeof p === 'string' ? p : (values[p] as string);
  }
  return out;
}
