/**
 * The notebooks as a person uses them: a real JupyterLab server, headless Chromium, Run All through the
 * user interface, on RECOURSE_PROFILE=small. Every code cell must get an `ok` execute reply (tslab reports
 * errors, type errors included, only as stderr text, so the reply status is what counts) and every cell
 * that calls showPlotly( must draw plotly traces. One full-page screenshot per notebook goes to
 * test-artifacts/jupyterlab/. Needs JupyterLab (scripts/install_jupyterlab.sh); RECOURSE_SKIP_BROWSER=1 skips.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { jupyterLabBin, startLab, tempProject, type LabServer } from './lab-server';

const root = resolve('.');
const notebooks = readdirSync(join(root, 'notebooks'))
  .filter((f) => f.endsWith('.ipynb'))
  .sort();
const artifacts = join(root, 'test-artifacts', 'jupyterlab');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const NOTEBOOK_TIMEOUT_MS = 8 * 60_000;
const MAX_SHOT_HEIGHT = 32_000;
const skip = process.env.RECOURSE_SKIP_BROWSER === '1';
if (skip) console.log('JupyterLab browser test skipped (RECOURSE_SKIP_BROWSER=1)');

let lab: LabServer | undefined;
let browser: Browser | undefined;

before(async () => {
  if (skip) return;
  const bin = jupyterLabBin(root);
  if (!existsSync(bin)) {
    throw new Error(`JupyterLab not found at ${bin}: run scripts/install_jupyterlab.sh (or set RECOURSE_JUPYTER_LAB, or RECOURSE_SKIP_BROWSER=1 to skip)`);
  }
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const jupyterPath = join(root, '.jupyter', 'share', 'jupyter');
  if (!existsSync(join(jupyterPath, 'kernels', 'tslab'))) throw new Error('tslab kernel not registered: run `npm run kernel:install`');
  mkdirSync(artifacts, { recursive: true });
  lab = await startLab(bin, tempProject(root), {
    JUPYTER_PATH: jupyterPath,
    RECOURSE_PROFILE: 'small',
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
    RECOURSE_CACHE_DIR: process.env.RECOURSE_CACHE_DIR ?? join(root, 'data', 'cache'),
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await lab?.stop();
  if (lab) rmSync(lab.dir, { recursive: true, force: true }); // unlinks the src/node_modules links, never follows them
});

/** One code cell after Run All, as read from the page. */
interface CellResult {
  index: number;
  source: string;
  status: string;
  count: number | null;
  stderr: string;
  traces: number;
}

/** Opens a notebook, waits for an idle tslab kernel and records execute requests and replies (with their times). */
async function openNotebook(page: Page, nb: string): Promise<void> {
  await page.goto(`${lab!.url}/lab/tree/notebooks/${nb}?reset&token=${lab!.token}`);
  await page
    .waitForFunction(
      (nb) => {
        const w = (globalThis as any).jupyterapp?.shell?.currentWidget;
        const k = w?.sessionContext?.session?.kernel;
        return w?.context?.path === `notebooks/${nb}` && w.context.isReady && k?.name === 'tslab' && k.connectionStatus === 'connected' && k.status === 'idle';
      },
      nb,
      { timeout: 120_000, polling: 250 },
    )
    .catch(() => {
      throw new Error(`${nb}: no idle tslab kernel after 120 s; JupyterLab log:\n${lab!.log().slice(-3000)}`);
    });
  await page.evaluate(() => {
    const g = globalThis as any;
    const sent: Record<string, string> = {};
    const replies: Record<string, string> = {};
    const times: Record<string, { sent: number; replied?: number }> = {};
    g.__sent = sent;
    g.__replies = replies;
    g.__times = times;
    g.jupyterapp.shell.currentWidget.sessionContext.session.kernel.anyMessage.connect((_: unknown, { msg, direction }: any) => {
      if (direction === 'send' && msg.header.msg_type === 'execute_request') {
        sent[msg.header.msg_id] = msg.content.code;
        times[msg.header.msg_id] = { sent: Date.now() };
      }
      if (direction === 'recv' && msg.header.msg_type === 'execute_reply') {
        replies[msg.parent_header.msg_id] = msg.content.status;
        if (times[msg.parent_header.msg_id]) times[msg.parent_header.msg_id].replied = Date.now();
      }
    });
  });
}

