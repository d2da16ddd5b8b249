import { RecourseError } from '../util/errors';

export type FeatureType = 'continuous' | 'binary';

/** Static description of a dataset: columns, types, one-hot groups and immutable features. */
export interface DatasetSpec {
  readonly name: string;
  readonly label: string;
  readonly features: readonly string[];
  readonly types: readonly FeatureType[];
  /** Column-index groups that encode one categorical feature one-hot (exactly one 1 per row). */
  readonly oneHotGroups: readonly (readonly number[])[];
  /** Column indices a recourse may not change. */
  readonly immutable: readonly number[];
  /** Harvard Dataverse file ids (train, test) for download. */
  readonly dataverse?: { readonly train: number; readonly test: number };
}

const ADULT = ['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week', 'sex_Male',
  'workclass_Private', 'marital-status_Non-Married', 'occupation_Other', 'relationship_Non-Husband', 'race_White',
  'native-country_US'];
const COMPAS = ['age', 'two_year_recid', 'priors_count', 'length_of_stay', 'c_charge_degree_F', 'sex_Female', 'race'];

const GERMAN_CONT = ['duration', 'amount', 'installment-rate', 'present-residence', 'age', 'number-credits',
  'people-liable', 'foreign-worker'];
const GERMAN_CAT: [string, string[]][] = [
  ['status', ['1', '2', '3', '4']],
  ['credit-history', ['0', '1', '2', '3', '4']],
  ['purpose', ['0', '1', '2', '3', '4', '5', '6', '7', '9', '10']],
  ['savings', ['1', '2', '3', '4', '5']],
  ['employment-duration', ['1', '2', '3', '4', '5']],
  ['personal-status-sex', ['1', '2', '3', '5']],
  ['other-debtors', ['1', '2', '3']],
  ['property', ['1', '2', '3', '4']],
  ['other-installment-plans', ['1', '2', '3']],
  ['housing', ['1', '2', '3']],
  ['job', ['1', '2', '3', '4']],
  ['telephone', ['1', '2']],
];

function german(): DatasetSpec {
  const features = [...GERMAN_CONT];
  const groups: number[][] = [];
  for (const [name, levels] of GERMAN_CAT) {
    groups.push(levels.map((_, i) => features.length + i));
    for (const l of levels) features.push(`${name}_${l}`);
  }
  const sexGroup = groups[GERMAN_CAT.findIndex(([n]) => n === 'personal-status-sex')];
  return {
    name: 'german',
    label: 'credit-risk',
    features,
    types: features.map((_, i) => (i < GERMAN_CONT.length ? 'continuous' : 'binary')),
    oneHotGroups: groups,
    // age, foreign-worker, and personal-status-sex (it encodes sex together with marital status)
    immutable: [features.indexOf('age'), features.indexOf('foreign-worker'), ...sexGroup],
    dataverse: { train: 8550931, test: 8550930 },
  };
}

const SPECS: Record<string, DatasetSpec> = {
  adult: {
    name: 'adult',
    label: 'income',
    features: ADULT,
    types: ADULT.map((_, i) => (i < 6 ? 'continuous' : 'binary')),
    oneHotGroups: [],
    immutable: [ADULT.indexOf('age'), ADULT.indexOf('sex_Male')],
    dataverse: { train: 8550940, test: 8550933 },
  },
  compas: {
    name: 'compas',
    label: 'risk',
    features: COMPAS,
    types: ['continuous', 'binary', 'continuous', 'continuous', 'binary', 'binary', 'binary'],
    oneHotGroups: [],
    immutable: [COMPAS.indexOf('age'), COMPAS.indexOf('sex_Female'), COMPAS.indexOf('race')],
    dataverse: { train: 8550936, test: 8550944 },
  },
  german: german(),
};

/** Names of the real datasets (the seeded `synthetic` one is generated, not loaded). */
export const DATASET_NAMES = ['german', 'adult', 'compas'] as const;
export type RealDatasetName = (typeof DATASET_NAMES)[number];

/** The spec of a real dataset, or a clear error for an unknown name. */
export function datasetSpec(name: string): DatasetSpec {
  const spec = SPECS[name];
  if (!spec) {
    throw new RecourseError(`unknown dataset '${name}'; choose one of ${[...DATASET_NAMES, 'synthetic'].join(', ')}`);
  }
  return spec;
}
