/**
 * Renders one ad to text with exact indicator spans. Every random choice is drawn from the ad's
 * own stream in an order and number that do not depend on the persona's proxy attributes, so
 * rendering the same ad again with other proxy values (a counterfactual twin) changes only the
 * proxy wording. Proxy wording is tracked as "proxy spans" with the channels they depend on, for
 * tests and twin checks; records carry only indicator spans.
 */
import type { Rng } from '../random.js';
import type { IndicatorSpan, PosterType } from '../record.js';
import { obscurePhone, OBSCURE_STYLES } from './contacts.js';
import { AGENCY_NAMES, CONTENT, JOB_TITLES, type Category } from './content.js';
import { MARKED_LINES, MARKED_TAG, NON_NATIVE_LINES } from './language.js';
import { PER_AD, type Model } from './model.js';
import { namePools } from './names.js';
import type { Persona, Poster } from './posters.js';
import { genderNoun, GENDER_MENTIONS, type Place } from './proxies.js';
import { CHANNEL, compile, compileVoiced, SLOT, type Template } from './template.js';
import { TAXONOMY } from './taxonomy.js';

const IDX = Object.fromEntries(TAXONOMY.map((t, i) => [t.id, i])) as Record<string, number>;
const I_OBSCURED = IDX['obscured-phone'] as number;
const I_ETHNICITY = IDX['ethnicity-emphasis'] as number;
const I_SHARED = IDX['shared-contact'] as number;
const I_THIRD = IDX['third-person'] as number;
const I_CONTROLLER = IDX['controller-contact'] as number;
const N_IND = TAXONOMY.length;
const PRESENT = new Uint8Array(N_IND);
const CHOICE = new Uint8Array(N_IND);
const ORDER: number[] = [];
const VALUES: string[] = Array.from({ length: 11 }, () => '');
/** The current uniform draw being decoded into digits (a typed array: no boxing on write). */
const U = new Float64Array(1);

/** Next mixed-radix digit in [0, n) of the current uniform draw U. */
function digit(n: number): number {
  const x = (U[0] as number) * n;
  const d = Math.floor(x);
  U[0] = x - d;
  return d;
}

let POOLS: ReturnType<typeof namePools> | null = null;
/** Indicators rendered as body sentences, in taxonomy order. */
const BODY = TAXONOMY.map((_, i) => i).filter((i) => ![I_OBSCURED, I_ETHNICITY, I_SHARED, I_THIRD, I_CONTROLLER].includes(i));

type PhraseSet = 'primary' | 'heldout' | 'all';

function splitPhrases(phrases: readonly string[]): Record<PhraseSet, Template[]> {
  const all = phrases.map((p) => compile(p, true));
  const primary = all.filter((_, i) => i % 3 !== 2);
  const heldout = all.filter((_, i) => i % 3 === 2);
  return { primary, heldout: heldout.length > 0 ? heldout : primary, all };
}

const PHRASES: Array<Record<PhraseSet, Template[]>> = TAXONOMY.map((t) => splitPhrases(t.phrases));

/** Misspells a source sentence the way evasion spellings do (a few letters to look-alikes). */
export function misspell(source: string): string {
  let out = '';
  let depth = 0;
  let changed = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '{' || c === '[') depth++;
    if (c === '}' || c === ']') depth--;
    if (depth === 0 && changed < 2 && (c === 'a' || c === 'o' || c === 'e') && i > 0 && /[a-z]/.test(source[i - 1] as string)) {
      out += c === 'a' ? '@' : c === 'o' ? '0' : '3';
      changed++;
    } else out += c;
  }
  return out;
}

interface CompiledContent {
  headlines: Template[];
  intros: Template[];
  /** fillers[k] = [native first, native third, non-native first, non-native third] and misspelled copies at +4. */
  fillers: Template[][];
  rates: Template[];
  locations: Template[];
  contactLead: string[];
  emailLead: string[];
  priceSteps: number;
  priceLow: number;
}

function compileContent(cat: Category): CompiledContent {
  const c = CONTENT[cat];
  return {
    headlines: c.headlines.map((h) => compile(h, true)),
    intros: c.intros.map((h) => compile(h, true)),
    fillers: c.fillers.map(([nat, non]) => [
      ...compileVoiced(nat, true, CHANNEL.language),
      ...compileVoiced(non, true, CHANNEL.language),
      ...compileVoiced(misspell(nat), true, CHANNEL.language),
      ...compileVoiced(misspell(non), true, CHANNEL.language),
    ]),
    rates: c.rates.map((r) => compile(r, true)),
    locations: c.locations.map((r) => compile(r, true)),
    contactLead: [...c.contactLead],
    emailLead: [...c.emailLead],
    priceSteps: c.rates.length === 0 ? 1 : (c.priceRange[1] - c.priceRange[0]) / 10 + 1,
    priceLow: c.priceRange[0],
  };
}

