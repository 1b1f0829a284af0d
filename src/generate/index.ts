/**
 * The generate stage: scenarios, the indicator taxonomy, proxy sets, and seeded generation of
 * synthetic ads with ground truth, indicator spans, proxies and counterfactual twins.
 */
export {
  ScenarioSchema,
  parseScenario,
  scenarioHash,
  loadScenario,
  PRESET_NAMES,
  type Scenario,
  type ScenarioInput,
} from './scenario.js';
export { generate, generateStream, planGeneration, type GenerateOptions } from './generate.js';
export { twin, groupTwins, proxyAttributes } from './twin.js';
export { TAXONOMY, type Indicator, type Source as IndicatorSource, type EvidenceLevel } from './taxonomy.js';
export { expectedLabelRates, expectedFlipRates, indicatorRates, groupMixByPosterType } from './model.js';
export { proxyTerms } from './terms.js';
export { CATEGORIES, type Category } from './content.js';
export { renderTaxonomyDoc } from './taxonomy-doc.js';
export { generationBlocks, blockRecords, type GenerationPlan, type GenerationBlock } from './blocks.js';
