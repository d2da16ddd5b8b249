import * as tf from '@tensorflow/tfjs';
import * as aq from 'arquero';
import { backendName, initBackend } from '../backend';
import { runExperiment } from '../experiments/runner';
import type { ModelKind } from '../models/types';
import { fixed } from '../util/format';
import { bool, int, list, num, numbers, output, str, type ParsedArgs } from './args';
import { degenerateNote } from './degenerate-note';
import { unitProgress } from './unit-progress';

/** A table cell formatter: `digits` decimals, blank when the value is missing or not finite. */
const cell = (digits: number) => (v: unknown) => fixed(v, digits, '');

/**
 * Runs `recourse sweep`: the experiment layer with a training-only grid (plus SCFE with --scfe-factuals), so the
 * ε grid of each model kind trains as one stacked run and every model is cached as in `reproduce`.
 */
export async function runSweep(args: ParsedArgs): Promise<number> {
  const t0 = performance.now();
  const models = list(args, 'models') as ModelKind[];
  const eps = numbers(args, 'eps-grid');
  const nScfe = int(args, 'scfe-factuals');
  await initBackend({ quiet: args.json === true });
  const epochs = int(args, 'epochs');
  const run = await runExperiment(
    [
      {
        name: 'sweep',
        datasets: [str(args, 'dataset')],
        models,
        eps,
        seeds: [int(args, 'seed')],
        methods: nScfe ? ['scfe'] : [],
        factuals: Math.max(1, nScfe),
        evalEps: num(args, 'eval-eps'),
        robustnessSamples: 1,
        training: { learningRate: num(args, 'learning-rate'), batchSize: int(args, 'batch-size'), ...(epochs ? { epochs } : {}) },
      },
    ],
    { cache: !bool(args, 'no-cache'), onProgress: unitProgress(args.json !== true) },
  );
  const scfe = new Map(run.recourse.map((r) => [`${r.model} ${r.eps}`, r]));
  const rows = run.models.map((m) => {
    const s = scfe.get(`${m.model} ${m.eps}`);
    return {
      ...m,
      ...(s ? { scfeFactuals: s.factuals, scfeValidity: s.validity, scfeCost: s.cost } : {}),
    };
  });
  const seconds = { train: run.stageSeconds.train, eval: run.stageSeconds.eval, scfe: run.stageSeconds.recourse, total: (performance.now() - t0) / 1000 };
  const cpu = process.cpuUsage();
  const usage = { cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMB: process.resourceUsage().maxRSS / 1024, tensors: tf.memory().numTensors };
  output(args, { dataset: str(args, 'dataset'), backend: backendName(), seconds, ...usage, rows }, () => [
    aq
      .from(rows)
      .select(aq.not('depth', 'width', 'protocol', 'classWeight'))
      .toMarkdown({
        format: {
          accuracy: cell(4),
          advAccuracy: cell(4),
          positiveRate: cell(3),
          trainSeconds: cell(2),
          scfeValidity: cell(3),
          scfeCost: cell(3),
        },
      }),
    `seconds: train ${seconds.train.toFixed(1)}, eval ${seconds.eval.toFixed(1)}, scfe ${seconds.scfe.toFixed(1)}, total ${seconds.total.toFixed(1)} (process CPU ${usage.cpuSeconds.toFixed(1)} s, peak RSS ${usage.peakRssMB.toFixed(0)} MB)`,
    ...degenerateNote(
      run.models,
      'their accuracy is the majority rate and recourse against them is trivial or impossible',
      `to compare class-weighted training, which may avoid the collapse, run recourse reproduce --profile quick --datasets ${str(args, 'dataset')} --setup default,balanced`,
    ),
  ]);
  return 0;
}
