/**
 * `adscreen audit --scores FILE --group-col COL [...] --out audit.json`: audits any scored CSV
 * (a thin shell over `readScoresCsv()` and `audit()`), writes the `adscreen.audit/1` JSON
 * atomically and prints a short per-group table.
 */
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { auditAsync, readScoresCsv, type AuditResult, type Interval } from '../audit/index.js';
import { cliProgress } from './progress.js';

function parseNumber(option: string, check: (v: number) => boolean, expected: string): (value: string) => number {
  return (value: string) => {
    const v = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!check(v)) throw new InputError(`expected ${expected}, got "${value}"`, { field: option });
    return v;
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? 'n/a' : v.toFixed(3);
}

function withCi(v: number | null, ci: Interval | undefined): string {
  if (v === null) return 'n/a';
  return ci ? `${fmt(v)} [${fmt(ci[0])}, ${fmt(ci[1])}]` : fmt(v);
}

/** The per-group summary table printed after an audit. */
export function auditTable(result: AuditResult): string {
  const lines: string[] = [];
  const o = result.overall;
  lines.push(
    `threshold ${result.threshold} (flag when score >= threshold); ${o.n} records, ${o.positives} positives; ` +
      `AUC ${fmt(o.auc)}, FPR ${fmt(o.fpr)}, FNR ${fmt(o.fnr)}, PPV ${fmt(o.ppv)}` +
      (result.bootstrap.resamples > 0 ? `; ${Math.round(result.bootstrap.confidence * 100)}% bootstrap intervals (${result.bootstrap.resamples} resamples)` : ''),
  );
  for (const [column, rows] of Object.entries(result.groups)) {
    const head = [column, 'n', 'FPR', 'FNR', 'PPV', 'selection rate'];
    const body = rows.map((r) => [
      r.group,
      String(r.n),
      withCi(r.fpr, r.ci['fpr'] ?? undefined),
      withCi(r.fnr, r.ci['fnr'] ?? undefined),
      withCi(r.ppv, r.ci['ppv'] ?? undefined),
      withCi(r.selectionRate, r.ci['selectionRate'] ?? undefined),
    ]);
    const widths = head.map((h, k) => Math.max(h.length, ...body.map((row) => (row[k] as string).length)));
    const line = (cells: string[]): string => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k] as number) : c.padStart(widths[k] as number))).join('  ');
    lines.push('', line(head), ...body.map(line));
    const d = result.disparities[column];
    if (d) {
      lines.push(
        `  FPR gap ${fmt(d.fprDifference)}, equalized odds difference ${fmt(d.equalizedOddsDifference)}, ` +
          `demographic parity ratio ${fmt(d.demographicParityRatio)}, FPED ${fmt(d.fped)}, bias AUC ${fmt(d.biasAucFinal)} (reference ${d.reference})`,
      );
    }
  }
  if (result.warnings.length > 0) lines.push('', `${result.warnings.length} warnings (see "warnings" in the JSON)`);
  return `${lines.join('\n')}\n`;
}

interface AuditCommandOptions {
  scores: string;
  labelCol: string;
  scoreCol: string;
  groupCol?: string[];
  threshold: number;
  bootstrap: number;
  seed: number;
  prevalence?: number;
  volume?: number;
  threads?: number;
  out: string;
}

/** Registers the `audit` command. */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description(
      'audit any scored CSV: per-group and intersectional error rates, disparities, bias AUCs, bootstrap intervals, ' +
        'threshold analysis and harm at a base rate; writes the adscreen.audit/1 JSON',
    )
    .requiredOption('--scores <file>', 'scored CSV with a header row (any CSV with the named columns)')
    .option('--label-col <name>', 'label column (0 or 1)', 'label')
    .option('--score-col <name>', 'score column (numbers; flag when score >= threshold)', 'score')
    .option('--group-col <name>', 'group column (repeat for several; intersections are audited too)', collect)
    .option('--threshold <t>', 'decision threshold: flag when score >= t', parseNumber('--threshold', Number.isFinite, 'a number'), 0.5)
    .option('--bootstrap <n>', 'bootstrap resamples (0 = no intervals)', parseNumber('--bootstrap', (v) => Number.isInteger(v) && v >= 0, 'a whole number >= 0'), 1000)
    .option('--seed <s>', 'bootstrap seed', parseNumber('--seed', (v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff, 'an integer from 0 to 2^32 - 1'), 0)
    .option('--prevalence <p>', 'base rate of trafficking ads for harm estimates (with --volume)', parseNumber('--prevalence', (v) => v > 0 && v < 1, 'a number in (0, 1)'))
    .option('--volume <v>', 'ads screened per month for harm estimates (with --prevalence)', parseNumber('--volume', (v) => v > 0 && Number.isFinite(v), 'a positive number'))
    .option('--threads <n>', 'worker threads for the bootstrap (default: all cores; results do not depend on it)', parseNumber('--threads', (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1'))
    .requiredOption('-o, --out <file>', 'output JSON file (written atomically)')
    .action(async (opts: AuditCommandOptions) => {
      const groupCols = opts.groupCol ?? [];
      if (groupCols.length === 0) throw new InputError('give at least one group column, e.g. --group-col group', { field: '--group-col' });
      if ((opts.prevalence === undefined) !== (opts.volume === undefined)) {
        throw new InputError('give --prevalence and --volume together', { field: opts.prevalence === undefined ? '--prevalence' : '--volume' });
      }
      const data = await readScoresCsv(opts.scores, { labelCol: opts.labelCol, scoreCol: opts.scoreCol, groupCols });
      const bar = cliProgress('audit (bootstrap resamples)');
      let result: AuditResult;
      try {
        result = await auditAsync({
          labels: data.labels,
          scores: data.scores,
          groups: data.groups,
          threshold: opts.threshold,
          bootstrap: opts.bootstrap,
          seed: opts.seed,
          ...(opts.prevalence !== undefined && opts.volume !== undefined ? { prevalence: opts.prevalence, volume: opts.volume } : {}),
          onProgress: bar.update,
          ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
        });
      } finally {
        bar.done();
      }
      writeFileAtomic(opts.out, `${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write(auditTable(result));
      process.stdout.write(`wrote ${opts.out}\n`);
    });
}
