/**
 * Colours for every adscreen chart and page: the Okabe-Ito palette (Okabe & Ito 2008), which stays
 * distinguishable under the common forms of colour-vision deficiency. Black is left out of the
 * group sequence because it is used for reference lines and text.
 */

/** The eight Okabe-Ito colours, by name. */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/**
 * The order in which groups receive colours. Yellow comes last: it has the weakest contrast on
 * white, so it is used only when a chart has seven groups.
 */
export const GROUP_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
];

/** Colour for reference lines (overall value, diagonal, chance level). */
export const REFERENCE_COLOR = '#555555';

/**
 * A Vega-Lite colour scale for the given categories, in the order given, cycling the palette
 * when there are more categories than colours.
 */
export function categoryScale(domain: readonly string[]): { domain: string[]; range: string[] } {
  return {
    domain: [...domain],
    range: domain.map((_, i) => GROUP_COLORS[i % GROUP_COLORS.length] as string),
  };
}