/** Seconds from request to reply of the first code cell run (the import cell). */
function firstCellSeconds(page: Page): Promise<number> {
  return page.evaluate(() => {
    const t = Object.values((globalThis as any).__times as Record<string, { sent: number; replied?: number }>).sort((a, b) => a.sent - b.sent)[0];
    return t?.replied ? (t.replied - t.sent) / 1000 : NaN;
  });
}

/** Opens a notebook and runs all cells through the UI, until every request has its reply and the kernel is idle. */
async function runAll(page: Page, nb: string): Promise<void> {
  await openNotebook(page, nb);
  await page.evaluate(() => {
    const g = globalThis as any;
    g.__runAllDone = false;
    void g.jupyterapp.commands.execute('notebook:run-all-cells').finally(() => (g.__runAllDone = true));
  });
  // Done when Run All has settled, every request sent has its reply and the kernel is idle (run-all stops at the first error).
  await page.waitForFunction(
    () => {
      const g = globalThis as any;
      const ids = Object.keys(g.__sent);
      const k = g.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      return g.__runAllDone && ids.length > 0 && ids.every((id) => id in g.__replies) && k.status === 'idle';
    },
    undefined,
    { timeout: NOTEBOOK_TIMEOUT_MS, polling: 1000 },
  );
}

/** Every code cell: its execute reply status, execution count, stderr text and plotly traces drawn. */
function readCells(page: Page): Promise<CellResult[]> {
  return page.evaluate(() => {
    const g = globalThis as any;
    const status: Record<string, string[]> = {};
    for (const [id, code] of Object.entries(g.__sent as Record<string, string>)) (status[code] ??= []).push(g.__replies[id]);
    const cells: any[] = g.jupyterapp.shell.currentWidget.content.widgets;
    return cells
      .map((cell, index) => ({ cell, index }))
      .filter(({ cell }) => cell.model.type === 'code')
      .map(({ cell, index }) => {
        const source: string = cell.model.sharedModel.getSource();
        const outputs = cell.model.outputs.toJSON();
        return {
          index,
          source,
          status: status[source]?.shift() ?? 'not run',
          count: cell.model.executionCount ?? null,
          stderr: outputs
            .filter((o: any) => o.name === 'stderr')
            .map((o: any) => [].concat(o.text).join(''))
            .join(''),
          traces: cell.node.querySelectorAll('.js-plotly-plot svg.main-svg g.trace').length,
        };
      });
  });
}

/** Hides the file browser, resizes the page to the notebook's full height, scrolls to the top, saves a screenshot. */
async function screenshot(page: Page, nb: string): Promise<void> {
  const height = await page.evaluate(() => {
    const g = globalThis as any;
    g.jupyterapp.shell.collapseLeft();
    const w = g.jupyterapp.shell.currentWidget;
    const scroller = w.node.querySelector('.jp-WindowedPanel-outer') ?? w.content.node;
    return scroller.scrollHeight + g.document.documentElement.clientHeight - scroller.clientHeight;
  });
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 800), MAX_SHOT_HEIGHT) });
  await page.evaluate(() => {
    const w = (globalThis as any).jupyterapp.shell.currentWidget;
    (w.node.querySelector('.jp-WindowedPanel-outer') ?? w.content.node).scrollTop = 0;
  });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(artifacts, nb.replace(/\.ipynb$/, '.png')) });
  if (height > MAX_SHOT_HEIGHT) console.log(`${nb}: screenshot cut at ${MAX_SHOT_HEIGHT} of ${height} px`);
}

