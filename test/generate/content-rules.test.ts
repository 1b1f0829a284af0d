/**
 * The content rules, enforced over 100,000 records of every preset: fictional contacts only,
 * adults only, no youth words, no explicit terms, correct indicator spans, every record labelled
 * synthetic with version, seed and scenario hash, and well-formed as the dataset reader checks.
 */
import { describe, expect, it } from 'vitest';
import { decodePhone } from '../../src/generate/contacts.js';
import { generateStream, loadScenario, PRESET_NAMES, scenarioHash, TAXONOMY } from '../../src/generate/index.js';
import { validateRecord } from '../../src/io/validate.js';
import { VERSION } from '../../src/version.js';

const N = 100_000;

/** Youth cues: none may appear anywhere in ad text (word-bounded, case-insensitive). */
const YOUTH = /\b(young|younger|youth|youthful|teen|teens|teenage|teenager|girl|girls|barely|petite|fresh|schoolgirl|student|students|school|college|coed|baby|babe|daddy|lolita|innocent|tiny|minor|virgin|little one|18|19|20|eighteen|nineteen|twenty)\b/i;
/** Explicit terms: none may appear. */
const EXPLICIT = /\b(sex|sexy|sexual|nude|naked|nsfw|oral|anal|bj|gfe|pse|fetish|kink|kinky|orgasm|erotic|xxx|porn|breasts?|boobs?|ass|penis|vagina|intercourse|happy ending|full service|bbbj)\b/i;

const FICTIONAL_PHONE = /^[2-9]\d{2}55501\d{2}$/;
/** Runs of at least 7 digits possibly separated by spaces, dots, dashes or parentheses. */
const DIGIT_RUN = /\d[\d\s().-]*/g;
const DOMAIN = /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|co|info|biz|us|ru|me|ly|xyz)\b/gi;

function phrasePattern(phrase: string): RegExp {
  const body = phrase
    .split(/(\{[a-z]+\})/)
    .map((part) => (part.startsWith('{') ? '.+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^(?:${body})$`, 'i');
}

const PATTERNS = new Map(TAXONOMY.map((ind) => [ind.id, ind.phrases.map(phrasePattern)]));

describe('content rules over 100,000 records of every preset', () => {
  for (const name of PRESET_NAMES) {
    it(`${name}`, () => {
      const scenario = loadScenario(name);
      const hash = scenarioHash(scenario);
      const problems: string[] = [];
      const fail = (id: string, what: string) => {
        if (problems.length < 10) problems.push(`${id}: ${what}`);
      };
      let count = 0;
      const checked = new Set<string>();
      const spanOk = new Set<string>();
      for (const r of generateStream(scenario, { n: N, seed: 2024 })) {
        count++;
        const t = r.text;
        if (r.synthetic !== true || r.generatorVersion !== VERSION || r.seed !== 2024 || r.scenarioHash !== hash) fail(r.id, 'labels');
        if (!(r.age >= 21 && r.age <= 45)) fail(r.id, `age ${r.age}`);
        // text checks run once per distinct sentence (sentences repeat a lot; keeps the test fast)
        for (const sentence of t.split('. ')) {
          if (checked.has(sentence)) continue;
          checked.add(sentence);
          if (YOUTH.test(sentence)) fail(r.id, `youth word: ${YOUTH.exec(sentence)?.[0]}`);
          if (EXPLICIT.test(sentence)) fail(r.id, `explicit word: ${EXPLICIT.exec(sentence)?.[0]}`);
          if (/https?:|www\./i.test(sentence)) fail(r.id, 'url');
          for (const m of sentence.matchAll(DOMAIN)) if (!/^example\.(com|org|net)$/i.test(m[0])) fail(r.id, `domain ${m[0]}`);
          for (const m of sentence.matchAll(/[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi)) {
            if (!/@example\.(com|org|net)$/.test(m[0])) fail(r.id, `email in text ${m[0]}`);
          }
        }
        // contacts
        if (r.contact.includes('@')) {
          if (!/^[a-z]+\d{2}@example\.(com|org|net)$/.test(r.contact)) fail(r.id, `email ${r.contact}`);
        } else if (!FICTIONAL_PHONE.test(decodePhone(r.contact))) fail(r.id, `phone ${r.contact}`);
        for (const m of t.matchAll(DIGIT_RUN)) {
          const digits = m[0].replace(/\D/g, '');
          if (digits.length >= 7 && !FICTIONAL_PHONE.test(digits)) fail(r.id, `digit run ${m[0]}`);
        }
        // spans
        for (const s of r.indicators) {
          if (!(s.start >= 0 && s.end > s.start && s.end <= t.length)) {
            fail(r.id, `span out of range ${JSON.stringify(s)}`);
            continue;
          }
          const slice = t.slice(s.start, s.end);
          if (s.id === 'obscured-phone' || s.id === 'shared-contact') {
            if (decodePhone(slice) !== decodePhone(r.contact)) fail(r.id, `${s.id} span '${slice}' is not the contact`);
            if (s.id === 'obscured-phone' && slice === r.contact) fail(r.id, 'obscured phone written plainly');
          } else {
            const key = `${s.id}\u0000${slice}`;
            if (!spanOk.has(key)) {
              if (!(PATTERNS.get(s.id) ?? []).some((p) => p.test(slice))) fail(r.id, `${s.id} span '${slice}' is no phrase variant`);
              else spanOk.add(key);
            }
          }
        }
        const ids = r.indicators.map((s) => s.id);
        if (new Set(ids).size !== ids.length) fail(r.id, 'duplicate indicator');
        // well-formed as the dataset reader defines it (parallel generation writes records unchecked)
        try {
          validateRecord(r);
        } catch (err) {
          fail(r.id, `not a valid record: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      expect(count).toBe(N);
      expect(problems).toEqual([]);
    });
  }
});