const COMPILED: Record<Category, CompiledContent> = {
  escort: compileContent('escort'),
  massage: compileContent('massage'),
  dating: compileContent('dating'),
  jobs: compileContent('jobs'),
  roommates: compileContent('roommates'),
  services: compileContent('services'),
};

const GENDER_TEMPLATES: Record<string, Template[]> = Object.fromEntries(
  Object.entries(GENDER_MENTIONS).map(([g, list]) => [g, list.map((s) => compile(s, true, CHANNEL.gender))]),
);

/** A rendered ad. */
export interface RenderedAd {
  /** Ad text. */
  text: string;
  /** Indicator spans. */
  indicators: IndicatorSpan[];
  /** Canonical contact (phone or email). */
  contact: string;
  /** Proxy wording as [start, end, channels] triples, when requested. */
  proxySpans: number[] | null;
}

class Out {
  /**
   * The text so far (sentences and separators; the last sentence's separator is pending), built
   * by concatenation: V8 keeps it as a rope of the pieces until {@link Out.finish} has it copied
   * flat. Collecting the pieces in an array and joining them cost about 4% more instructions per
   * generated record.
   */
  text = '';
  /** Length of the text so far plus the pending separator. */
  length = 0;
  pending = '';
  spans: IndicatorSpan[] = [];
  proxy: number[] | null;
  constructor(trackProxy: boolean) {
    this.proxy = trackProxy ? [] : null;
  }
  /** Appends a sentence (and its separator); `ind` >= 0 marks it as that indicator. */
  add(s: string, deps: number, ind = -1, sep = '. '): void {
    const start = this.length;
    this.text += this.pending;
    this.text += s;
    this.close(start, s.length, deps, ind, sep);
  }
  /**
   * Appends a filled template as {@link Out.add} would append `fill(t, values) + suffix`, but
   * piece by piece, with no intermediate strings.
   */
  addTemplate(t: Template, values: readonly string[], deps: number, ind = -1, sep = '. ', suffix = ''): void {
    const start = this.length;
    const ps = t.parts;
    let text = this.text;
    let len = 0;
    let i = 0;
    if (this.pending === '. ' && t.dotLead !== null) {
      // the separator and the first literal part as one piece
      text += t.dotLead;
      len = t.dotLead.length - 2;
      i = 1;
    } else text += this.pending;
    for (; i < ps.length; i++) {
      const p = ps[i] as string | number;
      const v = typeof p === 'string' ? p : (values[p] as string);
      text += v;
      len += v.length;
    }
    if (suffix !== '') {
      text += suffix;
      len += suffix.length;
    }
    this.text = text;
    this.close(start, len, deps, ind, sep);
  }
  /** Records a sentence of `len` characters just appended at `start`, and its pending separator. */
  private close(start: number, len: number, deps: number, ind: number, sep: string): void {
    this.pending = sep;
    this.length += len;
    if (ind >= 0) this.spans.push({ id: (TAXONOMY[ind] as (typeof TAXONOMY)[number]).id, start, end: this.length });
    this.length += sep.length;
    if (deps !== 0 && this.proxy !== null) this.proxy.push(start, this.length, deps);
  }
  /** The finished text, stored flat: the last separator without its trailing space. */
  finish(): string {
    const p = this.pending;
    const text = this.text + (p.endsWith(' ') ? p.slice(0, -1) : p);
    // Reading a character makes V8 copy the rope flat now, while its ~30 nodes are new: they die
    // young instead of being copied out of the young generation with a record that is kept
    // (generate(), experiment caches). Every reader flattens the text anyway, so the copy only
    // comes earlier. Kept records use a quarter less memory, and the collector's copying of new
    // records halves (benchmarks/RESULTS.md, experiment section).
    text.charCodeAt(0);
    return text;
  }
}

/** Context of one ad: who, where, which of its poster's ads. */
export interface AdContext {
  /** The poster. */
  poster: Poster;
  /** Ad index within the poster. */
  j: number;
  /** The persona (proxies may be overridden by `proxies`). */
  persona: Persona;
  /** Proxy values to render with (the persona's, or a twin's). */
  proxies: Readonly<Record<string, string>>;
}

