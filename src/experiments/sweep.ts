import * as aq from 'arquero';
import type { Dataset } from '../data/types';
import { fitModel } from '../models/store';
import { EPS_GRID } from '../models/options';
import type { ModelKind } from '../models/types';
import { checkEpsilon, check } from '../util/errors';

export interface SweepOptions {
  /** Model kinds to train (default lr and mlp). */
  models?: ModelKind[];
  /** Training radii (default the paper's grid 0 … 0.3). */
  epsGrid?: readonly number[];
  /** ε of the adversarial accuracy column; default: each model's own training ε (0.1 for ERM). */
  evalEps?: number;
  seed?: number;
  /** Epochs (0 = automatic). */
  epochs?: number;
  /** Called after each model with (done, total, row). */
  onModel?: (done: number, total: number, row: SweepRow) => void;
}

export interface SweepRow {
  dataset: string;
  model: ModelKind;
  eps: number;
  accuracy: number;
  advAccuracy: number;
  evalEps: number;
  positiveRate: number;
  degenerate: boolean;
  trainSeconds: number;
  fromCache: boolean;
}

/**
 * Trains (or loads from the cache) every model × ε of one dataset and evaluates clean and adversarial
 * accuracy. Interrupted sweeps resume: finished models are cache hits. Returns an arquero table.
 */
export function trainSweep(ds: Dataset, o: SweepOptions = {}): aq.ColumnTable {
  const models = o.models ?? ['lr', 'mlp'];
  const grid = o.epsGrid ?? EPS_GRID;
  check(grid.length > 0, 'the ε grid is empty; give at least one ε in [0, 1]');
  grid.forEach((e) => checkEpsilon(e, 'ε in the grid'));
  const rows: SweepRow[] = [];
  const total = models.length * grid.length;
  for (const model of models) {
    for (const eps of grid) {
      const m = fitModel(ds, { kind: model, eps, seed: o.seed ?? 0, epochs: o.epochs ?? 0 }, { evalEps: o.evalEps });
      const r = m.metrics;
      const row: SweepRow = {
        dataset: ds.spec.name, model, eps, accuracy: r.accuracy, advAccuracy: r.advAccuracy, evalEps: r.evalEps,
        positiveRate: r.positiveRate, degenerate: r.degenerate, trainSeconds: m.trainSeconds, fromCache: m.fromCache,
      };
      m.net.dispose();
      rows.push(row);
      o.onModel?.(rows.length, total, row);
    }
  }
  return aq.from(rows);
}
