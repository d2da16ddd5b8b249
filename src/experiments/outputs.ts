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
import { fig8, neighbourhood, type TsneInput } from '../figures/tsne';
import { paperFigures, type FigureTables } from '../figures/paper';
import type { Figure } from '../figures/plotly';
import { saveFigures, type SavedFigures } from '../figures/save';
import { projectRoot } from '../util/paths';
import { peopleOf } from './people';
import { summarizeModels, type ModelRow } from './results';
import type { RunResult } from './runner';
import { getSetup } from './setups';
import { writeOutputFile } from '../util/files';
import { positiveShare } from '../data/target';
import { decideMarkdown, decideTable, DECIDE_INTRO } from './decide';
import { verdictsMarkdown } from './verdicts';
import { METHOD_LABEL, MODEL_LABEL } from '../figures/style';
import { boundFigureOrNote } from '../figures/theory';
import { findStatement, type StatementResult, type Variant } from '../theory/index';
import { verdictSentence } from './theory/report';
import type { TheoryMeasurements } from './theory-units';

/** The tables the figure functions read. */
export function figureTables(r: RunResult): FigureTables {
  return { summary: r.summary, models: summarizeModels(r.models) } as unknown as FigureTables;
}

/** Fig. 8's data from a run: the neighbourhood's t-SNE input and the two models compared (their rows in the models table). */
export interface RunNeighbourhood {
  readonly input: TsneInput;
  readonly reference: ModelRow;
  readonly robust: ModelRow;
  readonly setup: string;
  /** Per panel, the neighbourhood's factuals the model already predicts positive (not counted as valid recourses). */
  readonly alreadyPositive: readonly number[];
}

/** Fig. 8's choices: which units the neighbourhood comes from and how large it is. */
export interface NeighbourhoodChoice {
  /** The dataset (the run's first with such units when it has none of this one). */
  dataset: string;
  model: 'mlp' | 'lr';
  method: string;
  setup: string;
  /** The robust panel's ε: the run's ε > 0 closest to it. */
  eps: number;
  /** The seed (null: the first seed with such units). */
  seed: number | null;
  /** Factuals in the neighbourhood: the first factual and its nearest neighbours. */
  neighbours: number;
}

/** The paper's Fig. 8: an Adult neural network, ε = 0 against ε = 0.25; SCFE, the first seed and 60 factuals are this project's choices. */
export const FIG8_CHOICE: Readonly<NeighbourhoodChoice> = { dataset: 'adult', model: 'mlp', method: 'scfe', setup: 'default', eps: 0.25, seed: null, neighbours: 60 };

/**
 * Fig. 8's data (see NeighbourhoodChoice; main architecture): ε = 0 against the ε closest to `choice.eps`, or
 * null without such units. A recourse counts as valid in a panel when the search found one for a factual the
 * model did not already predict positive; those already positive are counted apart.
 */
