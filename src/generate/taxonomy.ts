/**
 * The indicator taxonomy: the textual signs of trafficking that screeners, practitioners and
 * researchers look for in classified ads, each with its sources, how well the evidence supports
 * it, the phrase variants the generator renders, and P(indicator | poster type) at the default
 * indicator strength and overlap.
 *
 * The defaults follow the evidence summarised by Lugo-Graulich et al. (2024), who tested over
 * 250 assumed red flags against ads from closed cases with a counterfactual of non-trafficking
 * sex-work ads: an obscured phone number, naming the provider's ethnicity and "trustworthy" or
 * professional language predicted trafficking; movement language was about 70% *less* likely in
 * trafficking ads, and client-screening language was not a predictor. So movement and screening
 * are more common here in independent workers' ads, and indicators known only from practitioner
 * lists (third-person voice, price anomalies, ...) are only weakly associated with the label.
 *
 * Youth or age cues are deliberately absent. Language suggesting youth was one of the validated
 * predictors, but the generator never writes youth cues of any kind (content rules: every persona
 * is 21 or older, no youth emphasis), so a model trained on adscreen data cannot learn, and an
 * audit cannot measure, that signal.
 */
import type { PosterType } from '../record.js';

/** A cited work. */
export interface Source {
  /** Authors as cited, e.g. `Lugo-Graulich et al.`. */
  author: string;
  /** Publication year. */
  year: number;
  /** Title of the work. */
  title: string;
}

/**
 * How well an indicator is supported: `validated` (a significant predictor against a
 * counterfactual, or observed in case-linked ad data), `practitioner-belief` (repeated in red-flag
 * lists, no empirical validation found), `contradicted` (tested and found not predictive or
 * pointing the other way).
 */
export type EvidenceLevel = 'validated' | 'practitioner-belief' | 'contradicted';

/** One textual indicator. */
export interface Indicator {
  /** Stable id used in records, e.g. `third-person`. */
  id: string;
  /** Short human-readable name. */
  name: string;
  /** One line on what the indicator is. */
  description: string;
  /** Works that describe or test it. */
  sources: Source[];
  /** Strength of the evidence. */
  evidence: EvidenceLevel;
  /** True when benign posters (independent workers, agencies, other classifieds) use it too. */
  benignOverlap: boolean;
  /**
   * Phrase variants. Slots in braces are filled when rendering: `{city}`, `{name}`, `{friend}`,
   * `{low}` (a low price), `{adj}`/`{noun}`/`{country}` (proxy wording). Structural indicators
   * (shared contact) have none; the obscured phone lists example formats.
   */
  phrases: string[];
  /** P(indicator | poster type) at default strength and overlap. */
  rates: Record<PosterType, number>;
}

const LUGO_2024: Source = {
  author: 'Lugo-Graulich et al.',
  year: 2024,
  title: 'Improving Sex Trafficking Victim Identification: Indicators of Trafficking in Online Escort Ads',
};
const LUGO_2022: Source = {
  author: 'Lugo-Graulich',
  year: 2022,
  title: 'Indicators of Sex Trafficking in Online Escort Ads, Final Report',
};
const NIJ_2024: Source = {
  author: 'National Institute of Justice',
  year: 2024,
  title: 'Unconventional Wisdom: Research Shakes Up Assumptions About Sex Trafficking Clues in Online Escort Ads',
};
const HUNDMAN_2018: Source = {
  author: 'Hundman, Gowda, Kejriwal & Boecking',
  year: 2018,
  title: 'Always Lurking: Understanding and Mitigating Bias in Online Human Trafficking Detection',
};
const IBANEZ_2014: Source = {
  author: 'Ibanez & Suthers',
  year: 2014,
  title: 'Detection of Domestic Human Trafficking Indicators and Movement Trends Using Content Available on Open Internet Sources',
};
const KEJRIWAL_2017: Source = {
  author: 'Kejriwal & Szekely',
  year: 2017,
  title: 'An Investigative Search Engine for the Human Trafficking Domain',
};
const WANG_2019: Source = {
  author: 'Wang, Laber, Saanchi & Caltagirone',
  year: 2019,
  title: 'Sex Trafficking Detection with Ordinal Regression Neural Networks',
};
const FREEMAN_2025: Source = {
  author: 'Freeman, Nguyen, Bott, Parton & Francel',
  year: 2025,
  title: 'Language Models for Adult Service Website Text Analysis',
};
const KENNEDY_2012: Source = {
  author: 'Kennedy',
  year: 2012,
  title: 'Predictive Patterns of Sex Trafficking Online',
};
function rates(operation: number, independent: number, agency: number, nonEscort: number): Record<PosterType, number> {
  return { operation, independent, agency, 'non-escort': nonEscort };
}

