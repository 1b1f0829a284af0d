#!/usr/bin/env node
// Executes every notebook in examples/notebooks/ headless with Jupyter's nbconvert and the Deno
// kernel, the way CI does, and fails if any cell raises.
//
//   node scripts/run-notebooks.mjs [--no-build] [notebook.ipynb ...]
//
// Steps: check the prerequisites (Debian's Jupyter packages, the `deno` binary from `npm ci`),
// build dist/ (the notebooks import the built package; --no-build skips this), register the Deno
// kernel in a private Jupyter data directory under test-artifacts/ (the user's own Jupyter and
// Deno directories are not touched), execute each notebook into test-artifacts/notebooks/, print
// one pass/fail line with its time per notebook, write test-artifacts/notebooks.json, and exit 1
// if any notebook failed. The committed notebooks keep empty outputs; executed copies live only
// in test-artifacts/.
//
// Environment: JUPYTER (the jupyter command, default /usr/bin/jupyter), DENO (the deno binary,
// default node_modules/.bin/deno), NOTEBOOK_TIMEOUT (seconds per cell, default 300; a whole
// notebook gets at most three times that), CI (when set, saved outputs fail the notebook).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const notebookDir = join(root, 'examples', 'notebooks');
const artifacts = join(root, 'test-artifacts');
const outDir = join(artifacts, 'notebooks');
const jupyterHome = join(artifacts, 'jupyter');
const summaryFile = join(artifacts, 'notebooks.json');
const jupyter = process.env.JUPYTER ?? '/usr/bin/jupyter';
const deno = process.env.DENO ?? join(root, 'node_modules', '.bin', 'deno');
const timeout = Number(process.env.NOTEBOOK_TIMEOUT ?? 300);
const underCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

// nbconvert configuration for the private config directory. Deno's kernel (2.9) sometimes
// publishes a cell's last output (an execute_result, display or console line) just after the
// cell's "idle" status; nbclient stops listening at "idle" and drops it, so executed copies would
// miss outputs at random. This executor keeps listening for a quarter second after "idle". Pass or
// fail does not depend on it: nbclient decides that from the kernel's execute reply. Without the
// nbclient method it extends, the standard executor is used unchanged.
const NBCONVERT_CONFIG = `# Written by scripts/run-notebooks.mjs; see the comment there.
from queue import Empty
from nbconvert.exporters import Exporter
from nbconvert.preprocessors import ExecutePreprocessor
from nbclient.util import ensure_async

GRACE_SECONDS = 0.25


class LateOutputExecutePreprocessor(ExecutePreprocessor):
    """ExecutePreprocessor that also records a cell's outputs arriving just after its idle status."""

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=GRACE_SECONDS))
            except Empty:
                return
            if msg["parent_header"].get("msg_id") == parent_msg_id and msg["msg_type"] != "status":
                self.process_message(msg, cell, cell_index)


if hasattr(ExecutePreprocessor, "_async_poll_output_msg"):
    c.Exporter.default_preprocessors = [
        LateOutputExecutePreprocessor if p == "nbconvert.preprocessors.ExecutePreprocessor" else p
        for p in Exporter().default_preprocessors
    ]
`;

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const requested = args.filter((a) => !a.startsWith('--'));

/** Prints a problem with the fix and exits; the summary records it as one failure. */
function fail(problem, fix) {
  console.error(`run-notebooks: ${problem}`);
  if (fix) console.error(`  fix: ${fix}`);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(summaryFile, `${JSON.stringify({ schema: 'adscreen.notebooks/1', passed: 0, failed: 1, error: problem, notebooks: [] }, null, 2)}\n`);
  process.exit(1);
}

