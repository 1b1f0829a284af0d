/** Renders a report document as one self-contained HTML page: styles inline, charts as inline SVG, no requests. */
import type { Block, ReportDocument } from './document.js';
import { markdownToHtml } from './markdownHtml.js';
import { escapeHtml } from './text.js';

const STYLE = `
body { margin: 0; font-family: Helvetica, Arial, sans-serif; color: #111; line-height: 1.45; font-size: 16px; }
.banner { margin: 0; padding: 0.7rem 1.2rem; background: #111; color: #fff; font-weight: bold; }
main { max-width: 72rem; margin: 0 auto; padding: 0 1.2rem 3rem; }
h1 { font-size: 1.9rem; margin: 1.2rem 0 0.4rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 0.6rem; border-bottom: 2px solid #ddd; padding-bottom: 0.2rem; }
h3, h4, h5 { margin: 1rem 0 0.4rem; }
nav ol { columns: 2; padding-left: 1.4rem; }
a:focus-visible, summary:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
table { border-collapse: collapse; min-width: 28rem; margin: 0.6rem 0 1.2rem; font-variant-numeric: tabular-nums; font-size: 0.92rem; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
th, td { border-bottom: 1px solid #ccc; padding: 0.3rem 0.55rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #888; }
figure { margin: 1rem 0 1.6rem; overflow-x: auto; }
figcaption { font-size: 0.9rem; color: #444; }
details { margin: 0.6rem 0; background: #f6f6f6; padding: 0.4rem 0.8rem; border-radius: 0.3rem; }
summary { cursor: pointer; font-weight: bold; }
blockquote { margin: 0.5rem 0; padding: 0.3rem 0.8rem; border-left: 4px solid #bbb; background: #fafafa; }
code { font-size: 0.9em; background: #eee; padding: 0 0.2em; }
footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.2rem 2rem; color: #444; font-size: 0.9rem; }
`;

function block(b: Block, svgs: ReadonlyMap<string, string>): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'table':
      return (
        `<table><caption>${escapeHtml(b.caption)}</caption><thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n')}</tbody></table>`
      );
    case 'chart': {
      const svg = svgs.get(b.name) ?? `<p>(chart ${escapeHtml(b.name)} not rendered)</p>`;
      return `<figure id="chart-${escapeHtml(b.name)}" data-chart="${escapeHtml(b.name)}">${svg}<figcaption>${escapeHtml(b.alt)}</figcaption></figure>`;
    }
    case 'markdown':
      return `<details${b.open ? ' open' : ''}><summary>${escapeHtml(b.summary)}</summary>${markdownToHtml(b.markdown, 2)}</details>`;
  }
}

/** Renders the document as HTML; `svgs` maps chart names to their rendered SVG. Pure. */
export function renderHtml(doc: ReportDocument, svgs: ReadonlyMap<string, string>): string {
  const nav = doc.sections.map((s, i) => `<li><a href="#section-${i + 1}">${escapeHtml(s.title)}</a></li>`).join('');
  const body = doc.sections
    .map((s, i) => `<section id="section-${i + 1}" aria-labelledby="section-${i + 1}-h"><h2 id="section-${i + 1}-h">${escapeHtml(s.title)}</h2>\n${s.blocks.map((b) => block(b, svgs)).join('\n')}\n</section>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(doc.title)} (synthetic data)</title>
<style>${STYLE}</style>
</head>
<body>
<p class="banner" role="note">${escapeHtml(doc.notice)}</p>
<main>
<h1>${escapeHtml(doc.title)}</h1>
<nav aria-label="Contents"><ol>${nav}</ol></nav>
${body}
</main>
<footer><p>${escapeHtml(doc.notice)}</p><p>Self-contained: this file makes no network requests.</p></footer>
</body>
</html>
`;
}
