/**
 * The contract every recourse method shares, owned in one place: options merged and validated, factuals
 * checked, the feature layout built, rows the model already predicts positive returned unchanged (they are
 * never handed to the search), rows certified to have no recourse (certificate.ts, then certificate-milp.ts
 * on ReLU networks) returned unchanged and not found without a search, per-row timing, and validity and feasibility judged on the final rows. A
 * method file holds only its defaults, its option rules and its search.
 */
import { featureLayout, isFeasible, type FeatureLayout } from '../data/layout';
import { logitsOf } from '../models/predict';
import type { Classifier } from '../models/types';
import { check } from '../util/errors';
import { matrix, row, takeRows, type Matrix } from '../util/matrix';
import { resolveOptions, type OptionRules } from '../util/options';
import { certifiedNoRecourse } from './certificate';
import { milpCertified } from './certificate-milp';
import { RowClock } from './clock';
import type { MethodArtefact, MethodPreset, RecourseContext, RecourseMethod, RecourseResult } from './types';

/** What a search sees: only the factuals that need a recourse. */
export interface SearchInput<O> {
  readonly model: Classifier;
  /** The factuals the model predicts negative, in call order. */
  readonly factuals: Matrix;
  /** Row k's index in the call: seed per-row randomness with it, so a row does not depend on the batch. */
  readonly rows: readonly number[];
  readonly options: O;
  readonly layout: FeatureLayout;
  readonly context: RecourseContext;
  /** Marks searched row k as finished now (first call wins); unmarked rows finish when the search returns. */
  finish(k: number): void;
}

/** Per-row extra columns of a method's result (e.g. C-CHVAE's latent radii), one array entry per row. */
export type RowExtras = Record<string, readonly (number | boolean)[]>;

/** What a search returns for its rows. */
export interface SearchOutput<X extends RowExtras, I extends object> {
  /** One row per searched factual: the recourse, or the method's last candidate when none was found. */
  readonly counterfactuals: Matrix;
  readonly iterations: readonly number[];
  readonly extras?: X;
  /** Call-level facts (e.g. the decoder's Lipschitz bound). */
  readonly info?: I;
}

/** What a recourse method declares: its name, defaults, option rules, presets and the search itself (docs/methods.md, "Adding a method"). */
export interface MethodSpec<O extends object, X extends RowExtras, I extends object> {
  readonly name: string;
  readonly summary: string;
  readonly defaults: Readonly<O>;
  readonly rules: OptionRules<O>;
  readonly presets?: Readonly<Partial<Record<MethodPreset, Partial<O>>>>;
  /** What the method needs trained before it searches (see MethodArtefact). */
  readonly artefact?: MethodArtefact;
  /** Values of the extra columns for rows that were not searched (already positive). */
  readonly skipped?: { readonly [K in keyof X]: X[K][number] };
  /** Requirements beyond single-option rules (e.g. a linear model), checked before any work. */
  readonly requires?: (model: Classifier, options: O, context: RecourseContext) => void;
  /** Call-level facts when no row needed a search. */
  readonly emptyInfo?: (options: O, context: RecourseContext) => I;
  /** True when, with these options, the search may return rows outside the feasible set (then no row is certified beforehand). */
  readonly leavesFeasibleSet?: (options: O) => boolean;
  /** The search over the rows that need a recourse (already-positive and certified rows are handled by the wrapper). */
  search(input: SearchInput<O>): Promise<SearchOutput<X, I>>;
}

type Widen<X extends RowExtras> = { readonly [K in keyof X]: X[K][number][] };

/** Checks that the factuals fit the model and lie in [0,1] (the scaled feature space of every method). */
export function checkFactuals(model: Classifier, x: Matrix): void {
  check(x.rows > 0, 'no factuals given: pass at least one row');
  check(x.cols === model.inputDim, `factuals have ${x.cols} columns but the model expects ${model.inputDim}`);
  for (let i = 0; i < x.data.length; i++) {
    const v = x.data[i];
    check(
      v >= 0 && v <= 1,
      () => `factual row ${Math.floor(i / x.cols)} column ${i % x.cols} is ${v}; factuals must be [0,1]-scaled (use the dataset's scaled splits)`,
    );
  }
}