function run(cmd, argv, options = {}) {
  return spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

// An environment in which Jupyter and Deno read and write only below test-artifacts/: the kernel
// is registered there (deno writes kernelspecs to $XDG_DATA_HOME/jupyter/kernels on Linux, and
// Jupyter reads its user data directory from the same place), Deno's cache lives there, and
// Deno never checks for updates (no network at run time).
const env = {
  ...process.env,
  XDG_DATA_HOME: join(jupyterHome, 'data'),
  JUPYTER_DATA_DIR: join(jupyterHome, 'data', 'jupyter'),
  JUPYTER_CONFIG_DIR: join(jupyterHome, 'config'),
  JUPYTER_RUNTIME_DIR: join(jupyterHome, 'runtime'),
  DENO_DIR: join(jupyterHome, 'deno-cache'),
  DENO_NO_UPDATE_CHECK: '1',
  DENO_NO_PROMPT: '1',
  NO_COLOR: '1',
  PYDEVD_DISABLE_FILE_VALIDATION: '1',
};

// 1. prerequisites
if (!existsSync(jupyter)) {
  fail(
    `${jupyter} not found (the notebooks run with Debian's Jupyter, not a pip or pyenv one)`,
    'apt-get install -y jupyter-nbconvert python3-ipykernel jupyter-client   (or set JUPYTER=/path/to/jupyter)',
  );
}
const nbconvert = run(jupyter, ['nbconvert', '--version'], { env });
if (nbconvert.status !== 0) {
  fail(`'${jupyter} nbconvert' does not run: ${(nbconvert.stderr || nbconvert.stdout || '').trim().split('\n').pop()}`, 'apt-get install -y jupyter-nbconvert python3-ipykernel jupyter-client');
}
if (!existsSync(deno)) fail(`${deno} not found`, "npm ci   (the devDependency 'deno' ships the binary)");
const denoVersion = run(deno, ['--version'], { env });
if (denoVersion.status !== 0) fail(`${deno} does not run: ${(denoVersion.stderr || '').trim()}`, 'rm -rf node_modules && npm ci');

// 2. build (the notebooks import dist/ through examples/notebooks/deno.json)
if (build) {
  const t0 = performance.now();
  const tsc = run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root });
  if (tsc.status !== 0) {
    if (!existsSync(join(root, 'dist', 'index.js'))) fail(`the build failed:\n${tsc.stdout}${tsc.stderr}`, 'npm run build');
    console.log(`run-notebooks: warning: tsc reported errors (JavaScript was still emitted):\n${tsc.stdout.trim().split('\n').slice(0, 10).join('\n')}`);
  }
  console.log(`run-notebooks: built dist/ in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} else if (!existsSync(join(root, 'dist', 'index.js'))) {
  fail('dist/index.js not found', 'npm run build   (or run without --no-build)');
}

// 3. register the kernel in the private data directory
rmSync(jupyterHome, { recursive: true, force: true });
mkdirSync(env.JUPYTER_CONFIG_DIR, { recursive: true });
writeFileSync(join(env.JUPYTER_CONFIG_DIR, 'jupyter_nbconvert_config.py'), NBCONVERT_CONFIG);
const install = run(deno, ['jupyter', '--install', '--force'], { env });
if (install.status !== 0) fail(`'deno jupyter --install' failed: ${install.stderr.trim()}`);
let kernelDir = registeredKernel();
if (kernelDir === undefined) {
  // deno writes kernelspecs to $XDG_DATA_HOME only on Linux; elsewhere, write the same spec here
  const dir = join(env.JUPYTER_DATA_DIR, 'kernels', 'deno');
  mkdirSync(dir, { recursive: true });
  const argv = [realDeno(), 'jupyter', '--kernel', '--conn', '{connection_file}'];
  writeFileSync(join(dir, 'kernel.json'), `${JSON.stringify({ argv, display_name: 'Deno', language: 'typescript' }, null, 2)}\n`);
  const said = `${install.stdout}${install.stderr}`.trim().split('\n').pop();
  console.log(`run-notebooks: 'deno jupyter --install' wrote elsewhere (${said}); wrote the same kernelspec to ${relative(root, dir)}`);
  kernelDir = registeredKernel();
}
if (kernelDir === undefined) fail(`Jupyter does not see the Deno kernel registered under ${relative(root, jupyterHome)}`);
console.log(`run-notebooks: ${denoVersion.stdout.split('\n')[0]}, nbconvert ${nbconvert.stdout.trim()}, kernel in ${relative(root, kernelDir)}`);

// 4. execute
const notebooks = (requested.length > 0 ? requested.map((p) => resolve(p)) : readdirSync(notebookDir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => join(notebookDir, f)));
if (notebooks.length === 0) fail(`no notebooks found in ${relative(root, notebookDir)}`);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const results = [];
for (const file of notebooks) {
  const name = basename(file);
  // committed notebooks carry no outputs (executed copies live only in test-artifacts/)
  const saved = savedOutputs(file);
  if (saved > 0) {
    const message = `${relative(root, file)} has ${saved} code cell(s) with saved outputs; clear them before committing (Jupyter: Edit > Clear All Outputs)`;
    if (underCi) {
      results.push({ name, status: 'failed', seconds: 0, error: message });
      console.log(`FAIL ${name}\n    ${message}`);
      continue;
    }
    console.log(`run-notebooks: warning: ${message}`);
  }
  const log = join(outDir, name.replace(/\.ipynb$/, '.log'));
  const t0 = performance.now();
  const res = run(
    jupyter,
    [
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      `--ExecutePreprocessor.timeout=${timeout}`,
      '--ExecutePreprocessor.kernel_name=deno',
      '--output-dir',
      outDir,
      file,
    ],
    { env, cwd: dirname(file), timeout: 3 * timeout * 1000 },
  );
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  writeFileSync(log, `$ jupyter nbconvert --execute ${relative(root, file)}\n${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? `\n${res.error.message}\n` : ''}`);
  const ok = res.status === 0 && existsSync(join(outDir, name));
  const entry = { name, status: ok ? 'passed' : 'failed', seconds, log: relative(root, log) };
  if (ok) entry.output = relative(root, join(outDir, name));
  else entry.error = errorSummary(`${res.stderr ?? ''}${res.error?.message ?? ''}`);
  results.push(entry);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name} (${seconds.toFixed(1)} s)`);
  if (!ok) console.log(indent(entry.error));
}

