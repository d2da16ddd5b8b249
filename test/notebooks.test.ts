/**
 * Notebooks: committed without outputs and identical to what scripts/mknb.py builds from
 * notebooks/sources/*.nb.ts; executed headless with Debian's Jupyter and the project's tslab kernel on the
 * small profile (RECOURSE_PROFILE=small), where any cell error (type errors included) fails, every cell
 * that calls showPlotly( must output a plotly figure (showExplorer( the explorer page), and no cell may print logs (stderr) or text tables.
 * Needs `npm run kernel:install` (done by .ci/run) and /usr/bin/python3 with nbclient.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from './helpers';

const root = resolve('.');
const jupyterPath = join(root, '.jupyter', 'share', 'jupyter');
const notebooks = readdirSync(join(root, 'notebooks'))
  .filter((f) => f.endsWith('.ipynb'))
  .sort();
const sources = readdirSync(join(root, 'notebooks', 'sources'))
  .filter((f) => f.endsWith('.nb.ts'))
  .sort();
const out = tempDir('nb-');
const { RECOURSE_QUIET: _quiet, ...env } = process.env; // notebooks must be quiet on their own, as for a person

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}
const text = (t: string | string[] | undefined) => ([] as string[]).concat(t ?? []).join('');
const readCells = (path: string): Cell[] => JSON.parse(readFileSync(path, 'utf8')).cells;

test('the tslab kernel is registered in the project prefix', () => {
  assert.ok(existsSync(join(jupyterPath, 'kernels', 'tslab', 'kernel.json')), 'run `npm run kernel:install` first');
});

test('every notebook has a source in notebooks/sources and vice versa', () => {
  assert.deepEqual(
    notebooks.map((f) => f.replace(/\.ipynb$/, '')),
    sources.map((f) => f.replace(/\.nb\.ts$/, '')),
  );
});

for (const nb of notebooks) {
  const name = nb.replace(/\.ipynb$/, '');
  const fix =
    `port the change into notebooks/sources/${name}.nb.ts, then run ` + `\`/usr/bin/python3 scripts/mknb.py notebooks/sources/${name}.nb.ts notebooks/${nb}\``;

  test(`notebook ${nb} is committed without outputs`, () => {
    const dirty = readCells(join(root, 'notebooks', nb)).flatMap((c, i) => (c.outputs?.length || c.execution_count != null ? [i] : []));
    assert.ok(!dirty.length, `notebooks/${nb} has outputs or execution counts in cells ${dirty.join(', ')}; commit it without: ${fix}`);
  });

  test(`notebook ${nb} matches its source notebooks/sources/${name}.nb.ts`, () => {
    const rebuilt = join(out, `${name}.rebuilt.ipynb`);
    const r = spawnSync('/usr/bin/python3', ['scripts/mknb.py', join('notebooks', 'sources', `${name}.nb.ts`), rebuilt], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `mknb.py failed: ${r.stderr}`);
    const want = readCells(rebuilt).map((c) => [c.cell_type, text(c.source)]);
    const have = readCells(join(root, 'notebooks', nb)).map((c) => [c.cell_type, text(c.source)]);
    const i = want.findIndex((w, k) => JSON.stringify(w) !== JSON.stringify(have[k]));
    assert.ok(
      i < 0 && want.length === have.length,
      `notebooks/${nb} differs from its source at cell ${i < 0 ? want.length : i} (edited in JupyterLab?): ${fix}`,
    );
    assert.equal(
      readFileSync(join(root, 'notebooks', nb), 'utf8'),
      readFileSync(rebuilt, 'utf8'),
      `notebooks/${nb} has the same cells as its source but other metadata or formatting: ${fix}`,
    );
  });

  test(`notebook ${nb} runs headless without a cell error and shows its figures`, { timeout: 20 * 60_000 }, () => {
    const r = spawnSync('/usr/bin/python3', ['scripts/run_notebook.py', join('notebooks', nb), join(out, nb)], {
      cwd: root,
      encoding: 'utf8',
      env: { ...env, JUPYTER_PATH: jupyterPath, RECOURSE_PROFILE: 'small', PYDEVD_DISABLE_FILE_VALIDATION: '1' },
    });
    assert.equal(r.status, 0, `${nb} failed:\n${r.stderr}\n${r.stdout}`);
    process.stderr.write(r.stdout);
    const cells = readCells(join(out, nb))
      .map((c, i) => ({ ...c, i, src: text(c.source) }))
      .filter((c) => c.cell_type === 'code');
    for (const c of cells.filter((c) => c.src.includes('showPlotly('))) {
      const figures = (c.outputs ?? []).filter(
        (o) => o.data && ('application/vnd.plotly.v1+json' in o.data || text(o.data['text/html'] as string | string[]).includes('plotly-graph-div')),
      );
      assert.ok(figures.length > 0, `${nb} cell ${c.i} calls showPlotly( but output no plotly figure`);
    }
    for (const c of cells.filter((c) => c.src.includes('showExplorer('))) {
      const pages = (c.outputs ?? []).filter(
        (o) => o.data && /<iframe title="trade-off explorer" srcdoc="[^"]*explorer-data/.test(text(o.data['text/html'] as string | string[])),
      );
      assert.equal(pages.length, 1, `${nb} cell ${c.i} calls showExplorer( but output no explorer page`);
    }
    for (const c of cells) {
      const stderr = (c.outputs ?? [])
        .filter((o) => o.name === 'stderr')
        .map((o) => text(o.text))
        .join('');
      assert.equal(stderr, '', `${nb} cell ${c.i} writes to stderr (a red box in JupyterLab); keep logs out of notebooks`);
      const stdout = (c.outputs ?? [])
        .filter((o) => o.name === 'stdout')
        .map((o) => text(o.text))
        .join('');
      assert.ok(!/[\u2500-\u257f]/.test(stdout), `${nb} cell ${c.i} prints a text table; show it with showFrame/showTable`);
    }
  });
}
