import { DEFAULT_GRID, GRID_RULES } from '../experiments/grid';
import { RECOURSE_METHOD_NAMES } from '../recourse/names';
import { datasetCaches, datasetFlag, ruleFlag, type Command } from './args';
import { trainFlag } from './train';

export const explainCommand: Command = {
  name: 'explain',
  summary: 'generate recourses for test points with one method and print validity, cost, cost difference and time',
  flags: [
    datasetFlag('german'),
    trainFlag('kind', { name: 'model', help: 'model kind' }),
    trainFlag('eps', { help: 'ℓ∞ training radius of the model' }),
    ruleFlag('method', { type: 'enum', values: RECOURSE_METHOD_NAMES, help: 'recourse method' }, 'scfe'),
    ruleFlag('n', { ...GRID_RULES.factuals, help: 'number of factuals (the first n test points chosen by the policy)' }, 200),
    ruleFlag(
      'policy',
      { ...GRID_RULES.policy, help: "factuals: predicted negative by the ε = 0 model ('reference', the same people under every ε) or by this model" },
      DEFAULT_GRID.policy,
    ),
    trainFlag('seed', { help: 'seed of the model training and of the method' }),
    trainFlag('epochs', { help: 'training epochs of both models (0 = automatic)' }),
    { name: 'opt', value: 'key=value', help: 'a method option, e.g. --opt lambda=0.1 (repeatable; see docs/options.md)', repeat: true },
    ruleFlag(
      'robustness-sigma',
      {
        type: 'number',
        min: 0,
        help: 'σ of the noise for recourse robustness (Fig. 16): share of noisy copies of each valid counterfactual still positive',
        note: 'features are scaled to [0, 1]',
      },
      DEFAULT_GRID.robustnessSigma,
    ),
    { name: 'json', help: 'print one JSON object' },
  ],
  caches: (args) => [...datasetCaches(args), 'models', 'results', ...(args.method === 'cchvae' ? (['vae'] as const) : [])],
  run: async (args) => (await import('./explain-run')).runExplain(args),
};
