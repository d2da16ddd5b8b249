import { GRID_RULES } from '../experiments/grid';
import { DEFAULT_LR_PAIR, DEFAULT_NTK_PAIR, DEFAULT_THEORY_RUN, LR_PAIR_RULES, NTK_PAIR_RULES } from '../experiments/theory/options';
import { THEORY_MODELS } from '../experiments/theory/types';
import { LEMMA_N_READINGS } from '../theory/statement';
import { bool, datasetCaches, datasetFlag, optionFlag, ruleFlag, type Command } from './args';
import { trainFlag } from './train';

export const theoryCommand: Command = {
  name: 'theory',
  summary: 'measure every bound of Section 4 per test instance: holds / violated / vacuous',
  flags: [
    datasetFlag('adult'),
    ruleFlag(
      'model',
      { type: 'enum', values: THEORY_MODELS, help: 'model pair: logistic regression (Lemma 1, Thms 1, 3, 4) or NTK (Thms 2, 3, 5, Lemma 2)' },
      'lr',
    ),
    optionFlag(DEFAULT_LR_PAIR, LR_PAIR_RULES, 'eps', { help: 'ℓ∞ radius of the robust model, > 0' }),
    ruleFlag('n', { ...GRID_RULES.factuals, help: 'test instances to check' }, DEFAULT_THEORY_RUN.n),
    trainFlag('seed', { help: 'seed of initialisation, subsamples and instance order' }),
    optionFlag(DEFAULT_NTK_PAIR, NTK_PAIR_RULES, 'n', { name: 'ntk-train' }),
    optionFlag(DEFAULT_NTK_PAIR, NTK_PAIR_RULES, 'beta'),
    ruleFlag('lemma-n', { type: 'enum', values: LEMMA_N_READINGS, help: "what N counts in Lemma 1's Δ = Nη(‖x‖ + ε√d)" }, DEFAULT_THEORY_RUN.lemmaN),
    { name: 'no-cchvae', help: 'skip Theorem 3 (C-CHVAE)' },
    { name: 'json', help: 'print one JSON object' },
  ],
  caches: (args) => [...datasetCaches(args), 'models', ...(bool(args, 'no-cchvae') ? [] : (['vae'] as const))],
  run: async (args) => (await import('./theory-run')).runTheoryCommand(args),
};
