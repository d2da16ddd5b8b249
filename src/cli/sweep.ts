import { initBackend } from '../backend';
import { getDataset } from '../data';
import { trainSweep } from '../experiments/sweep';
import { MODEL_KINDS, type ModelKind } from '../models/types';
import { RecourseError, checkEpsilon } from '../util/errors';
import { datasetFlag, num, output, str, type Command } from './args';

function list(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'train and evaluate every model of one dataset over the ε grid (cached, resumable)',
  flags: [
    datasetFlag('german'),
    { name: 'models', value: 'list', rule: { type: 'names', values: MODEL_KINDS }, help: 'comma-separated model kinds', default: 'lr,mlp' },
    { name: 'eps-grid', value: 'list', rule: { type: 'numbers', min: 0, max: 1, help: 'training radii', note: 'features are scaled to [0, 1]' }, help: 'comma-separated training radii', default: '0,0.02,0.05,0.1,0.15,0.2,0.25,0.3' },
    { name: 'eval-eps', value: 'number', help: 'ε of the adversarial accuracy (default: each model\'s training ε; 0.1 for ERM)' },
    { name: 'seed', value: 'int', help: 'seed', default: '0' },
    { name: 'json', help: 'print one JSON object {dataset, rows: [...]}' },
  ],
  async run(args) {
    const models = list(str(args, 'models')) as ModelKind[];
    for (const m of models) if (!MODEL_KINDS.includes(m)) throw new RecourseError(`unknown model '${m}' in --models; choose from ${MODEL_KINDS.join(', ')}`);
    const grid = list(str(args, 'eps-grid')).map((e) => checkEpsilon(Number(e), '--eps-grid value'));
    const evalEps = args['eval-eps'] !== undefined ? checkEpsilon(num(args, 'eval-eps'), '--eval-eps') : undefined;
    const ds = await getDataset(str(args, 'dataset'));
    await initBackend({ quiet: !!args.json });
    const table = trainSweep(ds, {
      models, epsGrid: grid, evalEps, seed: num(args, 'seed'),
      onModel: args.json ? undefined : (i, n, r) => process.stderr.write(`[recourse] ${i}/${n} ${r.model} ε=${r.eps}: accuracy ${(100 * r.accuracy).toFixed(1)}%${r.fromCache ? ' (cache)' : ` (${r.trainSeconds.toFixed(1)} s)`}\n`),
    });
    const rows = table.objects();
    output(args, { dataset: ds.spec.name, rows }, () => [table.toMarkdown({ format: {
      accuracy: (v: number) => v.toFixed(4), advAccuracy: (v: number) => v.toFixed(4), positiveRate: (v: number) => v.toFixed(3), trainSeconds: (v: number) => v.toFixed(1),
    } })]);
    return 0;
  },
};
