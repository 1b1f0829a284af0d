import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, loadReportBundle, report, writeReport, type ReportBundle } from '../../src/report/index.js';
import { markdownToHtml } from '../../src/report/markdownHtml.js';
import type { ModelCard } from '../../src/models/classifier.js';
import { fixtureAudit, fixtureCells } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'adscreen-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DATASHEET = [
  '# Datasheet: test.csv',
  '',
  '> **SYNTHETIC DATA: not real people, not for screening real ads.**',
  '',
  '| Property | Value |',
  '| --- | --- |',
  '| Generator | adscreen 0.1.0 |',
  '| Seed | 99 |',
  '| Scenario | default |',
  '| Scenario hash | feedbeef |',
  '',
  '## 1. Motivation',
  '',
  '- **Purpose.** To study screening',
  '  and its harms.',
  '',
].join('\n');

const CARD: ModelCard = {
  schema: 'adscreen.model-card/1',
  model: 'logreg',
  version: '0.1.0',
  backend: 'js',
  details: { features: 'hashed n-grams', seed: 3 },
  intendedUse: ['Research on screening harms.'],
  outOfScopeUse: ['Screening real ads.'],
  factors: ['language'],
  metrics: { valAuc: 0.91 },
  trainingData: { scenario: 'default' },
  caveats: ['Synthetic data only.'],
};

function bundle(): ReportBundle {
  const audit = fixtureAudit(0.5);
  delete audit.provenance;
  return { audit, datasheet: DATASHEET, modelCards: [CARD] };
}

describe('report (HTML)', () => {
  it('is one self-contained page: inline SVG charts, no URL that could be fetched', async () => {
    const out = await report(bundle(), { format: 'html' });
    const html = out.content;
    expect(out.files).toEqual([]);
    const withoutNamespaces = html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]*"/g, '');
    expect(withoutNamespaces).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(img|script|link|iframe)\b[^>]*(src|href)=/);
    expect(html).toContain("default-src 'none'");
    const charts = buildReport(bundle())
      .sections.flatMap((s) => s.blocks)
      .filter((b) => b.kind === 'chart');
    expect((html.match(/<svg /g) ?? []).length).toBe(charts.length);
    expect(charts.map((c) => c.kind === 'chart' && c.name)).toEqual([
      'fpr-fnr-language',
      'harm-language',
      'roc-language',
      'pr-language',
      'calibration-language',
      'threshold-language',
    ]);
  });

  it('says synthetic with generator version, seed and scenario hash (from the datasheet here)', async () => {
    const { content } = await report(bundle());
    expect(content).toMatch(/<p class="banner" role="note">SYNTHETIC DATA: .*generator version 0.1.0, seed 99, scenario hash feedbeef/);
    expect(content).toContain('(synthetic data)</title>');
  });

  it('shows the datasheet and model card highlights and the metric tables', async () => {
    const { content } = await report(bundle());
    expect(content).toContain('<td>adscreen 0.1.0</td>');
    expect(content).toContain('Model card: logreg');
    expect(content).toContain('<li>Screening real ads.</li>');
    expect(content).toContain('Metrics by language at threshold 0.5');
    const fpr = fixtureAudit(0.5).groups['language']?.[1]?.fpr as number;
    expect(content).toContain(`<th scope="row">non-native</th><td>200</td>`);
    expect(content).toContain(fpr.toFixed(3));
    expect(content).toContain('group code-switching has fewer than 30 trafficking ads');
  });

  it('gives the same bytes for the same input', async () => {
    const a = await report(bundle());
    const b = await report(bundle());
    expect(a.content).toBe(b.content);
  });

  it('adds sweep and trade-off charts for an experiment', async () => {
    const b: ReportBundle = { ...bundle(), experiment: { name: 'sweep-demo', sweepField: 'confounding.strength', cells: fixtureCells() } };
    const { content } = await report(b);
    for (const name of ['sweep-fprgap', 'sweep-fnrgap', 'sweep-auc', 'tradeoff']) expect(content).toContain(`data-chart="${name}"`);
    expect(content).toContain('Experiment sweep-demo: headline metrics of every cell');
  });

  it('rejects an object that is not an audit, naming the field', async () => {
    await expect(report({ audit: { schema: 'other', threshold: 0.5, overall: {}, groups: {} } })).rejects.toThrow(/schema: expected "adscreen.audit\/1", got "other"/);
    await expect(report(bundle(), { format: 'pdf' as 'md' })).rejects.toThrow(/format: unknown format "pdf"/);
  });
});

