/**
 * Demographic proxy sets: the attributes a persona has, their base distribution, and how each
 * value surfaces in ad text the way a screener would see it (a nationality adjective, a country,
 * a greeting in another language, "trans woman").
 *
 * Two sets:
 * - `realistic`: `nationality` (a world region; five values), `language` (`native`,
 *   `non-native`, `code-switching`; tied to nationality in the base distribution) and `gender`
 *   (`woman`, `trans-woman`, `man`);
 * - `abstract`: invented groups for teaching without stereotypes: `folk` (four invented peoples
 *   with invented places) and `dialect` (`plain`, `marked`, marked by invented greetings and an
 *   invented tag word, not by imitating any real speakers).
 *
 * The base weights are illustrative, not estimates of any real population.
 *
 * Symmetry: every nation value has four places with four distinct country names and four distinct
 * adjectives, used equally often, so that no group's explicit mention is one concentrated word
 * that a model estimates more sharply than the others' (the `baseline` preset also gives every
 * group the same share; see presets.ts).
 */
import { CHANNEL } from './template.js';

/** Which proxy set a scenario uses. */
export type ProxySetId = 'realistic' | 'abstract';

/** One place a group value can be "from", with the words that name it. */
export interface Place {
  /** Country or place name, e.g. `Brazil`. */
  country: string;
  /** Adjective for a woman (or any persona in the abstract set). */
  adjF: string;
  /** Adjective for a man. */
  adjM: string;
  /** A greeting in the place's language, for code-switching personas. */
  greeting: string;
  /** A sign-off in the place's language. */
  signoff: string;
}

/** How a language-variety value surfaces. */
export type VarietyKind = 'none' | 'non-native' | 'code-switching' | 'marked';

/** A proxy set: attributes, base distribution and surface forms. */
export interface ProxySet {
  /** Set id. */
  id: ProxySetId;
  /** Attribute -> allowed values, in a fixed order. */
  attributes: Readonly<Record<string, readonly string[]>>;
  /** Which attribute carries nationality-like wording (places, adjectives). */
  nationAttribute: string;
  /** Which attribute carries language variety. */
  languageAttribute: string;
  /** Which attribute carries gender, or null. */
  genderAttribute: string | null;
  /** Base joint distribution: every combination of values with its weight. */
  profiles: ReadonlyArray<{ values: Readonly<Record<string, string>>; weight: number }>;
  /** Places per nation value (exactly 4 each, aligned by index). */
  places: Readonly<Record<string, readonly Place[]>>;
  /** Variety kind per language value. */
  varieties: Readonly<Record<string, VarietyKind>>;
  /** Default confounding target per attribute. */
  defaultTarget: Readonly<Record<string, string>>;
  /** Default group attribute. */
  defaultGroupAttribute: string;
}

function place(country: string, adjF: string, adjM: string, greeting: string, signoff: string): Place {
  return { country, adjF, adjM, greeting, signoff };
}

const REALISTIC_PLACES: Record<string, Place[]> = {
  us: [
    place('Texas', 'Texan', 'Texan', 'Hola!', 'Besos'),
    place('California', 'Californian', 'Californian', 'Hola, amigo!', 'Besos'),
    place('the USA', 'American', 'American', 'Hola!', 'Besitos'),
    place('Florida', 'Floridian', 'Floridian', 'Oi!', 'Beijos'),
  ],
  'latin-america': [
    place('Brazil', 'Brazilian', 'Brazilian', 'Oi, tudo bem?', 'Beijos'),
    place('Colombia', 'Colombian', 'Colombian', 'Hola guapo!', 'Besos'),
    place('Mexico', 'Mexican', 'Mexican', 'Hola amigo!', 'Besitos'),
    place('Venezuela', 'Venezuelan', 'Venezuelan', 'Hola, que tal?', 'Besos'),
  ],
  'eastern-europe': [
    place('Russia', 'Russian', 'Russian', 'Privet!', 'Poka'),
    place('Ukraine', 'Ukrainian', 'Ukrainian', 'Pryvit!', 'Do zustrichi'),
    place('Poland', 'Polish', 'Polish', 'Cześć!', 'Do zobaczenia'),
    place('Romania', 'Romanian', 'Romanian', 'Bună!', 'Pa pa'),
  ],
  'east-asia': [
    place('Japan', 'Japanese', 'Japanese', 'Konnichiwa!', 'Mata ne'),
    place('Korea', 'Korean', 'Korean', 'Annyeong!', 'Annyeong'),
    place('China', 'Chinese', 'Chinese', 'Ni hao!', 'Zaijian'),
    place('Taiwan', 'Taiwanese', 'Taiwanese', 'Ni hao!', 'Bai bai'),
  ],
  'southeast-asia': [
    place('Thailand', 'Thai', 'Thai', 'Sawasdee!', 'Khob khun'),
    place('the Philippines', 'Filipina', 'Filipino', 'Kumusta!', 'Salamat'),
    place('Vietnam', 'Vietnamese', 'Vietnamese', 'Xin chào!', 'Tạm biệt'),
    place('Indonesia', 'Indonesian', 'Indonesian', 'Halo, apa kabar?', 'Sampai jumpa'),
  ],
};