for (const nb of notebooks) {
  test(
    `JupyterLab: ${nb} runs all cells and draws its figures`,
    { skip: skip && 'RECOURSE_SKIP_BROWSER=1', timeout: NOTEBOOK_TIMEOUT_MS + 180_000 },
    async () => {
      const t0 = Date.now();
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => {
        if (!/debugger session/i.test(e.message)) pageErrors.push(e.message);
      }); // tslab has no debugger
      try {
        await runAll(page, nb);
        const figureCells = (await readCells(page)).filter((c) => c.source.includes('showPlotly('));
        if (figureCells.length) {
          await page
            .waitForFunction(
              (idx) => {
                const cells = (globalThis as any).jupyterapp.shell.currentWidget.content.widgets;
                return idx.every((i: number) => cells[i].node.querySelector('.js-plotly-plot svg.main-svg g.trace'));
              },
              figureCells.map((c) => c.index),
              { timeout: 30_000, polling: 500 },
            )
            .catch(() => undefined);
        }
        const cells = await readCells(page);
        for (const c of cells) {
          assert.equal(c.status, 'ok', `${nb} cell ${c.index} (${c.source.split('\n')[0]}): execute reply ${c.status}, count ${c.count}\n${c.stderr}`);
          assert.ok(c.count !== null, `${nb} cell ${c.index} has no execution count after Run All`);
        }
        for (const c of cells.filter((c) => c.source.includes('showPlotly('))) {
          assert.ok(
            c.traces > 0,
            `${nb} cell ${c.index} calls showPlotly( but no plotly trace was drawn${pageErrors.length ? '; page errors: ' + pageErrors.join(' | ') : ''}`,
          );
        }
        console.log(
          `${nb}: ${cells.length} code cells ok, ${cells.filter((c) => c.traces > 0).length} with plotly figures, ${((Date.now() - t0) / 1000).toFixed(1)} s; import cell ${(await firstCellSeconds(page)).toFixed(1)} s`,
        );
      } finally {
        await screenshot(page, nb).catch((e) => console.log(`${nb}: no screenshot: ${e.message}`));
        await page.evaluate(() => (globalThis as any).jupyterapp?.shell?.currentWidget?.sessionContext?.shutdown()).catch(() => undefined);
        await page.close();
      }
    },
  );
}

/** A notebook of `cells` (code) written into the served project's notebooks/ folder. */
function writeScratch(name: string, cells: string[]): void {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source })),
  };
  writeFileSync(join(lab!.dir, 'notebooks', name), JSON.stringify(nb));
}

/** Runs cell `index` of the open notebook through the UI. */
function runCell(page: Page, index: number): Promise<void> {
  return page.evaluate((i) => {
    const g = globalThis as any;
    g.jupyterapp.shell.currentWidget.content.activeCellIndex = i;
    void g.jupyterapp.commands.execute('notebook:run-cell');
  }, index);
}

/** The text of cell `index`'s outputs: streams and the text/plain of displays, in order. */
function cellText(page: Page, index: number): Promise<string> {
  return page.evaluate((i) => {
    const outputs = (globalThis as any).jupyterapp.shell.currentWidget.content.widgets[i].model.outputs.toJSON();
    return outputs.map((o: any) => [].concat(o.text ?? o.data?.['text/plain'] ?? '').join('')).join('\n');
  }, index);
}

const unitFilesIn = (cache: string) =>
  existsSync(join(cache, 'results'))
    ? readdirSync(join(cache, 'results'))
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];

