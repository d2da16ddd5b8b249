/**
 * What units cost on this machine. A prior per unit — rates measured on 2 cores (docs/notebooks.md) times the
 * unit's size — and, for every unit computed, the ratio of its measured time to that prior, appended to the
 * cache (`results/timings.jsonl`, one JSON line per unit). Estimates (estimate.ts) multiply the prior by the
 * mean ratio of units of the same kind, so they become this machine's once a few units have run.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { weightCount } from '../models/memory';
import { layerSizes } from '../models/net';
import { effectiveEpochs, usesPgd, type TrainOptions } from '../models/options';
import { artifactKey } from '../util/artifacts';
import { cacheDir } from '../util/paths';
import type { RecourseUnit } from './units';

/**
 * Rates measured on 2 cores: training seconds per training row seen (updates × batch size) for a network of
 * one hidden layer of width 2d (larger nets scale with their weight count), with and without PGD; recourse
 * seconds per factual, per method, from the paper profile's searches; seconds per theory check.
 */
export const PRIOR_SECONDS = {
  trainPerRow: { lr: { plain: 0.5e-6, pgd: 1.1e-6 }, mlp: { plain: 1.0e-6, pgd: 3.7e-6 } } as Record<string, { plain: number; pgd: number }>,
  recourse: { gsm: 0.06, cchvae: 0.02, roar: 0.005, scfe: 0.002, exact: 0.0005, 'exact-mlp': 0.05 } as Record<string, number>,
  /** Methods the table does not list. */
  recourseOther: 0.02,
  theory: 40,
};

/** The prior seconds to train one model of these options on `rows` training rows of `d` features. */
export function priorTrainSeconds(o: TrainOptions, rows: number, d: number): number {
  if (o.kind === 'lr-closed') return 0.05;
  const rate = PRIOR_SECONDS.trainPerRow[o.kind === 'lr' ? 'lr' : 'mlp'];
  const seen = effectiveEpochs(o, rows) * Math.ceil(rows / o.batchSize) * o.batchSize;
  const size =
    o.kind === 'mlp'
      ? weightCount(layerSizes('mlp', d, { depth: o.depth, width: o.width || 2 * d })) / weightCount(layerSizes('mlp', d, { depth: 1, width: 2 * d }))
      : 1;
  return seen * (usesPgd(o) ? rate.pgd : rate.plain) * Math.max(1, size);
}

/** The prior seconds of a recourse unit with `factuals` factuals. */
export function priorRecourseSeconds(method: string, factuals: number, kind = 'lr'): number {
  const key = method === 'exact' && kind === 'mlp' ? 'exact-mlp' : method; // a MILP per factual, not a closed form
  return (PRIOR_SECONDS.recourse[key] ?? PRIOR_SECONDS.recourseOther) * Math.max(1, factuals);
}

/** Which training units calibrate each other: same dataset and model kind. */
export function trainTimingKind(dataset: string, kind: string): string {
  return `train ${dataset} ${kind}`;
}

/** Which recourse units calibrate each other: same dataset, model kind, method and options (seeds aside). */
export function recourseTimingKind(u: RecourseUnit): string {
  const { seed: _seed, ...rest } = u.options as Record<string, unknown>;
  // nested options (what a method trains first) follow the seed too
  const options = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? { ...v, seed: undefined } : v]),
  );
  return `recourse ${u.dataset} ${u.model.kind} ${u.method} ${artifactKey(options).slice(0, 8)}`;
}

/** Which theory checks calibrate each other: same dataset and model. */
export const theoryTimingKind = (dataset: string, model: string) => `theory ${dataset} ${model}`;

const timingsFile = () => join(cacheDir('results'), 'timings.jsonl');

/** Appends one computed unit's measured ÷ prior time; never fails a run (a cache that cannot be written just learns nothing). */
export function recordTiming(kind: string, measured: number, prior: number): void {
  const ratio = measured / prior;
  if (!Number.isFinite(ratio) || ratio < 0) return;
  try {
    appendFileSync(timingsFile(), JSON.stringify({ kind, ratio }) + '\n');
  } catch {
    /* the estimate keeps the priors */
  }
}

/** The mean measured ÷ prior ratio per kind of unit, from the cache's timings file. */
export function readTimings(): Map<string, number> {
  const sums = new Map<string, { s: number; n: number }>();
  let text = '';
  try {
    text = readFileSync(timingsFile(), 'utf8');
  } catch {
    return new Map();
  }
  for (const line of text.split('\n')) {
    try {
      const t = JSON.parse(line) as { kind?: unknown; ratio?: unknown };
      if (typeof t.kind !== 'string' || typeof t.ratio !== 'number' || !Number.isFinite(t.ratio)) continue;
      const a = sums.get(t.kind) ?? { s: 0, n: 0 };
      sums.set(t.kind, { s: a.s + t.ratio, n: a.n + 1 });
    } catch {
      /* a torn last line or garbage: skipped */
    }
  }
  return new Map([...sums].map(([k, a]) => [k, a.s / a.n]));
}
