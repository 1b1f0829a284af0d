/**
 * Renders `docs/taxonomy.md` from {@link TAXONOMY}, so the documentation can never drift from the
 * rates and sources the generator uses (`scripts/taxonomy-doc.mjs` writes it; a test compares).
 */
import { z } from 'zod';
import { POSTER_TYPES } from '../record.js';
import { ADS_PER_POSTER, CATEGORY_MIX } from './model.js';
import { PRESETS } from './presets.js';
import { ScenarioSchema } from './scenario.js';
import { TAXONOMY, type Source } from './taxonomy.js';

interface SchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  anyOf?: SchemaNode[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
}

/** Rows (path, default, allowed, description) for every scenario field, from the zod schema. */
function scenarioRows(): string[] {
  const root = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as SchemaNode;
  const rows: string[] = [];
  const walk = (node: SchemaNode, path: string) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const p = path ? `${path}.${key}` : key;
      const nested = child.properties !== undefined;
      let allowed = '';
      if (child.enum !== undefined) allowed = child.enum.map((v) => `\`${String(v)}\``).join(', ');
      else if (child.minimum !== undefined || child.maximum !== undefined) allowed = `${child.minimum ?? ''} to ${child.maximum ?? ''}`;
      const def = nested || child.default === undefined ? '' : `\`${JSON.stringify(child.default)}\``;
      rows.push(`| \`${p}\` | ${def} | ${allowed} | ${escapeCell(child.description ?? '')} |`);
      if (nested) walk(child, p);
    }
  };
  walk(root, '');
  return rows;
}

function cite(s: Source): string {
  return `${s.author} (${s.year}), *${s.title}*`;
}

function pct(p: number): string {
  return `${Math.round(p * 100)}%`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The Markdown text of docs/taxonomy.md. */
export function renderTaxonomyDoc(): string {
  const lines: string[] = [
    '# Indicator taxonomy',
    '',
    '<!-- Generated from src/generate/taxonomy.ts by scripts/taxonomy-doc.mjs. Do not edit by hand. -->',
    '',
    'The textual indicators the adscreen generator writes into synthetic ads, with their sources, the',
    'strength of the evidence for each, and how often each poster type uses it at the default',
    '`indicators.strength` and `indicators.overlap` of 1. `indicators.strength` scales the gap between',
    'the operation rate and the benign escort reference (the mean of the independent and agency',
    'rates); `indicators.overlap` multiplies every benign rate; `proxySignal.mention` multiplies the',
    'ethnicity rate.',
    '',
    'Evidence levels: **validated** (a significant predictor against a counterfactual, or observed in',
    'case-linked ad data), **practitioner belief** (repeated in red-flag lists; no empirical validation',
    'found; these are cited to the study that collected and tested practitioner red flags),',
    '**contradicted** (tested and not predictive, or pointing the other way).',
    '',
    'The defaults follow the evidence. Lugo-Graulich et al. found that an obscured phone number,',
    'naming ethnicity, and "trustworthy" language predicted trafficking, that movement language was',
    'about 70% *less* likely in trafficking ads than in non-trafficking sex-work ads, and that client',
    'screening was not a predictor. So movement and screening are more common here in independent',
    "workers' ads, and a keyword screener built from folk red flags will over-flag independents.",
    'Practitioner-belief indicators are only weakly associated with the label.',
    '',
    '**Youth and age cues are deliberately absent.** Language suggesting youth was one of the validated',
    'predictors, but the generator never writes youth cues (every persona is 21 or older, and no ad',
    'emphasises youth), so models trained on adscreen data neither learn nor can be audited on that signal.',
    '',
    '## Summary',
    '',
    `| id | evidence | benign overlap | ${POSTER_TYPES.join(' | ')} |`,
    `|---|---|---|${POSTER_TYPES.map(() => '---').join('|')}|`,
  ];
  for (const ind of TAXONOMY) {
    lines.push(
      `| \`${ind.id}\` | ${ind.evidence} | ${ind.benignOverlap ? 'yes' : 'no'} | ${POSTER_TYPES.map((t) => pct(ind.rates[t])).join(' | ')} |`,
    );
  }
  lines.push('', '## Indicators', '');
  for (const ind of TAXONOMY) {
    lines.push(`### ${ind.name} (\`${ind.id}\`)`, '', ind.description, '');
    lines.push(`- Evidence: ${ind.evidence}`);
    lines.push(`- Used by benign posters too: ${ind.benignOverlap ? 'yes' : 'no'}`);
    lines.push(`- P(indicator | poster type): ${POSTER_TYPES.map((t) => `${t} ${pct(ind.rates[t])}`).join(', ')}`);
    if (ind.phrases.length > 0) {
      lines.push(`- Phrase variants: ${ind.phrases.map((p) => `\`${escapeCell(p)}\``).join(', ')}`);
    } else {
      lines.push('- Phrase variants: none (structural: the same contact on ads of several personas or cities; see `contact` and `operatorId`)');
    }
    lines.push('- Sources:');
    for (const s of ind.sources) lines.push(`  - ${cite(s)}`);
    lines.push('');
  }
  const mix = (t: (typeof POSTER_TYPES)[number]) => CATEGORY_MIX[t].map(([c, w]) => `${c} ${pct(w)}`).join(', ');
  const ads = (t: (typeof POSTER_TYPES)[number]) => `${ADS_PER_POSTER[t][0]}-${ADS_PER_POSTER[t][1]}`;
  lines.push(
    '## Posters and labels',
    '',
    '`label` is 1 exactly when the poster is a trafficking operation. Each poster is built from its',
    'own random stream, so a record depends only on the seed, the scenario and its position.',
    '',
    '| poster type | structure | ads per poster | categories |',
    '|---|---|---|---|',
    `| operation | 2-4 personas; 1-3 booking phones shared across them (\`shared-contact\`); a circuit of 2-4 cities over time | ${ads('operation')} | ${mix('operation')} |`,
    `| independent | one persona, own phone, stable city, first-person voice unless third person is drawn | ${ads('independent')} | ${mix('independent')} |`,
    `| agency | 3-6 companions, one booking line, stable city | ${ads('agency')} | ${mix('agency')} |`,
    `| non-escort | one persona or business | ${ads('non-escort')} | ${mix('non-escort')} |`,
    '',
    'Poster types are drawn so that the ad-level share of operation ads is `prevalence` and the',
    'label-0 ads split as `posterMix` says. Every persona is 21 to 45 years old. Proxy attributes are',
    "drawn per persona: the group attribute from P(group | poster type) (see `confounding`), the",
    'other attributes from the base joint distribution given the group.',
    '',
    '## Scenario fields',
    '',
    'Every probability of the generative story is a scenario field (validated with zod; unknown keys',
    'and out-of-range values are rejected with an error naming the field). Defaults and rationale:',
    '',
    '| field | default | allowed | what it does |',
    '|---|---|---|---|',
    ...scenarioRows(),
    '',
    '## Presets',
    '',
    '| preset | what it is for |',
    '|---|---|',
    ...Object.entries(PRESETS).map(([name, p]) => `| \`${name}\` | ${escapeCell(p.description ?? '')} |`),
    '',
    '## Phrase variants and shift',
    '',
    "Each indicator's variants are split into a primary two thirds and a held-out third",
    '(`surface.phrases`); the `shifted` preset mixes in the held-out variants so that a model trained',
    'on `baseline` meets unseen wording at test time.',
    '',
  );
  return lines.join('\n');
}
