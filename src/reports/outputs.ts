/**
 * Writes a run to a folder: results/*.csv (tidy tables), results/people.json (the explorer's per-person
 * recourses, people.ts), results/summary.json (grids, setups, versions,
 * backend, wall time per stage), results/verdicts.md and .json, and figures/ (HTML always, SVG/PNG when
 * Chromium is available).
 */
import * as aq from 'arquero';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { backendName } from '../backend';
import { fig8 } from '../figures/tsne';
import { paperFigures, type FigureTables } from '../figures/paper';
import type { Figure } from '../figures/plotly';
import { saveFigures, type SavedFigures } from '../figures/save';
import { projectRoot } from '../util/paths';
import { neighbourhoodFromRun, type NeighbourhoodChoice } from '../experiments/neighbourhood';
import { peopleOf } from '../experiments/people';
import { summarizeModels } from '../experiments/results';
import type { RunResult } from '../experiments/runner';
import { getSetup } from '../experiments/setups';
import { writeOutputFile } from '../util/files';
import { positiveShare } from '../data/target';
import { judgeClaims } from '../verdicts/claim-verdicts';
import { decideTable } from '../verdicts/decide';
import { verdictsMarkdown, writtenVerdicts } from './claim-evidence';
import { decideMarkdown, DECIDE_INTRO, writtenDecide } from './decide-report';
import { boundFigureOrNote } from '../figures/theory';
import { findStatement, type StatementResult, type Variant } from '../theory/index';
import { verdictSentence } from '../experiments/theory/report';
import type { TheoryMeasurements } from '../experiments/theory-units';

/** The tables the figure functions read. */
export function figureTables(r: RunResult): FigureTables {
  return { summary: r.summary, models: summarizeModels(r.models) } as unknown as FigureTables;
}

/** Fig. 8 from a run (see neighbourhoodFromRun), or null. */
export function tsneFromRun(r: RunResult, choice: Partial<NeighbourhoodChoice> = {}): Figure | null {
  const n = neighbourhoodFromRun(r, choice);
  return n ? fig8(n.input) : null;
}

/** The bound figures of the theory checks: Fig. 6 (Theorems 1 and 3, LR), Figs 7/15 and 13 (Theorem 2, NTK). */
export function theoryFigures(runs: readonly TheoryMeasurements[]): Record<string, Figure> {
  const out: Record<string, Figure> = {};
  const add = (name: string, run: TheoryMeasurements, statement: string, variant: Partial<Variant>, title: string, log = false) => {
    let st: StatementResult;
    try {
      st = findStatement(run.statements, statement as StatementResult['name'], variant);
    } catch {
      return;
    }
    const f = boundFigureOrNote(st, title, { log });
    if (typeof f !== 'string') out[name] = f;
  };
  for (const run of runs.filter((x) => !x.note)) {
    const { dataset, model, eps } = run.summary;
    if (model === 'lr') {
      add(
        `fig06-theorem1-${dataset}-eps${eps}`,
        run,
        'theorem1',
        { zeta: 'scfe', delta: 'measured', bound: 'paper' },
        `Fig. 6: Theorem 1, SCFE, Δ = measured gap (${dataset} LR, ε = ${eps})`,
      );
      add(`fig06-theorem3-${dataset}-eps${eps}`, run, 'theorem3', {}, `Fig. 6: Theorem 3, C-CHVAE (${dataset} LR, ε = ${eps}), log scale`, true);
    } else {
      add(
        `fig${eps >= 0.3 ? '13' : '07'}-theorem2-${dataset}-eps${eps}`,
        run,
        'theorem2',
        { zeta: 'scfe' },
        `Fig. ${eps >= 0.3 ? '13' : '7 / 15'}: Theorem 2, SCFE (${dataset} NTK, ε = ${eps})`,
      );
    }
  }
  return out;
}

/** Every figure of a run, by file name. */
export function runFigures(r: RunResult): Record<string, Figure> {
  const figs = { ...paperFigures(figureTables(r)), ...theoryFigures(r.theoryRuns) };
  const tsne = tsneFromRun(r);
  return tsne ? { ...figs, 'fig08-tsne': tsne } : figs;
}

/** The theory part of verdicts.md: one sentence per measured statement, written from its numbers. */
export function theoryMarkdown(runs: readonly TheoryMeasurements[]): string {
  if (!runs.length) return '';
  const lines = ['## Section 4: the bounds, measured per test instance', ''];
  for (const run of runs) {
    lines.push(`### ${run.summary.model.toUpperCase()} pair, ${run.summary.dataset}, ε = ${run.summary.eps}`, '');
    if (run.note) lines.push(`Not measured: ${run.note}`, '');
    for (const st of run.statements) lines.push(`- ${verdictSentence(st)}`);
    lines.push('');
  }
  return lines.join('\n');
}

