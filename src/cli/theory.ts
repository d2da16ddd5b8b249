import { initBackend } from '../backend';
import { getDataset } from '../data';
import { runTheory, theoryJson, theoryLines, THEORY_MODELS, type TheoryModel } from '../experiments/theory/index';
import { check, checkEpsilon, checkPositiveInt } from '../util/errors';
import { progressLog, int, datasetFlag, num, output, str, type Command } from './args';

export const theoryCommand: Command = {
  name: 'theory',
  summary: 'measure every bound of Section 4 per test instance: holds / violated / vacuous',
  flags: [
    datasetFlag('adult'),
    { name: 'model', value: 'lr|ntk', help: 'model pair: logistic regression (Lemma 1, Thms 1, 3, 4) or NTK (Thms 2, 3, 5, Lemma 2)', default: 'lr' },
    { name: 'eps', value: 'number', help: 'ℓ∞ radius of the robust model in [0, 1]', default: '0.3' },
    { name: 'n', value: 'int', help: 'test instances to check', default: '500' },
    { name: 'seed', value: 'int', help: 'seed of initialisation, subsamples and instance order', default: '0' },
    { name: 'ntk-train', value: 'int', help: 'NTK training subsample size', default: '500' },
    { name: 'beta', value: 'number', help: 'NTK ridge β in (K + βI)⁻¹Y', default: '1' },
    { name: 'lemma-n', value: 'steps|epochs', help: "what N counts in Lemma 1's Δ = Nη(‖x‖ + ε√d)", default: 'steps' },
    { name: 'no-cchvae', help: 'skip Theorem 3 (C-CHVAE)' },
    { name: 'json', help: 'print one JSON object' },
  ],
  async run(args) {
    const model = str(args, 'model') as TheoryModel;
    check(THEORY_MODELS.includes(model), `--model must be lr or ntk; got '${model}'`);
    const eps = checkEpsilon(num(args, 'eps'), '--eps');
    check(eps > 0, '--eps must be > 0: the checks compare a robust model with the ERM one');
    const n = checkPositiveInt(num(args, 'n'), '--n');
    const seed = int(args, 'seed');
    const lemmaN = str(args, 'lemma-n');
    check(lemmaN === 'steps' || lemmaN === 'epochs', `--lemma-n must be steps or epochs; got '${lemmaN}'`);
    const ds = await getDataset(str(args, 'dataset'));
    await initBackend({ quiet: !!args.json });
    const say = progressLog(args);
    const common = { eps, n, seed, onProgress: say, cchvae: args['no-cchvae'] ? (false as const) : {} };
    const run = await runTheory(ds, model === 'lr'
      ? { ...common, model, lemmaN }
      : { ...common, model, pair: { n: checkPositiveInt(num(args, 'ntk-train'), '--ntk-train'), beta: num(args, 'beta') } });
    output(args, theoryJson(run), () => theoryLines(run));
    return 0;
  },
};