/** Renders ad j of a poster from its random stream. */
export function renderAd(model: Model, ctx: AdContext, rng: Rng, trackProxy = false): RenderedAd {
  const { poster, persona, proxies } = ctx;
  const type: PosterType = poster.type;
  const category = poster.categories[ctx.j] as Category;
  const cc = COMPILED[category];
  const set = model.set;
  const perAd = model.perAd;
  const rates = model.rates[typeIndex(type)] as Float64Array;
  const out = new Out(trackProxy);

  // 1. indicator presence (fixed number of draws)
  // One uniform serves four Bernoulli draws: after u < p, u / p is again uniform (and after
  // u >= p, (u - p) / (1 - p) is), so the draws stay exact while using fewer random numbers.
  const present = PRESENT;
  let u = 0;
  for (let i = 0; i < N_IND; i++) {
    if ((i & 3) === 0) u = rng.float();
    const p = rates[i] as number;
    if (u < p) {
      present[i] = 1;
      u /= p;
    } else {
      present[i] = 0;
      u = (u - p) / (1 - p);
    }
  }
  const third = present[I_THIRD] === 1;

  // 2. proxy-independent choices. Cosmetic choices are decoded as mixed-radix digits of one
  // uniform draw (53 random bits cover their product), to keep draws per ad low.
  const phraseSet = perAd.phrases;
  U[0] = rng.float();
  const headline = cc.headlines[digit(cc.headlines.length)] as Template;
  const intro = cc.intros[digit(cc.intros.length)] as Template;
  const price = cc.priceLow + 10 * digit(cc.priceSteps);
  const low = 50 + 10 * digit(5);
  const rateT = cc.rates.length > 0 ? cc.rates[digit(cc.rates.length)] : undefined;
  const locT = cc.locations[digit(cc.locations.length)] as Template;
  const leadIdx = digit(3);
  const style = digit(OBSCURE_STYLES);
  U[0] = rng.float();
  const langLineIdx = digit(12);
  const genderIdx = digit(12);
  const bookingIdx = digit(Math.max(1, poster.booking.length));
  const nF = cc.fillers.length;
  const f0 = digit(nF);
  const f1 = (f0 + 1 + digit(nF - 1)) % nF;
  const f2 = digit(2) === 0 ? (f1 + 1 + digit(nF - 1)) % nF : -1;
  const showLangLine = digit(2) === 0;
  const showAge = digit(10) < 3;
  const showVariety = rng.float() < (perAd.p[PER_AD.variety] as number);
  const showGender = rng.float() < Math.min(1, 0.7 * (perAd.p[PER_AD.mention] as number));
  const miss = perAd.p[PER_AD.misspelling] as number;
  const miss0 = miss > 0 && rng.float() < miss;
  const miss1 = miss > 0 && rng.float() < miss;
  const miss2 = miss > 0 && rng.float() < miss;
  const showAgency = type === 'agency' ? rng.float() < 0.5 : type === 'operation' ? rng.float() < 0.1 : false;
  const emailU = rng.float();
  const choice = CHOICE;
  const order = ORDER;
  order.length = 0;
  U[0] = rng.float();
  for (let i = 0; i < N_IND; i++) if (present[i] === 1) choice[i] = digit(60);
  for (let b = 0; b < BODY.length; b++) if (present[BODY[b] as number] === 1) order.push(BODY[b] as number);
  if (order.length > 1) rng.shuffle(order);

  // 3. proxy wording
  const pools = POOLS ?? (POOLS = namePools());
  const gender = set.genderAttribute === null ? undefined : proxies[set.genderAttribute];
  const pool = gender === undefined ? pools.neutral : gender === 'man' ? pools.man : pools.woman;
  const nation = proxies[set.nationAttribute] as string;
  const place = (set.places[nation] as readonly Place[])[persona.placeIdx] as Place;
  const variety = set.varieties[proxies[set.languageAttribute] as string] ?? 'none';
  const values = VALUES;
  values[SLOT.name] = pool[persona.nameIdx % pool.length] as string;
  values[SLOT.friend] = pool[persona.friendIdx % pool.length] as string;
  values[SLOT.city] = poster.adCity[ctx.j] as string;
  values[SLOT.low] = LOW_TEXT[low] ?? `$${low}`;
  values[SLOT.adj] = gender === 'man' ? place.adjM : place.adjF;
  values[SLOT.noun] = genderNoun(gender);
  values[SLOT.country] = place.country;
  values[SLOT.price] = numberText(price);
  values[SLOT.age] = numberText(persona.age);
  values[SLOT.agency] = AGENCY_NAMES[poster.agencyIdx % AGENCY_NAMES.length] as string;
  values[SLOT.job] = JOB_TITLES[persona.nameIdx % JOB_TITLES.length] as string;
  const LANG_NATION = CHANNEL.language | CHANNEL.nation;

  // 4. assemble
  if (showVariety && (variety === 'code-switching' || variety === 'marked')) out.add(place.greeting, LANG_NATION, -1, ' ');
  out.addTemplate(headline, values, headline.deps);
  if (third) {
    const t = pick(PHRASES[I_THIRD] as Record<PhraseSet, Template[]>, phraseSet, choice[I_THIRD] as number);
    out.addTemplate(t, values, t.deps, I_THIRD);
  } else out.addTemplate(intro, values, intro.deps);
  if (showAgency) out.add(`Booking by ${values[SLOT.agency] as string}`, 0);
  if (showGender && gender !== undefined && category === 'escort') {
    const list = GENDER_TEMPLATES[gender] as Template[];
    if (list.length > 0) out.addTemplate(list[genderIdx % list.length] as Template, values, CHANNEL.gender);
  }
  if (present[I_ETHNICITY] === 1) {
    const t = pick(PHRASES[I_ETHNICITY] as Record<PhraseSet, Template[]>, phraseSet, choice[I_ETHNICITY] as number);
    out.addTemplate(t, values, t.deps | CHANNEL.nation, I_ETHNICITY);
  }
  if (showAge) out.add(`${persona.age} yrs`, 0);
  const nonNative = showVariety && variety === 'non-native';
  const marked = showVariety && variety === 'marked';
  addFiller(out, cc, f0, third, nonNative, marked, miss0, values);
  for (const i of order) {
    const t = pick(PHRASES[i] as Record<PhraseSet, Template[]>, phraseSet, choice[i] as number);
    out.addTemplate(t, values, t.deps, i, i === IDX['coded-emoji'] ? ' ' : '. ');
  }
  addFiller(out, cc, f1, third, nonNative, marked, miss1, values);
  if (f2 >= 0) addFiller(out, cc, f2, third, nonNative, marked, miss2, values);
  if (showVariety && showLangLine && (variety === 'non-native' || variety === 'marked')) {
    const lines = variety === 'marked' ? MARKED_LINES : NON_NATIVE_LINES;
    out.add(lines[langLineIdx % lines.length] as string, CHANNEL.language);
  }
  if (rateT !== undefined) out.addTemplate(rateT, values, 0);
  out.addTemplate(locT, values, 0);
  if (present[I_CONTROLLER] === 1) {
    const t = pick(PHRASES[I_CONTROLLER] as Record<PhraseSet, Template[]>, phraseSet, choice[I_CONTROLLER] as number);
    out.addTemplate(t, values, t.deps, I_CONTROLLER);
  }
  // contact
  const shared = present[I_SHARED] === 1 && poster.booking.length > 0;
  const obscured = present[I_OBSCURED] === 1;
  const useEmail = !shared && !obscured && emailU < (type === 'non-escort' ? 0.4 : 0.05);
  let contact: string;
  if (useEmail) {
    contact = persona.email;
    out.add(`${cc.emailLead[leadIdx % cc.emailLead.length] as string} ${contact}`, 0);
  } else {
    contact = shared ? (poster.booking[bookingIdx] as string) : persona.phone;
    const lead = cc.contactLead[leadIdx % cc.contactLead.length] as string;
    const shown = obscured ? obscurePhone(contact, style) : contact;
    const start = out.length + lead.length + 1;
    out.add(`${lead} ${shown}`, 0);
    const end = start + shown.length;
    if (obscured) out.spans.push({ id: 'obscured-phone', start, end });
    if (shared) out.spans.push({ id: 'shared-contact', start, end });
  }
  if (showVariety && variety === 'code-switching') out.add(place.signoff, LANG_NATION, -1, '');
  const text = out.finish();
  if (out.proxy !== null) {
    const p = out.proxy;
    for (let i = 1; i < p.length; i += 3) if ((p[i] as number) > text.length) p[i] = text.length;
  }
  return { text, indicators: out.spans, contact, proxySpans: out.proxy };
}

