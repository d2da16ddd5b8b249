import { DEFAULT_GRID } from '../experiments/grid';
import { EPS_GRID, TRAIN_RULES } from '../models/options';
import { MODEL_KINDS } from '../models/types';
import { bool, datasetCaches, datasetFlag, ruleFlag, type Command } from './args';
import { trainFlag } from './train';

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'train and evaluate every model of one dataset over the ε grid (one stacked run per model kind; cached, resumable)',
  flags: [
    datasetFlag('german'),
    {
      name: 'models',
      value: 'list',
      rule: { type: 'names', values: MODEL_KINDS },
      help: 'comma-separated model kinds',
      default: DEFAULT_GRID.models.join(','),
    },
    {
      name: 'eps-grid',
      value: 'list',
      rule: { type: 'numbers', min: 0, max: 1, help: 'training radii', note: 'features are scaled to [0, 1]' },
      help: 'comma-separated training radii',
      default: EPS_GRID.join(','),
    },
    ruleFlag('eval-eps', { ...TRAIN_RULES.eps, help: 'ε of the adversarial accuracy, the same attack for every model' }, DEFAULT_GRID.evalEps),
    trainFlag('seed'),
    trainFlag('epochs'),
    trainFlag('learningRate'),
    trainFlag('batchSize'),
    ruleFlag(
      'scfe-factuals',
      {
        type: 'number',
        integer: true,
        min: 0,
        max: 1_000_000,
        help: 'also run SCFE for every model on the first n test points the ε = 0 model predicts negative (0 = no SCFE)',
      },
      0,
    ),
    { name: 'no-cache', help: 'train every model even when cached, and do not write the cache' },
    { name: 'json', help: 'print one JSON object {dataset, backend, seconds: {train, eval, scfe, total}, cpuSeconds, peakRssMB, rows: [...]}' },
  ],
  caches: (args) => [...datasetCaches(args), ...(bool(args, 'no-cache') ? [] : (['models', 'results'] as const))],
  run: async (args) => (await import('./sweep-run')).runSweep(args),
};
