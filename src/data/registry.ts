import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RecourseError } from '../util/errors';
import { readUserFile } from '../util/files';
import { echo, envText } from '../util/parse';

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
const NAME = /^[a-z][a-z0-9_-]{0,39}$/;

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** Validates a definition and resolves names to column indices; every problem is one RecourseError starting with `where`. */
export function defineDataset(def: DatasetDefinition, where = `dataset '${(def as { name?: unknown })?.name}'`): DatasetSpec {
  const bad = (msg: string) => new RecourseError(`${where}: ${msg}`);
  if (typeof def !== 'object' || def === null || Array.isArray(def)) throw bad('the definition must be an object with name, label and features');
  const unknown = Object.keys(def).filter((k) => !DEFINITION_KEYS.includes(k));
  if (unknown.length) throw bad(`unknown field(s) ${unknown.map(echo).join(', ')}; valid fields: ${DEFINITION_KEYS.join(', ')}`);
  if (typeof def.name !== 'string' || !NAME.test(def.name)) throw bad('name must be lower-case letters, digits, - or _ (it names the files <name>-train.csv and <name>-test.csv)');
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
const GERMAN_GROUPS = GERMAN_CAT.map(([name, levels]) => levels.map((l) => `${name}_${l}`));
const ADULT = ['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week', 'sex_Male',
  'workclass_Private', 'marital-status_Non-Married', 'occupation_Other', 'relationship_Non-Husband', 'race_White',
  'native-country_US'];
const COMPAS = ['age', 'two_year_recid', 'priors_count', 'length_of_stay', 'c_charge_degree_F', 'sex_Female', 'race'];

/** The paper's three datasets (OpenXAI splits). */
const BUILT_IN: DatasetDefinition[] = [
  {
    name: 'german',
    label: 'credit-risk',
    features: [...GERMAN_CONT, ...GERMAN_GROUPS.flat()],
    oneHotGroups: GERMAN_GROUPS,
    // age, foreign-worker, and personal-status-sex (it encodes sex together with marital status)
    immutable: ['age', 'foreign-worker', ...GERMAN_GROUPS[GERMAN_CAT.findIndex(([n]) => n === 'personal-status-sex')]],
    dataverse: { train: 8550931, test: 8550930 },
  },
  {
    name: 'adult',
    label: 'income',
    features: ADULT,
    types: ADULT.map((_, i) => (i < 6 ? 'continuous' : 'binary')),
    immutable: ['age', 'sex_Male'],
    dataverse: { train: 8550940, test: 8550933 },
  },
  {
    name: 'compas',
    label: 'risk',
    features: COMPAS,
    types: ['continuous', 'binary', 'continuous', 'continuous', 'binary', 'binary', 'binary'],
    immutable: ['age', 'sex_Female', 'race'],
    dataverse: { train: 8550936, test: 8550944 },
  },
];

interface Entry {
  readonly spec: DatasetSpec;
  readonly files?: { train: string; test: string };
}

const REGISTRY = new Map<string, Entry>();

/**
 * Adds a dataset from a definition by column names (validated; errors name the field and the fix) and
 * returns its resolved spec. Registering the same definition again is allowed; a different one under a
 * taken name is an error.
 */
export function registerDataset(def: DatasetDefinition): DatasetSpec {
  const spec = defineDataset(def);
  const files = def.files ? { train: resolve(def.files.train), test: resolve(def.files.test) } : undefined;
  const old = REGISTRY.get(spec.name);
  if (old && JSON.stringify(old) !== JSON.stringify({ spec, files })) {
    throw new RecourseError(`dataset '${spec.name}' is already registered with a different definition; pick another name`);
  }
  REGISTRY.set(spec.name, { spec, files });
  return spec;
}

BUILT_IN.forEach(registerDataset);

/** The folder RECOURSE_DATA_DIR names, if set. */
export function dataDirFromEnv(): string | undefined {
  const d = envText('RECOURSE_DATA_DIR');
  return d ? resolve(d) : undefined;
}

const SPEC_SUFFIX = '.spec.json';

/** Names of the datasets described by `<name>.spec.json` files in `dir` (none when it cannot be listed). */
function discoveredNames(dir: string | undefined): string[] {
  if (!dir) return [];
  try {
    return readdirSync(dir).filter((f) => f.endsWith(SPEC_SUFFIX)).map((f) => f.slice(0, -SPEC_SUFFIX.length)).filter((n) => NAME.test(n));
  } catch {
    return [];
  }
}

/** Every dataset name usable now: registered, discovered in RECOURSE_DATA_DIR, and `synthetic`. */
export function datasetNames(dataDir = dataDirFromEnv()): string[] {
  const found = discoveredNames(dataDir).filter((n) => !REGISTRY.has(n) && n !== 'synthetic');
  return [...REGISTRY.keys(), ...found.sort(), 'synthetic'];
}

/** Reads and validates `<dir>/<name>.spec.json` (the file's `name` may be omitted; it must match when given). */
function specFromFile(dir: string, name: string): DatasetSpec {
  const file = join(dir, name + SPEC_SUFFIX);
  const fix = `see the README section "Adding a dataset"`;
  const text = readUserFile(file, `make it a readable JSON file (${fix})`).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new RecourseError(`${file} is not valid JSON (${(e as Error).message}); ${fix}`);
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const given = (body as { name?: unknown }).name;
    if (given !== undefined && given !== name) throw new RecourseError(`${file}: name ${echo(String(given))} does not match the file name; use "${name}" or omit it`);
    if ((body as { files?: unknown }).files !== undefined) throw new RecourseError(`${file}: files cannot be set in a spec file; the splits are ${name}-train.csv and ${name}-test.csv next to it`);
    body = { ...body, name };
  }
  return defineDataset(body as DatasetDefinition, file);
}

/** Where a dataset's files come from when its registration names them. */
export function registeredFiles(name: string): { train: string; test: string } | undefined {
  return REGISTRY.get(name)?.files;
}

/**
 * The spec of a dataset: a registered one, else `<name>.spec.json` in `dataDir` (default RECOURSE_DATA_DIR);
 * an unknown name is an error listing the choices and how to add a dataset.
 */
export function datasetSpec(name: string, dataDir = dataDirFromEnv()): DatasetSpec {
  const entry = REGISTRY.get(name);
  if (entry) return entry.spec;
  if (dataDir && NAME.test(name) && existsSync(join(dataDir, name + SPEC_SUFFIX))) return specFromFile(dataDir, name);
  throw new RecourseError(`unknown dataset ${echo(name)}; choose one of ${datasetNames(dataDir).join(', ')}, or add one: ` +
    `<name>.spec.json next to <name>-train.csv and <name>-test.csv in RECOURSE_DATA_DIR (README, "Adding a dataset")`);
}
