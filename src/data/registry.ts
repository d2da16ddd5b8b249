/**
 * The dataset registry: the paper's three datasets, datasets registered at run time, and those described
 * by `<name>.spec.json` in RECOURSE_DATA_DIR; definitions are validated by definition.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RecourseError } from '../util/errors';
import { readUserFile } from '../util/files';
import { echo, envText } from '../util/parse';
import { DATASET_NAME, defineDataset, type DatasetDefinition, type DatasetSpec } from './definition';

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
    return readdirSync(dir).filter((f) => f.endsWith(SPEC_SUFFIX)).map((f) => f.slice(0, -SPEC_SUFFIX.length)).filter((n) => DATASET_NAME.test(n));
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
  if (entry && dataDir && BUILT_IN.some((b) => b.name === name) && existsSync(join(dataDir, name + SPEC_SUFFIX))) {
    throw new RecourseError(`${join(dataDir, name + SPEC_SUFFIX)} describes the built-in dataset '${name}', whose definition the project fixes; ` +
      `remove that file, or give your dataset another name (its spec and both CSV files)`);
  }
  if (entry) return entry.spec;
  if (dataDir && DATASET_NAME.test(name) && existsSync(join(dataDir, name + SPEC_SUFFIX))) return specFromFile(dataDir, name);
  throw new RecourseError(`unknown dataset ${echo(name)}; choose one of ${datasetNames(dataDir).join(', ')}, or add one: ` +
    `<name>.spec.json next to <name>-train.csv and <name>-test.csv in RECOURSE_DATA_DIR (README, "Adding a dataset")`);
}
