/**
 * The explorable page for educators: one self-contained HTML file (styles, data and script
 * inline, no request of any kind) with a threshold slider, a prevalence control and a monthly
 * volume, showing per group who gets flagged, and counterfactual twin pairs side by side.
 */
import { scoreBin, type ExploreData, type ExploreTwinPair } from './data.js';
import { exploreFormat, exploreStats } from './stats.js';
import { EXPLORE_SCRIPT } from './script.js';
import { distributionSvg } from './distribution.js';
import { GROUP_COLORS } from '../palette.js';
import { escapeHtml, jsonForScript, syntheticNotice } from '../text.js';

const STYLE = `
:root { --ink: #111; --muted: #444; --accent: #0072B2; --warn: #D55E00; --paper: #fff; --band: #f3f3f3; }
* { box-sizing: border-box; }
html { font-size: 20px; }
body { margin: 0; font-family: "Atkinson Hyperlegible", Verdana, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--paper); line-height: 1.45; }
.banner { margin: 0; padding: 0.6rem 1.2rem; background: #111; color: #fff; font-weight: bold; font-size: 0.85rem; }
header, main, footer { max-width: 80rem; margin: 0 auto; padding: 0 1.2rem; }
h1 { font-size: 1.9rem; margin: 0.8rem 0 0.2rem; }
h2 { font-size: 1.45rem; margin: 1.2rem 0 0.5rem; }
.lede { font-size: 1.1rem; color: var(--muted); margin-top: 0; }
.controls { display: grid; grid-template-columns: 1fr; gap: 1rem; background: var(--band); padding: 1rem 1.2rem; border-radius: 0.4rem; }
.control label { display: block; font-weight: bold; font-size: 1.1rem; }
.control output { font-variant-numeric: tabular-nums; color: var(--accent); }
input[type=range] { width: 100%; height: 2.2rem; accent-color: var(--accent); }
input[type=number] { font-size: 1.1rem; padding: 0.3rem 0.5rem; width: 12rem; }
:focus-visible { outline: 4px solid #E69F00; outline-offset: 3px; }
.hint { font-size: 0.85rem; color: var(--muted); margin: 0.2rem 0 0; }
#summary { font-size: 1rem; border-left: 6px solid var(--accent); padding: 0.5rem 0.9rem; background: #eef6fb; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding: 0.4rem 0; }
th, td { padding: 0.45rem 0.6rem; border-bottom: 1px solid #ccc; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
tbody th { white-space: nowrap; }
thead th { font-size: 0.9rem; vertical-align: bottom; }
.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 0.15rem; margin-right: 0.4rem; vertical-align: -0.1rem; }
.barcell { width: 22%; }
.bartrack { background: #e8e8e8; height: 0.9rem; border-radius: 0.2rem; margin-top: 0.2rem; }
.bar { height: 100%; border-radius: 0.2rem; }
.gap { font-size: 1.15rem; margin: 0.6rem 0; }
.twins { display: grid; gap: 1rem; }
.twin-pair { border: 4px solid #ccc; border-radius: 0.4rem; padding: 0.6rem 0.8rem; }
.twin-pair[data-flip=yes] { border-color: var(--warn); }
.twin-sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.twin-side h3 { font-size: 1rem; margin: 0 0 0.3rem; }
.twin-side blockquote { margin: 0 0 0.4rem; font-size: 0.95rem; background: var(--band); padding: 0.4rem 0.6rem; }
.flag { font-weight: bold; padding: 0.05rem 0.4rem; border-radius: 0.2rem; }
.flag-yes { background: var(--warn); color: #fff; }
.flag-no { background: #ddd; color: #111; }
.flip-note { font-weight: bold; margin: 0.3rem 0 0; }
.about p, .about li { max-width: 48rem; }
.dist { margin: 1rem 0; }
.dist figcaption { font-size: 0.85rem; color: var(--muted); }
footer { font-size: 0.85rem; color: var(--muted); padding-bottom: 2rem; }
.layout { display: grid; grid-template-columns: minmax(17rem, 24rem) 1fr; gap: 1.5rem; align-items: start; }
.layout > section:first-child { position: sticky; top: 0.5rem; }
@media (max-width: 1180px) { .layout { grid-template-columns: 1fr; } .layout > section:first-child { position: static; } }
@media (max-width: 760px) { .twin-sides { grid-template-columns: 1fr; } html { font-size: 17px; } }
`;