/**
 * The indicator taxonomy (15 indicators), in a fixed order. Youth/age cues are left out on
 * purpose: see the module documentation.
 */
export const TAXONOMY: readonly Indicator[] = [
  {
    id: 'obscured-phone',
    name: 'Obscured phone number',
    description: 'The phone number is written to defeat scrapers: spelled out, spaced, or with letters for digits.',
    sources: [LUGO_2024, LUGO_2022],
    evidence: 'validated',
    benignOverlap: true,
    phrases: ['3 1 2 - 5 5 5 - 0 1 4 2', 'three one two five five five zero one four two', '312 five5five 01four2', '(3l2) 555-O142'],
    rates: rates(0.33, 0.14, 0.08, 0.01),
  },
  {
    id: 'ethnicity-emphasis',
    name: 'Ethnicity or nationality named',
    description: "The ad names the provider's ethnicity, race or nationality as a selling point.",
    sources: [LUGO_2024, LUGO_2022],
    evidence: 'validated',
    benignOverlap: true,
    phrases: ['{adj} {noun}', '100% {adj}', 'originally from {country}', 'authentic {adj} {noun}', '{adj} and proud', 'sweet {adj} {noun}'],
    rates: rates(0.45, 0.22, 0.32, 0),
  },
  {
    id: 'trustworthy-tone',
    name: 'Professional, "trustworthy" language',
    description: 'Language that presents the provider as professional, reliable, verified or safe.',
    sources: [LUGO_2024, NIJ_2024],
    evidence: 'validated',
    benignOverlap: true,
    phrases: [
      'professional and discreet',
      '100% real and legit',
      'trusted, verified and punctual',
      'clean, safe and respectful',
      'reliable and honest',
      'satisfaction guaranteed',
      'your comfort and privacy come first',
    ],
    rates: rates(0.48, 0.32, 0.4, 0.25),
  },
  {
    id: 'shared-contact',
    name: 'Contact shared across ads',
    description: 'The same phone or address appears on ads for several persons or cities (structural: see contact and operatorId).',
    sources: [IBANEZ_2014, KEJRIWAL_2017, KENNEDY_2012],
    evidence: 'validated',
    benignOverlap: true,
    phrases: [],
    rates: rates(0.85, 0, 0.6, 0),
  },
  {
    id: 'movement',
    name: 'New in town / on tour',
    description: 'Movement language such as "new in town", "limited time" or "leaving soon".',
    sources: [LUGO_2024, NIJ_2024, HUNDMAN_2018, IBANEZ_2014],
    evidence: 'contradicted',
    benignOverlap: true,
    phrases: [
      'new in town',
      'just arrived in {city}',
      'in town for a few days only',
      'limited time only',
      'leaving soon',
      'on tour this week',
      'visiting {city} this week',
    ],
    rates: rates(0.15, 0.45, 0.12, 0.05),
  },
  {
    id: 'client-screening',
    name: 'Client screening',
    description: 'The ad asks clients for references or verification before meeting (routine safety practice).',
    sources: [LUGO_2024, NIJ_2024],
    evidence: 'contradicted',
    benignOverlap: true,
    phrases: [
      'screening required',
      'references required',
      'serious inquiries only',
      'verification needed before meeting',
      'no screening, no appointment',
      'please provide a reference',
    ],
    rates: rates(0.12, 0.42, 0.3, 0.1),
  },
  {
    id: 'third-person',
    name: 'Third-person voice',
    description: 'The ad talks about the provider in the third person, as if written by someone else.',
    sources: [LUGO_2022, NIJ_2024],
    evidence: 'practitioner-belief',
    benignOverlap: true,
    phrases: [
      '{name} is here to brighten your day',
      'meet the lovely {name}',
      '{name} is available now',
      'call now to spend time with {name}',
      '{name} will treat you like royalty',
      'you will love {name}',
    ],
    rates: rates(0.4, 0.12, 0.55, 0),
  },
  {
    id: 'multiple-persons',
    name: 'Several persons in one ad',
    description: 'One ad offers several persons, or mentions a friend who is also available.',
    sources: [KENNEDY_2012, LUGO_2022],
    evidence: 'practitioner-belief',
    benignOverlap: true,
    phrases: [
      'two companions available together',
      'ask about {friend} too',
      'several companions to choose from',
      'duo appointments available',
      '{friend} is also available',
      'new companions every week',
    ],
    rates: rates(0.28, 0.06, 0.45, 0),
  },
  {
    id: 'incall-only',
    name: 'Incall only / restricted movement',
    description: 'The provider only receives visitors and does not travel, read by some as restricted movement.',
    sources: [LUGO_2022],
    evidence: 'practitioner-belief',
    benignOverlap: true,
    phrases: ['incall only', 'no outcall', 'visits at my place only', 'private incall only', 'incall in {city} only'],
    rates: rates(0.32, 0.25, 0.2, 0.02),
  },
  {
    id: 'availability-24-7',
    name: 'Available 24/7',
    description: 'Round-the-clock availability, read by some as a sign of no control over working hours.',
    sources: [LUGO_2022],
    evidence: 'practitioner-belief',
    benignOverlap: true,
    phrases: ['available 24/7', 'open 24 hours', 'day or night, 7 days a week', 'anytime, all night', '24/7 service', 'always available'],
    rates: rates(0.28, 0.15, 0.3, 0.06),
  },
  {
    id: 'price-anomaly',
    name: 'Price anomaly',
    description: 'Unusually low prices or "specials", read by some as a sign of a controller setting prices.',
    sources: [LUGO_2022],
    evidence: 'practitioner-belief',
    benignOverlap: true,
    phrases: ['specials today: {low} half hour', '{low} special all day', 'cheap rates this week', 'discount for first visit', '{low} for 30 min'],
    rates: rates(0.2, 0.12, 0.1, 0),
  },
  {
    id: 'no-questions',
    name: '"No questions" lines',
    description: 'Lines promising no questions, no names or no drama.',
    sources: [LUGO_2022],
    evidence: 'practitioner-belief',
    benignOverlap: true,
    phrases: ['no questions asked', 'no drama, no games', 'discreet, no questions', 'no names needed', 'cash only, no questions', 'what happens here stays here'],
    rates: rates(0.2, 0.1, 0.1, 0.04),
  },
  {
    id: 'controller-contact',
    name: 'Controller-managed contact',
    description: 'Contact goes through someone else: a manager, an assistant, a booking line.',
    sources: [LUGO_2022],
    evidence: 'practitioner-belief',
    benignOverlap: true,
    phrases: [
      'call my manager to book',
      'booking through management only',
      'my assistant handles all bookings',
      'ask for the manager',
      'my friend will answer',
      'text the booking line',
    ],
    rates: rates(0.25, 0.03, 0.35, 0.04),
  },
  {
    id: 'coded-emoji',
    name: 'Coded emoji',
    description: 'Emoji used as a code or to slip past keyword filters (e.g. roses for money).',
    sources: [FREEMAN_2025, WANG_2019],
    evidence: 'practitioner-belief',
    benignOverlap: true,
    phrases: ['🌹🌹', '💎💎', '👑', '🌹💎', '🔥🔥', '🌴✈️'],
    rates: rates(0.3, 0.3, 0.15, 0.02),
  },
  {
    id: 'evasion-spelling',
    name: 'Evasion spellings and acronyms',
    description: 'Deliberate misspellings, symbols for letters and acronyms used to dodge moderation filters.',
    sources: [FREEMAN_2025, WANG_2019],
    evidence: 'practitioner-belief',
    benignOverlap: true,
    phrases: ['av@ilable n0w', 't3xt only', 'c@ll me', 'r0ses only', 'd8s welcome', 'compani0nship', 'h0stess'],
    rates: rates(0.35, 0.4, 0.12, 0.02),
  },
];

/** Indicator by id (throws for an unknown id). */
export function indicatorById(id: string): Indicator {
  const found = TAXONOMY.find((i) => i.id === id);
  if (found === undefined) throw new RangeError(`unknown indicator id: ${id}`);
  return found;
}

/** Indicators whose phrase is rendered in the ad body (everything except contact-level ones). */
export const BODY_INDICATORS: readonly string[] = TAXONOMY.filter(
  (i) => i.id !== 'obscured-phone' && i.id !== 'shared-contact' && i.id !== 'third-person' && i.id !== 'ethnicity-emphasis',
).map((i) => i.id);