describe('report (Markdown)', () => {
  it('has the same tables as the HTML report and links one SVG file per chart', async () => {
    const doc = buildReport(bundle());
    const md = await report(bundle(), { format: 'md', chartDir: 'charts' });
    const tables = doc.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'table');
    for (const t of tables) {
      if (t.kind !== 'table') continue;
      expect(md.content).toContain(`**${t.caption}**`);
      for (const row of t.rows) expect(md.content).toContain(`| ${row.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
    }
    expect(md.files.map((f) => f.path)).toEqual(doc.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'chart' ? [`charts/${b.name}.svg`] : [])));
    for (const f of md.files) {
      expect(md.content).toContain(`](${f.path})`);
      expect(f.content.startsWith('<svg')).toBe(true);
      expect(f.content).toMatch(/^<svg[^>]*><desc>SYNTHETIC DATA: .*seed 99, scenario hash feedbeef/);
    }
    expect(md.content).toMatch(/^# adscreen audit report\n\n> \*\*SYNTHETIC DATA: /);
  });

  it('matches its snapshot (tables, headings, chart links)', async () => {
    const md = await report(bundle(), { format: 'md', chartDir: 'charts' });
    expect(md.content).toMatchSnapshot();
  });

  it('writeReport writes the charts beside the report and leaves no temporary files', async () => {
    const out = join(tmp, 'md-out', 'audit.md');
    const written = await writeReport(bundle(), { out });
    expect(written[written.length - 1]).toBe(out);
    const charts = readdirSync(join(tmp, 'md-out', 'audit-charts'));
    expect(charts).toContain('fpr-fnr-language.svg');
    expect(readdirSync(join(tmp, 'md-out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(out, 'utf8')).toContain('](audit-charts/fpr-fnr-language.svg)');
  });
});

describe('loadReportBundle', () => {
  it('reads a single-run directory: audit.json, card.json, datasheet', () => {
    const dir = join(tmp, 'run');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'audit.json'), JSON.stringify(fixtureAudit(0.5)));
    writeFileSync(join(dir, 'card.json'), JSON.stringify(CARD));
    writeFileSync(join(dir, 'test.datasheet.md'), DATASHEET);
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ name: 'confounded', description: 'Confounding.', prevalence: 0.1, confounding: { strength: 0.6, group: 'x' } }));
    const b = loadReportBundle(dir);
    expect(b.scenario).toEqual({ name: 'confounded', description: 'Confounding.', settings: { prevalence: 0.1, 'confounding.strength': 0.6, 'confounding.group': 'x' } });
    expect(b.audit.threshold).toBe(0.5);
    expect(b.modelCards?.[0]?.model).toBe('logreg');
    expect(b.datasheet).toBe(DATASHEET);
  });

  it('reads an experiment directory: cells with their metrics and the first cell audit', () => {
    const dir = join(tmp, 'exp');
    const cells = fixtureCells().slice(0, 4);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'experiment.json'),
      JSON.stringify({ schema: 'adscreen.experiment/1', version: '0.1.0', config: { name: 'e1', sweep: { field: 'confounding.strength', values: [0] } }, cells: cells.map((c) => ({ id: c.id })) }),
    );
    for (const c of cells) {
      const cd = join(dir, 'cells', c.id);
      mkdirSync(cd, { recursive: true });
      writeFileSync(
        join(cd, 'cell.json'),
        JSON.stringify({ schema: 'adscreen.experiment-cell/1', id: c.id, cell: { sweepValue: c.sweepValue, seed: c.seed, model: { label: c.model }, mitigation: { label: c.mitigation === 'none' ? '' : c.mitigation } }, metrics: c.metrics }),
      );
      writeFileSync(join(cd, 'audit.json'), JSON.stringify(fixtureAudit(0.5)));
    }
    writeFileSync(join(dir, 'summary.md'), '| a | b |\n| --- | --- |\n| 1 | 2 |\n');
    const b = loadReportBundle(dir);
    expect(b.experiment?.cells).toEqual(cells);
    expect(b.experiment?.sweepField).toBe('confounding.strength');
    expect(b.title).toBe('adscreen experiment report: e1');
  });

  it('says what a directory lacks', () => {
    const dir = join(tmp, 'empty');
    mkdirSync(dir, { recursive: true });
    expect(() => loadReportBundle(dir)).toThrow(/empty: expected audit.json \(a single run\) or experiment.json/);
    writeFileSync(join(dir, 'audit.json'), '{"schema": "adscreen.audit/1", "threshold": "high"');
    expect(() => loadReportBundle(dir)).toThrow(/audit.json: not valid JSON/);
    writeFileSync(join(dir, 'audit.json'), '{"schema": "adscreen.audit/1", "threshold": "high", "overall": {}, "groups": {}}');
    expect(() => loadReportBundle(dir)).toThrow(/audit.json: threshold: expected a number/);
  });
});

describe('markdownToHtml', () => {
  it('converts headings, quotes, tables and lists, escaping any HTML', () => {
    const html = markdownToHtml('# T\n\n> **bold** <script>x</script>\n\n| a | b |\n| --- | --- |\n| `1` | 2 |\n\n- one\n  more\n- two\n', 1);
    expect(html).toBe(
      '<h2>T</h2>\n<blockquote><p><strong>bold</strong> &lt;script&gt;x&lt;/script&gt;</p></blockquote>\n' +
        '<table><thead><tr><th scope="col">a</th><th scope="col">b</th></tr></thead><tbody><tr><td><code>1</code></td><td>2</td></tr></tbody></table>\n' +
        '<ul><li>one more</li><li>two</li></ul>',
    );
  });
});
