/** Explicit proxy terms a scenario's ads can contain (for masking experiments). */
import { PROXY_SETS } from './proxies.js';
import { explicitProxyTerms } from './proxies.js';
import type { Scenario } from './scenario.js';

/**
 * Surface forms that name a proxy value explicitly in this scenario's ads (nationality or folk
 * adjectives and places, gender words). Language-variety wording is not included: it is not a
 * term that can be masked, which is what masking experiments measure.
 */
export function proxyTerms(scenario: Scenario): string[] {
  return explicitProxyTerms(PROXY_SETS[scenario.proxySet]);
}
