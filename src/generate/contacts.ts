/**
 * Fictional contacts only. Phone numbers use the North American range reserved for fiction,
 * NXX-555-0100 to NXX-555-0199 (any valid area code); email addresses use the RFC 2606 reserved
 * domains example.com, example.org and example.net. Obscured numbers (written to defeat
 * scrapers) still decode to such a fictional number.
 */
import type { Rng } from '../random.js';

/** Area codes used (valid NXX form; the 555-01xx exchange makes every number fictional). */
export const AREA_CODES: readonly string[] = [
  '212', '213', '214', '206', '303', '305', '312', '404', '415', '503',
  '602', '617', '702', '713', '801', '619', '615', '704', '813', '916',
];

/** The reserved example domains. */
export const EXAMPLE_DOMAINS: readonly string[] = ['example.com', 'example.org', 'example.net'];

/** A phone number in canonical `NXX-555-01XX` form. */
export function fictionalPhone(rng: Rng): string {
  const line = 100 + rng.int(100);
  return `${AREA_CODES[rng.int(AREA_CODES.length)] as string}-555-0${line}`;
}

/** A fictional email address on a reserved domain for a name. */
export function fictionalEmail(rng: Rng, name: string): string {
  let local = LOCAL_CACHE.get(name);
  if (local === undefined) {
    local = name.toLowerCase().replace(/[^a-z]/g, '') || 'contact';
    LOCAL_CACHE.set(name, local);
  }
  return `${local}${21 + rng.int(79)}@${EXAMPLE_DOMAINS[rng.int(EXAMPLE_DOMAINS.length)] as string}`;
}

const LOCAL_CACHE = new Map<string, string>();

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Number of obscuring styles {@link obscurePhone} knows. */
export const OBSCURE_STYLES = 4;

/**
 * Writes a canonical phone number to defeat scrapers. Styles: 0 spaced digits, 1 spelled-out
 * words, 2 mixed digits and words, 3 look-alike letters (l for 1, O for 0).
 */
export function obscurePhone(phone: string, style: number): string {
  const digits = phone.replace(/-/g, '');
  switch (style) {
    case 0:
      return `${spaced(digits.slice(0, 3))} - ${spaced(digits.slice(3, 6))} - ${spaced(digits.slice(6))}`;
    case 1: {
      let out = '';
      for (let i = 0; i < digits.length; i++) out += (i > 0 ? ' ' : '') + (WORDS[digits.charCodeAt(i) - 48] as string);
      return out;
    }
    case 2: {
      let out = '';
      for (let i = 0; i < digits.length; i++) {
        if (i === 3 || i === 6) out += ' ';
        const d = digits.charCodeAt(i) - 48;
        out += i % 2 === 1 ? (WORDS[d] as string) : String(d);
      }
      return out;
    }
    default:
      return `(${digits.slice(0, 3).replace(/1/g, 'l')}) ${digits.slice(3, 6)}-${digits.slice(6).replace(/0/g, 'O')}`;
  }
}

function spaced(s: string): string {
  return s.split('').join(' ');
}

/**
 * Decodes an obscured or plain phone-like string back to its digits (words to digits, look-alike
 * letters to digits, separators dropped). Used by tests and audits of the content rules.
 */
export function decodePhone(text: string): string {
  let t = text.toLowerCase();
  for (let d = 0; d < WORDS.length; d++) t = t.split(WORDS[d] as string).join(String(d));
  return t.replace(/l/g, '1').replace(/o/g, '0').replace(/[^0-9]/g, '');
}