const passed = results.filter((r) => r.status === 'passed').length;
const failed = results.length - passed;
const summary = {
  schema: 'adscreen.notebooks/1',
  passed,
  failed,
  deno: denoVersion.stdout.split('\n')[0],
  nbconvert: nbconvert.stdout.trim(),
  notebooks: results,
};
writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`notebooks: ${passed} passed, ${failed} failed (details in ${relative(root, summaryFile)})`);
process.exit(failed > 0 ? 1 : 0);

/** Directory of the `deno` kernelspec Jupyter finds in the private data directory, or undefined. */
function registeredKernel() {
  const specs = run(jupyter, ['kernelspec', 'list', '--json'], { env });
  try {
    const dir = JSON.parse(specs.stdout).kernelspecs?.deno?.resource_dir;
    return typeof dir === 'string' && resolve(dir).startsWith(jupyterHome) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Path of the deno executable itself (node_modules/.bin/deno may be a Node wrapper when install scripts did not run). */
function realDeno() {
  const res = run(deno, ['eval', 'console.log(Deno.execPath())'], { env });
  return res.status === 0 && res.stdout.trim() !== '' ? res.stdout.trim() : deno;
}

/** Number of code cells of a notebook file with outputs or an execution count (0 if it cannot be read). */
function savedOutputs(file) {
  try {
    const nb = JSON.parse(readFileSync(file, 'utf8'));
    return nb.cells.filter((c) => c.cell_type === 'code' && ((c.outputs ?? []).length > 0 || c.execution_count != null)).length;
  } catch {
    return 0; // nbconvert reports an unreadable notebook itself
  }
}

/** The failing cell and its error from nbconvert's output (the CellExecutionError block), else the last lines. */
function errorSummary(stderr) {
  const lines = stderr.split('\n');
  let start = lines.findIndex((l) => l.includes('An error occurred while executing'));
  if (start < 0) start = lines.findIndex((l) => /Error|Traceback/.test(l));
  const picked = start >= 0 ? lines.slice(start, start + 40) : lines.slice(-20);
  return picked.filter((l) => !/Debugger warning|frozen modules|Xfrozen_modules|PYDEVD_DISABLE/.test(l)).join('\n').trim();
}

function indent(text) {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