/** Builds a RecourseMethod from its spec; see the module comment for what the wrapper owns. */
export function defineMethod<O extends object, X extends RowExtras = Record<never, never>, I extends object = Record<never, never>>(
  spec: MethodSpec<O, X, I>,
): RecourseMethod<O, RecourseResult & Widen<X> & I> {
  return {
    name: spec.name,
    summary: spec.summary,
    defaults: spec.defaults,
    rules: spec.rules,
    presets: spec.presets ?? {},
    ...(spec.artefact ? { artefact: spec.artefact } : {}),
    async generate(model, factuals, options = {}, context = {}) {
      const o = resolveOptions(spec.name, spec.defaults, spec.rules, options);
      checkFactuals(model, factuals);
      spec.requires?.(model, o, context);
      const layout = featureLayout(factuals.cols, context.spec);
      const n = factuals.rows;
      const clock = new RowClock(n);
      const alreadyPositive = Array.from(logitsOf(model, factuals), (z) => z > 0);
      // rows whose feasible set the model predicts negative everywhere: no search can find a recourse
      const nets = model.denseNets?.() ?? null;
      const certifies = !spec.leavesFeasibleSet?.(o);
      const certified = !certifies ? new Array<boolean>(n).fill(false) : certifiedNoRecourse(nets, factuals, layout).map((c, i) => c && !alreadyPositive[i]);
      // rows the interval bound leaves open on one ReLU net: a short MILP when no training row is a recourse
      if (certifies && nets?.length === 1 && nets[0].length > 1 && context.train) {
        const proven = await milpCertified(
          nets[0],
          factuals,
          layout,
          certified.map((c, i) => !c && !alreadyPositive[i]),
          context.train.x,
        );
        proven.forEach((p, i) => p && (certified[i] = true));
      }
      const rows = alreadyPositive.flatMap((p, i) => (p || certified[i] ? [] : [i]));
      alreadyPositive.forEach((p, i) => (p || certified[i]) && clock.finish(i));
      const out = matrix(n, factuals.cols, Float32Array.from(factuals.data));
      const iterations = new Array<number>(n).fill(0);
      const extras: Record<string, (number | boolean)[]> = {};
      for (const [k, v] of Object.entries(spec.skipped ?? {})) extras[k] = new Array(n).fill(v);
      let info = {} as I;
      if (rows.length) {
        const r = await spec.search({
          model,
          factuals: takeRows(factuals, rows),
          rows,
          options: o,
          layout,
          context,
          finish: (k) => clock.finish(rows[k]),
        });
        check(
          r.counterfactuals.rows === rows.length && r.counterfactuals.cols === factuals.cols,
          `${spec.name} returned ${r.counterfactuals.rows}×${r.counterfactuals.cols} rows for ${rows.length}×${factuals.cols} factuals (a bug in the method)`,
        );
        rows.forEach((i, k) => {
          out.data.set(row(r.counterfactuals, k), i * factuals.cols);
          iterations[i] = r.iterations[k];
          for (const [key, col] of Object.entries(r.extras ?? {})) extras[key][i] = col[k];
        });
        info = r.info ?? ({} as I);
      } else if (spec.emptyInfo) {
        info = spec.emptyInfo(o, context);
      }
      const found = Array.from(logitsOf(model, out), (z) => z > 0);
      const feasible = Array.from({ length: n }, (_, i) => isFeasible(layout, row(out, i), row(factuals, i)));
      const totalSeconds = clock.close();
      return {
        method: spec.name,
        counterfactuals: out,
        found,
        alreadyPositive,
        feasible,
        certified,
        iterations,
        seconds: clock.seconds,
        totalSeconds,
        ...(extras as Widen<X>),
        ...info,
      };
    },
  };
}
