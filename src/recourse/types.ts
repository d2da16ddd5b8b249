import type { DatasetSpec } from '../data/definition';
import type { Dataset, Split } from '../data/types';
import type { Classifier } from '../models/types';
import type { Matrix } from '../util/matrix';
import type { OptionRules } from '../util/options';

/**
 * What a method may need besides the model and the factuals. Absent fields mean: every feature is
 * continuous and mutable (spec), and no training data is available (train).
 */
export interface RecourseContext {
  /** Feature types, one-hot groups and immutable columns of the data the model was trained on. */
  readonly spec?: DatasetSpec;
  /** Training split: C-CHVAE trains its VAE on it, ROAR's LIME surrogate takes feature scales from it. */
  readonly train?: Split;
  /** Progress messages (e.g. "training VAE"); silent when absent. */
  readonly onProgress?: (msg: string) => void;
  /** Aborted when the run is asked to stop: long searches then end at their next stop point (util/stop.ts). */
  readonly signal?: AbortSignal;
}

/**
 * One call's output, row i for factual i. Every method targets class 1 (the favourable outcome); a
 * factual the model already predicts positive is returned unchanged with found = true, iterations = 0.
 */
export interface RecourseResult {
  readonly method: string;
  /**
   * Counterfactuals in the factuals' [0,1] units. When found[i] is false the row is the method's last
   * candidate (gradient methods: the last iterate; search methods: the factual itself) and is no recourse.
   */
  readonly counterfactuals: Matrix;
  /** True when the model predicts class 1 for the returned row. */
  readonly found: boolean[];
  /** True when the model already predicted class 1 for the factual (nothing to do). */
  readonly alreadyPositive: boolean[];
  /** True when the row satisfies the feature layout ([0,1], binaries, one-hot groups, immutables). */
  readonly feasible: boolean[];
  /** True when no recourse exists for the factual, proven before any search (certificate.ts); found is then false. */
  readonly certified: boolean[];
  /** Optimiser steps (SCFE, ROAR) or search rounds: shells (GSM, C-CHVAE); 0 for closed forms and skipped rows. */
  readonly iterations: number[];
  /**
   * Wall time from the start of the call until row i's search ended. All rows run in one batch, so these
   * overlap: the cost of the call is totalSeconds, and totalSeconds / rows is the time per factual.
   */
  readonly seconds: number[];
  readonly totalSeconds: number;
}

/**
 * A recourse method: a name, typed options with documented defaults and rules, named presets, and a
 * batched generator. `generate` validates options (bad values throw a RecourseError naming the option) and
 * is deterministic for a given `seed` option and backend. Build one with `defineMethod` (method.ts).
 */
export interface RecourseMethod<O extends object = object, R extends RecourseResult = RecourseResult> {
  readonly name: string;
  /** One line for help texts. */
  readonly summary: string;
  readonly defaults: Readonly<O>;
  readonly rules: OptionRules<O>;
  /** Option overrides that reproduce another source's defaults (see docs/methods.md). */
  readonly presets: Readonly<Partial<Record<MethodPreset, Partial<O>>>>;
  /** What the method needs trained before it searches, if anything (C-CHVAE: its autoencoder). */
  readonly artefact?: MethodArtefact;
  /** Searches a recourse for each row of `factuals` on `model` (options checked against the rules; a bad value throws a RecourseError). */
  generate(model: Classifier, factuals: Matrix, options?: Partial<O>, context?: RecourseContext): Promise<R>;
}

/**
 * Something a method trains per dataset before it searches (C-CHVAE's autoencoder). A run trains each distinct
 * one once, in a stage of its own before the searches, and the method's cache keys carry its revision.
 */
export interface MethodArtefact {
  /** The run stage that trains it; its seconds are reported under this name. */
  readonly stage: 'vae';
  /** The option (a nested object) that configures it: merged field by field across presets and overrides, and given the run's seed. */
  readonly option: string;
  /** How it is trained, as a number that goes into the key of every result of the method (bump it when training changes). */
  readonly revision: number;
  /** Trains it on a dataset's training split, or loads it from its cache; says which. */
  fit(ds: Dataset, options: Readonly<Record<string, unknown>>, f: { cache: boolean; onProgress?: (msg: string) => void }): { fromCache: boolean };
  /** How progress names one, e.g. "adult VAE seed 0". */
  label(dataset: string, options: Readonly<Record<string, unknown>>): string;
}

/** Whose hyperparameters a method runs with: the project's defaults, CARLA's, or the original paper's. */
export type MethodPreset = 'carla' | 'original';
