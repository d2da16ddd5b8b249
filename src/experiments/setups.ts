/**
 * Setup variants: the choices the paper leaves open, each a named variant of the default, so a run can
 * report them side by side instead of picking one. A base setup fixes the training protocol, the class
 * weighting of the loss and whose hyperparameters the recourse methods use; factors, written after it with
 * '+', change what the experiment asks (docs/methods.md, "Factors"):
 * - `minority`: the recourse target is the minority class of the training split (labels flipped where the
 *   favourable class is the majority), so robust training's collapse towards the majority works against it;
 * - `std`: ε is measured in training standard deviations (feature j's radius ε·σⱼ) for PGD, eq. 16 and the
 *   adversarial-accuracy evaluation alike, instead of min–max units; the recourse methods keep their space;
 * - `matched`: each robust model's output bias is shifted so its positive rate on the training split equals
 *   the ε = 0 model's (same dataset, kind, shape, seed and setup).
 * `default+minority+std` (or `minority+std`) combines them; the canonical name leaves out `default`.
 */
import type { TrainOptions } from '../models/options';
import type { MethodPreset } from '../recourse/types';
import { RecourseError } from '../util/errors';

/** Which class a recourse aims for: label 1 as the data give it, or the training split's minority class. */
export type Target = 'favourable' | 'minority';
/** The decision threshold of a robust model: as trained, or matched to the ε = 0 model's positive rate. */
export type Threshold = 'trained' | 'matched';
/** The units of ε: min–max ([0,1]-scaled features) or training standard deviations. */
export type EpsUnits = TrainOptions['epsUnits'];

/** How models are made and judged in one setup variant: the training protocol and class weights, how searches are set, the target class, the ε units and the threshold. */
export interface Setup {
  readonly name: string;
  /** One line for tables and verdicts. */
  readonly summary: string;
  readonly protocol: TrainOptions['protocol'];
  readonly classWeight: TrainOptions['classWeight'];
  /** 'project' = each method's defaults; otherwise the named preset where the method has one. */
  readonly methods: 'project' | MethodPreset;
  readonly target: Target;
  readonly epsUnits: EpsUnits;
  readonly threshold: Threshold;
}

type BaseSetup = Omit<Setup, 'target' | 'threshold' | 'epsUnits'>;

const BASES: Readonly<Record<string, BaseSetup>> = {
  default: {
    name: 'default',
    summary: 'fixed training budget, unweighted loss, project method defaults',
    protocol: 'fixed',
    classWeight: 'none',
    methods: 'project',
  },
  selected: {
    name: 'selected',
    summary: 'model selection on a validation split (best validation loss)',
    protocol: 'selected',
    classWeight: 'none',
    methods: 'project',
  },
  balanced: { name: 'balanced', summary: 'class-balanced loss weights', protocol: 'fixed', classWeight: 'balanced', methods: 'project' },
  carla: { name: 'carla', summary: "CARLA's method hyperparameters", protocol: 'fixed', classWeight: 'none', methods: 'carla' },
  original: {
    name: 'original',
    summary: "the original papers' method hyperparameters where they differ from CARLA",
    protocol: 'fixed',
    classWeight: 'none',
    methods: 'original',
  },
};

/** The factors a setup name may add after its base, in canonical order, with what each sets. */
export const FACTORS = {
  minority: { field: 'target', value: 'minority', summary: 'recourse targets the minority class of the training split' },
  std: { field: 'epsUnits', value: 'std', summary: 'ε in training standard deviations (radius ε·σⱼ per feature)' },
  matched: { field: 'threshold', value: 'matched', summary: "robust models' bias shifted to the ε = 0 model's training positive rate" },
} as const;
/** A factor a setup can add to its base (the target class, the ε units, the decision threshold). */
export type FactorName = keyof typeof FACTORS;
/** The factors a setup can add to its base: minority, std and matched. */
export const FACTOR_NAMES = Object.keys(FACTORS) as FactorName[];

/** The base setups' names (factors combine with any of them). */
export const SETUP_NAMES = Object.keys(BASES);

/** Every base setup, by name, with the default factor levels. */
export const SETUPS: Readonly<Record<string, Setup>> = Object.fromEntries(SETUP_NAMES.map((n) => [n, getSetup(n)]));

/** What a setup name may be, for help texts and errors. */
export const SETUP_SYNTAX = `a base (${SETUP_NAMES.join(', ')}) and/or factors (${FACTOR_NAMES.join(', ')}) joined by '+', e.g. minority+matched`;

/** A setup by name (`base`, `factor`, `base+factor+…`), or a RecourseError saying what a name may be. */
export function getSetup(name: string): Setup {
  const parts = name.split('+');
  const bases = parts.filter((p) => p in BASES);
  const factors = parts.filter((p): p is FactorName => p in FACTORS);
  const unknown = parts.find((p) => !(p in BASES) && !(p in FACTORS));
  if (unknown !== undefined || bases.length > 1 || new Set(factors).size !== factors.length) {
    throw new RecourseError(`unknown setup '${name}'; a setup is ${SETUP_SYNTAX}`);
  }
  const base = BASES[bases[0] ?? 'default'];
  const ordered = FACTOR_NAMES.filter((f) => factors.includes(f));
  const canonical = ordered.length ? [...(base.name === 'default' ? [] : [base.name]), ...ordered].join('+') : base.name;
  return {
    ...base,
    name: canonical,
    summary: [base.summary, ...ordered.map((f) => FACTORS[f].summary)].join('; '),
    target: ordered.includes('minority') ? 'minority' : 'favourable',
    epsUnits: ordered.includes('std') ? 'std' : 'minmax',
    threshold: ordered.includes('matched') ? 'matched' : 'trained',
  };
}

/** True when `name` names a setup (getSetup accepts it). */
export function isSetupName(name: string): boolean {
  try {
    getSetup(name);
    return true;
  } catch {
    return false;
  }
}

/** The training options a setup fixes. */
export function setupTraining(s: Setup): Pick<TrainOptions, 'protocol' | 'classWeight' | 'epsUnits'> {
  return { protocol: s.protocol, classWeight: s.classWeight, epsUnits: s.epsUnits };
}

/** What identifies how a model was made: its training setup and the factors that change the model. */
export interface ModelMaking {
  readonly protocol: string;
  readonly classWeight: string;
  readonly target?: string;
  readonly epsUnits?: string;
  readonly threshold?: string;
}

/** True when a model (or model-summary) row was made the way a setup makes its models (setups that train alike share models). */
export function trainedBy(m: ModelMaking, setup: string): boolean {
  const s = getSetup(setup);
  return (
    m.protocol === s.protocol &&
    m.classWeight === s.classWeight &&
    (m.target ?? 'favourable') === s.target &&
    (m.epsUnits ?? 'minmax') === s.epsUnits &&
    (m.threshold ?? 'trained') === s.threshold
  );
}

/** The setup name a model row stands for (the base from its training, then its factors). */
export function modelSetupName(m: ModelMaking): string {
  const base = m.protocol === 'fixed' && m.classWeight === 'none' ? 'default' : m.protocol !== 'fixed' ? m.protocol : m.classWeight;
  const factors = [m.target === 'minority' ? 'minority' : '', m.epsUnits === 'std' ? 'std' : '', m.threshold === 'matched' ? 'matched' : ''].filter(Boolean);
  return factors.length ? [...(base === 'default' ? [] : [base]), ...factors].join('+') : base;
}
