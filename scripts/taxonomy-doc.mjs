#!/usr/bin/env node
/**
 * Writes docs/taxonomy.md from the indicator taxonomy in code (src/generate/taxonomy.ts).
 * Build first: npx tsc -p tsconfig.build.json; then: node scripts/taxonomy-doc.mjs
 * A test (test/generate/taxonomy-doc.test.ts) checks the committed file equals a fresh render.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTaxonomyDoc } from '../dist/generate/taxonomy-doc.js';
import { writeFileAtomic } from '../dist/io/atomic.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileAtomic(join(root, 'docs', 'taxonomy.md'), renderTaxonomyDoc());
process.stdout.write('wrote docs/taxonomy.md\n');
