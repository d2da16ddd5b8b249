/**
 * Setup variants: the choices the paper leaves open, each a named variant of the default, so a run can
 * report them side by side instead of picking one. A setup fixes the training protocol, the class
 * weighting of the loss and whose hyperparameters the recourse methods use.
 */
import type { TrainOptions } from '../models/options';
import type { MethodPreset } from '../recourse/types';
import { RecourseError } from '../util/errors';

export interface Setup {
  readonly name: string;
  /** One line for tables and verdicts. */
  readonly summary: string;
  readonly protocol: TrainOptions['protocol'];
  readonly classWeight: TrainOptions['classWeight'];
  /** 'project' = each method's defaults; otherwise the named preset where the method has one. */
  readonly methods: 'project' | MethodPreset;
}

export const SETUPS: Readonly<Record<string, Setup>> = {
  default: { name: 'default', summary: 'fixed training budget, unweighted loss, project method defaults', protocol: 'fixed', classWeight: 'none', methods: 'project' },
  selected: { name: 'selected', summary: 'model selection on a validation split (best validation loss)', protocol: 'selected', classWeight: 'none', methods: 'project' },
  balanced: { name: 'balanced', summary: 'class-balanced loss weights', protocol: 'fixed', classWeight: 'balanced', methods: 'project' },
  carla: { name: 'carla', summary: "CARLA's method hyperparameters", protocol: 'fixed', classWeight: 'none', methods: 'carla' },
  original: { name: 'original', summary: "the original papers' method hyperparameters where they differ from CARLA", protocol: 'fixed', classWeight: 'none', methods: 'original' },
};

export const SETUP_NAMES = Object.keys(SETUPS);

/** A setup by name, or a RecourseError listing the valid ones. */
export function getSetup(name: string): Setup {
  const s = SETUPS[name];
  if (!s) throw new RecourseError(`unknown setup '${name}'; choose one of ${SETUP_NAMES.join(', ')}`);
  return s;
}

/** The training options a setup fixes. */
export function setupTraining(s: Setup): Pick<TrainOptions, 'protocol' | 'classWeight'> {
  return { protocol: s.protocol, classWeight: s.classWeight };
}

/** True when a model (or model-summary) row was trained the way a setup trains (setups that train alike share models). */
export function trainedBy(m: { readonly protocol: string; readonly classWeight: string }, setup: string): boolean {
  const s = getSetup(setup);
  return m.protocol === s.protocol && m.classWeight === s.classWeight;
}
