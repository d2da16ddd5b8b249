import { GRID_RULES } from '../experiments/grid';
import { PROFILE_NAMES } from '../experiments/profiles';
import { isSetupName, SETUP_SYNTAX } from '../experiments/setups';
import { TRAIN_RULES } from '../models/options';
import { MODEL_KINDS } from '../models/types';
import { RECOURSE_METHOD_NAMES } from '../recourse/names';
import { type Command } from './args';

/** Processes `--jobs` may start on one machine. */
const MAX_JOBS = 64;

export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: "the paper's main experiment: every dataset × model × ε × method × seed (cached, resumable) into tables, figures and verdicts",
  flags: [
    {
      name: 'profile',
      value: PROFILE_NAMES.join('|'),
      help: "paper: the paper's grid; quick: a first look under a minute (matched threshold); variants: every setup on a reduced grid; decide: every factor level side by side; exact: the exact MLP recourse beside the searches",
      default: 'paper',
    },
    { name: 'grids', value: 'list', help: "only these grids of the profile, by name (the paper profile's are main and depth-width)" },
    { name: 'datasets', value: 'list', help: 'override the datasets (comma-separated)' },
    { name: 'models', value: 'list', rule: { type: 'names', values: MODEL_KINDS }, help: `override the model kinds (${MODEL_KINDS.join(', ')})` },
    {
      name: 'methods',
      value: 'list',
      rule: { type: 'names', values: RECOURSE_METHOD_NAMES },
      help: `override the methods (${RECOURSE_METHOD_NAMES.join(', ')})`,
    },
    { name: 'eps', value: 'list', rule: GRID_RULES.eps, help: 'override the ε grid (comma-separated numbers in [0, 1]; 0 is always added)' },
    { name: 'seeds', value: 'int', rule: { type: 'number', integer: true, min: 1, max: 1000, help: 'seeds' }, help: 'run seeds 0 … N−1' },
    {
      name: 'setup',
      value: 'list',
      rule: { type: 'names', values: [], grammar: { text: SETUP_SYNTAX, valid: isSetupName } },
      help: `setup variants, comma-separated; each is ${SETUP_SYNTAX}`,
    },
    { name: 'factuals', value: 'int', rule: GRID_RULES.factuals, help: 'cap on factuals per model' },
    { name: 'epochs', value: 'int', rule: TRAIN_RULES.epochs, help: 'training epochs (0 = automatic)' },
    { name: 'opt', value: 'method.key=value', help: 'a method option, e.g. --opt gsm.samplesPerShell=500 (repeatable)', repeat: true },
    { name: 'out', value: 'dir', help: 'output folder (results/, figures/)', default: 'reproduction' },
    {
      name: 'jobs',
      value: 'int',
      rule: { type: 'number', integer: true, min: 1, max: MAX_JOBS, help: 'processes' },
      help: 'processes sharing the work on this machine (e.g. 2 for two cores); they share the cache',
      default: '1',
    },
    { name: 'shard', value: 'i/N', help: 'compute only the i-th of N disjoint parts of the plan into the cache (for a cluster job array); then run --merge' },
    { name: 'merge', help: 'build tables, figures and verdicts from a cache filled by every shard (fails if a unit is missing)' },
    { name: 'claim', value: 'dir', help: 'internal, used by --jobs: claim groups of units through files in dir' },
    { name: 'no-cache', help: 'compute every unit, neither reading nor writing the cache' },
    { name: 'exact-mlp', help: 'run the exact method on the MLPs too (a MILP per factual, seconds each on a wide network; docs/methods.md)' },
    { name: 'no-theory', help: 'skip the Section 4 theory checks of the profile' },
    { name: 'no-images', help: 'skip SVG/PNG export (HTML figures are always written)' },
    { name: 'json', help: 'print one JSON object (summary and verdicts) instead of the report' },
  ],
  run: async (args) => (await import('./reproduce-run')).runReproduce(args),
};
