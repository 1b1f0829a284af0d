import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('quick start shows an install command, the demo and the test command', () => {
    expect(readme).toMatch(/npm ci && npm run demo/);
    expect(readme).toMatch(/npm ci && npm test/);
  });

  it('the API tour runs as written against the library', async () => {
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const src = fileURLToPath(new URL('../src/index.js', import.meta.url));
    const dir = fileURLToPath(new URL('../.tmp/readme/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = `${dir}api-tour.ts`;
    // run the example as a module; capture what it logs instead of printing it
    const body = block!.replace(/from 'adscreen'/g, `from ${JSON.stringify(src)}`).replace(/console\.log\(/g, 'logged.push(');
    writeFileSync(file, `export const logged: unknown[] = [];\n${body}\nexport { result, spec };\n`);
    const mod = (await import(/* @vite-ignore */ file)) as {
      logged: unknown[];
      result: { schema: string; groups: Record<string, Array<{ group: string; fpr: number | null; ci: Record<string, unknown> }>> };
      spec: { $schema?: string };
    };
    expect(mod.result.schema).toBe('adscreen.audit/1');
    const rows = mod.logged[0] as Array<{ group: string; fpr: number | null }>;
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.group)).toEqual(mod.result.groups['nationality']!.map((r) => r.group));
    expect(mod.spec.$schema).toMatch(/vega-lite/);
  });
});
