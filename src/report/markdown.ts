/** Renders a report document as Markdown, with each chart as an SVG file referenced beside it. */
import type { Block, ReportDocument } from './document.js';

/** Escapes a table cell: pipes and line breaks. */
export function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Shifts ATX headings down by `by` levels (max level 6). */
export function shiftHeadings(markdown: string, by: number): string {
  return markdown.replace(/^(#{1,6})(\s)/gm, (_, hashes: string, sp: string) => `${'#'.repeat(Math.min(6, hashes.length + by))}${sp}`);
}

function block(b: Block, chartPath: (name: string) => string): string {
  switch (b.kind) {
    case 'paragraph':
      return b.text;
    case 'list':
      return b.items.map((i) => `- ${i.replace(/\r?\n/g, ' ')}`).join('\n');
    case 'table':
      return [
        `**${b.caption}**`,
        '',
        `| ${b.head.map(mdCell).join(' | ')} |`,
        `| ${b.head.map(() => '---').join(' | ')} |`,
        ...b.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
      ].join('\n');
    case 'chart':
      return `![${b.alt.replace(/[[\]]/g, '')}](${chartPath(b.name)})`;
    case 'markdown':
      if (b.open) return `**${b.summary}**\n\n${shiftHeadings(b.markdown.trim(), 2)}`;
      return `<details><summary>${b.summary}</summary>\n\n${shiftHeadings(b.markdown.trim(), 2)}\n\n</details>`;
  }
}

/** Renders the document as Markdown; `chartPath` gives the relative path of a chart's SVG file. Pure. */
export function renderMarkdown(doc: ReportDocument, chartPath: (name: string) => string): string {
  const parts = [`# ${doc.title}`, `> **${doc.notice}**`];
  for (const s of doc.sections) {
    parts.push(`## ${s.title}`);
    for (const b of s.blocks) parts.push(block(b, chartPath));
  }
  parts.push(`---\n\n${doc.notice}`);
  return `${parts.join('\n\n')}\n`;
}
