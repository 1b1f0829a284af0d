/**
 * The `@example` blocks of the API docs run as written: every ```ts block inside an `@example`
 * tag of a TSDoc comment in src/ is written to a temporary module (with `from 'adscreen'` pointed
 * at the sources), imported, and must finish without throwing. Each example runs in its own
 * empty temporary working directory, so examples that write `out/...` write there. What an
 * example prints with `console.log` is captured (not printed) and must not be `undefined`, so an
 * example that prints a field that does not exist fails too.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(root, 'src');
const indexPath = join(srcDir, 'index.js');

/** One example: where it is, the symbol it documents, and its code. */
interface DocExample {
  file: string;
  symbol: string;
  code: string;
}

/**
 * Examples waiting for an edit in a file this change could not touch: `file#symbol` -> why.
 * Remove an entry once its example is self-contained and fast.
 */
const PENDING: Record<string, string> = {};

/** The TSDoc comments of a source file with the name of the declaration each one documents. */
function docComments(source: string): Array<{ comment: string; symbol: string }> {
  const out: Array<{ comment: string; symbol: string }> = [];
  const re = /\/\*\*([\s\S]*?)\*\//g;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    const after = source.slice(re.lastIndex, re.lastIndex + 300);
    const decl =
      /^\s*(?:export\s+)?(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:static\s+)?(?:readonly\s+)?(?:function\*?|class|const|let|interface|type|enum)?\s*\*?\s*([A-Za-z_$][\w$]*)/.exec(
        after,
      );
    const body = m[1]!
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n');
    out.push({ comment: body, symbol: decl?.[1] ?? '(unknown)' });
  }
  return out;
}

/** The ```ts blocks inside the `@example` sections of one comment body. */
function exampleBlocks(comment: string): string[] {
  const blocks: string[] = [];
  // an @example section runs to the next block tag at the start of a line, or the comment's end
  const sections = comment.split(/^(?=@\w)/m).filter((s) => s.startsWith('@example'));
  for (const section of sections) {
    const fence = /```ts\n([\s\S]*?)```/g;
    for (let m = fence.exec(section); m !== null; m = fence.exec(section)) blocks.push(m[1]!);
  }
  return blocks;
}

function sourceFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => join(dir, f));
}

function collectExamples(): DocExample[] {
  const examples: DocExample[] = [];
  for (const path of sourceFiles(srcDir)) {
    const file = relative(root, path).split('\\').join('/');
    for (const { comment, symbol } of docComments(readFileSync(path, 'utf8'))) {
      for (const code of exampleBlocks(comment)) examples.push({ file, symbol, code });
    }
  }
  return examples;
}

const examples = collectExamples();
const moduleDir = mkdtempSync(join(tmpdir(), 'adscreen-doc-examples-'));
afterAll(() => rmSync(moduleDir, { recursive: true, force: true }));

describe('docComments and exampleBlocks find the examples', () => {
  it('take the ```ts blocks of @example sections only, with the documented symbol', () => {
    const source = [
      '/**',
      ' * Summary with a block that is not an example:',
      ' * ```ts',
      ' * notAnExample();',
      ' * ```',
      ' *',
      ' * @example',
      ' * ```ts',
      " * import { f } from 'adscreen';",
      ' * f(1);',
      ' * ```',
      ' * @param x - not part of the example',
      ' */',
      'export async function f(x: number) {}',
      '/** No example. */',
      'export class Thing {}',
    ].join('\n');
    const comments = docComments(source);
    expect(comments.map((c) => c.symbol)).toEqual(['f', 'Thing']);
    expect(exampleBlocks(comments[0]!.comment)).toEqual(["import { f } from 'adscreen';\nf(1);\n"]);
    expect(exampleBlocks(comments[1]!.comment)).toEqual([]);
  });

  it('the main API functions have examples', () => {
    const documented = new Set(examples.map((e) => e.symbol));
    for (const symbol of [
      'audit',
      'tokenize',
      'generate',
      'generateStream',
      'writeGeneratedDataset',
      'Featurizer',
      'EmbeddingBagClassifier',
      'readScoresCsv',
      'auditAsync',
      'experiment',
      'loadExperiment',
      'readDataset',
      'writeDataset',
      'createClassifier',
      'loadClassifier',
      'mitigationPipeline',
      'report',
      'writeReport',
      'explorePage',
      'errorRateChart',
      'twin',
      'loadScenario',
      'parseScenario',
    ]) {
      expect(documented, symbol).toContain(symbol);
    }
  });
});

describe.each(examples.map((e, i) => ({ ...e, i, name: `${e.file} ${e.symbol}` })))('@example of $name', (example) => {
  const key = `${example.file}#${example.symbol}`;
  const pending = PENDING[key];
  const run = pending === undefined ? it : it.skip;

  run(pending === undefined ? 'imports from adscreen and runs without throwing' : `pending: ${pending}`, async () => {
    expect(example.code, `${key}: examples import what they use from 'adscreen'`).toMatch(/from 'adscreen'/);
    const body = example.code
      .replace(/from 'adscreen'/g, `from ${JSON.stringify(indexPath)}`)
      .replace(/console\.log\(/g, 'logged.push(');
    const slug = `${example.file.replace(/[^\w]+/g, '-')}-${example.symbol}-${example.i}`;
    const file = join(moduleDir, `${slug}.ts`);
    writeFileSync(file, `export const logged: unknown[] = [];\n${body}\n`);
    const cwd = process.cwd();
    const workDir = mkdtempSync(join(tmpdir(), `adscreen-doc-example-`));
    mkdirSync(workDir, { recursive: true });
    process.chdir(workDir);
    let mod: { logged: unknown[] };
    try {
      mod = (await import(/* @vite-ignore */ file)) as { logged: unknown[] };
    } catch (err) {
      throw new Error(`the @example of ${example.symbol} in ${example.file} throws: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    } finally {
      process.chdir(cwd);
      rmSync(workDir, { recursive: true, force: true });
    }
    // DOC_EXAMPLES_SHOW=1 prints what each example logged, to read the examples' output
    if (process.env['DOC_EXAMPLES_SHOW'] === '1') console.info(key, mod.logged);
    expect(mod.logged, `${key}: console.log never got undefined`).not.toContain(undefined);
  });
});
