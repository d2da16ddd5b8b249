/**
 * A dataset's definition by column names (what `registerDataset` and `<name>.spec.json` take) and its
 * validation into a DatasetSpec by column index. The registry (registry.ts) keeps the defined datasets.
 */
import { RecourseError } from '../util/errors';
import { echo } from '../util/parse';

/** How a column may move: continuous in [0, 1], or binary (0 or 1). */
export type FeatureType = 'continuous' | 'binary';
const FEATURE_TYPES: readonly FeatureType[] = ['continuous', 'binary'];

/** Static description of a dataset: columns, types, one-hot groups and immutable features, by column index. */
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

/**
 * A dataset described by column NAMES (what `registerDataset` and `<name>.spec.json` take); resolved
 * into a DatasetSpec by `defineDataset`. `types` defaults to binary for one-hot columns, else continuous.
 */
export interface DatasetDefinition {
  name: string;
  label: string;
  features: readonly string[];
  types?: readonly FeatureType[];
  oneHotGroups?: readonly (readonly string[])[];
  immutable?: readonly string[];
  dataverse?: { train: number; test: number };
  /** Paths of the two splits (CSV or TSV); without them the files are looked up in RECOURSE_DATA_DIR. */
  files?: { train: string; test: string };
}

const DEFINITION_KEYS = ['name', 'label', 'features', 'types', 'oneHotGroups', 'immutable', 'dataverse', 'files'];
/** A dataset name: it names the files <name>-train.csv, <name>-test.csv and <name>.spec.json. */
export const DATASET_NAME = /^[a-z][a-z0-9_-]{0,39}$/;

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** Validates a definition and resolves names to column indices; every problem is one RecourseError starting with `where`. */
export function defineDataset(def: DatasetDefinition, where = `dataset '${(def as { name?: unknown })?.name}'`): DatasetSpec {
  const bad = (msg: string) => new RecourseError(`${where}: ${msg}`);
  if (typeof def !== 'object' || def === null || Array.isArray(def)) throw bad('the definition must be an object with name, label and features');
  const unknown = Object.keys(def).filter((k) => !DEFINITION_KEYS.includes(k));
  if (unknown.length) throw bad(`unknown field(s) ${unknown.map(echo).join(', ')}; valid fields: ${DEFINITION_KEYS.join(', ')}`);
  if (typeof def.name !== 'string' || !DATASET_NAME.test(def.name)) throw bad('name must be lower-case letters, digits, - or _ (it names the files <name>-train.csv and <name>-test.csv)');
  if (def.name === 'synthetic') throw bad("the name 'synthetic' is reserved for the generated dataset");
  if (!isStringList(def.features) || !def.features.length) throw bad('features must be a non-empty list of column names');
  const features = [...def.features];
  const index = new Map(features.map((f, i) => [f, i]));
  const badName = features.find((f) => !f.trim() || /[,\t"\r\n]/.test(f));
  if (badName !== undefined) throw bad(`feature name ${echo(badName)} is empty or contains a comma, tab, quote or line break`);
  const dup = features.find((f, i) => features.indexOf(f) !== i);
  if (dup !== undefined) throw bad(`feature ${echo(dup)} is listed twice`);
  if (typeof def.label !== 'string' || !def.label.trim() || /[,\t"\r\n]/.test(def.label)) throw bad('label must be the name of the 0/1 label column');
  if (index.has(def.label)) throw bad(`the label ${echo(def.label)} is also listed as a feature`);
  const col = (name: unknown, role: string): number => {
    const j = typeof name === 'string' ? index.get(name) : undefined;
    if (j === undefined) throw bad(`${role} ${echo(String(name))} is not one of the features (${features.slice(0, 8).join(', ')}${features.length > 8 ? ', …' : ''})`);
    return j;
  };
  const groupsIn = def.oneHotGroups ?? [];
  if (!Array.isArray(groupsIn) || !groupsIn.every(isStringList)) throw bad('oneHotGroups must be a list of lists of feature names');
  const owner = new Map<number, number>();
  const oneHotGroups = groupsIn.map((g, k) => {
    if (g.length < 2) throw bad(`one-hot group ${k + 1} has ${g.length} column(s); a group needs at least 2`);
    return g.map((name) => {
      const j = col(name, `one-hot group ${k + 1} column`);
      if (owner.has(j)) throw bad(`column ${echo(name)} is in one-hot groups ${owner.get(j)! + 1} and ${k + 1}; groups must not overlap`);
      owner.set(j, k);
      return j;
    });
  });
  const immIn = def.immutable ?? [];
  if (!isStringList(immIn)) throw bad('immutable must be a list of feature names');
  const immutable = immIn.map((name) => col(name, 'immutable column'));
  if (new Set(immutable).size !== immutable.length) throw bad('immutable lists a column twice');
  let types: FeatureType[];
  if (def.types === undefined) {
    types = features.map((_, j) => (owner.has(j) ? 'binary' : 'continuous'));
  } else {
    if (!Array.isArray(def.types) || def.types.length !== features.length) {
      throw bad(`types must list one type per feature: ${features.length} expected, got ${Array.isArray(def.types) ? def.types.length : 'none'}`);
    }
    const wrong = def.types.findIndex((t) => !FEATURE_TYPES.includes(t));
    if (wrong >= 0) throw bad(`type ${echo(String(def.types[wrong]))} of ${echo(features[wrong])} is not continuous or binary`);
    const cont = [...owner.keys()].find((j) => def.types![j] !== 'binary');
    if (cont !== undefined) throw bad(`column ${echo(features[cont])} is in a one-hot group, so its type must be binary`);
    types = [...def.types];
  }
  const dv = def.dataverse;
  if (dv !== undefined && !(Number.isInteger(dv?.train) && dv.train > 0 && Number.isInteger(dv?.test) && dv.test > 0)) {
    throw bad('dataverse must be {"train": <file id>, "test": <file id>} with positive integer ids');
  }
  const f = def.files;
  if (f !== undefined && !(typeof f?.train === 'string' && typeof f?.test === 'string')) throw bad('files must be {"train": <path>, "test": <path>}');
  return { name: def.name, label: def.label, features, types, oneHotGroups, immutable, ...(dv ? { dataverse: { train: dv.train, test: dv.test } } : {}) };
}