function pick(sets: Record<PhraseSet, Template[]>, which: PhraseSet, u: number): Template {
  const list = sets[which];
  return list[u % list.length] as Template;
}

function addFiller(
  out: Out,
  cc: CompiledContent,
  f: number,
  third: boolean,
  nonNative: boolean,
  marked: boolean,
  miss: boolean,
  values: string[],
): void {
  const forms = cc.fillers[f] as Template[];
  const t = forms[(miss ? 4 : 0) + (nonNative ? 2 : 0) + (third ? 1 : 0)] as Template;
  out.addTemplate(t, values, t.deps, -1, '. ', marked ? MARKED_TAG : '');
}

function typeIndex(t: PosterType): number {
  return t === 'operation' ? 0 : t === 'independent' ? 1 : t === 'agency' ? 2 : 3;
}

/** `$50` ... `$90`, the low rates, made once. */
const LOW_TEXT: Record<number, string> = Object.fromEntries([50, 60, 70, 80, 90].map((x) => [x, `$${x}`]));
/** Decimal text of small numbers (prices, ages), made once each. */
const NUMBER_TEXT: string[] = [];

function numberText(x: number): string {
  if (!(x >= 0 && x < 4096 && Number.isInteger(x))) return String(x);
  return NUMBER_TEXT[x] ?? (NUMBER_TEXT[x] = String(x));
}