test(
  'JupyterLab: a grid too long for a cell shows its estimate and computes nothing; a run shows progress, and Interrupt Kernel stops it with one line',
  { skip: skip && 'RECOURSE_SKIP_BROWSER=1', timeout: 10 * 60_000 },
  async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lab-cache-'));
    const running = mkdtempSync(join(tmpdir(), 'lab-cache-'));
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      writeScratch('zz-interrupt.ipynb', [
        "import { notebookGrids, notebookRun } from './dist/index';",
        `process.env.RECOURSE_CACHE_DIR = ${JSON.stringify(empty)};\nconst full = notebookGrids('full', ['main']);\nawait notebookRun([full.main], { name: 'config.main' });`,
        `process.env.RECOURSE_CACHE_DIR = ${JSON.stringify(running)};\nconst g = notebookGrids('small', ['main']).main;\ng.seeds = [0, 1, 2, 3, 4, 5, 6, 7];\ng.eps = [0, 0.05, 0.1, 0.2, 0.3];\nawait notebookRun([g], { name: 'the long grid', maxSeconds: 1e6 });`,
      ]);
      await openNotebook(page, 'zz-interrupt.ipynb');
      const replies = () => page.evaluate(() => Object.keys((globalThis as any).__replies).length);
      await runCell(page, 0);
      await page.waitForFunction(() => Object.keys((globalThis as any).__replies).length === 1, undefined, { timeout: 180_000, polling: 250 });
      console.log(`scratch import cell ${(await firstCellSeconds(page)).toFixed(1)} s`);

      // the full paper grid on an empty cache: the estimate, within 30 s, and nothing computed
      const t0 = Date.now();
      await runCell(page, 1);
      await page.waitForFunction(() => Object.keys((globalThis as any).__replies).length === 2, undefined, { timeout: 30_000, polling: 250 });
      const refused = await cellText(page, 1);
      // an empty cache: every model and every unit of the grid is still to compute
      assert.match(
        refused,
        /recourse: config\.main needs ([1-9]\d*) of \1 models, ([1-9]\d*) of \2 recourse units not in the cache, about .+ of work .*npx recourse reproduce --profile paper --jobs 2/,
        refused,
      );
      assert.doesNotMatch(refused, /\n\s+at /, 'no stack trace');
      assert.deepEqual(unitFilesIn(empty), [], 'nothing was computed');
      console.log(`full-profile estimate shown after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      // tslab aborts every request that reaches it within 200 ms of an error reply (its queue reset); a person
      // takes longer than that to run the next cell
      await page.waitForTimeout(1000);

      // a long small-grid run: progress appears in place, then Interrupt Kernel
      await runCell(page, 2);
      await page
        .waitForFunction(
          () => {
            const outputs = (globalThis as any).jupyterapp.shell.currentWidget.content.widgets[2].model.outputs.toJSON();
            return outputs.some((o: any) => /^(train|recourse) \d+\/\d+ · /.test([].concat(o.data?.['text/plain'] ?? '').join('')));
          },
          undefined,
          { timeout: 120_000, polling: 250 },
        )
        .catch(async () => {
          throw new Error(`no progress line in cell 2 within 120 s; its outputs: ${await cellText(page, 2)}`);
        });
      const progress = await cellText(page, 2);
      await page.evaluate(() => (globalThis as any).jupyterapp.shell.currentWidget.sessionContext.session.kernel.interrupt());
      await page.waitForFunction(() => Object.keys((globalThis as any).__replies).length === 3, undefined, { timeout: 30_000, polling: 250 });
      await page.waitForTimeout(2000);
      const stopped = await cellText(page, 2);
      assert.match(stopped, /recourse: stopped after \d+ of \d+ units; run the cell again to resume from the cache/, stopped);
      assert.doesNotMatch(stopped, /Interrupted asynchronously|\n\s+at /, 'one line, no stack trace');
      const cached = unitFilesIn(running);
      await page.waitForTimeout(10_000);
      assert.deepEqual(unitFilesIn(running), cached, 'no unit was computed after the interrupt');
      assert.equal(await replies(), 3);
      console.log(
        `progress before the interrupt: ${progress
          .split('\n')
          .filter((l) => l.includes('·'))
          .pop()}; ${cached.length} units cached when it stopped`,
      );
    } finally {
      await page.evaluate(() => (globalThis as any).jupyterapp?.shell?.currentWidget?.sessionContext?.shutdown()).catch(() => undefined);
      await page.close();
      [empty, running].forEach((d) => rmSync(d, { recursive: true, force: true }));
    }
  },
);
