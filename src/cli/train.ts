import { DEFAULT_TRAIN_OPTIONS, TRAIN_RULES, type TrainOptions } from '../models/options';
import type { OptionRule } from '../util/options';
import { bool, datasetCaches, datasetFlag, optionFlag, ruleFlag, type Command } from './args';
import type { FlagSpec } from './flag-rules';

/** Seeds the command line accepts: every distinct 32-bit seed. */
export const SEED_RULE: OptionRule = { type: 'number', integer: true, min: -2_147_483_648, max: 2_147_483_647, help: TRAIN_RULES.seed.help };

const CLI_TRAIN_RULES = { ...TRAIN_RULES, seed: SEED_RULE };

/** The flag of a training option (`learningRate` → `--learning-rate`), with its rule and default from models/options.ts. */
export function trainFlag(key: keyof TrainOptions, over: { name?: string; rule?: OptionRule; help?: string } = {}): FlagSpec {
  return optionFlag(DEFAULT_TRAIN_OPTIONS, CLI_TRAIN_RULES, key, over);
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train (or load from the cache) one model and print accuracy, adversarial accuracy and degeneracy',
  flags: [
    datasetFlag('german'),
    trainFlag('kind', { name: 'model', help: 'model kind (lr-closed = eq. 16 closed-form robust LR)' }),
    trainFlag('eps'),
    ruleFlag('eval-eps', { ...TRAIN_RULES.eps, help: 'ε of the adversarial accuracy (default: --eps, or 0.1 for ERM)' }),
    trainFlag('seed'),
    trainFlag('epochs'),
    trainFlag('depth'),
    trainFlag('width'),
    trainFlag('optimizer'),
    trainFlag('learningRate'),
    trainFlag('batchSize'),
    trainFlag('pgdSteps'),
    { name: 'no-cache', help: 'train even when a cached model exists, and do not write the cache' },
    { name: 'json', help: 'print one JSON object' },
  ],
  caches: (args) => [...datasetCaches(args), ...(bool(args, 'no-cache') ? [] : (['models'] as const))],
  run: async (args) => (await import('./train-run')).runTrain(args),
};
