/**
 * Language-variety surface patterns. A persona writing in a non-native variety of English uses
 * the second form of each filler sentence (dropped articles, unusual prepositions, simpler verb
 * forms: patterns common to many learners, written respectfully, never as mockery) and may add a
 * line about their English; a code-switching persona opens with a greeting and closes with a
 * sign-off in the language of their place (see `proxies.ts`); a persona of the abstract `marked`
 * dialect uses invented greetings and an invented tag word, so teaching material carries no
 * real-world accent.
 */

/** Lines a non-native writer may add about their English. */
export const NON_NATIVE_LINES: readonly string[] = [
  'My English is not so good but I try my best',
  'Sorry for my English, I am learning',
  'English is not my first language, please be patient',
  'I speak little English but very friendly',
];

/** Lines of the invented `marked` dialect (abstract proxy set). */
export const MARKED_LINES: readonly string[] = ['Ka-la, all are welcome', 'Ka-la, speak slow with me', 'Welcome, ka-la ka-la'];

/** Invented tag word the `marked` dialect appends to sentences. */
export const MARKED_TAG = ', ka-la';
