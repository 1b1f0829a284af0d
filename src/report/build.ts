/** Builds the format-neutral report document from a bundle of plain results. Pure. */
import type { ModelCard } from '../models/classifier.js';
import { cellMetric, sweepLabel } from './input.js';
import { bundleProvenance, type ReportBundle } from './bundle.js';
import type { Block, ReportDocument, Section } from './document.js';
import { calibrationChart } from './charts/calibration.js';
import { auditCurves } from './charts/curveData.js';
import { prChart, rocChart, thresholdChart } from './charts/curves.js';
import { errorRateChart } from './charts/errorRates.js';
import { harmChart } from './charts/harm.js';
import { seriesOf, sweepChart } from './charts/sweep.js';
import { tradeoffChart } from './charts/tradeoff.js';
import { disparityTable, fmtMetric, groupTable, harmTable, intersectionTable, overallTable, referenceTable, twinSwapTable, twinTable } from './tables.js';
import { syntheticNotice } from './text.js';
import { formatThreshold } from './spec.js';

/** A file-safe slug for chart names. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

function scenarioSection(bundle: ReportBundle, dataLabel: string): Section {
  const a = bundle.audit;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        `This report audits a screening classifier on ${dataLabel}. An ad is flagged when its score is at or above ` +
        `the threshold ${formatThreshold(a.threshold)}. A false positive is a benign ad flagged (a consenting adult worker's, a migrant's, ` +
        `a non-escort poster's); a false negative is a trafficking ad missed. All numbers come from synthetic ads ` +
        'whose ground truth and planted biases are known; they show mechanisms, not rates on any real platform.',
    },
  ];
  const s = bundle.scenario;
  if (s?.name || s?.description) blocks.push({ kind: 'paragraph', text: `Scenario ${s.name ?? ''}${s.description ? `: ${s.description}` : ''}` });
  if (s?.settings && Object.keys(s.settings).length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Scenario settings',
      head: ['Setting', 'Value'],
      rows: Object.entries(s.settings).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    });
  }
  return { title: 'What this report shows', blocks };
}

function datasheetSection(markdown: string): Section {
  const cut = markdown.search(/^## /m);
  const highlights = (cut > 0 ? markdown.slice(0, cut) : markdown).replace(/^# .*\n/, '').trim();
  return {
    title: 'Test data: datasheet highlights',
    blocks: [
      { kind: 'markdown', summary: 'Datasheet header', markdown: highlights, open: true },
      { kind: 'markdown', summary: 'Full datasheet (click to expand)', markdown },
    ],
  };
}

function list(values: unknown): string[] {
  return Array.isArray(values) ? values.map((v) => String(v)) : [];
}

function modelSection(cards: readonly ModelCard[]): Section {
  const blocks: Block[] = [];
  for (const card of cards) {
    const details = Object.entries(card.details ?? {})
      .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
      .map(([k, v]) => [k, String(v)]);
    blocks.push({
      kind: 'table',
      caption: `Model card: ${card.model}`,
      head: ['Field', 'Value'],
      rows: [['Model', card.model], ['adscreen version', card.version], ['Backend', card.backend], ...details],
    });
    const metrics = Object.entries(card.metrics ?? {});
    if (metrics.length > 0) {
      blocks.push({ kind: 'table', caption: `${card.model}: metrics recorded at training`, head: ['Metric', 'Value'], rows: metrics.map(([k, v]) => [k, fmtMetric(v)]) });
    }
    const uses = list(card.intendedUse);
    if (uses.length > 0) blocks.push({ kind: 'paragraph', text: 'Intended use:' }, { kind: 'list', items: uses });
    const out = list(card.outOfScopeUse);
    if (out.length > 0) blocks.push({ kind: 'paragraph', text: 'Out of scope:' }, { kind: 'list', items: out });
    const caveats = list(card.caveats);
    if (caveats.length > 0) blocks.push({ kind: 'paragraph', text: 'Caveats:' }, { kind: 'list', items: caveats });
  }
  return { title: 'Model card highlights', blocks };
}

function columnSection(bundle: ReportBundle, column: string, dataLabel: string): Section {
  const a = bundle.audit;
  const opts = { column, dataLabel };
  const blocks: Block[] = [groupTable(a, column)];
  blocks.push({ kind: 'chart', name: `fpr-fnr-${slug(column)}`, alt: `False positive and false negative rates by ${column}, with bootstrap intervals.`, spec: errorRateChart(a, opts) });
  const disparities = disparityTable(a, column);
  if (disparities) blocks.push(disparities);
  const reference = referenceTable(a, column);
  if (reference) blocks.push(reference);
  const harm = harmTable(a, column);
  if (harm) blocks.push(harm);
  blocks.push({ kind: 'chart', name: `harm-${slug(column)}`, alt: `Benign ads flagged per 10,000 and share of wrong flags by ${column}.`, spec: harmChart(a, opts) });
  if (auditCurves(a, column, 'roc').length > 0) blocks.push({ kind: 'chart', name: `roc-${slug(column)}`, alt: `ROC curves by ${column}.`, spec: rocChart(a, opts) });
  if (auditCurves(a, column, 'pr').length > 0) blocks.push({ kind: 'chart', name: `pr-${slug(column)}`, alt: `Precision-recall curves by ${column}.`, spec: prChart(a, opts) });
  if (auditCurves(a, column, 'calibration').length > 0) {
    blocks.push({ kind: 'chart', name: `calibration-${slug(column)}`, alt: `Calibration by ${column}.`, spec: calibrationChart(a, opts) });
  }
  if (auditCurves(a, column, 'threshold').length > 0) {
    blocks.push({ kind: 'chart', name: `threshold-${slug(column)}`, alt: `False positive rate against threshold by ${column}.`, spec: thresholdChart(a, opts) });
  }
  return { title: `Who bears the errors: by ${column}`, blocks };
}

function experimentSection(bundle: ReportBundle): Section | null {
  const e = bundle.experiment;
  if (!e) return null;
  const blocks: Block[] = [];
  const knob = e.sweepField ?? 'swept value';
  blocks.push({
    kind: 'table',
    caption: `Experiment ${e.name}: headline metrics of every cell`,
    head: ['Cell', e.sweepField ?? 'Sweep', 'Seed', 'Model', 'Mitigation', 'AUC', 'FPR', 'FPR gap', 'FNR gap', 'Twin flip rate'],
    rows: e.cells.map((c) => [
      c.id,
      c.sweepValue === null || c.sweepValue === undefined ? '-' : sweepLabel(c.sweepValue),
      String(c.seed),
      c.model,
      c.mitigation,
      fmtMetric(cellMetric(c, 'auc')),
      fmtMetric(cellMetric(c, 'fpr')),
      fmtMetric(cellMetric(c, 'fprGap')),
      fmtMetric(cellMetric(c, 'fnrGap')),
      fmtMetric(cellMetric(c, 'twinFlipRate')),
    ]),
  });
  const dataLabel = `experiment ${e.name}, synthetic test ads`;
  if (e.sweepField !== null) {
    for (const metric of ['fprGap', 'fnrGap', 'auc']) {
      blocks.push({ kind: 'chart', name: `sweep-${slug(metric)}`, alt: `${metric} against ${knob}, one point per seed.`, spec: sweepChart(e.cells, { metric, knob, dataLabel }) });
    }
  }
  if (new Set(e.cells.map(seriesOf)).size > 1) {
    blocks.push({ kind: 'chart', name: 'tradeoff', alt: 'AUC against FPR gap per cell, by mitigation and model.', spec: tradeoffChart(e.cells, { dataLabel }) });
  }
  if (e.summaryMarkdown) blocks.push({ kind: 'markdown', summary: 'Experiment summary (mean and spread over seeds)', markdown: e.summaryMarkdown });
  return { title: `Experiment: ${e.name}`, blocks };
}

/**
 * Builds the report document: scenario, datasheet, model card, metric tables and charts.
 *
 * @example
 * ```ts
 * import { audit, buildReport, renderMarkdown } from 'adscreen';
 *
 * const result = audit({
 *   labels: [1, 0, 0, 1, 0, 0, 1, 0],
 *   scores: [0.9, 0.7, 0.2, 0.4, 0.6, 0.1, 0.8, 0.3],
 *   groups: { gender: ['woman', 'woman', 'woman', 'woman', 'man', 'man', 'man', 'man'] },
 *   bootstrap: 20, seed: 1,
 * });
 * const doc = buildReport({ title: 'Toy screener', audit: result });
 * console.log(doc.sections.map((s) => s.title));
 * const md = renderMarkdown(doc, (chart) => `charts/${chart}.svg`);   // or renderHtml(doc, svgs)
 * console.log(md.length);
 * ```
 */
