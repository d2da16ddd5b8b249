import { TRAIN_RULES } from '../models/options';
import type { OptionRule } from '../util/options';
import { bool, datasetCaches, datasetFlag, ruleFlag, type Command } from './args';

/** Seeds the command line accepts: every distinct 32-bit seed. */
export const SEED_RULE: OptionRule = { type: 'number', integer: true, min: -2_147_483_648, max: 2_147_483_647, help: TRAIN_RULES.seed.help };

export const trainCommand: Command = {
  name: 'train',
  summary: 'train (or load from the cache) one model and print accuracy, adversarial accuracy and degeneracy',
  flags: [
    datasetFlag('german'),
    ruleFlag('model', TRAIN_RULES.kind, 'lr', 'model kind (lr-closed = eq. 16 closed-form robust LR)'),
    ruleFlag('eps', TRAIN_RULES.eps, 0),
    ruleFlag('eval-eps', { ...TRAIN_RULES.eps, help: 'ε of the adversarial accuracy (default: --eps, or 0.1 for ERM)' }),
    ruleFlag('seed', SEED_RULE, 0),
    ruleFlag('epochs', TRAIN_RULES.epochs, 0),
    ruleFlag('depth', TRAIN_RULES.depth, 1),
    ruleFlag('width', TRAIN_RULES.width, 0),
    ruleFlag('optimizer', TRAIN_RULES.optimizer, 'adam'),
    ruleFlag('learning-rate', TRAIN_RULES.learningRate, 0.01),
    ruleFlag('batch-size', TRAIN_RULES.batchSize, 256),
    ruleFlag('pgd-steps', TRAIN_RULES.pgdSteps, 7),
    { name: 'no-cache', help: 'train even when a cached model exists, and do not write the cache' },
    { name: 'json', help: 'print one JSON object' },
  ],
  caches: (args) => [...datasetCaches(args), ...(bool(args, 'no-cache') ? [] : (['models'] as const))],
  run: async (args) => (await import('./train-run')).runTrain(args),
};
