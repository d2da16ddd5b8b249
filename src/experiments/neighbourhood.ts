/**
 * Fig. 8's data from a run: the neighbourhood of one factual and the recourses two models of the run give it
 * (ε = 0 and a robust ε), with the models compared.
 */
import { neighbourhood, type TsneInput } from '../figures/tsne';
import { METHOD_LABEL, MODEL_LABEL } from '../figures/style';
import type { ModelRow } from './results';
import type { RunResult } from './runner';

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
export const FIG8_CHOICE: Readonly<NeighbourhoodChoice> = {
  dataset: 'adult',
  model: 'mlp',
  method: 'scfe',
  setup: 'default',
  eps: 0.25,
  seed: null,
  neighbours: 60,
};

/**
 * Fig. 8's data (see NeighbourhoodChoice; main architecture): ε = 0 against the ε closest to `choice.eps`, or
 * null without such units. A recourse counts as valid in a panel when the search found one for a factual the
 * model did not already predict positive; those already positive are counted apart.
 */
export function neighbourhoodFromRun(r: RunResult, choice: Partial<NeighbourhoodChoice> = {}): RunNeighbourhood | null {
  const c = { ...FIG8_CHOICE, ...choice };
  const units = r.units.recourse.filter(
    (u) =>
      u.method === c.method &&
      u.model.kind === c.model &&
      u.setup.name === c.setup &&
      (c.model === 'lr' || (u.model.arch.depth === 1 && u.model.arch.width === 0)),
  );
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
    reference: modelRowOf(ref.model.key),
    robust: modelRowOf(robust.model.key),
    setup: c.setup,
    alreadyPositive: [a, b].map((m) => near.filter((i) => m.alreadyPositive[i]).length),
    input: {
      dataset: ds.spec.name,
      method: label,
      seed: ref.model.seed,
      factuals: near.map((i) => factuals[i]),
      panels: [
        {
          eps: 0,
          counterfactuals: near.map((i) => cf(a.counterfactuals, i)),
          valid: near.map((i) => a.found[i] && !a.alreadyPositive[i]),
          ...flags(ref.model.key),
        },
        {
          eps: robust.model.options.eps,
          counterfactuals: near.map((i) => cf(b.counterfactuals, i)),
          valid: near.map((i) => b.found[i] && !b.alreadyPositive[i]),
          ...flags(robust.model.key),
        },
      ],
    },
  };
}
