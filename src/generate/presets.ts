/**
 * Built-in scenarios. Each is a partial scenario (defaults fill the rest) with a name and a
 * description saying what it is for.
 *
 * - `baseline`: no bias: every group has the same share, the group mix is the same for every poster
 *   type and annotation is exact. Together with every group's explicit mention being drawn from the
 *   same number of equally frequent words (proxies.ts), the scenario is symmetric across groups.
 * - `confounded`: proxy-label confounding: operation personas are drawn towards one group.
 * - `biased-annotation`: true labels as in baseline; the observed labels over-flag one group and
 *   under-flag the others.
 * - `low-prevalence`: about 1% trafficking ads, closer to what a platform sees.
 * - `shifted`: the test-time counterpart of baseline: same label mechanism, different surface
 *   (held-out and primary phrase variants mixed, more evasion spellings, other cities, another
 *   group mix). Train on `baseline`, test on `shifted`.
 * - `classroom`: the abstract proxy set (invented groups, places and dialect) with moderate
 *   confounding, for teaching without stereotypes.
 */
import type { z } from 'zod';
import type { ScenarioSchema } from './scenario.js';

type Input = z.input<typeof ScenarioSchema>;

/** Preset name -> partial scenario. */
export const PRESETS: Readonly<Record<string, Input>> = {
  baseline: {
    name: 'baseline',
    description: 'No bias: equal group shares, the same group mix for every poster type, exact annotation, 10% trafficking ads.',
    groupWeights: { us: 1, 'latin-america': 1, 'eastern-europe': 1, 'east-asia': 1, 'southeast-asia': 1 },
  },
  confounded: {
    name: 'confounded',
    description: 'Proxy-label confounding: 70% of the operation personas are drawn into one group (southeast-asia), as biased case selection would produce.',
    confounding: { strength: 0.7 },
  },
  'biased-annotation': {
    name: 'biased-annotation',
    description: 'True labels as in baseline; annotators over-flag benign ads of one group (southeast-asia) and miss more trafficking ads of the others.',
    annotation: {
      flipToPositive: { us: 0.02, 'latin-america': 0.02, 'eastern-europe': 0.02, 'east-asia': 0.02, 'southeast-asia': 0.15 },
      flipToNegative: { us: 0.2, 'latin-america': 0.2, 'eastern-europe': 0.2, 'east-asia': 0.2, 'southeast-asia': 0.05 },
    },
  },
  'low-prevalence': {
    name: 'low-prevalence',
    description: 'About 1% trafficking ads, closer to a platform-wide base rate; otherwise baseline.',
    prevalence: 0.01,
  },
  shifted: {
    name: 'shifted',
    description: 'Test-time counterpart of baseline: same label mechanism, different surface (held-out phrase variants mixed in, more evasion spellings, other cities, another group mix). Train on baseline, test on shifted.',
    groupWeights: { us: 0.25, 'latin-america': 0.2, 'eastern-europe': 0.15, 'east-asia': 0.15, 'southeast-asia': 0.25 },
    surface: { phrases: 'all', misspelling: 0.15, cities: 'secondary' },
  },
  classroom: {
    name: 'classroom',
    description: 'Abstract proxy set: invented peoples, places and dialect, with moderate confounding towards one invented group, for teaching without stereotypes.',
    proxySet: 'abstract',
    confounding: { strength: 0.4 },
  },
};
