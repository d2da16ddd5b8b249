import { THEORY_MODELS } from '../experiments/theory/types';
import { bool, datasetCaches, datasetFlag, ruleFlag, type Command } from './args';
import { SEED_RULE } from './train';

export const theoryCommand: Command = {
  name: 'theory',
  summary: 'measure every bound of Section 4 per test instance: holds / violated / vacuous',
  flags: [
    datasetFlag('adult'),
    ruleFlag('model', { type: 'enum', values: THEORY_MODELS, help: 'model pair: logistic regression (Lemma 1, Thms 1, 3, 4) or NTK (Thms 2, 3, 5, Lemma 2)' }, 'lr'),
    ruleFlag('eps', { type: 'number', min: 0, max: 1, help: 'ℓ∞ radius of the robust model, > 0', note: 'features are scaled to [0, 1]' }, 0.3),
    ruleFlag('n', { type: 'number', integer: true, min: 1, max: 1_000_000, help: 'test instances to check' }, 500),
    ruleFlag('seed', SEED_RULE, 0, 'seed of initialisation, subsamples and instance order'),
    ruleFlag('ntk-train', { type: 'number', integer: true, min: 1, max: 10_000, help: 'NTK training subsample size', note: 'the kernel matrix grows with its square' }, 500),
    ruleFlag('beta', { type: 'number', max: 1e6, help: 'NTK ridge β > 0 in (K + βI)⁻¹Y' }, 1),
    ruleFlag('lemma-n', { type: 'enum', values: ['steps', 'epochs'], help: "what N counts in Lemma 1's Δ = Nη(‖x‖ + ε√d)" }, 'steps'),
    { name: 'no-cchvae', help: 'skip Theorem 3 (C-CHVAE)' },
    { name: 'json', help: 'print one JSON object' },
  ],
  caches: (args) => [...datasetCaches(args), 'models', ...(bool(args, 'no-cchvae') ? [] : (['vae'] as const))],
  run: async (args) => (await import('./theory-run')).runTheoryCommand(args),
};
