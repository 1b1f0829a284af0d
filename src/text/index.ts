/** Text stage: tokenizer (with contact masking) and n-gram featurizer shared by every model. */
export { tokenize, TOKEN_PATTERN, type TokenizerOptions } from './tokenize.js';
export {
  maskContacts,
  maskNumberRuns,
  digitCount,
  PHONE_TOKEN,
  PHONE_OBSCURED_TOKEN,
  isObscuredPhoneRun,
  EMAIL_TOKEN,
  URL_TOKEN,
  NUMBER_TOKEN,
  PLACEHOLDER_TOKENS,
  MIN_PHONE_DIGITS,
} from './contacts.js';
export {
  Featurizer,
  featurizerSchema,
  FEATURIZER_SCHEMA,
  type FeaturizerOptions,
  type ResolvedFeaturizerOptions,
  type FeaturizerJSON,
  type EncodedBatch,
} from './featurizer.js';
export { EncodePool, type ChunkCallback } from './encode-pool.js';