export function buildReport(bundle: ReportBundle): ReportDocument {
  const dataLabel = bundle.dataLabel ?? 'synthetic test ads';
  const a = bundle.audit;
  const sections: Section[] = [scenarioSection(bundle, dataLabel)];
  const exp = experimentSection(bundle);
  if (exp) sections.push(exp);
  if (bundle.datasheet) sections.push(datasheetSection(bundle.datasheet));
  if (bundle.modelCards && bundle.modelCards.length > 0) sections.push(modelSection(bundle.modelCards));
  sections.push({ title: 'Overall', blocks: [overallTable(a)] });
  for (const column of Object.keys(a.groups)) sections.push(columnSection(bundle, column, dataLabel));
  const inter = intersectionTable(a);
  if (inter) sections.push({ title: 'Intersectional groups', blocks: [inter] });
  const twins = [twinTable(a), twinSwapTable(a)].filter((t): t is NonNullable<typeof t> => t !== null);
  if (twins.length > 0) sections.push({ title: 'Counterfactual twins', blocks: twins });
  const warnings = a.warnings ?? [];
  sections.push({
    title: 'Warnings',
    blocks: [warnings.length > 0 ? { kind: 'list', items: [...warnings] } : { kind: 'paragraph', text: 'The audit recorded no warnings.' }],
  });
  return { title: bundle.title ?? 'adscreen audit report', notice: syntheticNotice(bundleProvenance(bundle)), sections };
}