const ABSTRACT_PLACES: Record<string, Place[]> = {
  velan: [
    place('Vela Bay', 'Velan', 'Velan', 'Maleh!', 'Maleh-sa'),
    place('Velmont', 'Velan', 'Velan', 'Maleh!', 'Maleh-sa'),
    place('the Velan coast', 'Velan', 'Velan', 'Maleh-to!', 'Maleh-sa'),
    place('Vell Isle', 'Velan', 'Velan', 'Maleh!', 'Maleh-sa'),
  ],
  orrin: [
    place('Orrin Vale', 'Orrinese', 'Orrinese', 'Oru-ta!', 'Oru-mi'),
    place('Orrinmark', 'Orrinese', 'Orrinese', 'Oru-ta!', 'Oru-mi'),
    place('the Orrin hills', 'Orrinese', 'Orrinese', 'Oru-ta!', 'Oru-mi'),
    place('Port Orrin', 'Orrinese', 'Orrinese', 'Oru-tava!', 'Oru-mi'),
  ],
  tamsi: [
    place('Tamsa', 'Tamsic', 'Tamsic', 'Tamsa-hei!', 'Hei-lo'),
    place('the Tamsi plains', 'Tamsic', 'Tamsic', 'Tamsa-hei!', 'Hei-lo'),
    place('Tamsiford', 'Tamsic', 'Tamsic', 'Hei-tamsa!', 'Hei-lo'),
    place('Lower Tamsa', 'Tamsic', 'Tamsic', 'Tamsa-hei!', 'Hei-lo'),
  ],
  quell: [
    place('the Quell Isles', 'Quellish', 'Quellish', 'Kwe-lo!', 'Kwe-sen'),
    place('Quellport', 'Quellish', 'Quellish', 'Kwe-lo!', 'Kwe-sen'),
    place('North Quell', 'Quellish', 'Quellish', 'Kwe-lona!', 'Kwe-sen'),
    place('Quell Harbour', 'Quellish', 'Quellish', 'Kwe-lo!', 'Kwe-sen'),
  ],
};

function joint(
  first: [string, Record<string, number>],
  second: [string, Record<string, Record<string, number>>],
  third: [string, Record<string, number>] | null,
): Array<{ values: Record<string, string>; weight: number }> {
  const out: Array<{ values: Record<string, string>; weight: number }> = [];
  for (const [a, wa] of Object.entries(first[1])) {
    for (const [b, wb] of Object.entries(second[1][a] as Record<string, number>)) {
      if (third === null) {
        out.push({ values: { [first[0]]: a, [second[0]]: b }, weight: wa * wb });
        continue;
      }
      for (const [c, wc] of Object.entries(third[1])) {
        out.push({ values: { [first[0]]: a, [second[0]]: b, [third[0]]: c }, weight: wa * wb * wc });
      }
    }
  }
  return out;
}

const FOREIGN_LANG = { native: 0.3, 'non-native': 0.4, 'code-switching': 0.3 };

