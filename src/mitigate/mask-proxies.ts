/**
 * `mask-proxies`: "fairness through unawareness". Removes explicit proxy mentions (the surface
 * forms the generator renders for nationality, region, gender and the like) from training and
 * scoring text. It cannot remove what is not a term: language variety, spelling and register
 * still carry the group, which is the point of measuring it.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Mitigation, MitigationFactory } from './mitigation.js';
import { parseMitigationOptions } from './options.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher for whole-word, case-insensitive occurrences of any of the terms (longest first, so
 * "South American" wins over "American"). Returns null for an empty term list.
 */
export function proxyTermPattern(terms: readonly string[]): RegExp | null {
  const unique = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length > 0))];
  if (unique.length === 0) return null;
  unique.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const alternatives = unique.map((t) => escapeRegExp(t).replace(/\s+/g, '\\s+')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Removes (or replaces) every match of `pattern` in `text`, then tidies the spaces and
 * punctuation the removal leaves behind.
 *
 * @example
 * ```ts
 * import { loadScenario, maskText, proxyTermPattern, proxyTerms } from 'adscreen';
 *
 * const pattern = proxyTermPattern(proxyTerms(loadScenario('baseline')));
 * console.log(maskText('Warm Brazilian companion, new in town.', pattern));
 * console.log(maskText('Warm Brazilian companion, new in town.', pattern, '[group]'));
 * ```
 */
export function maskText(text: string, pattern: RegExp | null, replacement = ''): string {
  if (pattern === null) return text;
  const masked = text.replace(pattern, replacement);
  if (replacement !== '') return masked;
  return masked
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([,.;:!?)])/g, '$1')
    // a mention between two punctuation marks leaves an orphan: "Colleen. Trans woman, kind" -> "Colleen. kind"
    .replace(/([.!?;:,])[,;:]+/g, '$1')
    .replace(/[,;:]+([.!?])/g, '$1')
    .replace(/^[,;:]+ ?/gm, '')
    .replace(/\( +/g, '(')
    .replace(/^ +| +$/gm, '');
}

const schema = z
  .object({
    /** Text put in place of each mention; default removes it. */
    replacement: z.string().default(''),
    /** Extra terms to mask besides the generator's. */
    extraTerms: z.array(z.string()).default([]),
  })
  .strict();

/** Creates the `mask-proxies` mitigation. */
export const maskProxies: MitigationFactory = (options) => {
  const opts = parseMitigationOptions('mask-proxies', schema, options);
  let cachedTerms: readonly string[] | null = null;
  let cached: RegExp | null = null;
  const patternFor = (terms: readonly string[]): RegExp | null => {
    if (terms !== cachedTerms) {
      const all = [...terms, ...opts.extraTerms];
      if (all.length === 0) {
        throw new InputError('no proxy terms to mask: the scenario renders none and no extraTerms were given', {
          field: 'mask-proxies.options.extraTerms',
        });
      }
      cached = proxyTermPattern(all);
      cachedTerms = terms;
    }
    return cached;
  };
  const m: Mitigation = {
    name: 'mask-proxies',
    description: 'remove explicit proxy mentions from training and scoring text (fairness through unawareness)',
    order: 30,
    prepare(set, ctx) {
      const pattern = patternFor(ctx.proxyTerms);
      return { ...set, records: set.records.map((r) => ({ ...r, text: maskText(r.text, pattern, opts.replacement) })) };
    },
    scoringText(text, ctx) {
      return maskText(text, patternFor(ctx.proxyTerms), opts.replacement);
    },
  };
  return m;
};