export function neighbourhoodFromRun(r: RunResult, choice: Partial<NeighbourhoodChoice> = {}): RunNeighbourhood | null {
  const c = { ...FIG8_CHOICE, ...choice };
  const units = r.units.recourse.filter((u) => u.method === c.method && u.model.kind === c.model && u.setup.name === c.setup && (c.model === 'lr' || (u.model.arch.depth === 1 && u.model.arch.width === 0)));
  const dataset = units.some((u) => u.dataset === c.dataset) ? c.dataset : units[0]?.dataset;
  const ofData = units.filter((u) => u.dataset === dataset);
  const seed = c.seed ?? ofData[0]?.model.seed;
  const mine = ofData.filter((u) => u.model.seed === seed);
  const ref = mine.find((u) => u.model.options.eps === 0);
  const robust = mine.filter((u) => u.model.options.eps > 0).sort((p, q) => Math.abs(p.model.options.eps - c.eps) - Math.abs(q.model.options.eps - c.eps))[0];
  const ds = dataset ? r.datasets.get(dataset) : undefined;
  if (!ref || !robust || !ds) return null;
  const [a, b] = [r.measurements.get(ref.key)!, r.measurements.get(robust.key)!];
  if (a.indices.length < 5) return null;
  const d = a.d;
  const cf = (flat: number[], i: number) => flat.slice(i * d, (i + 1) * d);
  const factuals = a.indices.map((t) => Array.from(ds.test.x.data.subarray(t * d, (t + 1) * d)));
  const near = neighbourhood(factuals, c.neighbours);
  const modelRowOf = (key: string) => r.models[r.units.models.findIndex((m) => m.key === key)];
  const label = `${METHOD_LABEL[c.method] ?? c.method}, ${MODEL_LABEL[c.model] ?? c.model}`;
  const flags = (key: string) => {
    const m = modelRowOf(key);
    return { degenerate: !!m?.degenerate, belowMajority: !!m?.belowMajority };
  };
  return {
    reference: modelRowOf(ref.model.key), robust: modelRowOf(robust.model.key), setup: c.setup,
    alreadyPositive: [a, b].map((m) => near.filter((i) => m.alreadyPositive[i]).length),
    input: {
      dataset: ds.spec.name, method: label, seed: ref.model.seed, factuals: near.map((i) => factuals[i]),
      panels: [
        { eps: 0, counterfactuals: near.map((i) => cf(a.counterfactuals, i)), valid: near.map((i) => a.found[i] && !a.alreadyPositive[i]), ...flags(ref.model.key) },
        { eps: robust.model.options.eps, counterfactuals: near.map((i) => cf(b.counterfactuals, i)), valid: near.map((i) => b.found[i] && !b.alreadyPositive[i]), ...flags(robust.model.key) },
      ],
    },
  };
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
      add(`fig06-theorem1-${dataset}-eps${eps}`, run, 'theorem1', { zeta: 'scfe', delta: 'measured', bound: 'paper' }, `Fig. 6: Theorem 1, SCFE, Δ = measured gap (${dataset} LR, ε = ${eps})`);
      add(`fig06-theorem3-${dataset}-eps${eps}`, run, 'theorem3', {}, `Fig. 6: Theorem 3, C-CHVAE (${dataset} LR, ε = ${eps}), log scale`, true);
    } else {
      add(`fig${eps >= 0.3 ? '13' : '07'}-theorem2-${dataset}-eps${eps}`, run, 'theorem2', { zeta: 'scfe' }, `Fig. ${eps >= 0.3 ? '13' : '7 / 15'}: Theorem 2, SCFE (${dataset} NTK, ε = ${eps})`);
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
  const decide = decideTable(r.summary);
  writeOutputFile(join(dir, 'verdicts.md'), verdictsMarkdown(r.verdicts) + '\n' + ['## What decides it', '', DECIDE_INTRO, '', ...decideMarkdown(decide), ''].join('\n') + '\n' + theoryMarkdown(r.theoryRuns));
  writeOutputFile(join(dir, 'verdicts.json'), JSON.stringify({ verdicts: r.verdicts, decide }, null, 1));
  writeRunSummary(r, outDir, meta, figureSeconds);
  return dir;
}

/** Writes results/summary.json: the plan, setups, versions, backend, machine, unit counts and the wall time per stage. */
export function writeRunSummary(r: RunResult, outDir: string, meta: RunMeta, figureSeconds: number): void {
  const dir = join(outDir, 'results');
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8'));
  const setups = [...new Set(r.grids.flatMap((g) => g.setups))].map(getSetup);
  writeOutputFile(join(dir, 'summary.json'), JSON.stringify({
    profile: meta.profile, command: meta.command, startedAt: meta.startedAt, wallSeconds: meta.wallSeconds, jobs: meta.jobs ?? 1,
    stageSeconds: { ...r.stageSeconds, figures: figureSeconds }, grids: r.grids, setups,
    units: { models: r.units.models.length, recourse: r.units.recourse.length, theory: r.theoryRuns.length },
    versions: { project: pkg.version, node: process.version, tfjs: pkg.dependencies['@tensorflow/tfjs'] }, backend: backendName(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), platform: `${process.platform} ${process.arch}` },
    verdicts: r.verdicts.map(({ claim, dataset, model, setup, verdict }) => ({ claim, dataset, model, setup, verdict })),
    datasets: datasetFacts(r),
  }, null, 1));
}

/** Rows, features and label balance of each dataset the run loaded under its own name (not subsamples or flipped targets). */
function datasetFacts(r: RunResult): Record<string, { trainRows: number; testRows: number; features: number; positiveShare: number }> {
  const names = new Set(r.grids.flatMap((g) => g.datasets));
  return Object.fromEntries([...r.datasets].filter(([k]) => names.has(k)).map(([k, ds]) => [k, {
    trainRows: ds.train.x.rows, testRows: ds.test.x.rows, features: ds.train.x.cols, positiveShare: positiveShare(ds.train.y),
  }]));
}

/** Writes every figure of a run into outDir/figures. */
export function writeFigures(r: RunResult, outDir: string, o: { images?: boolean } = {}): Promise<SavedFigures> {
  return saveFigures(runFigures(r), join(outDir, 'figures'), { images: o.images, title: 'robust-recourse figures' });
}