const REALISTIC: ProxySet = {
  id: 'realistic',
  attributes: {
    nationality: ['us', 'latin-america', 'eastern-europe', 'east-asia', 'southeast-asia'],
    language: ['native', 'non-native', 'code-switching'],
    gender: ['woman', 'trans-woman', 'man'],
  },
  nationAttribute: 'nationality',
  languageAttribute: 'language',
  genderAttribute: 'gender',
  profiles: joint(
    ['nationality', { us: 0.4, 'latin-america': 0.18, 'eastern-europe': 0.14, 'east-asia': 0.14, 'southeast-asia': 0.14 }],
    [
      'language',
      {
        us: { native: 0.92, 'non-native': 0.05, 'code-switching': 0.03 },
        'latin-america': FOREIGN_LANG,
        'eastern-europe': FOREIGN_LANG,
        'east-asia': FOREIGN_LANG,
        'southeast-asia': FOREIGN_LANG,
      },
    ],
    ['gender', { woman: 0.8, 'trans-woman': 0.1, man: 0.1 }],
  ),
  places: REALISTIC_PLACES,
  varieties: { native: 'none', 'non-native': 'non-native', 'code-switching': 'code-switching' },
  defaultTarget: { nationality: 'southeast-asia', language: 'non-native', gender: 'trans-woman' },
  defaultGroupAttribute: 'nationality',
};

const ABSTRACT: ProxySet = {
  id: 'abstract',
  attributes: { folk: ['velan', 'orrin', 'tamsi', 'quell'], dialect: ['plain', 'marked'] },
  nationAttribute: 'folk',
  languageAttribute: 'dialect',
  genderAttribute: null,
  profiles: joint(
    ['folk', { velan: 0.4, orrin: 0.25, tamsi: 0.2, quell: 0.15 }],
    [
      'dialect',
      {
        velan: { plain: 0.9, marked: 0.1 },
        orrin: { plain: 0.35, marked: 0.65 },
        tamsi: { plain: 0.35, marked: 0.65 },
        quell: { plain: 0.35, marked: 0.65 },
      },
    ],
    null,
  ),
  places: ABSTRACT_PLACES,
  varieties: { plain: 'none', marked: 'marked' },
  defaultTarget: { folk: 'tamsi', dialect: 'marked' },
  defaultGroupAttribute: 'folk',
};

/** The proxy sets by id. */
export const PROXY_SETS: Readonly<Record<ProxySetId, ProxySet>> = { realistic: REALISTIC, abstract: ABSTRACT };

/** The proxy channel (see template CHANNEL) an attribute of a set belongs to. */
export function channelOf(set: ProxySet, attribute: string): number {
  if (attribute === set.nationAttribute) return CHANNEL.nation;
  if (attribute === set.languageAttribute) return CHANNEL.language;
  if (attribute === set.genderAttribute) return CHANNEL.gender;
  return 0;
}

/** Noun used for a persona of a gender in proxy wording ("lady", "gentleman", "companion"). */
export function genderNoun(gender: string | undefined): string {
  if (gender === 'man') return 'gentleman';
  if (gender === undefined) return 'companion';
  return 'lady';
}

/** Self-descriptions for genders that are named in ads (women are not named: the genre's default). */
export const GENDER_MENTIONS: Readonly<Record<string, readonly string[]>> = {
  woman: [],
  'trans-woman': ['proud trans woman', 'trans woman, confident and kind', 'trans woman companion'],
  man: ['male companion', 'gentleman companion', 'male escort for ladies and couples'],
};

/** Every explicit surface form naming a proxy value in a set (for masking experiments). */
export function explicitProxyTerms(set: ProxySet): string[] {
  const terms = new Set<string>();
  for (const places of Object.values(set.places)) {
    for (const p of places) {
      terms.add(p.country.replace(/^the /, ''));
      terms.add(p.adjF);
      terms.add(p.adjM);
    }
  }
  if (set.genderAttribute !== null) {
    terms.add('trans woman');
    terms.add('male');
    terms.add('gentleman');
    terms.add('lady');
  }
  return [...terms].sort();
}
