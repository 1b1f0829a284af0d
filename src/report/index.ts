/**
 * The report stage: Vega-Lite charts of audit and experiment results (plain JSON specs that
 * notebooks display as they are), their static SVG rendering, self-contained HTML and Markdown
 * reports, and the explorable page for educators. Reports take plain result objects only.
 */
export { OKABE_ITO, GROUP_COLORS, REFERENCE_COLOR, categoryScale } from './palette.js';
export { VEGA_LITE_SCHEMA, type VegaLiteSpec, type ChartOptions } from './spec.js';
export type {
  AuditLike,
  MetricsLike,
  MetricValue,
  GroupRowLike,
  IntervalLike,
  CurvePointLike,
  CalibrationBinLike,
  ProvenanceLike,
  CellOutcomeLike,
} from './input.js';
export { renderSvg, stampSvg, type RenderSvgOptions } from './svg.js';
export { errorRateChart, type ErrorRateChartOptions } from './charts/errorRates.js';
export { rocChart, prChart, thresholdChart, type CurveChartOptions } from './charts/curves.js';
export { calibrationChart, type CalibrationChartOptions } from './charts/calibration.js';
export { harmChart, auditHarm, type HarmChartOptions, type HarmChartRow, type HarmChartView } from './charts/harm.js';
export { sweepChart, METRIC_TITLES, type SweepChartOptions } from './charts/sweep.js';
export { tradeoffChart, type TradeoffChartOptions } from './charts/tradeoff.js';
export { auditCurves, type CurveKind, type GroupCurve } from './charts/curveData.js';
export { loadReportBundle, type ReportBundle, type ExperimentView } from './bundle.js';
export { buildReport } from './build.js';
export type { ReportDocument, Section, Block, TableBlock, ChartBlock, ParagraphBlock, ListBlock, MarkdownBlock } from './document.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export {
  report,
  writeReport,
  type ReportFormat,
  type ReportOptions,
  type ReportOutput,
  type ReportInput,
  type WriteReportOptions,
} from './report.js';
export { syntheticNotice } from './text.js';
export {
  exploreData,
  scoreBin,
  thresholdBin,
  DEFAULT_PREVALENCE_CHOICES,
  type ExploreData,
  type ExploreDataOptions,
  type ExploreGroup,
  type ScoredAd,
  type ExploreTwinPair,
} from './explore/data.js';
export { exploreStats, exploreFormat, type ExploreStats, type ExploreGroupStats, type ExploreSetting } from './explore/stats.js';
export { explorePage } from './explore/page.js';
export {
  parseExploreScores,
  loadExploreDir,
  writeExplorePage,
  type ParseExploreScoresOptions,
  type ExploreScores,
  type LoadExploreOptions,
} from './explore/load.js';
