import * as tf from '@tensorflow/tfjs';
import * as aq from 'arquero';
import { backendName, initBackend } from '../backend';
import { getDataset } from '../data';
import type { Dataset } from '../data/types';
import type { SweepRow } from '../experiments/sweep';
import { selectFactuals, summarizeRecourse } from '../metrics';
import { NetStack } from '../models/net';
import { fitGrid } from '../models/train-fit';
import type { TrainedModel } from '../models/store';
import { MODEL_KINDS, type ModelKind } from '../models/types';
import { scfe } from '../recourse';
import { RecourseError, checkEpsilon, checkPositiveInt } from '../util/errors';
import { matrix } from '../util/matrix';
import { datasetFlag, int, num, output, str, type Command, type ParsedArgs } from './args';

function list(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

/** A table cell formatter: `digits` decimals, blank when the value is missing or not finite. */
const fixed = (digits: number) => (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '');

/**
 * A sweep row plus the process's resident memory and live tensors once the model was ready (flat across
 * models when nothing leaks) and, with --scfe-factuals, SCFE's validity and mean ℓ2 cost on the shared factuals.
 */
type Row = SweepRow & { rssMB: number; tensors: number; scfeFactuals?: number; scfeValidity?: number; scfeCost?: number };

/** The training options the sweep's flags set (unset flags keep the library defaults). */
function trainFlags(args: ParsedArgs): { seed: number; epochs?: number; learningRate?: number; batchSize?: number } {
  return {
    seed: int(args, 'seed'),
    epochs: args.epochs !== undefined ? int(args, 'epochs') : undefined,
    learningRate: args['learning-rate'] !== undefined ? num(args, 'learning-rate') : undefined,
    batchSize: args['batch-size'] !== undefined ? int(args, 'batch-size') : undefined,
  };
}

/**
 * SCFE on the first n test points the kind's ε = 0 model (else the grid's first) predicts negative, for every
 * model of the grid at once: the factuals tiled once per model through a NetStack, so the grid shares one
 * batched search. Adds validity and cost to the rows and returns the seconds spent.
 */
async function scfeStage(ds: Dataset, models: TrainedModel[], rows: Row[], n: number): Promise<number> {
  const t0 = performance.now();
  const reference = (models.find((m) => m.options.eps === 0) ?? models[0]).net;
  if (reference.predict(ds.test.x).every((p) => p === 1)) {
    // a reference that predicts every test point positive leaves nothing to explain
    rows.forEach((r) => (r.scfeFactuals = 0));
    return (performance.now() - t0) / 1000;
  }
  const f = selectFactuals(ds.test, reference, { policy: 'reference', reference, n });
  const [M, k, d] = [models.length, f.x.rows, f.x.cols];
  const tiled = matrix(M * k, d);
  for (let m = 0; m < M; m++) tiled.data.set(f.x.data, m * k * d);
  const stack = new NetStack(models.map((m) => m.net));
  const r = await scfe.generate(stack, tiled, {}, { spec: ds.spec, train: ds.train });
  stack.dispose();
  models.forEach((m, i) => {
    const block = <T>(a: { slice(s: number, e: number): T }, w: number) => a.slice(i * k * w, (i + 1) * k * w);
    const s = summarizeRecourse(m.net, f.x, { ...r, counterfactuals: matrix(k, d, block(r.counterfactuals.data, d)), alreadyPositive: block(r.alreadyPositive, 1) });
    Object.assign(rows[i], { scfeFactuals: s.n, scfeValidity: s.validity, scfeCost: s.meanCostValid });
  });
  return (performance.now() - t0) / 1000;
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'train and evaluate every model of one dataset over the ε grid (cached, resumable; one stacked run per model kind)',
  flags: [
    datasetFlag('german'),
    { name: 'models', value: 'list', help: `comma-separated model kinds (${MODEL_KINDS.join(', ')})`, default: 'lr,mlp' },
    { name: 'eps-grid', value: 'list', help: 'comma-separated training radii', default: '0,0.02,0.05,0.1,0.15,0.2,0.25,0.3' },
    { name: 'eval-eps', value: 'number', help: 'ε of the adversarial accuracy (default: each model\'s training ε; 0.1 for ERM)' },
    { name: 'seed', value: 'int', help: 'seed', default: '0' },
    { name: 'epochs', value: 'int', help: 'epochs (default: automatic, ≈ 6000 optimiser steps)' },
    { name: 'learning-rate', value: 'number', help: 'Adam learning rate (default 0.01)' },
    { name: 'batch-size', value: 'int', help: 'minibatch size (default 256)' },
    { name: 'scfe-factuals', value: 'int', help: 'also run SCFE for every model on the first n negatives of the ε = 0 model (0 = no SCFE)', default: '0' },
    { name: 'no-cache', help: 'train every model even when cached, and do not write the cache' },
    { name: 'json', help: 'print one JSON object {dataset, backend, seconds: {train, eval, scfe, total}, cpuSeconds, peakRssMB, rows: [...]}' },
  ],
  async run(args) {
    const t0 = performance.now();
    const models = list(str(args, 'models')) as ModelKind[];
    for (const m of models) if (!MODEL_KINDS.includes(m)) throw new RecourseError(`unknown model '${m}' in --models; choose from ${MODEL_KINDS.join(', ')}`);
    const grid = list(str(args, 'eps-grid')).map((e) => checkEpsilon(Number(e), '--eps-grid value'));
    if (!grid.length) throw new RecourseError('--eps-grid is empty; give at least one ε in [0, 1]');
    const evalEps = args['eval-eps'] !== undefined ? checkEpsilon(num(args, 'eval-eps'), '--eval-eps') : undefined;
    const nScfe = int(args, 'scfe-factuals');
    if (nScfe) checkPositiveInt(nScfe, '--scfe-factuals');
    const flags = trainFlags(args);
    const ds = await getDataset(str(args, 'dataset'));
    await initBackend({ quiet: !!args.json });
    const seconds = { train: 0, eval: 0, scfe: 0, total: 0 };
    const rows: Row[] = [];
    let done = 0;
    for (const kind of models) {
      const memory: { rssMB: number; tensors: number }[] = [];
      const fit = fitGrid(ds, { ...flags, kind }, grid, {
        evalEps, cache: !args['no-cache'],
        onModel: (m) => {
          memory.push({ rssMB: process.memoryUsage().rss / 2 ** 20, tensors: tf.memory().numTensors });
          if (!args.json) process.stderr.write(`[recourse] ${++done}/${models.length * grid.length} ${kind} ε=${m.options.eps}: accuracy ${(100 * m.metrics.accuracy).toFixed(1)}%${m.fromCache ? ' (cache)' : ''}\n`);
        },
      });
      seconds.train += fit.trainSeconds;
      seconds.eval += fit.evalSeconds;
      const kindRows: Row[] = fit.models.map((m, i) => ({
        dataset: ds.spec.name, model: kind, eps: m.options.eps, accuracy: m.metrics.accuracy, advAccuracy: m.metrics.advAccuracy,
        evalEps: m.metrics.evalEps, positiveRate: m.metrics.positiveRate, degenerate: m.metrics.degenerate,
        trainSeconds: m.trainSeconds, fromCache: m.fromCache, ...memory[i],
      }));
      if (nScfe) seconds.scfe += await scfeStage(ds, fit.models, kindRows, nScfe);
      fit.models.forEach((m) => m.net.dispose());
      rows.push(...kindRows);
    }
    seconds.total = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage();
    const usage = { cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMB: process.resourceUsage().maxRSS / 1024 };
    output(args, { dataset: ds.spec.name, backend: backendName(), seconds, ...usage, rows }, () => [
      aq.from(rows).toMarkdown({ format: {
        accuracy: fixed(4), advAccuracy: fixed(4), positiveRate: fixed(3), trainSeconds: fixed(2), rssMB: fixed(0), scfeValidity: fixed(3), scfeCost: fixed(3),
      } }),
      `seconds: train ${seconds.train.toFixed(1)}, eval ${seconds.eval.toFixed(1)}, scfe ${seconds.scfe.toFixed(1)}, total ${seconds.total.toFixed(1)} (process CPU ${usage.cpuSeconds.toFixed(1)} s, peak RSS ${usage.peakRssMB.toFixed(0)} MB)`,
    ]);
    return 0;
  },
};
