#!/usr/bin/env node
/**
 * Writes the small reference datasets in data-synthetic/ (CSV + datasheets + SHA256SUMS).
 * Run with `npm run data` (builds first). The same function, `writeReferenceData`, is what the
 * test suite runs to check the committed files are reproduced byte for byte.
 */
import { fileURLToPath } from 'node:url';
import { writeReferenceData } from '../dist/io/index.js';

const dir = fileURLToPath(new URL('../data-synthetic/', import.meta.url));
const sums = await writeReferenceData(dir);
process.stdout.write(`wrote data-synthetic/ (SHA256SUMS):\n${sums}`);
