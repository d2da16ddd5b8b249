import { initBackend } from '../backend';
import { getDataset } from '../data';
import { runTheory, theoryJson, theoryLines, type TheoryModel } from '../experiments/theory/index';
import { check } from '../util/errors';
import { bool, progressLog, int, num, output, str } from './args';
import type { ParsedArgs } from './args';

/** Runs `recourse theory` with parsed flags (loaded only when the command runs). */
export async function runTheoryCommand(args: ParsedArgs): Promise<number> {
  const model = str(args, 'model') as TheoryModel;
  const eps = num(args, 'eps');
  check(eps > 0, '--eps must be > 0: the checks compare a robust model with the ERM one');
  const n = int(args, 'n');
  const seed = int(args, 'seed');
  const lemmaN = str(args, 'lemma-n') as 'steps' | 'epochs';
  const ds = await getDataset(str(args, 'dataset'));
  await initBackend({ quiet: args.json === true });
  const say = progressLog();
  const common = { eps, n, seed, onProgress: say, cchvae: bool(args, 'no-cchvae') ? (false as const) : {} };
  const run = await runTheory(
    ds,
    model === 'lr' ? { ...common, model, lemmaN } : { ...common, model, pair: { n: int(args, 'ntk-train'), beta: num(args, 'beta') } },
  );
  output(args, theoryJson(run), () => theoryLines(run));
  return 0;
}
