/**
 * A small Markdown-to-HTML converter for the Markdown adscreen itself writes (datasheets, model
 * cards, experiment summaries): ATX headings, paragraphs, `-`/`*`/`1.` lists with indented
 * continuation lines, `>` quotes, pipe tables, `**bold**`, `*emphasis*` and `` `code` ``.
 * Everything is HTML-escaped first, so no markup from the input reaches the page; links are
 * shown as text (a report makes no requests and has nothing to link to).
 */
import { escapeHtml } from './text.js';

/** Converts inline Markdown (already a single logical line) to HTML. */
export function inlineMarkdown(text: string): string {
  const parts = text.split(/(`[^`]*`)/g);
  return parts
    .map((part) => {
      if (part.startsWith('`') && part.endsWith('`') && part.length >= 2) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return escapeHtml(part)
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
    })
    .join('');
}

function splitRow(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/**
 * Converts Markdown to HTML. `headingOffset` shifts heading levels down (1 turns `#` into
 * `<h2>`), so embedded documents sit under the report's own headings.
 */
export function markdownToHtml(markdown: string, headingOffset = 0): string {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  const isBlank = (l: string | undefined): boolean => l === undefined || l.trim() === '';
  const listItem = /^(\s*)([-*]|\d+\.)\s+(.*)$/;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, (heading[1] as string).length + headingOffset);
      out.push(`<h${level}>${inlineMarkdown((heading[2] as string).trim())}</h${level}>`);
      i++;
      continue;
    }
    if (line.trimStart().startsWith('|') && (lines[i + 1] ?? '').trim().match(/^\|?[\s:|-]+\|?$/)) {
      const head = splitRow(line);
      i += 2;
      const body: string[][] = [];
      while (i < lines.length && (lines[i] as string).trimStart().startsWith('|')) body.push(splitRow(lines[i++] as string));
      out.push(
        `<table><thead><tr>${head.map((h) => `<th scope="col">${inlineMarkdown(h)}</th>`).join('')}</tr></thead><tbody>` +
          body.map((r) => `<tr>${r.map((c) => `<td>${inlineMarkdown(c)}</td>`).join('')}</tr>`).join('') +
          '</tbody></table>',
      );
      continue;
    }
    if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (i < lines.length && (lines[i] as string).startsWith('>')) quoted.push((lines[i++] as string).replace(/^>\s?/, ''));
      out.push(`<blockquote>${markdownToHtml(quoted.join('\n'), headingOffset)}</blockquote>`);
      continue;
    }
    const item = listItem.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2] as string);
      const items: string[] = [];
      while (i < lines.length) {
        const m = listItem.exec(lines[i] as string);
        if (!m) break;
        const parts = [m[3] as string];
        i++;
        while (i < lines.length && !isBlank(lines[i]) && /^\s{2,}\S/.test(lines[i] as string) && !listItem.exec(lines[i] as string)) {
          parts.push((lines[i++] as string).trim());
        }
        items.push(`<li>${inlineMarkdown(parts.join(' '))}</li>`);
      }
      out.push(ordered ? `<ol>${items.join('')}</ol>` : `<ul>${items.join('')}</ul>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !isBlank(lines[i])) {
      const l = lines[i] as string;
      if (para.length > 0 && (/^#{1,6}\s/.test(l) || l.startsWith('>') || listItem.test(l) || l.trimStart().startsWith('|'))) break;
      para.push(l.trim());
      i++;
    }
    out.push(`<p>${inlineMarkdown(para.join(' '))}</p>`);
  }
  return out.join('\n');
}