function groupRows(data: ExploreData, html: (s: string) => string): string {
  const initial = exploreStats(data, { bin: data.initialBin, prevalence: data.prevalence, volume: data.volume });
  return initial.groups
    .map((g, i) => {
      const color = GROUP_COLORS[i % GROUP_COLORS.length] as string;
      return (
        `<tr data-group-index="${i}" data-group="${html(g.group)}">` +
        `<th scope="row"><span class="swatch" style="background:${color}" aria-hidden="true"></span>${html(g.group)}</th>` +
        `<td class="barcell"><span data-field="per10k">${exploreFormat.per10k(g.benignFlaggedPer10k)}</span>` +
        `<div class="bartrack" aria-hidden="true"><div class="bar" style="background:${color};width:0%"></div></div></td>` +
        `<td data-field="wrongShare">${exploreFormat.share(g.wrongFlagShare)}</td>` +
        `<td data-field="wrongFlags">${exploreFormat.count(g.wrongFlagsPerMonth)}</td>` +
        `<td data-field="missed">${exploreFormat.count(g.missedPerMonth)}</td>` +
        `</tr>`
      );
    })
    .join('\n');
}

function twinSide(label: string, text: string, group: string, score: number, html: (s: string) => string): string {
  return (
    `<div class="twin-side"><h3>${label}: ${html(group)}</h3>` +
    `<blockquote>${html(text || '(text not provided)')}</blockquote>` +
    // truncated, not rounded, so a score shown as 0.399 is never flagged at threshold 0.400
    `<p>Score ${(scoreBin(score, 1000) / 1000).toFixed(3)}: <span class="flag" data-twin-score="${score}"></span></p></div>`
  );
}

function twinSection(data: ExploreData): string {
  if (data.twinScores.length === 0) {
    return '<p>No counterfactual twins were provided with these scores, so this part is empty.</p>';
  }
  const pairs = data.twins
    .map(
      (t: ExploreTwinPair) =>
        `<li class="twin-pair" data-score-a="${t.score}" data-score-b="${t.twinScore}">` +
        `<div class="twin-sides">${twinSide('Ad', t.text, t.group, t.score, escapeHtml)}` +
        `${twinSide('Its twin', t.twinText, t.twinGroup, t.twinScore, escapeHtml)}</div>` +
        `<p class="flip-note"></p></li>`,
    )
    .join('\n');
  return (
    `<p>Each twin is the same ad written again with only the proxy attributes changed (nationality, language variety ` +
    `or gender cues). At the current threshold, <strong id="twin-flips"></strong> twin pairs get different decisions. ` +
    `Showing the ${data.twins.length} pairs whose scores differ most.</p>` +
    `<ul class="twins" style="list-style:none;padding:0">${pairs}</ul>`
  );
}

const ABOUT = `
<h2 id="about-h">Why false positives matter</h2>
<p>Every flag lands on a person. A screener tuned to catch trafficking also flags ads by consenting adult workers,
migrants and people writing in a second language. What follows a flag can be a removed ad, a banned account, lost
income, or a person routed into an investigation.</p>
<ul>
<li>Hacking//Hustling's reports <cite>Erased</cite> (on the effects of FOSTA-SESTA) and <cite>Posting into the Void</cite>
(a survey of 262 sex workers and activists) describe lost income, lost safety tools and shadowbanning after platforms
tightened moderation.</li>
<li>The US Government Accountability Office (GAO-21-385, 2021) found that FOSTA's new criminal provision had been used
once, while advertising moved to platforms hosted abroad, where evidence is harder to obtain.</li>
<li>Bhalerao et al. (2022) report that anti-trafficking outreach technology can be experienced as spam and can scale harm;
a 2025 interview study (ACM, doi 10.1145/3737883) describes misidentification and privacy harms of anti-trafficking software.</li>
<li>Profiling is documented offline too: research on the policing of Asian massage workers (Brown University's Simmons
Center; in the 2019 Pawtucket raid 19 people were arrested and the charges later dropped) and the "walking while trans"
profiling of trans women.</li>
<li>No published study was found that reports false positive rates by nationality, language variety or gender for
trafficking-ad classifiers. On synthetic data the truth is known, so the gap can be measured: that is what this page shows.</li>
</ul>
<h2>How to read the numbers</h2>
<ul>
<li><strong>Benign ads flagged per 10,000</strong>: of 10,000 benign ads from the group, how many the screener flags
(the false positive rate times 10,000). It does not depend on the prevalence.</li>
<li><strong>Share of flags that are wrong</strong>: of the group's flagged ads, the share that are benign, on a platform
where the chosen share of every group's ads are trafficking ads. When trafficking ads are rare, most flags are wrong
even for an accurate screener.</li>
<li><strong>Benign ads wrongly flagged per month</strong> and <strong>trafficking ads missed per month</strong>: the same
platform receiving the chosen number of ads a month, each group sending the share of them it has in this data.</li>
<li><strong>FPR gap</strong>: the largest minus the smallest false positive rate among the groups.</li>
<li>Exactness: the page keeps a histogram of scores in bins of equal width and the threshold moves on bin edges, so every
number shown is exact for the scored ads at that threshold (an ad is flagged when its score is at or above it).</li>
<li>These are synthetic ads. The numbers show how a mechanism plays out, not how often anything happens on a real platform.</li>
</ul>
`;

