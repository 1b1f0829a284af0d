import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderTaxonomyDoc, TAXONOMY } from '../../src/generate/index.js';
import { POSTER_TYPES } from '../../src/record.js';

const rate = (id: string) => TAXONOMY.find((i) => i.id === id)!.rates;
/** Benign escort reference: mean of the independent and agency rates. */
const ref = (id: string) => (rate(id).independent + rate(id).agency) / 2;

describe('indicator taxonomy', () => {
  it('has at least 14 indicators with unique ids, sources, phrases and rates in [0, 1]', () => {
    expect(TAXONOMY.length).toBeGreaterThanOrEqual(14);
    expect(new Set(TAXONOMY.map((i) => i.id)).size).toBe(TAXONOMY.length);
    for (const ind of TAXONOMY) {
      expect(ind.name.length).toBeGreaterThan(3);
      expect(ind.description.length).toBeGreaterThan(20);
      expect(ind.sources.length).toBeGreaterThan(0);
      for (const s of ind.sources) {
        expect(s.author.length).toBeGreaterThan(2);
        expect(s.year).toBeGreaterThanOrEqual(2010);
        expect(s.title.length).toBeGreaterThan(10);
      }
      if (ind.id !== 'shared-contact') expect(ind.phrases.length, ind.id).toBeGreaterThanOrEqual(3);
      for (const t of POSTER_TYPES) expect(ind.rates[t]).toBeGreaterThanOrEqual(0);
      for (const t of POSTER_TYPES) expect(ind.rates[t]).toBeLessThanOrEqual(1);
    }
  });

  it('leaves youth and age cues out', () => {
    for (const ind of TAXONOMY) {
      expect(`${ind.id} ${ind.name} ${ind.phrases.join(' ')}`).not.toMatch(/\b(young|youth|teen|teens|girls?|age|aged|petite|fresh)\b/i);
    }
  });

  it('follows the evidence: movement and screening are more common in independent ads than operation ads', () => {
    for (const id of ['movement', 'client-screening']) {
      expect(TAXONOMY.find((i) => i.id === id)!.evidence).toBe('contradicted');
      expect(rate(id).independent).toBeGreaterThan(rate(id).operation);
    }
    // movement about 70% less likely in trafficking ads than in independent sex-work ads
    expect(rate('movement').operation / rate('movement').independent).toBeCloseTo(0.3, 1);
  });

  it('follows the evidence: validated indicators are clearly more common in operation ads', () => {
    for (const ind of TAXONOMY.filter((i) => i.evidence === 'validated')) {
      expect(ind.rates.operation - ref(ind.id), ind.id).toBeGreaterThanOrEqual(0.1);
    }
    expect(TAXONOMY.filter((i) => i.evidence === 'validated').map((i) => i.id).sort()).toEqual(
      ['ethnicity-emphasis', 'obscured-phone', 'shared-contact', 'trustworthy-tone'],
    );
  });

  it('follows the evidence: practitioner-belief indicators are only weakly associated', () => {
    const beliefs = TAXONOMY.filter((i) => i.evidence === 'practitioner-belief');
    expect(beliefs.map((i) => i.id)).toEqual(expect.arrayContaining(['third-person', 'price-anomaly']));
    for (const ind of beliefs) expect(Math.abs(ind.rates.operation - ref(ind.id)), ind.id).toBeLessThanOrEqual(0.1 + 1e-9);
  });

  it('docs/taxonomy.md equals a fresh render (run scripts/taxonomy-doc.mjs after changing the taxonomy)', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    expect(readFileSync(join(root, 'docs', 'taxonomy.md'), 'utf8')).toBe(renderTaxonomyDoc());
    expect(renderTaxonomyDoc()).toMatch(/Youth and age cues are deliberately absent/);
  });
});

describe('proxyTerms', () => {
  it('covers the explicit proxy wording of ethnicity spans and gender mentions, in both proxy sets', async () => {
    const { generate, loadScenario, proxyTerms } = await import('../../src/generate/index.js');
    for (const name of ['baseline', 'classroom']) {
      const scenario = loadScenario(name);
      const terms = proxyTerms(scenario).map((t) => t.toLowerCase());
      expect(terms.length).toBeGreaterThan(10);
      let spans = 0;
      for (const r of generate(scenario, { n: 2000, seed: 6 })) {
        for (const s of r.indicators.filter((i) => i.id === 'ethnicity-emphasis')) {
          const slice = r.text.slice(s.start, s.end).toLowerCase();
          expect(terms.some((t) => slice.includes(t)), slice).toBe(true);
          spans++;
        }
        if (r.proxies.gender === 'trans-woman' && /trans/i.test(r.text)) expect(terms).toContain('trans woman');
      }
      expect(spans).toBeGreaterThan(100);
    }
  });
});