const csv = (rows: readonly object[]) => (rows.length ? aq.from(rows as object[]).toCSV() : '');

export interface RunMeta {
  readonly profile: string;
  readonly command: string;
  readonly startedAt: string;
  readonly wallSeconds: number;
  /** Processes that computed the units (--jobs); stage seconds are then summed over them. */
  readonly jobs?: number;
}

/**
 * Writes the tables and verdicts, then summary.json (each file atomically: a failure leaves the previous
 * complete file); returns the folder of the tables. `recourse reproduce` writes tables and figures into a
 * staging folder and moves them into place together (util/files.ts `writeOutputAtomically`);
 * `figureSeconds` then comes from writeRunSummary alone.
 */
export function writeTables(r: RunResult, outDir: string, meta: RunMeta, figureSeconds = 0): string {
  const dir = join(outDir, 'results');
  mkdirSync(dir, { recursive: true });
  writeOutputFile(join(dir, 'models.csv'), csv(r.models));
  writeOutputFile(join(dir, 'models-summary.csv'), csv(summarizeModels(r.models)));
  writeOutputFile(join(dir, 'recourse.csv'), csv(r.recourse));
  writeOutputFile(join(dir, 'summary.csv'), csv(r.summary));
  writeOutputFile(join(dir, 'theory.csv'), csv(r.theory));
  writeOutputFile(join(dir, 'people.json'), JSON.stringify(peopleOf(r)));
  const [verdicts, decide] = [judgeClaims(r.summary), decideTable(r.summary)];
  writeOutputFile(
    join(dir, 'verdicts.md'),
    verdictsMarkdown(verdicts) +
      '\n' +
      ['## What decides it', '', DECIDE_INTRO, '', ...decideMarkdown(decide), ''].join('\n') +
      '\n' +
      theoryMarkdown(r.theoryRuns),
  );
  writeOutputFile(join(dir, 'verdicts.json'), JSON.stringify({ verdicts: writtenVerdicts(verdicts), decide: writtenDecide(decide) }, null, 1));
  writeRunSummary(r, outDir, meta, figureSeconds);
  return dir;
}

/** Writes results/summary.json: the plan, setups, versions, backend, machine, unit counts and the wall time per stage. */
export function writeRunSummary(r: RunResult, outDir: string, meta: RunMeta, figureSeconds: number): void {
  const dir = join(outDir, 'results');
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8'));
  const setups = [...new Set(r.grids.flatMap((g) => g.setups))].map(getSetup);
  writeOutputFile(
    join(dir, 'summary.json'),
    JSON.stringify(
      {
        profile: meta.profile,
        command: meta.command,
        startedAt: meta.startedAt,
        wallSeconds: meta.wallSeconds,
        jobs: meta.jobs ?? 1,
        stageSeconds: { ...r.stageSeconds, figures: figureSeconds },
        grids: r.grids,
        setups,
        units: { models: r.units.models.length, recourse: r.units.recourse.length, theory: r.theoryRuns.length },
        versions: { project: pkg.version, node: process.version, tfjs: pkg.dependencies['@tensorflow/tfjs'] },
        backend: backendName(),
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model ?? 'unknown',
          memoryGiB: Math.round(totalmem() / 2 ** 30),
          platform: `${process.platform} ${process.arch}`,
        },
        verdicts: judgeClaims(r.summary).map(({ claim, dataset, model, setup, verdict }) => ({ claim, dataset, model, setup, verdict })),
        datasets: datasetFacts(r),
      },
      null,
      1,
    ),
  );
}

/** Rows, features and label balance of each dataset the run loaded under its own name (not subsamples or flipped targets). */
function datasetFacts(r: RunResult): Record<string, { trainRows: number; testRows: number; features: number; positiveShare: number }> {
  const names = new Set(r.grids.flatMap((g) => g.datasets));
  return Object.fromEntries(
    [...r.datasets]
      .filter(([k]) => names.has(k))
      .map(([k, ds]) => [
        k,
        {
          trainRows: ds.train.x.rows,
          testRows: ds.test.x.rows,
          features: ds.train.x.cols,
          positiveShare: positiveShare(ds.train.y),
        },
      ]),
  );
}

/** Writes every figure of a run into outDir/figures. */
export function writeFigures(r: RunResult, outDir: string, o: { images?: boolean } = {}): Promise<SavedFigures> {
  return saveFigures(runFigures(r), join(outDir, 'figures'), { images: o.images, title: 'robust-recourse figures' });
}