/**
 * Returns the explorable page for the data as one self-contained HTML string. Pure.
 *
 * @example
 * ```ts
 * import { exploreData, explorePage, generate, loadScenario } from 'adscreen';
 *
 * const ads = generate(loadScenario('confounded'), { n: 300, seed: 1, twins: true });
 * // any scores in [0, 1] will do: here a toy screener that flags ads naming a rate
 * const scored = ads.map((ad) => ({
 *   id: ad.id, text: ad.text, twinOf: ad.twinOf ?? undefined,
 *   label: ad.label, group: ad.group, score: /\$\d+/.test(ad.text) ? 0.8 : 0.2,
 * }));
 * const html = explorePage(exploreData(scored, { threshold: 0.5, prevalence: 0.01, dataLabel: 'toy screener' }));
 * console.log(html.length);                        // save it as .html; it works offline
 * ```
 */
export function explorePage(data: ExploreData): string {
  const t0 = exploreFormat.threshold(data.initialBin / data.bins);
  const prevIndex = Math.max(0, data.prevalenceChoices.indexOf(data.prevalence));
  const notice = syntheticNotice(data.provenance);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(data.title)} (synthetic data)</title>
<style>${STYLE}</style>
</head>
<body>
<p class="banner" role="note">${escapeHtml(notice)}</p>
<header>
<h1>${escapeHtml(data.title)}</h1>
<p class="lede">Data: ${escapeHtml(data.dataLabel)}. Move the threshold and the prevalence and watch who gets flagged.
In this data ${exploreFormat.share(data.samplePrevalence)} of ads are trafficking ads.</p>
</header>
<main>
<div class="layout">
<section aria-labelledby="controls-h">
<h2 id="controls-h">Settings</h2>
<div class="controls">
<div class="control">
<label for="threshold">Flag threshold: ads scoring <output id="threshold-out" for="threshold">${t0}</output> or more are flagged</label>
<input type="range" id="threshold" name="threshold" min="0" max="${data.bins}" step="1" value="${data.initialBin}" aria-describedby="threshold-hint">
<p class="hint" id="threshold-hint">Arrow keys move the threshold by ${exploreFormat.threshold(1 / data.bins)}; Page Up and Page Down move it faster.</p>
</div>
<div class="control">
<label for="prevalence">Share of all ads that are trafficking ads: <output id="prevalence-out" for="prevalence">${exploreFormat.prevalence(data.prevalence)}</output></label>
<input type="range" id="prevalence" name="prevalence" min="0" max="${data.prevalenceChoices.length - 1}" step="1" value="${prevIndex}">
</div>
<div class="control">
<label for="volume">Ads posted on the platform per month</label>
<input type="number" id="volume" name="volume" min="1" step="1000" value="${data.volume}" inputmode="numeric">
<p class="hint" id="volume-note" aria-live="polite"></p>
</div>
</div>
</section>
<section aria-labelledby="results-h">
<h2 id="results-h">Who gets flagged</h2>
<table id="groups-table">
<caption>Per group, at the current settings</caption>
<thead><tr><th scope="col">Group</th><th scope="col">Benign ads flagged per 10,000</th><th scope="col">Share of flags that are wrong</th>
<th scope="col">Benign ads wrongly flagged per month</th><th scope="col">Trafficking ads missed per month</th></tr></thead>
<tbody>
${groupRows(data, escapeHtml)}
</tbody>
</table>
<p class="gap">False positive rate gap between groups: <strong id="fpr-gap"></strong></p>
<p id="summary" role="status" aria-live="polite"></p>
<figure class="dist">
${distributionSvg(data)}
<figcaption>Scores by group. Filled: benign ads; black line: trafficking ads (each scaled to its own peak). Ads in the shaded part, at or right of the dashed threshold, are flagged.</figcaption>
</figure>
</section>
</div>
<section aria-labelledby="twins-h">
<h2 id="twins-h">Same ad, different proxy attributes</h2>
${twinSection(data)}
</section>
<section class="about" aria-labelledby="about-h">
${ABOUT}
</section>
</main>
<footer><p>${escapeHtml(notice)}</p><p>Score bins: ${data.bins}. Made with adscreen; works offline, makes no network requests.</p></footer>
<script type="application/json" id="explore-data">${jsonForScript(data)}</script>
<script>${EXPLORE_SCRIPT}</script>
</body>
</html>
`;
}
